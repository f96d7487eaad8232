"""`jdscan check` as a Rich table: one row per finding, then the summary line."""

from __future__ import annotations

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from ..check.drafts import CheckReport
from .check_formats import summary_line
from .visible import plain

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def render_check(report: CheckReport, fail_on: str) -> Group:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=True)
    table.add_column("draft", overflow="fold", ratio=2)
    table.add_column("line", justify="right", no_wrap=True)
    table.add_column("severity", no_wrap=True)
    table.add_column("code", no_wrap=True)
    table.add_column("message", ratio=5)
    for f in report.findings:
        table.add_row(plain(f.path), f"{f.location.line}:{f.location.column}",
                      Text(f.severity, style=STYLE[f.severity]), f.code, plain(f.message))
    parts: list = [table] if report.findings else []
    return Group(*parts, Text(summary_line(report, fail_on), style="bold"))
