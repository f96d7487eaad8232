"""Which files the given paths name: files as given, folders walked, globs expanded."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..model import ReadError

GLOB_CHARS = set("*?[")


def expand(paths: Iterable[str | Path]) -> Iterator[Path | str | ReadError]:
    """Each given path as files in a stable order: a folder as every file inside it
    (recursively, sorted, hidden files and folders skipped, symlinked folders not followed
    so a link loop cannot hang the walk), a glob as its sorted matches, `-` as itself.
    A path that names nothing becomes a ReadError, in its place."""
    for given in paths:
        text = str(given)
        if text == "-":
            yield "-"
        elif os.path.isdir(text):
            yield from _walk(Path(text))
        elif os.path.lexists(text):
            yield Path(text)
        elif GLOB_CHARS & set(text):
            yield from _glob(text)
        else:
            yield ReadError(text, "no such file or folder (try checking the path)")


def _walk(folder: Path) -> Iterator[Path | ReadError]:
    found = False
    problems: list[OSError] = []  # a folder that cannot be listed is a row, not a silent gap
    for root, dirs, files in os.walk(folder, onerror=problems.append, followlinks=False):
        yield from _unlisted(problems)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                found = True
                yield Path(root) / name
    yield from _unlisted(problems)
    if not found and not problems:
        yield ReadError(str(folder), "folder holds no files (try a folder of ads)")


def _glob(pattern: str) -> Iterator[Path | ReadError]:
    matches = sorted(m for m in glob.glob(pattern, recursive=True) if os.path.isfile(m))
    if not matches:
        yield ReadError(pattern, "the pattern matches no files (try quoting it, or checking it)")
    yield from (Path(m) for m in matches)


def _unlisted(problems: list[OSError]) -> Iterator[ReadError]:
    while problems:
        exc = problems.pop(0)
        yield ReadError(str(exc.filename), f"folder cannot be listed: {exc.strerror} "
                        "(try checking its permissions)")
