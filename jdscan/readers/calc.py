"""OpenDocument spreadsheets (.ods, as LibreOffice Calc saves them): the first sheet, a
header row, then one ad per row, read with the standard library as .odt is.

content.xml is streamed (iterparse, each row dropped once read). Calc writes runs of
identical rows and cells once with a repeat count, and pads a sheet with a million empty
rows: empty runs only move the row number on; a run of one ad repeated is that many rows,
up to MAX_REPEAT, past which the rest of the run is one error row.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

from ..errors import InputError
from ..model import ReadError
from ..text.document import Document
from .office import _why
from .opendoc import OFFICE, TABLE, TEXT, Budget, _text
from .rows import Fields, column_names, guard, to_document
from .text import open_regular

MAX_REPEAT = 10_000  # copies of one non-empty row, or of one non-empty cell in a row
NUMERIC = {"float", "percentage", "currency"}


def ods_rows(path: Path, fields: Fields, max_bytes: int) -> Iterator[Document | ReadError]:
    """One ad per row of the spreadsheet's first sheet, located as `file:row` (the header
    is row 1, as Calc numbers it)."""
    rows = _sheet_rows(path, max_bytes)
    try:
        first = next(rows, None)
        header = first[1] if first else None
        names, problem = column_names([str(c) for c in header], fields) if header else \
            ([], "has an empty first sheet (try a sheet with a header row)")
        if problem:
            yield ReadError(str(path), problem)
            return
        for n, cells in rows:
            source = f"{path}:{n}"
            if isinstance(cells, ReadError):
                yield cells
                continue
            row = {name: cells[i] if i < len(cells) else "" for i, name in enumerate(names)}  # as a CSV's
            yield guard(to_document, row, source, fields, max_bytes)
    finally:
        rows.close()


def count_rows(path: Path) -> int:
    """The rows after the header that ods_rows gives (a progress bar's total)."""
    return sum(1 for _ in _sheet_rows(path, 1 << 30)) - 1


def _sheet_rows(path: Path, max_bytes: int) -> Iterator[tuple[int, list | ReadError]]:
    """(row number, cells) for every non-empty row of the first sheet."""
    source = str(path)
    fh = open_regular(path)
    try:
        with fh, zipfile.ZipFile(fh) as zf, zf.open("content.xml") as xml:
            yield from _rows_of(ElementTree.iterparse(xml, events=("start", "end")), source, max_bytes)
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, OSError, EOFError) as exc:
        raise InputError(source, f"is not a readable .ods file ({_why(exc)})",
                         "re-saving it from the spreadsheet, or as .xlsx or CSV") from None


def _rows_of(events, source: str, max_bytes: int) -> Iterator[tuple[int, list | ReadError]]:
    number, tables, stack = 0, 0, []  # tables: how deep in sheets; only the first sheet's rows
    for event, node in events:
        if event == "start":
            stack.append(node)
            tables += node.tag == f"{TABLE}table"
            continue
        stack.pop()
        if node.tag == f"{TABLE}table":
            tables -= 1
            if not tables:
                return  # the first sheet is done
        if node.tag != f"{TABLE}table-row" or tables != 1:
            continue
        repeat = _count(node.get(f"{TABLE}number-rows-repeated"))
        cells = _cells(node, Budget(source, max_bytes))
        stack[-1].remove(node)  # read: a sheet of a million rows is not held
        if not any(str(c).strip() for c in cells):
            number += repeat
            continue
        for _ in range(min(repeat, MAX_REPEAT)):
            number += 1
            yield number, cells
        if repeat > MAX_REPEAT:
            yield number + 1, ReadError(f"{source}:{number + 1}", f"repeats one row {repeat:,} times; rows "
                                        f"after the first {MAX_REPEAT:,} copies are not read (try removing the copies)")
            number += repeat - MAX_REPEAT


def _cells(row, budget: Budget) -> list:
    """The row's cell values, up to its last non-empty cell."""
    out: list = []
    for cell in row:
        if cell.tag not in (f"{TABLE}table-cell", f"{TABLE}covered-table-cell"):
            continue
        value = _value(cell, budget)
        repeat = _count(cell.get(f"{TABLE}number-columns-repeated"))
        if value == "":
            out.append(("", repeat))  # a run of empty cells: expanded only if a value follows
        else:
            repeat = min(repeat, MAX_REPEAT)
            budget.take(len(str(value)) * (repeat - 1))  # the copies count against the limit too
            out.append((value, repeat))
    while out and out[-1][0] == "":
        out.pop()
    return [value for value, n in out for _ in range(n)]


def _value(cell, budget: Budget):
    """A cell as a row value: a number as its value (a whole number an int, as in a
    workbook), anything else as its text, paragraphs joined by line breaks."""
    if cell.get(f"{OFFICE}value-type") in NUMERIC and cell.get(f"{OFFICE}value") is not None:
        try:
            number = float(cell.get(f"{OFFICE}value"))
            return int(number) if number.is_integer() else number
        except ValueError:
            pass
    return "\n".join(_text(p, budget) for p in cell.iter(f"{TEXT}p"))


def _count(value: str | None) -> int:
    try:
        return max(1, int(value or "1"))
    except ValueError:
        return 1
