"""The output file of a batch, guarded: written as FILE.partial, locked while a run writes
it (two runs on one output would interleave their rows), renamed to FILE only when the run
ends well, so a file that is there is complete and an older complete one is not replaced
by a torn one. Plain results: the command says what happened."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from ..errors import UsageError
from .resume import finish, partial_path

__all__ = ["finish", "open_partial", "partial_path"]


def open_partial(output: Path, append: bool = False) -> TextIO:
    """The output's partial file, open for writing (UTF-8) and locked by this process;
    `append`: go on after what it holds (--resume), else start it empty. A UsageError when
    it cannot be opened, or another run holds it."""
    partial = partial_path(output)
    try:
        fh = partial.open("a", encoding="utf-8", newline="")  # not truncated before it is locked
    except OSError as exc:
        raise UsageError(f"{output}: cannot write the output: {exc.strerror} (try another --output path)") from None
    if not _lock(fh):
        fh.close()
        raise UsageError(f"{partial} is being written by another jdscan run (try another --output, or wait "
                         "for that run)")
    if not append:
        fh.seek(0)
        fh.truncate()
    return fh


def _lock(fh) -> bool:
    """Whether this process now holds the file's lock; True where files cannot be locked."""
    try:
        import fcntl
    except ImportError:  # not POSIX
        return True
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError:  # a file system without locks
        return True
    return True
