"""`jdscan check` as SARIF 2.1.0, for code-scanning dashboards (GitHub, GitLab, Azure)."""

from __future__ import annotations

from pathlib import Path

from .. import __version__
from ..check.codes import CODES
from ..check.drafts import CheckReport
from ..check.findings import Finding, Location

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


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
    return {"$schema": SCHEMA, "version": "2.1.0",
            "runs": [{"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": results}]}


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
    return {"physicalLocation": {"artifactLocation": {"uri": Path(path).as_posix()}, "region": region}}
