"""CSV and JSON Lines: one ad per row, streamed (a file of any length in flat memory).

Every row gives a Document or a ReadError, located as `file:line`, so a batch's output has
exactly one row per input row.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..model import ReadError
from ..text.document import Document
from .decode import SNIFF, codec, detect

FIELD_LIMIT = 64_000_000


@dataclass(frozen=True)
class Fields:
    """Which fields of a row hold the ad. A CSV must have every column named explicitly;
    a JSON Lines row may leave out its id or title (null or missing: null in the verdict; an
    id keeps its JSON type)."""

    text: str = "text"
    id: str | None = None
    title: str | None = None


def jsonl_rows(path: Path, fields: Fields, max_bytes: int) -> Iterator[Document | ReadError]:
    """One ad per line of a JSON Lines file; a malformed line is an error row in its place."""
    with _open(path) as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                yield _guard(_jsonl_row, line, f"{path}:{n}", fields, max_bytes)


def csv_rows(path: Path, fields: Fields, max_bytes: int) -> Iterator[Document | ReadError]:
    """One ad per row of a CSV file with a header row."""
    # csv stops the whole file at a field over its limit; set it well above ours, so that an
    # oversized cell is one error row (our check) and the rows after it are still read.
    csv.field_size_limit(max(FIELD_LIMIT, 4 * max_bytes, csv.field_size_limit()))
    with _open(path) as fh:
        reader = csv.reader(fh)
        try:
            header = next(reader, None)
        except csv.Error as exc:
            yield ReadError(str(path), f"the CSV header cannot be read ({exc})")
            return
        problem = _header_problem(header, fields)
        if problem:
            yield ReadError(str(path), problem)
            return
        yield from _csv_body(reader, header, path, fields, max_bytes)


def _csv_body(reader, header, path, fields, max_bytes):
    line = reader.line_num + 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield ReadError(f"{path}:{line}", f"the CSV cannot be parsed from here on ({exc}); "
                            "the rows after it are not read (try checking its quoting)")
            return
        source, line = f"{path}:{line}", reader.line_num + 1
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            yield ReadError(source, f"row has {len(cells)} fields, the header has {len(header)} "
                            "(try quoting fields that contain commas)")
            continue
        yield _guard(_to_document, dict(zip(header, cells)), source, fields, max_bytes)


def _header_problem(header: list[str] | None, fields: Fields) -> str | None:
    if not header:
        return "is empty (try a CSV file with a header row)"
    for name, required in ((fields.text, True), (fields.id, fields.id is not None),
                           (fields.title, fields.title is not None)):
        if required and name not in header:
            return (f"has no column {name!r} (columns: {', '.join(header[:12])}; "
                    "try --text-field, --id-field or --title-field NAME)")
    return None


def _jsonl_row(line: str, source: str, fields: Fields, max_bytes: int) -> Document:
    if len(line) > max_bytes:
        raise InputError(source, f"line is {len(line):,} characters, over the {max_bytes:,} limit",
                         "--max-size with a larger limit")
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(source, f"is not valid JSON ({exc.msg} at column {exc.colno})",
                         "one JSON object per line") from None
    if not isinstance(row, dict):
        raise InputError(source, f"is a JSON {type(row).__name__}, not an object",
                         f'one object per line, like {{"{fields.text}": "..."}}')
    return _to_document(row, source, fields, max_bytes)


def _to_document(row: dict, source: str, fields: Fields, max_bytes: int) -> Document:
    ad_id = _id(row, fields.id or "id", source)
    try:
        title = _field(row, fields.title or "title", source, None)
        text = _field(row, fields.text, source, "text")
        if len(text) > max_bytes:
            raise InputError(source, f"text is {len(text):,} characters, over the {max_bytes:,} limit",
                             "--max-size with a larger limit")
        if not text.strip():
            raise InputError(source, f"field {fields.text!r} is empty", "removing the row")
    except InputError as exc:
        exc.id = ad_id  # an error row still says which ad it was
        raise
    given = row.get(fields.title or "title") is not None
    return Document(source, title.strip(), text, 0, {}, id=ad_id, title_given=given)


def _id(row: dict, name: str, source: str):
    """The row's id with its JSON type (a number stays a number), None when absent or empty."""
    value = row.get(name)
    if isinstance(value, (dict, list)):
        raise InputError(source, f"field {name!r} is a JSON {type(value).__name__}, not an id", "a string or a number")
    return None if value is None or value == "" else value


def _field(row: dict, name: str, source: str, flag: str | None) -> str:
    """The field as text; `flag` names the option that made it required (None: optional)."""
    value = row.get(name)
    if value is None:
        if flag:
            raise InputError(source, f"has no field {name!r}", f"--{flag}-field NAME to name another")
        return ""
    if isinstance(value, (dict, list)):
        raise InputError(source, f"field {name!r} is a JSON {type(value).__name__}, not text",
                         "a string field")
    return str(value)


def _open(path: Path):
    """The file as text in its detected encoding; bytes the head did not predict become
    U+FFFD rather than stopping the stream."""
    try:
        with path.open("rb") as fh:
            head = fh.read(SNIFF)
        name, _ = codec(detect(head, str(path)))
        return io.open(path, encoding=name, errors="replace", newline="")  # noqa: UP020
    except OSError as exc:
        raise InputError(str(path), f"cannot be read: {exc.strerror or exc}",
                         "checking the path and its permissions") from None


def _guard(fn, arg, source: str, fields: Fields, max_bytes: int) -> Document | ReadError:
    try:
        return fn(arg, source, fields, max_bytes)
    except InputError as exc:
        return ReadError(exc.source, exc.detail, exc.id)
