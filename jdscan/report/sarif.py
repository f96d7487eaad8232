"""`jdscan check` as SARIF 2.1.0, for code-scanning dashboards (GitHub, GitLab, Azure)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from .. import __version__
from ..check.codes import CODES
from ..check.drafts import CheckReport
from ..check.findings import Finding, Location

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
ROOT = "%SRCROOT%"  # relative paths are relative to where jdscan ran; the run says where that was
STDIN_URI = "urn:jdscan:stdin"  # a draft piped in has no path: a stable, absolute name for it


def to_sarif(report: CheckReport) -> dict:
    """One run of the tool `jdscan`, a rule per finding code, a result per finding."""
    codes = list(CODES)
    rules = [{"id": code, "name": code.title().replace("-", ""),
              "shortDescription": {"text": text},
              "defaultConfiguration": {"level": LEVEL[severity]}}
             for code, (severity, text) in CODES.items()]
    driver = {"name": "jdscan", "version": __version__, "rules": rules,
              "informationUri": "https://pypi.org/project/jdscan/"}
    results = [_result(f, codes.index(f.code)) for f in report.findings]
    root = {ROOT: {"uri": Path.cwd().as_uri().rstrip("/") + "/"}}
    return {"$schema": SCHEMA, "version": "2.1.0",
            "runs": [{"tool": {"driver": driver}, "originalUriBaseIds": root, "columnKind": "unicodeCodePoints",
                      "results": results}]}


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


def _result(f: Finding, rule_index: int) -> dict:
    result = {"ruleId": f.code, "ruleIndex": rule_index, "level": LEVEL[f.severity],
              "message": {"text": f.message}, "locations": [_location(f.path, f.location)]}
    if f.related:
        result["relatedLocations"] = [{**_location(f.path, loc), "id": i}
                                      for i, loc in enumerate(f.related, 1)]
    return result


def _location(path: str, loc: Location) -> dict:
    region: dict = {"startLine": loc.line, "startColumn": loc.column}
    if loc.text:
        region["snippet"] = {"text": loc.text}
    return {"physicalLocation": {"artifactLocation": artifact_location(path), "region": region}}
