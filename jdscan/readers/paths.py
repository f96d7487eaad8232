"""Which files the given paths name: files as given, folders walked, globs expanded."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..model import ReadError

GLOB_CHARS = set("*?[")
# What Spark, Hadoop and Dask leave beside the part files of a dataset they wrote: markers
# and metadata, no ads. Their own readers skip them; so does a folder walk.
ENGINE_MARKERS = ("_SUCCESS", "_metadata", "_common_metadata", "_committed_", "_started_")


def expand(paths: Iterable[str | Path]) -> Iterator[Path | str | ReadError]:
    """Each given path as files in a stable order: a folder as every file inside it
    (recursively, in sorted-path order, hidden files and folders skipped, and the markers
    engines write beside a dataset's part files; symlinked folders not followed so a link
    loop cannot hang the walk), a glob as its sorted matches, `-` as itself.
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
    """Depth first, entries sorted by name at each level: the order of the sorted paths."""
    found = False
    stack = [_listing(folder)]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
        elif isinstance(entry, ReadError):
            found = True
            yield entry
        elif entry.is_dir(follow_symlinks=False):
            stack.append(_listing(Path(entry.path)))
        elif entry.is_symlink() and _is_dir(entry):
            found = True
            yield ReadError(entry.path, "is a symbolic link to a folder, not followed (it could loop "
                            "back; try passing the folder it points to)")
        else:
            found = True
            yield Path(entry.path)
    if not found:
        yield ReadError(str(folder), "folder holds no files (try a folder of ads)")


def _listing(folder: Path) -> Iterator[os.DirEntry | ReadError]:
    try:
        with os.scandir(folder) as it:
            entries = sorted((e for e in it if not e.name.startswith((".", *ENGINE_MARKERS))), key=lambda e: e.name)
    except OSError as exc:  # a folder that cannot be listed is a row, not a silent gap
        yield ReadError(str(folder), f"folder cannot be listed: {exc.strerror} (try checking its permissions)")
        return
    yield from entries


def _glob(pattern: str) -> Iterator[Path | ReadError]:
    matches = sorted(m for m in glob.glob(pattern, recursive=True) if os.path.isfile(m))
    if not matches:
        yield ReadError(pattern, "the pattern matches no files (try quoting it, or checking it)")
    yield from (Path(m) for m in matches)


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False
