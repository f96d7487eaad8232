"""Markdown output: a table with one row per ad, streamed, then the batch summary."""

from __future__ import annotations

from typing import TextIO

from ..summary import BatchSummary
from .rows import ad_name
from .visible import visible

SHOWN = ["ad", "title", "role", "confidence", "margin", "runner_up", "warnings"]


class MarkdownWriter:
    def __init__(self, out: TextIO):
        self.out = out
        self.out.write("| " + " | ".join(c.replace("_", "-") for c in SHOWN) + " |\n")
        self.out.write("|" + "|".join("---" for _ in SHOWN) + "|\n")

    def write(self, row: dict[str, str]) -> None:
        """One flat_row; an error row shows its reason in the warnings column."""
        name = ad_name(row)
        row = {**row, "ad": name if name == row["path"] else f"{name} ({row['path']})"}
        if row["error"]:
            row = {**row, "role": "**error**", "warnings": row["error"]}
        self.out.write("| " + " | ".join(_cell(row[c]) for c in SHOWN) + " |\n")

    def close(self, summary: BatchSummary) -> None:
        self.out.write(f"\n## Summary\n\n{summary.total} inputs: {summary.classified} classified, "
                       f"{summary.other} other, {summary.ambiguous} ambiguous, {summary.review} to review, "
                       f"{summary.errors} errors.\n\n| role | ads | share |\n|---|--:|--:|\n")
        for role, count, share in summary.mix():
            self.out.write(f"| {role} | {count} | {share:.1%} |\n")
        self.out.flush()


def _cell(text: str) -> str:
    return " ".join(visible(text).split()).replace("|", "\\|")
