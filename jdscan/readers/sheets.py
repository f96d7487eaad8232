"""Excel workbooks (.xlsx): the first sheet, a header row, then one ad per row, streamed
by openpyxl's read-only mode (an optional extra: `pip install 'jdscan[xlsx]'`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..model import ReadError
from ..text.document import Document
from .rows import Fields, column_names, guard, to_document
from .text import open_regular


def xlsx_rows(path: Path, fields: Fields, max_bytes: int) -> Iterator[Document | ReadError]:
    """One ad per row of the workbook's first sheet, located as `file:row`."""
    book = _open(path)
    try:
        rows = book.worksheets[0].iter_rows(values_only=True)
        header = next(rows, None)
        names, problem = column_names([_text(c) for c in header], fields) if header else \
            ([], "has an empty first sheet (try a sheet with a header row)")
        if problem:
            yield ReadError(str(path), problem)
            return
        for n, cells in enumerate(rows, 2):
            if not any(_text(c).strip() for c in cells):
                continue
            row = {name: _cell(c) for name, c in zip(names, cells)}
            yield guard(to_document, row, f"{path}:{n}", fields, max_bytes)
    finally:
        book.close()


def _open(path: Path):
    try:
        from openpyxl import load_workbook
    except ImportError:
        raise InputError(str(path), "is an Excel workbook, and reading one needs openpyxl",
                         "`pip install 'jdscan[xlsx]'`, or saving the sheet as CSV") from None
    fh = open_regular(path)
    try:
        return load_workbook(fh, read_only=True, data_only=True)  # data_only: a formula's value, not its text
    except Exception as exc:  # noqa: BLE001 (openpyxl raises many kinds for a broken file)
        fh.close()
        raise InputError(str(path), f"cannot be read as an Excel workbook ({type(exc).__name__}: {exc})",
                         "saving it again from the spreadsheet, or as CSV") from None


def _text(cell) -> str:
    return "" if cell is None else str(cell)


def _cell(cell):
    """A cell as a row value: text stays text, whole numbers become ints (an id of 42, not
    42.0), an empty cell is empty text, as in a CSV."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return int(cell)
    return cell if isinstance(cell, (int, float, str)) else str(cell)
