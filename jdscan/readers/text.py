"""Plain text and Markdown: files and stdin. Also the size-limited read all readers share."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..text.document import Document, split_document
from .decode import decode

MAX_BYTES = 1_000_000  # real ads are under 50 KB; an ad costs about 200 bytes of memory per character


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, refused above `max_bytes` before anything is read."""
    with open_regular(path) as fh:
        check_size(path, fh, max_bytes)
        try:
            raw = fh.read(max_bytes + 1)  # a file growing while we read stays bounded
        except OSError as exc:
            raise _unreadable(str(path), exc) from None
    if len(raw) > max_bytes:
        raise _too_big(str(path), max_bytes)
    return raw


def open_regular(path: Path) -> BinaryIO:
    """The file opened for binary reading when it is a regular file of at most the size a
    reader can take; anything else (a FIFO, a device, a socket, through a link or not) is an
    InputError. Opened without blocking, so a FIFO named like an ad is refused, not waited on."""
    source = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise _unreadable(source, exc) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise InputError(source, f"is not a regular file (it is {_kind(mode)})",
                             "passing a file or a folder; jdscan reads no pipes or devices but - for stdin")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def check_size(path: Path, fh: BinaryIO, max_bytes: int) -> None:
    """Refuse a file over `max_bytes`, before any of it is read."""
    size = os.fstat(fh.fileno()).st_size
    if size > max_bytes:
        raise _too_big(str(path), max_bytes, size)


def _too_big(source: str, max_bytes: int, size: int | None = None) -> InputError:
    said = f"{size:,} bytes" if size is not None else f"more than {max_bytes:,} bytes"
    return InputError(source, f"is {said}, over the {max_bytes:,}-byte limit",
                      "--max-size with a larger limit, or splitting the file")


def _unreadable(source: str, exc: OSError) -> InputError:
    return InputError(source, f"cannot be read: {exc.strerror or exc}", "checking the path and its permissions")


def _kind(mode: int) -> str:
    kinds = [(stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
             (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder")]
    return next((name for test, name in kinds if test(mode)), "not a file")


def text_document(raw: bytes, source: str) -> Document:
    """Decoded text as a Document: title from front matter, heading or first line."""
    text, encoding = decode(raw, source)
    if not text.strip():
        raise InputError(source, "is empty (only whitespace)", "passing a file that holds an ad")
    return split_document(text, source, encoding)


def read_stdin(data: bytes | BinaryIO, max_bytes: int = MAX_BYTES) -> Document:
    """Standard input (its bytes, or a stream read up to the limit and one byte more, so an
    endless one is refused, not held) as one ad."""
    if not isinstance(data, (bytes, bytearray)):
        try:
            data = data.read(max_bytes + 1)
        except OSError as exc:
            raise _unreadable("<stdin>", exc) from None
    if len(data) > max_bytes:
        raise _too_big("<stdin>", max_bytes)
    if not data.strip():
        raise InputError("<stdin>", "is empty", "piping an ad in: jdscan classify - < ad.txt")
    return text_document(data, "<stdin>")
