"""OpenDocument text (.odt, as LibreOffice and Google Docs export it) and RTF (.rtf, as
WordPad and older Word save it): the text in reading order.

An .odt is a zip holding content.xml, read here with the standard library: headings,
paragraphs, list items (as bullets) and table rows, in order. RTF is read by striprtf, a
small pure-Python reader (`pip install 'jdscan[rtf]'`).
"""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree

from ..errors import InputError
from ..text.document import Document
from .office import _check_zip, _document, _why

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def odt_document(raw: bytes, source: str, max_bytes: int) -> Document:
    """An OpenDocument text: its first level-1 heading is the title, other headings open
    sections, list items are bullets, table rows are cells joined by |."""
    _check_zip(raw, source, max_bytes, ".odt")
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            root = ElementTree.fromstring(zf.read("content.xml"))
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, OSError) as exc:
        raise InputError(source, f"is not a readable .odt file ({_why(exc)})",
                         "re-saving it from the word processor, or exporting it as .docx or text") from None
    body = root.find(f"{OFFICE}body/{OFFICE}text")
    budget = Budget(source, max_bytes)
    lines = list(_blocks(body, [False], budget)) if body is not None else []
    return _document("\n".join(lines), source, "an OpenDocument text with text")


def rtf_document(raw: bytes, source: str) -> Document:
    """An RTF file's text (RTF is 7-bit: its own escapes carry the accents)."""
    try:
        from striprtf.striprtf import rtf_to_text
    except ImportError:
        raise InputError(source, "is an RTF file, and reading one needs striprtf",
                         "`pip install 'jdscan[rtf]'`, or saving it as .docx or text") from None
    try:
        text = rtf_to_text(raw.decode("latin-1"), errors="replace")
    except Exception as exc:  # noqa: BLE001 (a damaged file: an error row, not a stopped batch)
        raise InputError(source, f"is not a readable RTF file ({_why(exc)})", "saving it as .docx or text") from None
    return _document(text, source, "an RTF file with text")


class Budget:
    """The text an .odt expands to, counted while it grows: a 400-byte file can ask for two
    billion spaces (`<text:s text:c="2000000000"/>`), refused before they are made."""

    def __init__(self, source: str, max_bytes: int):
        self.source, self.left, self.max_bytes = source, max_bytes, max_bytes

    def repeat(self, count: str | None) -> int:
        """A `text:c` repeat count, taken from what is left."""
        try:
            n = max(0, int(count or "1"))
        except ValueError:
            raise InputError(self.source, f"is not a readable .odt file (a space count {count[:20]!r} "
                             "is not a number)", "re-saving it from the word processor") from None
        return self.take(n)

    def take(self, n: int) -> int:
        self.left -= n
        if self.left < 0:
            raise InputError(self.source, f"expands to more than the {self.max_bytes:,}-character limit "
                             "of text", "--max-size with a larger limit, or re-saving it from the word processor")
        return n


def _blocks(node, title_done: list[bool], budget: Budget):
    for child in node:
        tag = child.tag
        if tag == f"{TEXT}h":
            text = _text(child, budget).strip()
            level = child.get(f"{TEXT}outline-level", "1")
            if text and level == "1" and not title_done[0]:
                title_done[0] = True
                yield f"# {text}"  # read as the title, as a Markdown heading is
            elif text:
                yield f"## {text}"  # a Markdown heading: it opens a section
        elif tag == f"{TEXT}p":
            if text := _text(child, budget).strip():
                yield text
        elif tag == f"{TEXT}list-item":
            for line in _blocks(child, title_done, budget):
                yield line if line.startswith(("• ", "#")) else f"• {line}"
        elif tag == f"{TABLE}table-row":
            yield " | ".join(_text(cell, budget).strip() for cell in child.findall(f"{TABLE}table-cell"))
        else:  # lists, sections, tables and their row groups hold the blocks above
            yield from _blocks(child, title_done, budget)


def _text(node, budget: Budget) -> str:
    """A paragraph's text with ODF's space, tab and line-break elements put back."""
    parts = [node.text or ""]
    budget.take(len(parts[0]))
    for child in node:
        if child.tag == f"{TEXT}s":
            parts.append(" " * budget.repeat(child.get(f"{TEXT}c")))
        elif child.tag == f"{TEXT}tab":
            parts.append("\t")
        elif child.tag == f"{TEXT}line-break":
            parts.append("\n")
        else:
            parts.append(_text(child, budget))
        parts.append(child.tail or "")
        budget.take(len(parts[-1]))
    return "".join(parts)
