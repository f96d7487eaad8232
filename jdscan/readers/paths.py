"""Which files the given paths name: files as given, folders walked, globs expanded.

A folder or a glob is a boundary. The tree `jdscan check` scans in CI is written by
whoever opens a pull request, so a link inside it must not reach the runner's files: a
link whose target lies outside the folder given (or outside a glob's fixed folder) is an
error row, never read. A path given by name is read as given.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterable, Iterator
from fnmatch import fnmatchcase
from functools import cache
from pathlib import Path

from ..model import ReadError

GLOB_CHARS = set("*?[")
# What Spark, Hadoop and Dask leave beside the part files of a dataset they wrote: markers
# and metadata, no ads. Their own readers skip them; so does a folder walk.
ENGINE_MARKERS = ("_SUCCESS", "_metadata", "_common_metadata", "_committed_", "_started_")
OUTSIDE = ("is a symbolic link that leads outside the folder given, so it is not read (a tree "
           "from elsewhere could point anywhere; try giving the target itself to read it)")
LINKED_FOLDER = ("is a symbolic link to a folder, not followed (it could loop back; try passing "
                 "the folder it points to)")

# keep(parts, is_folder): whether a path under the walked folder (its components) is wanted.
Keep = Callable[[tuple[str, ...], bool], bool]


def expand(paths: Iterable[str | Path], exclude: frozenset[str] = frozenset()) -> Iterator[Path | str | ReadError]:
    """Each given path as files in a stable order: a folder as every file inside it
    (recursively, in sorted-path order, hidden files and folders skipped, and the markers
    engines write beside a dataset's part files), a glob as its matches in the same order,
    `-` as itself. Symlinked folders are not followed, so a link loop cannot hang a walk or
    a `**` glob; a link whose target lies outside the folder is an error row. `exclude`:
    real paths a walk or a glob leaves out (the run's own output, when it lies inside).
    A path that names nothing becomes a ReadError, in its place."""
    for given in paths:
        text = str(given)
        if text == "-":
            yield "-"
        elif os.path.isdir(text):
            yield from _walk(text, str(Path(text)), _leaving(exclude, None, text),
                             ReadError(text, "folder holds no files (try a folder of ads)"))
        elif os.path.lexists(text):
            yield Path(text)
        elif GLOB_CHARS & set(text):
            yield from _glob(text, exclude)
        else:
            yield ReadError(text, "no such file or folder (try checking the path)")


def _glob(pattern: str, exclude: frozenset[str] = frozenset()) -> Iterator[Path | ReadError]:
    """The pattern's matches (`**`: any number of folders), walked from its fixed folder."""
    folder, rest = _split(pattern)
    nothing = ReadError(pattern, "the pattern matches no files (try quoting it, or checking it)")
    if not os.path.isdir(folder or "."):
        yield nothing
        return
    yield from _walk(folder or ".", folder, _leaving(exclude, _matcher(rest), folder or "."), nothing)


def _walk(folder: str, shown: str, keep: Keep | None, empty: ReadError) -> Iterator[Path | ReadError]:
    """Depth first, entries sorted by name at each level: the order of the sorted paths.
    `shown`: how paths under the folder begin (empty for a glob's current folder); `keep`
    filters them; `empty` is yielded when nothing was."""
    root = os.path.realpath(folder)
    found = False
    stack = [((), _listing(folder))]
    while stack:
        parts, listing = stack[-1]
        entry = next(listing, None)
        if entry is None:
            stack.pop()
            continue
        if isinstance(entry, ReadError):
            found = True
            yield entry
            continue
        here = (*parts, entry.name)
        if entry.is_dir(follow_symlinks=False):
            if keep is None or keep(here, True):
                stack.append((here, _listing(entry.path)))
            continue
        item = _linked(entry, root, os.path.join(shown, *here)) if entry.is_symlink() else \
            Path(os.path.join(shown, *here))
        if keep is None or keep(here, isinstance(item, ReadError) and item.reason == LINKED_FOLDER):
            found = True
            yield item
    if not found:
        yield empty


def _leaving(exclude: frozenset[str], keep: Keep | None, folder: str) -> Keep | None:
    """keep(), less the excluded files of the walked folder (looked up by name first: a
    real path costs calls)."""
    if not exclude:
        return keep
    names = {os.path.basename(p) for p in exclude}

    def wanted(parts: tuple[str, ...], is_folder: bool) -> bool:
        if not is_folder and parts[-1] in names and os.path.realpath(os.path.join(folder, *parts)) in exclude:
            return False
        return keep is None or keep(parts, is_folder)

    return wanted


def _listing(folder: str) -> Iterator[os.DirEntry | ReadError]:
    try:
        with os.scandir(folder) as it:
            entries = sorted((e for e in it if not e.name.startswith((".", *ENGINE_MARKERS))), key=lambda e: e.name)
    except OSError as exc:  # a folder that cannot be listed is a row, not a silent gap
        yield ReadError(str(folder), f"folder cannot be listed: {exc.strerror} (try checking its permissions)")
        return
    yield from entries


def _linked(entry: os.DirEntry, root: str, shown: str) -> Path | ReadError:
    """A symbolic link met in a walk: its file when the target lies inside the walked folder."""
    if not inside(os.path.realpath(entry.path), root):
        return ReadError(shown, OUTSIDE)
    if _is_dir(entry):
        return ReadError(shown, LINKED_FOLDER)
    return Path(shown)


def inside(target: str, root: str) -> bool:
    """Whether the real path `target` is `root` or lies under it (both real paths)."""
    return target == root or target.startswith(root.rstrip(os.sep) + os.sep)


def _split(pattern: str) -> tuple[str, tuple[str, ...]]:
    """A glob as the folder it cannot leave (its leading components without wildcards)
    and the components left to match."""
    parts = Path(pattern).parts
    n = next(i for i, part in enumerate(parts) if glob.has_magic(part) or i == len(parts) - 1)
    return (os.path.join(*parts[:n]) if n else ""), parts[n:]


def _matcher(pattern: tuple[str, ...]) -> Keep:
    """keep() for a glob's components: a file must match them all; a folder is entered only
    while some path under it still could (`**` matches any number of folders)."""

    @cache
    def match(parts: tuple[str, ...], at: int, folder: bool) -> bool:
        if not parts:  # a folder may still lead to a match; a file must have matched it all
            return at < len(pattern) if folder else all(p == "**" for p in pattern[at:])
        if at == len(pattern):
            return False
        if pattern[at] == "**":
            return match(parts, at + 1, folder) or match(parts[1:], at, folder)
        return fnmatchcase(parts[0], pattern[at]) and match(parts[1:], at + 1, folder)

    return lambda parts, folder: match(parts, 0, folder)


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False
