"""Output that is never mistaken for complete, and batches that can go on where they
stopped: `--output FILE` is written to `FILE.partial` and renamed when the run ends well;
`--resume` reads what a partial file holds, drops a torn last record, and skips the inputs
it already has (by path: a file, or `file:line` for a row of a table), so that the
finished file is what one uninterrupted run would have written."""

from __future__ import annotations

import csv
import io
import json
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import UsageError

RESUMABLE = ("csv", "jsonl")  # formats whose file is whole after any line


def partial_path(output: Path) -> Path:
    """Where a run writes before its output is complete."""
    return output.with_name(output.name + ".partial")


def finish(output: Path) -> None:
    """The partial file becomes the output (atomically, replacing an older one)."""
    os.replace(partial_path(output), output)


def done_so_far(partial: Path, fmt: str) -> Counter | None:
    """The paths a partial output already has results for, each as often as it has them,
    once what a stop tore is cut off: a CSV record is whole when it ends, quotes closed,
    with a line break (a quoted cell may hold line breaks), a JSON Lines record when its
    line parses. None when not even a CSV header is whole: then the run starts afresh."""
    if fmt not in RESUMABLE:
        raise UsageError(f"--resume needs --format csv or jsonl (not {fmt}): their files are whole after every record")
    text = partial.read_bytes().decode("utf-8", errors="replace")
    bom = 1 if text.startswith("\ufeff") else 0  # a CSV written with --bom
    rows = _csv_records(text[bom:]) if fmt == "csv" else _jsonl_records(text)
    whole = bom + sum(length for length, _ in rows)
    with partial.open("rb+") as fh:
        fh.truncate(len(text[:whole].encode("utf-8")))
    if fmt == "csv":
        if not rows:
            return None
        header = rows[0][1]
        return Counter(dict(zip(header, row)).get("path", "") for _, row in rows[1:])
    return Counter(row.get("path", "") for _, row in rows)


def _csv_records(text: str) -> list[tuple[int, list[str]]]:
    """(characters, cells) of each whole record, the header first; a record is whole when
    the reader ends it with a line break and it has the header's number of cells."""
    lines = io.StringIO(text, newline="")  # lines end at \n, \r or \r\n only, as csv's do
    fed = [0]

    def feed():
        for line in lines:
            fed[0] += len(line)
            yield line

    out, used = [], 0
    reader = csv.reader(feed(), strict=True)
    try:
        for cells in reader:
            if text[fed[0] - 1] not in "\r\n" or (out and len(cells) != len(out[0][1])):
                break
            out.append((fed[0] - used, cells))
            used = fed[0]
    except csv.Error:  # a quoted cell the stop cut open
        pass
    return out


def _jsonl_records(text: str) -> list[tuple[int, dict]]:
    out = []
    for line in io.StringIO(text, newline="\n"):
        try:
            row = json.loads(line) if line.endswith("\n") else None
        except json.JSONDecodeError:
            row = None
        if not isinstance(row, dict):
            break
        out.append((len(line), row))
    return out


def skip_done(items: Iterable, done: Counter) -> Iterator:
    """The inputs (Documents or error rows) the partial output does not have yet, in order."""
    left = Counter(done)
    for item in items:
        key = getattr(item, "source", None) or ""
        if left.get(key, 0) > 0:
            left[key] -= 1
            continue
        yield item
