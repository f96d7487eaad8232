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
    lines = list(_blocks(body, [False])) if body is not None else []
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


def _blocks(node, title_done: list[bool]):
    for child in node:
        tag = child.tag
        if tag == f"{TEXT}h":
            text = _text(child).strip()
            level = child.get(f"{TEXT}outline-level", "1")
            if text and level == "1" and not title_done[0]:
                title_done[0] = True
                yield f"# {text}"  # read as the title, as a Markdown heading is
            elif text:
                yield f"## {text}"  # a Markdown heading: it opens a section
        elif tag == f"{TEXT}p":
            if text := _text(child).strip():
                yield text
        elif tag == f"{TEXT}list-item":
            for line in _blocks(child, title_done):
                yield line if line.startswith(("• ", "#")) else f"• {line}"
        elif tag == f"{TABLE}table-row":
            yield " | ".join(_text(cell).strip() for cell in child.findall(f"{TABLE}table-cell"))
        else:  # lists, sections, tables and their row groups hold the blocks above
            yield from _blocks(child, title_done)


def _text(node) -> str:
    """A paragraph's text with ODF's space, tab and line-break elements put back."""
    parts = [node.text or ""]
    for child in node:
        if child.tag == f"{TEXT}s":
            parts.append(" " * int(child.get(f"{TEXT}c", "1")))
        elif child.tag == f"{TEXT}tab":
            parts.append("\t")
        elif child.tag == f"{TEXT}line-break":
            parts.append("\n")
        else:
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)
