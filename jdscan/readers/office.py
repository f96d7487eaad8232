"""Word .docx (python-docx) and PDF (pypdf): the text layer, in reading order.

Both formats come from outside and their parsers raise many kinds of exceptions on a
damaged file; each becomes an InputError naming the file, so a batch goes on.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile

from ..errors import InputError
from ..text.document import Document, split_document

# A .docx is a zip: refuse one whose parts would inflate past this multiple of the size
# limit (at least UNZIPPED_MIN) before any XML is parsed; zipfile never inflates a part
# past its declared size, so the declared sizes are a real bound.
UNZIPPED_FACTOR = 20
UNZIPPED_MIN = 50_000_000
HEADING_STYLES = ("Title", "Heading 1")

# pypdf reports recoverable damage through logging; the row's outcome is what we report.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def docx_document(raw: bytes, source: str, max_bytes: int) -> Document:
    """A Word document: paragraphs and table cells in order; a Title/Heading 1 is the title."""
    _check_zip(raw, source, max_bytes)
    try:
        import docx

        lines = list(_docx_lines(docx.Document(io.BytesIO(raw))))
    except Exception as exc:  # noqa: BLE001 (see the module docstring)
        raise InputError(source, f"is not a readable .docx file ({_why(exc)})",
                         "re-saving it from Word as .docx, or exporting it as text") from None
    return _document("\n".join(lines), source, "a Word document with text")


def pdf_document(raw: bytes, source: str) -> Document:
    """A PDF's text layer, page by page. A scanned PDF has none: that is an error row."""
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(source, "is an encrypted PDF", "a copy without a password")
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 (see the module docstring)
        raise InputError(source, f"is not a readable PDF ({_why(exc)})",
                         "exporting the ad as text or .docx") from None
    if not text.strip():
        raise InputError(source, "has no text layer (it is probably a scan)",
                         "running OCR on it first, for example with ocrmypdf")
    return _document(printable(text), source, "a PDF with text")


# What a PDF's text layer gives for a symbol-font bullet: a control character, or a private-
# use code point (Symbol's U+F0B7). At a line's start it was a bullet; elsewhere a space.
ODD = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ue000-\uf8ff]"
BULLET_AT_START = re.compile(rf"^([ \t]*){ODD}+[ \t]*", re.MULTILINE)
ODD_CHARS = re.compile(f"{ODD}+")


def printable(text: str) -> str:
    """Control and private-use characters from a PDF: bullets at a line's start, spaces
    elsewhere."""
    return ODD_CHARS.sub(" ", BULLET_AT_START.sub(r"\1• ", text))


def _check_zip(raw: bytes, source: str, max_bytes: int, kind: str = ".docx") -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            unzipped = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise InputError(source, f"is not a {kind} file: it is not a valid zip archive ({exc})",
                         f"re-saving it as {kind}") from None
    limit = max(UNZIPPED_MIN, UNZIPPED_FACTOR * max_bytes)
    if unzipped > limit:
        raise InputError(source, f"would unzip to {unzipped:,} bytes (a zip bomb, or a very large "
                         f"document); the limit is {limit:,}",
                         "--max-size with a larger limit if the document is genuine")


def _docx_lines(document):
    from docx.table import Table

    title_done = False
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                yield " | ".join(cell.text.strip() for cell in row.cells)
            continue
        text = block.text.strip()
        style = block.style.name if block.style is not None else ""
        if not title_done and text and style in HEADING_STYLES:
            title_done = True
            yield f"# {text}"  # read as the title, as a Markdown heading is
        elif text and style.startswith("Heading"):
            yield f"## {text}"  # a Markdown heading: it opens a section
        elif text:
            yield text


def _document(text: str, source: str, what: str) -> Document:
    if not text.strip():
        raise InputError(source, "holds no text", f"passing {what}")
    return split_document(text, source, "utf-8")


def _why(exc: Exception) -> str:
    message = str(exc).strip().splitlines()[0][:160] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__
