"""Output that is never mistaken for complete, and batches that can go on where they
stopped: `--output FILE` is written to `FILE.partial` and renamed when the run ends well;
`--resume` reads what a partial file holds, drops a torn last line, and skips the inputs
it already has (by path: a file, or `file:line` for a row of a table), so that the
finished file is what one uninterrupted run would have written."""

from __future__ import annotations

import csv
import json
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import UsageError

RESUMABLE = ("csv", "jsonl")  # formats whose file is whole after any line


def partial_path(output: Path) -> Path:
    """Where a run writes before its output is complete."""
    return output.with_name(output.name + ".partial")


def finish(output: Path) -> None:
    """The partial file becomes the output (atomically, replacing an older one)."""
    os.replace(partial_path(output), output)


def done_so_far(partial: Path, fmt: str) -> Counter:
    """The paths a partial output already has results for, each as often as it has them;
    a torn last line (a run killed mid-write) is cut off first."""
    if fmt not in RESUMABLE:
        raise UsageError(f"--resume needs --format csv or jsonl (not {fmt}): their files are whole after every line")
    _cut_torn_line(partial)
    with partial.open(encoding="utf-8", newline="") as fh:
        if fmt == "csv":
            return Counter(row.get("path", "") for row in csv.DictReader(fh))
        return Counter(json.loads(line).get("path", "") for line in fh if line.strip())


def skip_done(items: Iterable, done: Counter) -> Iterator:
    """The inputs (Documents or error rows) the partial output does not have yet, in order."""
    left = Counter(done)
    for item in items:
        key = getattr(item, "source", None) or ""
        if left.get(key, 0) > 0:
            left[key] -= 1
            continue
        yield item


def _cut_torn_line(path: Path) -> None:
    with path.open("rb+") as fh:
        data = fh.read()
        end = data.rfind(b"\n") + 1
        if end < len(data):
            fh.truncate(end)
