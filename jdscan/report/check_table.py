"""`jdscan check` as Rich tables, as ESLint's stylish format lays it out: each draft's
path on a line of its own (never broken inside a name), its findings in a table under
it, then the summary line."""

from __future__ import annotations

from itertools import groupby

from rich.console import Group
from rich.table import Table
from rich.text import Text

from ..check.drafts import CheckReport
from .check_formats import summary_line
from .visible import plain

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def render_check(report: CheckReport, fail_on: str) -> Group:
    parts: list = []
    for path, findings in groupby(report.findings, key=lambda f: f.path):
        parts += [Text.assemble(plain(path), style="bold"), _findings(list(findings))]
    return Group(*parts, Text(summary_line(report, fail_on), style="bold"))


def _findings(findings: list) -> Table:
    table = Table(box=None, pad_edge=False, expand=True, show_header=False)
    table.add_column("line", justify="right", no_wrap=True)
    table.add_column("severity", no_wrap=True)
    table.add_column("code", no_wrap=True)
    table.add_column("message", ratio=1)
    for f in findings:
        table.add_row(f"  {f.location.line}:{f.location.column}", Text(f.severity, style=STYLE[f.severity]),
                      f.code, plain(f.message))
    return table
