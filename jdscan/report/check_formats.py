"""`jdscan check` as lines: text (path:line:col: severity code message), GitHub workflow
annotations, and JSON."""

from __future__ import annotations

import json

from ..check.drafts import CheckReport
from ..check.findings import Finding
from .visible import visible

GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def summary_line(report: CheckReport, fail_on: str) -> str:
    found = report.findings
    counts = ", ".join(f"{sum(f.severity == s for f in found)} {s}{'s' if s != 'info' else ''}"
                       for s in ("error", "warning", "info"))
    suppressed = sum(len(d.suppressed) for d in report.drafts)
    failing = len(report.failing(fail_on))
    verdict = "fails" if failing else "passes"
    return (f"{len(report.drafts)} draft{'s' if len(report.drafts) != 1 else ''} checked: {counts}"
            f" ({suppressed} suppressed); the check {verdict} at --fail-on {fail_on}")


def to_text(report: CheckReport, fail_on: str) -> str:
    lines = [f"{visible(f.path)}:{f.location.line}:{f.location.column}: {f.severity} {f.code} "
             f"{visible(f.message)}" for f in report.findings]
    return "\n".join(lines + [summary_line(report, fail_on)])


def to_github(report: CheckReport, fail_on: str) -> str:
    """Workflow commands GitHub turns into annotations on the pull request's diff."""
    lines = [_annotation(f) for f in report.findings]
    return "\n".join(lines + [summary_line(report, fail_on)])


def _annotation(f: Finding) -> str:
    props = ",".join(f"{k}={_escape(str(v), prop=True)}" for k, v in (
        ("file", f.path), ("line", f.location.line), ("col", f.location.column),
        ("title", f"jdscan {f.code}")))
    return f"::{GITHUB_LEVEL[f.severity]} {props}::{_escape(f.message)}"


def _escape(text: str, prop: bool = False) -> str:
    # GitHub's own escaping rules for workflow command data and properties; the runner
    # unescapes only these, so other control characters are shown as visible escapes.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    text = visible(text.replace(":", "%3A").replace(",", "%2C") if prop else text)
    return text


def to_json(report: CheckReport, fail_on: str) -> str:
    drafts = [{"path": d.path, "expected": d.expected, "expected_from": d.expected_from or None,
               "role": d.verdict.role if d.verdict else None,
               "confidence": d.verdict.confidence if d.verdict else None,
               "margin": d.verdict.margin if d.verdict else None,
               "findings": [f.to_dict() for f in d.findings], "suppressed": d.suppressed}
              for d in report.drafts]
    return json.dumps({"fail_on": fail_on, "failed": bool(report.failing(fail_on)), "drafts": drafts},
                      ensure_ascii=False, indent=2)
