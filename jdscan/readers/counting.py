"""Counting a table's rows ahead of reading it, for a progress bar that ends at 100%: a
CSV is parsed (its cells' line breaks are not rows), JSON Lines counted by lines that
hold something, a JSON array by its items, a workbook by its sheet's rows (an .ods's
read through), Parquet by its footer."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from ..errors import InputError
from .tabular import _open, sniff_delimiter
from .text import open_regular


def rows_in(path: Path, delimiter: str | None = None) -> int:
    """The rows a table will give (at least 1: an unreadable or empty one is an error row)."""
    try:
        return max(1, _count(path, delimiter))
    except (InputError, OSError, ValueError, csv.Error):
        return 1


def _count(path: Path, delimiter: str | None) -> int:
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _sheet_rows(path)
    if suffix == ".parquet":
        from .parquet import parquet_row_count

        return parquet_row_count(path)
    if suffix == ".ods":
        from .calc import count_rows

        return count_rows(path)
    fh, _ = _open(path)
    with fh:
        if suffix in {".jsonl", ".ndjson"}:
            return sum(1 for line in fh if line.strip())
        if suffix == ".json":
            data = json.load(fh, strict=False)
            return len(data) if isinstance(data, list) else 1
        if delimiter is None:
            delimiter = "\t" if suffix == ".tsv" else sniff_delimiter(fh)
        return sum(1 for cells in csv.reader(fh, delimiter=delimiter) if any(c.strip() for c in cells)) - 1


def _sheet_rows(path: Path) -> int:
    try:
        from openpyxl import load_workbook
    except ImportError:
        return 1
    book = load_workbook(open_regular(path), read_only=True)
    try:
        return max(0, (book.worksheets[0].max_row or 1) - 1)
    finally:
        book.close()
