"""Plain text and Markdown files, folders of them, and stdin."""

from __future__ import annotations

import codecs
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..document import Document, split_document
from ..errors import InputError

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
MAX_BYTES = 10_000_000


@dataclass(frozen=True)
class ReadError:
    """An input that yields no ad, and why; a batch reports it as an error row."""

    source: str
    reason: str


def decode(raw: bytes, source: str) -> str:
    """Bytes to text: UTF-8 (with or without BOM) or UTF-16 with a BOM."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16")
    if b"\x00" in raw[:8192]:
        raise InputError(source, "looks like a binary file (it contains NUL bytes)",
                         "passing a .txt or .md file")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(source, f"is not valid UTF-8 (byte {exc.start})",
                         "re-saving the file as UTF-8") from None


def read_path(path: Path) -> Document:
    """One text or Markdown file as a Document."""
    source = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(source, f"is {size:,} bytes, over the {MAX_BYTES:,}-byte limit",
                             "splitting the file")
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(source, f"cannot be read: {exc.strerror}", "checking the path") from None
    text = decode(raw, source)
    if not text.strip():
        raise InputError(source, "is empty", "passing a file that holds an ad")
    return split_document(text, source)


def read_stdin(data: bytes) -> Document:
    """Standard input as one ad."""
    text = decode(data, "<stdin>")
    if not text.strip():
        raise InputError("<stdin>", "is empty", "piping an ad in: jdscan classify - < ad.txt")
    return split_document(text, "<stdin>")


def expand(paths: Iterable[Path]) -> Iterator[Path | ReadError]:
    """Files as given; folders as every text/Markdown file inside, recursively, sorted."""
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in TEXT_SUFFIXES and p.is_file())
            if not found:
                yield ReadError(str(path), "folder holds no .txt or .md files")
            yield from found
        elif path.exists():
            yield path
        else:
            yield ReadError(str(path), "no such file or folder")


def read_all(paths: Iterable[Path], stdin: bytes | None = None) -> Iterator[Document | ReadError]:
    """Every input as a Document or a ReadError, in the order given; `-` is stdin."""
    for given in paths:
        if str(given) == "-":
            yield _guard(read_stdin, stdin or b"")
            continue
        for item in expand([given]):
            yield item if isinstance(item, ReadError) else _guard(read_path, item)


def _guard(read, arg) -> Document | ReadError:
    try:
        return read(arg)
    except InputError as exc:
        return ReadError(exc.source, exc.reason + (f" (try {exc.hint})" if exc.hint else ""))
