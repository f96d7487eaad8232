"""The human view of a batch: one row per ad, then the role mix as a bar chart."""

from __future__ import annotations

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from ..summary import BatchSummary
from .rows import ad_name
from .visible import plain

BAR_WIDTH = 30
EIGHTHS = " ▏▎▍▌▋▊▉█"


def render_rows(rows: list[dict[str, str]]) -> Table:
    """One line per ad (named by ad_name), role, confidence, runner-up and warning codes (or
    the error); where any verdict needs a person's review, a `review` column marks which."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=True)
    table.add_column("ad", overflow="fold", ratio=3, min_width=16)
    table.add_column("role", no_wrap=True)
    table.add_column("conf.", justify="right", no_wrap=True)
    review = any(row.get("needs_review") == "yes" for row in rows)
    if review:
        table.add_column("review", no_wrap=True)
    table.add_column("runner-up", no_wrap=True)
    table.add_column("warnings", ratio=2, overflow="fold")
    for row in rows:
        flag = [Text("yes", style="yellow") if row.get("needs_review") == "yes" else ""] if review else []
        if row["error"]:
            table.add_row(plain(ad_name(row)), Text("error", style="red"), "", *flag, "", plain(row["error"], "red"))
        else:
            table.add_row(plain(ad_name(row)), row["role"], f"{float(row['confidence']):.2f}", *flag,
                          row["runner_up"], row["warnings"].replace(";", ", "))
    return table


def render_summary(summary: BatchSummary) -> Group:
    """The role mix (count, share, bar) and the other/ambiguous/error counts."""
    head = Text(f"{summary.total} inputs: {summary.classified} classified, {summary.other} other, "
                f"{summary.ambiguous} ambiguous, {summary.review} to review, {summary.errors} errors", style="bold")
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("role", no_wrap=True)
    table.add_column("ads", justify="right")
    table.add_column("share", justify="right")
    table.add_column("", no_wrap=True)
    mix = summary.mix()
    most = max((count for _, count, _ in mix), default=1)
    for role, count, share in mix:
        table.add_row(role, str(count), f"{share:.1%}", Text(bar(count / most), style="cyan"))
    return Group(head, table)


def bar(fraction: float, width: int = BAR_WIDTH) -> str:
    """A horizontal bar of `fraction` x `width` cells, in eighths of a cell."""
    eighths = round(max(0.0, min(1.0, fraction)) * width * 8)
    full, part = divmod(eighths, 8)
    return "█" * full + (EIGHTHS[part] if part else "")
