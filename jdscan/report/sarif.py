"""`jdscan check` as SARIF 2.1.0, for code-scanning dashboards (GitHub, GitLab, Azure)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from .. import __version__
from ..check.codes import CODES, HELP
from ..check.drafts import CheckReport
from ..check.findings import Finding, Location

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
ROOT = "%SRCROOT%"  # relative paths are relative to where jdscan ran; the run says where that was
STDIN_URI = "urn:jdscan:stdin"  # a draft piped in has no path: a stable, absolute name for it


def to_sarif(report: CheckReport) -> dict:
    """One run of the tool `jdscan`, a rule per finding code, a result per finding; a
    finding the draft waived is a result too, with its suppression (kept auditable)."""
    codes = list(CODES)
    rules = [_rule(code, severity, text) for code, (severity, text) in CODES.items()]
    driver = {"name": "jdscan", "version": __version__, "rules": rules}
    guide = _ci_guide()
    if guide is not None:  # jdscan's own page on checks, as installed (no public site exists)
        driver["informationUri"] = guide.as_uri()
    results = [_result(f, codes.index(f.code)) for f in report.findings]
    for draft in report.drafts:
        results += [_result(f, codes.index(f.code), w.reason) for f, w in draft.waived]
    root = {ROOT: {"uri": Path.cwd().as_uri().rstrip("/") + "/"}}
    return {"$schema": SCHEMA, "version": "2.1.0",
            "runs": [{"tool": {"driver": driver}, "originalUriBaseIds": root, "columnKind": "unicodeCodePoints",
                      "results": results}]}


def _ci_guide() -> Path | None:
    """docs/ci.md as installed: inside the wheel (jdscan/docs), or a checkout's docs/."""
    package = Path(__file__).resolve().parents[1]
    return next((p for p in (package / "docs" / "ci.md", package.parent / "docs" / "ci.md") if p.is_file()), None)


def artifact_location(path: str) -> dict:
    """A path as SARIF wants it: a percent-encoded URI reference (a space, %, # or a
    non-ASCII letter would otherwise break it or be read as a fragment), relative to
    %SRCROOT% unless it is absolute."""
    if path == "<stdin>":
        return {"uri": STDIN_URI}
    p = Path(path)
    if p.is_absolute():
        return {"uri": p.as_uri()}
    return {"uri": quote(p.as_posix(), safe="/"), "uriBaseId": ROOT}


def _rule(code: str, severity: str, text: str) -> dict:
    name, what = HELP[code]
    return {"id": code, "name": name, "shortDescription": {"text": text},
            "fullDescription": {"text": f"{text} {what}"},
            "help": {"text": what, "markdown": f"**{code}** ({severity}): {what}"},
            "defaultConfiguration": {"level": LEVEL[severity]}}


def _result(f: Finding, rule_index: int, waived: str | None = None) -> dict:
    result = {"ruleId": f.code, "ruleIndex": rule_index, "level": LEVEL[f.severity],
              "message": {"text": f.message}, "locations": [_location(f.path, f.location)]}
    if waived is not None:  # SARIF 3.35: a result the draft itself suppressed, with its reason
        result["suppressions"] = [{"kind": "inSource", **({"justification": waived} if waived else {})}]
    if f.related:
        result["relatedLocations"] = [{**_location(f.path, loc), "id": i}
                                      for i, loc in enumerate(f.related, 1)]
    return result


def _location(path: str, loc: Location) -> dict:
    region: dict = {"startLine": loc.line, "startColumn": loc.column}
    if loc.text:
        region["snippet"] = {"text": loc.text}
    return {"physicalLocation": {"artifactLocation": artifact_location(path), "region": region}}
