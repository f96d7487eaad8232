"""Renderers, one module per output format; `writer_for` picks the streaming writer.

May import: the result types (`jdscan.model`, `jdscan.summary`, `jdscan.check`,
`jdscan.evaluate`, `jdscan.explain`, `jdscan.ruleset`), `jdscan.errors`, `jdscan` for its version,
Rich, and pyarrow for Parquet (when asked for). Renderers write to the
stream or console they are given; they never print or exit on their own.
"""

from __future__ import annotations

import enum
from typing import Any, NamedTuple, TextIO


class Format(str, enum.Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    markdown = "markdown"
    parquet = "parquet"


def writer_for(fmt: Format, out: TextIO, console=None, escape_formulas: bool = True, resumed: bool = False,
               bom: bool = False):
    """A writer with write(payload) and close(summary) for the format, writing to `out`
    (the table format writes through `console`). The payload is what `prepare_for(fmt)`
    made of a result. `escape_formulas`: CSV cells that a spreadsheet would run as
    formulas get a leading '. `resumed`: the output goes on from a partial file (a CSV
    writes no second header). `bom`: a CSV starts with a UTF-8 byte-order mark."""
    if fmt is Format.table:
        from .table import TableWriter

        return TableWriter(console)
    if fmt is Format.csv:
        from .csvout import CsvWriter

        return CsvWriter(out, escape_formulas, header=not resumed, bom=bom)
    if fmt is Format.parquet:
        from .parquet import ParquetWriter

        out.flush()
        return ParquetWriter(out.buffer)  # the text stream's bytes underneath
    if fmt is Format.markdown:
        from .markdown import MarkdownWriter

        return MarkdownWriter(out)
    from .jsonout import JsonlWriter, JsonWriter

    return JsonWriter(out) if fmt is Format.json else JsonlWriter(out)


class Prepared(NamedTuple):
    """A result rendered where it was made (in a worker): the summary key and the payload
    its format's writer takes."""

    role: str | None  # None: an error row
    ambiguous: bool
    review: bool
    payload: Any
    error: tuple[str, str] | None = None  # an error row's path and reason, for the closing summary


def prepare_line(item) -> Prepared:
    from ..summary import error_of, summary_key
    from .jsonout import to_jsonl_line

    return Prepared(*summary_key(item), to_jsonl_line(item), error_of(item))


def prepare_dict(item) -> Prepared:
    from ..summary import error_of, summary_key

    return Prepared(*summary_key(item), item.to_dict(), error_of(item))


def prepare_row(item) -> Prepared:
    from ..summary import error_of, summary_key
    from .rows import flat_row

    return Prepared(*summary_key(item), flat_row(item), error_of(item))


def prepare_typed(item) -> Prepared:
    from ..summary import error_of, summary_key
    from .typed import typed_row

    return Prepared(*summary_key(item), typed_row(item), error_of(item))


def prepare_verdict(item) -> Prepared:
    from ..summary import error_of, summary_key

    return Prepared(*summary_key(item), item, error_of(item))


def prepare_for(fmt: Format):
    """The function that renders a result for the format's writer (the table keeps the
    result itself: one ad gets the full explanation)."""
    return {Format.jsonl: prepare_line, Format.json: prepare_dict, Format.csv: prepare_row,
            Format.markdown: prepare_row, Format.parquet: prepare_typed}.get(fmt, prepare_verdict)
