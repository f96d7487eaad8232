"""Plain text and Markdown: files and stdin. Also the size-limited read all readers share."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..text.document import Document, split_document
from .decode import decode

MAX_BYTES = 1_000_000  # real ads are under 50 KB; an ad costs about 200 bytes of memory per character


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, refused above `max_bytes` before anything is read."""
    source = str(path)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise InputError(source, "is not a regular file", "passing a file or a folder")
        if size > max_bytes:
            raise InputError(source, f"is {size:,} bytes, over the {max_bytes:,}-byte limit",
                             "--max-size with a larger limit, or splitting the file")
        with path.open("rb") as fh:
            return fh.read(max_bytes + 1)  # a file growing while we read stays bounded
    except OSError as exc:
        raise InputError(source, f"cannot be read: {exc.strerror or exc}",
                         "checking the path and its permissions") from None


def text_document(raw: bytes, source: str) -> Document:
    """Decoded text as a Document: title from front matter, heading or first line."""
    text, encoding = decode(raw, source)
    if not text.strip():
        raise InputError(source, "is empty (only whitespace)", "passing a file that holds an ad")
    return split_document(text, source, encoding)


def read_stdin(data: bytes, max_bytes: int = MAX_BYTES) -> Document:
    """Standard input as one ad."""
    if len(data) > max_bytes:
        raise InputError("<stdin>", f"is {len(data):,} bytes, over the {max_bytes:,}-byte limit",
                         "--max-size with a larger limit")
    if not data.strip():
        raise InputError("<stdin>", "is empty", "piping an ad in: jdscan classify - < ad.txt")
    return text_document(data, "<stdin>")
