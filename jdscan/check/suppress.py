"""Findings a draft waives itself, each with a scope, as ESLint and Vale scope theirs:

- `<!-- jdscan-disable CODE -- why -->`: the comment's own lines and the line after it
  (written just above the sentence it is about, or at the end of that line);
- `<!-- jdscan-disable-file CODE -- why -->` and front matter `jdscan: {ignore: [CODE]}`:
  the whole draft.

No code: every finding in scope. The reason after `--` is kept (SARIF's justification);
with `require_reason`, a waiver without one is not applied and is a `bad-suppression`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text.document import Document
from .codes import CODES
from .findings import Finding, Location

# <!-- jdscan-disable[-file] CODE[, CODE] [-- why] -->
DISABLE = re.compile(r"^jdscan-disable(-file)?(?:\s+(?!--)(.*?))?(?:\s+--(?:\s(.*))?)?$", re.DOTALL)


@dataclass(frozen=True)
class Waiver:
    code: str  # a finding code, or "all"
    line: int  # where it is written
    last: int | None  # the last line it covers from `line` on; None: the whole draft
    reason: str

    def covers(self, f: Finding) -> bool:
        if self.code not in ("all", f.code):
            return False
        return self.last is None or self.line <= f.location.line <= self.last


def waivers(doc: Document, require_reason: bool = False) -> tuple[list[Waiver], list[Finding]]:
    """The draft's waivers, and a `bad-suppression` finding for each that names an
    unknown code (or, with `require_reason`, gives no reason: then it is not applied)."""
    found: list[Waiver] = []
    lines = doc.comment_lines or (doc.title_line,) * len(doc.comments)
    for comment, line in zip(doc.comments, lines):
        m = DISABLE.match(comment.strip())
        if m:
            last = None if m.group(1) else line + comment.count("\n") + 1
            reason = (m.group(3) or "").strip()
            found += [Waiver(code, line, last, reason) for code in (m.group(2) or "all").replace(",", " ").split()]
    options = doc.meta.get("jdscan")
    if isinstance(options, dict) and isinstance(options.get("ignore"), list):
        found += [Waiver(str(c), doc.directive_line, None, "") for c in options["ignore"]]
    source = doc.source or "<stdin>"
    bad = [_bad(source, w, f"names an unknown code {w.code!r} (try one of: {', '.join(CODES)})")
           for w in found if w.code not in CODES and w.code != "all"]
    if require_reason:
        bad += [_bad(source, w, f"waives {w.code} without a reason (try `<!-- jdscan-disable{_form(w)} {w.code} -- "
                     "why it is right -->`; a reason is required here)") for w in found if not w.reason]
        found = [w for w in found if w.reason]
    return [w for w in found if w.code in CODES or w.code == "all"], sorted(set(bad), key=_place)


def apply_waivers(findings: list[Finding], found: list[Waiver]) -> tuple[list[Finding], list[tuple[Finding, Waiver]]]:
    """(findings kept, (finding, the waiver that covers it) for each waived)."""
    kept, waived = [], []
    for f in findings:
        w = next((w for w in found if w.covers(f)), None)
        if w is None:
            kept.append(f)
        else:
            waived.append((f, w))
    return kept, waived


def _form(w: Waiver) -> str:
    return "" if w.last is not None else "-file"


def _bad(source: str, w: Waiver, what: str) -> Finding:
    return Finding(source, "bad-suppression", "warning", f"jdscan-disable{_form(w)} {what}", Location(w.line, 1))


def _place(f: Finding) -> tuple:
    return f.location.line, f.message
