"""`jdscan check`: does each ad draft read as the role it claims, clearly, without mixed
signals? Plain results, no printing: the CLI renders a CheckReport."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO

from ..limits import TIME_LIMIT, AdTimeout, time_limit
from ..model import OTHER, ReadError, Verdict
from ..readers import ReadOptions, read_inputs
from ..scanner import Scanner
from ..text.document import Document
from . import checks
from .codes import SEVERITY_RANK
from .findings import Finding, Location
from .suppress import Waiver, apply_waivers, waivers

FAIL_ON = ("error", "warning", "never")


@dataclass(frozen=True)
class CheckSettings:
    """What to expect and how strict to be. Globs match paths relative to `base`."""

    expect: str | None = None  # --expect: one role for every draft
    globs: dict[str, str] = field(default_factory=dict)  # configuration: glob -> role
    base: Path = Path(".")
    ambiguous_margin: float | None = None  # None: the rules' own `ambiguous_margin`
    min_confidence: float = 0.5
    severity: dict[str, str] = field(default_factory=dict)  # code -> error/warning/info/off
    time_limit: float | None = TIME_LIMIT  # seconds to read, and to classify, one draft
    require_reason: bool = False  # a waiver without `-- why` is not applied, and is a bad-suppression


@dataclass
class DraftResult:
    path: str
    expected: str | None
    expected_from: str  # "--expect", "front matter", "config: <glob>", or ""
    verdict: Verdict | None
    findings: list[Finding]
    waived: list[tuple[Finding, Waiver]] = field(default_factory=list)  # each with the waiver that covers it

    @property
    def suppressed(self) -> list[str]:
        """The codes of the findings waived."""
        return [f.code for f, _ in self.waived]


@dataclass
class CheckReport:
    drafts: list[DraftResult]

    @property
    def findings(self) -> list[Finding]:
        return [f for d in self.drafts for f in d.findings]

    def failing(self, fail_on: str) -> list[Finding]:
        """The findings that fail the check at this --fail-on level."""
        if fail_on == "never":
            return []
        return [f for f in self.findings if SEVERITY_RANK[f.severity] >= SEVERITY_RANK[fail_on]]


def check_paths(scanner: Scanner, paths: Iterable[str | Path], settings: CheckSettings,
                stdin: bytes | BinaryIO | None = None) -> CheckReport:
    """Check every draft the paths name (files, folders, globs, `-`)."""
    items = read_inputs(paths, ReadOptions(time_limit=settings.time_limit), stdin)
    return CheckReport([check_one(scanner, item, settings) for item in items])


def check_one(scanner: Scanner, item: Document | ReadError, settings: CheckSettings) -> DraftResult:
    if isinstance(item, ReadError):
        finding = Finding(item.source, "unreadable", "error", item.reason, Location(1, 1))
        return DraftResult(item.source, None, "", None, _apply_severity([finding], settings))
    expected, source = expected_role(item, settings)
    try:
        with time_limit(settings.time_limit):
            verdict = scanner.classify_document(item)
    except AdTimeout as exc:
        return check_one(scanner, ReadError(item.source, f"could not be classified: it {exc} (try "
                                            "--time-limit with a larger limit)"), settings)
    found, bad = waivers(item, settings.require_reason)
    kept, waived = apply_waivers(_findings(item, verdict, expected, scanner, settings), found)
    findings = sorted(_apply_severity(kept + bad, settings), key=lambda f: (f.location.line, f.location.column, f.code))
    waived = [(g, w) for f, w in waived for g in _apply_severity([f], settings)]
    return DraftResult(item.source or "<stdin>", expected, source, verdict, findings, waived)


def expected_role(doc: Document, settings: CheckSettings) -> tuple[str | None, str]:
    """The role a draft claims: --expect, else front matter `role:`, else the first
    configured glob that matches its path."""
    if settings.expect:
        return settings.expect, "--expect"
    if isinstance(doc.meta.get("role"), str):
        return doc.meta["role"], "front matter"
    rel = _relative(doc.source or "", settings.base)
    for pattern, role in settings.globs.items():
        if fnmatch.fnmatch(rel, pattern):
            return role, f"config: {pattern}"
    return None, ""


def _findings(doc: Document, v: Verdict, expected: str | None, scanner: Scanner,
              settings: CheckSettings) -> list[Finding]:
    roles = scanner.rules.roles
    margin = settings.ambiguous_margin
    if margin is None:
        margin = scanner.rules.context.scoring.ambiguous_margin
    found: list[Finding] = []
    if expected is not None and expected not in roles and expected != OTHER:
        found.append(Finding(doc.source or "<stdin>", "unknown-role", "error",
                             f"claims role {expected!r}, which the rules do not define (try one of: "
                             f"{', '.join(roles)})", Location(doc.title_line, 1)))
        expected = None
    role = expected or v.role
    if expected is not None:
        found += checks.role_mismatch(doc, v, expected, roles)
    found += checks.ambiguous(doc, v, margin)
    found += checks.low_confidence(doc, v, settings.min_confidence)
    found += checks.mixed_signals(doc, v, role, roles)
    found += checks.missing_dimensions(doc, v, role, roles)
    found += checks.title_mismatch(doc, v)
    return found


def _apply_severity(findings: list[Finding], settings: CheckSettings) -> list[Finding]:
    out = []
    for f in findings:
        level = settings.severity.get(f.code, f.severity)
        if level != "off":
            out.append(replace(f, severity=level))
    return out


def _relative(source: str, base: Path) -> str:
    try:
        return Path(source).resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return Path(source).as_posix()
