"""Renderers, one module per output format; `writer_for` picks the streaming writer."""

from __future__ import annotations

import enum
from typing import TextIO


class Format(str, enum.Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    markdown = "markdown"


def writer_for(fmt: Format, out: TextIO, console=None):
    """A writer with write(result) and close(summary) for the format, writing to `out`
    (the table format writes through `console`)."""
    if fmt is Format.table:
        from .table import TableWriter

        return TableWriter(console)
    if fmt is Format.csv:
        from .csvout import CsvWriter

        return CsvWriter(out)
    if fmt is Format.markdown:
        from .markdown import MarkdownWriter

        return MarkdownWriter(out)
    from .jsonout import JsonlWriter, JsonWriter

    return JsonWriter(out) if fmt is Format.json else JsonlWriter(out)
