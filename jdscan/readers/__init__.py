"""Input readers: paths, folders, globs and stdin to Documents or error rows, in order.

One reader per format; this module picks one by file suffix and guarantees the batch
contract: every input (every file, every row of a tabular file) yields exactly one
Document or ReadError, in a stable order, whatever the input holds.

May import: `jdscan.text.document`, `jdscan.errors`, `jdscan.model`, `jdscan.limits`, and each format's
parser (selectolax, python-docx, pypdf, charset-normalizer, openpyxl, striprtf, pyarrow) only when a
file needs it.
Nothing here knows about rules, matching or scoring.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, NamedTuple

from ..errors import InputError
from ..limits import TIME_LIMIT
from ..model import ReadError
from ..text.document import Document
from .guard import guarded, guarded_rows
from .paths import expand
from .rows import Fields
from .tabular import csv_rows, json_rows, jsonl_rows
from .text import MAX_BYTES, read_bytes, read_stdin, text_document

__all__ = ["Fields", "ReadOptions", "count_inputs", "read_file", "read_inputs"]

TEXT = {".txt", ".text", ".md", ".markdown", ""}
HTML = {".html", ".htm", ".xhtml"}
TABULAR = {".csv", ".tsv", ".jsonl", ".ndjson", ".json", ".xlsx", ".ods", ".parquet"}
DOCUMENTS = {".docx", ".pdf", ".odt", ".rtf"}
SUPPORTED = sorted(TEXT - {""} | HTML | TABULAR | DOCUMENTS)
# Formats people have that jdscan does not read, with the way to one it does.
CONVERT = {
    ".doc": ("a Word 97-2003 .doc file, which jdscan cannot read",
             "saving it as .docx in Word, or `libreoffice --headless --convert-to docx FILE`"),
    ".xls": ("an Excel 97-2003 .xls file, which jdscan cannot read",
             "saving it as .xlsx or CSV, or `libreoffice --headless --convert-to xlsx FILE`"),
}


class ReadOptions(NamedTuple):
    """How to read: the per-ad size limit and which fields of tabular rows hold the ad."""

    max_bytes: int = MAX_BYTES
    fields: Fields = Fields()  # a named tuple: one default can be shared
    delimiter: str | None = None  # CSV: None sniffs it from the header (a .tsv file: tab)
    time_limit: float | None = TIME_LIMIT  # seconds to read, and to classify, one ad (None: no limit)
    exclude: frozenset[str] = frozenset()  # real paths folder walks and globs leave out (the run's output)


def read_inputs(paths: Iterable[str | Path], options: ReadOptions | None = None,
                stdin: bytes | BinaryIO | None = None) -> Iterator[Document | ReadError]:
    """Every input as a Document or a ReadError, in the order given; `-` is stdin (its bytes,
    or a binary stream, read no further than the size limit allows)."""
    options = options or ReadOptions()
    for item in expand(paths, options.exclude):
        if isinstance(item, ReadError):
            yield item
        elif item == "-":
            yield guarded(lambda: read_stdin(stdin or b"", options.max_bytes), "<stdin>")  # no limit: a pipe may be slow
        elif item.suffix.lower() in TABULAR:
            yield from _rows(item, options)
        else:
            yield guarded(lambda p=item: read_file(p, options.max_bytes), str(item), limit=options.time_limit)


def read_file(path: Path, max_bytes: int = MAX_BYTES) -> Document:
    """One file that holds one ad, read by the reader its suffix names."""
    suffix = path.suffix.lower()
    if suffix in CONVERT:
        raise InputError(str(path), *CONVERT[suffix])
    if suffix not in TEXT | HTML | DOCUMENTS:
        raise InputError(str(path), f"has an unsupported file type ({suffix})",
                         f"one of {', '.join(SUPPORTED)}, or convert it to text")
    raw = read_bytes(path, max_bytes)
    if suffix in HTML:
        from .html import html_document

        return html_document(raw, str(path))
    if suffix in {".odt", ".rtf"}:
        from .opendoc import odt_document, rtf_document

        return odt_document(raw, str(path), max_bytes) if suffix == ".odt" else rtf_document(raw, str(path))
    if suffix in {".docx", ".pdf"}:
        from .office import docx_document, pdf_document

        return docx_document(raw, str(path), max_bytes) if suffix == ".docx" else pdf_document(raw, str(path))
    return text_document(raw, str(path))


def _rows(path: Path, options: ReadOptions) -> Iterator[Document | ReadError]:
    last = None
    # A table that cannot be opened is one error row; one that fails part-way keeps the
    # rows before the fault and gives one error row for the rest, located after the last.
    rows = guarded_rows(_table(path, options), str(path), lambda: _after(last, path))
    for last in rows:
        yield last
    if last is None:  # an empty table is still an input: it gets its row
        yield ReadError(str(path), "holds no rows (try a file with one ad per row)")


def _after(last: Document | ReadError | None, path: Path) -> str:
    """Where a table's reader failed: the file itself, or just after its last row."""
    if last is None:
        return str(path)
    at = last.source.rpartition(":")[2]
    return f"{path}:{int(at) + 1}" if at.isdigit() else str(path)


def _table(path: Path, options: ReadOptions) -> Iterator[Document | ReadError]:
    suffix = path.suffix.lower()
    if suffix in {".jsonl", ".ndjson"}:
        return jsonl_rows(path, options.fields, options.max_bytes)
    if suffix == ".json":
        return json_rows(path, options.fields, options.max_bytes)
    if suffix == ".xlsx":
        from .sheets import xlsx_rows

        return xlsx_rows(path, options.fields, options.max_bytes)
    if suffix == ".ods":
        from .calc import ods_rows

        return ods_rows(path, options.fields, options.max_bytes)
    if suffix == ".parquet":
        from .parquet import parquet_rows

        return parquet_rows(path, options.fields, options.max_bytes)
    return csv_rows(path, options.fields, options.max_bytes, options.delimiter)


def count_inputs(paths: Iterable[str | Path], options: ReadOptions | None = None) -> int:
    """How many results the paths will give (a progress bar's total): one per file, one
    per row of a table, counted as its reader counts them (a CSV cell's line breaks are
    not rows)."""
    from .counting import rows_in

    options = options or ReadOptions()
    total = 0
    for item in expand(paths, options.exclude):
        total += rows_in(item, options.delimiter) if isinstance(item, Path) and item.suffix.lower() in TABULAR else 1
    return total
