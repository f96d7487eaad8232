"""CSV/TSV, JSON Lines and JSON arrays: one ad per row, streamed where the format allows
(CSV and JSON Lines of any length in flat memory).

Every row gives a Document or a ReadError, located as `file:N`: a CSV row by its record
number (the header is 1, as a spreadsheet shows it), a JSON Lines row by its line, a JSON
array's item by its number; so a batch's output has exactly one row per input row.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from ..errors import InputError, json_problem
from ..model import ReadError
from ..text.document import Document
from .decode import SNIFF, codec, detect
from .rows import Fields, column_names, guard, keyed, to_document
from .text import open_regular

FIELD_LIMIT = 64_000_000
DELIMITERS = ",;\t|"  # what spreadsheets write: comma, semicolon (Excel where the decimal mark is a comma), tab, pipe

__all__ = ["Fields", "csv_rows", "json_rows", "jsonl_rows"]


def jsonl_rows(path: Path, fields: Fields, max_bytes: int) -> Iterator[Document | ReadError]:
    """One ad per line of a JSON Lines file; a malformed line is an error row in its place."""
    fh, encoding = _open(path)
    with fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                yield _decoded(guard(_jsonl_row, line, f"{path}:{n}", fields, max_bytes), encoding)


def json_rows(path: Path, fields: Fields, max_bytes: int) -> Iterator[Document | ReadError]:
    """A JSON file: an array of objects (one ad each), or one object. Read whole, so a
    file is held in memory once: JSON Lines streams instead."""
    fh, encoding = _open(path)
    with fh:
        try:
            data = json.load(fh, strict=False)
        except json.JSONDecodeError as exc:
            raise InputError(str(path), f"is not valid JSON ({json_problem(exc, 'line')})",
                             "an array of objects, or JSON Lines") from None
    items = data if isinstance(data, list) else [data]
    for n, item in enumerate(items, 1):
        source = f"{path}:{n}" if isinstance(data, list) else str(path)
        yield _decoded(guard(_json_object, item, source, fields, max_bytes), encoding)


def csv_rows(path: Path, fields: Fields, max_bytes: int, delimiter: str | None = None
             ) -> Iterator[Document | ReadError]:
    """One ad per row of a CSV (or TSV) file with a header row. `delimiter`: None sniffs
    it from the header (comma, semicolon, tab or pipe; a .tsv file is tab)."""
    # csv stops the whole file at a field over its limit; set it well above ours, so that an
    # oversized cell is one error row (our check) and the rows after it are still read.
    csv.field_size_limit(max(FIELD_LIMIT, 4 * max_bytes, csv.field_size_limit()))
    fh, encoding = _open(path)
    with fh:
        if delimiter is None:
            delimiter = "\t" if path.suffix.lower() == ".tsv" else sniff_delimiter(fh)
        reader = csv.reader(fh, delimiter=delimiter)
        try:
            header = next(reader, None)
        except csv.Error as exc:
            yield ReadError(str(path), f"the CSV header cannot be read ({exc})")
            return
        header, problem = column_names(header, fields) if header else (header, "is empty (try a CSV file with a header row)")
        if problem:
            yield ReadError(str(path), problem)
            return
        for item in _csv_body(reader, header, path, fields, max_bytes):
            yield _decoded(item, encoding)


def sniff_delimiter(fh) -> str:
    """The delimiter that splits the header line into the most fields (a comma on a tie,
    or for a one-column file); the stream is rewound."""
    start = fh.tell()
    line = fh.readline()
    fh.seek(start)
    counts = {d: len(next(csv.reader([line], delimiter=d), [])) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: (counts[d], d == ","))
    return best if counts[best] > 1 else ","


def _csv_body(reader, header, path, fields, max_bytes):
    """The rows after the header, each located by its record number (the header is 1), as
    a spreadsheet numbers its rows: not the file's line, which a cell's line breaks move."""
    record = 1
    while True:
        record += 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield ReadError(f"{path}:{record}", f"the CSV cannot be parsed from here on ({exc}); "
                            "the rows after it are not read (try checking its quoting)")
            return
        source = f"{path}:{record}"
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            yield ReadError(source, f"row has {len(cells)} fields, the header has {len(header)} "
                            "(try quoting fields that contain the delimiter, or --delimiter)")
            continue
        yield guard(to_document, dict(zip(header, cells)), source, fields, max_bytes)


def _jsonl_row(line: str, source: str, fields: Fields, max_bytes: int) -> Document:
    if len(line) > max_bytes:
        raise InputError(source, f"line is {len(line):,} characters, over the {max_bytes:,} limit",
                         "--max-size with a larger limit")
    try:
        row = json.loads(line, strict=False)  # control characters in text: to_document judges them
    except json.JSONDecodeError as exc:
        raise InputError(source, f"is not valid JSON ({json_problem(exc)})",
                         "one JSON object per line") from None
    return _json_object(row, source, fields, max_bytes)


def _json_object(row, source: str, fields: Fields, max_bytes: int) -> Document:
    if not isinstance(row, dict):
        raise InputError(source, f"is a JSON {type(row).__name__}, not an object",
                         f'one object per ad, like {{"{fields.text}": "..."}}')
    return to_document(keyed(row, fields), source, fields, max_bytes)


def _decoded(item: Document | ReadError, encoding: str) -> Document | ReadError:
    """A row's ad with the encoding its file was read in (a guessed one is warned of)."""
    return replace(item, encoding=encoding) if isinstance(item, Document) and encoding != "utf-8" else item


def _open(path: Path):
    """(the file as text in its detected encoding, that encoding); bytes the head did not
    predict become U+FFFD rather than stopping the stream."""
    fh = open_regular(path)
    try:
        head = fh.read(SNIFF)
        encoding = detect(head, str(path), table=True)
        fh.seek(0)
        return io.TextIOWrapper(fh, encoding=codec(encoding)[0], errors="replace", newline=""), encoding
    except OSError as exc:
        fh.close()
        raise InputError(str(path), f"cannot be read: {exc.strerror or exc}",
                         "checking the path and its permissions") from None
    except BaseException:
        fh.close()
        raise
