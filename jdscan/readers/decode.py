"""Bytes to text: BOMs, UTF-16 without a BOM, UTF-8, then a detected legacy encoding."""

from __future__ import annotations

import codecs
import re

from ..errors import InputError

SNIFF = 65_536
STRAY_NULS = 100  # a table is binary when more than one byte in this many of its head is NUL
# The legacy encodings of English-language ads. Detection among all code pages guesses
# wrongly on short texts (cp1250 for "crème"), so it only decides whether the bytes read
# as text at all in one of these; cp1252 (a superset of Latin-1's printable range) wins.
LEGACY = ["cp1252", "latin_1"]
UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# UTF-8 with a few broken bytes (a truncated copy, a bad paste) is still UTF-8: such bytes
# become U+FFFD and the Document says so.
UTF8_REPLACED = "utf-8 (invalid bytes replaced)"
BOMS = [(codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16")]


def detect(raw: bytes, source: str, table: bool = False) -> str:
    """The encoding of `raw` (judged on its first 64 KB), or InputError for binary data.
    `table`: a few NUL bytes (a stray one in a cell) do not make a table binary; the rows
    that hold them are error rows instead."""
    head = raw[:SNIFF]
    for bom, name in BOMS:
        # English in UTF-16/32 has NULs; bytes that only look like a BOM ("ÿþ" in cp1252) do not.
        if head.startswith(bom) and (name == "utf-8-sig" or b"\x00" in head[len(bom):] or len(head) < 16):
            return name
    utf16 = _utf16_without_bom(head)
    if utf16:
        return utf16
    if table and head.count(0) * STRAY_NULS <= len(head):
        head = head.replace(b"\x00", b"")
    if b"\x00" in head:
        raise InputError(source, "looks like a binary file (it contains NUL bytes)",
                         "passing the ad as text, HTML, .docx or PDF")
    if _is_utf8(head, cut=len(raw) > SNIFF):
        return "utf-8"
    if _mostly_utf8(head):
        return UTF8_REPLACED
    return _legacy(head, source)


# An HTML page's own <meta charset=...> or http-equiv Content-Type, in its first 1,024
# bytes, as the HTML standard's prescan looks for it.
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
DECLARED = " (declared)"  # an encoding the file named itself: read as said, not guessed


def declared(raw: bytes, source: str) -> tuple[str, str] | None:
    """(text, encoding) when an HTML page declares a charset that it decodes in (no BOM,
    which wins); None otherwise, for detection to decide. A declared Latin-1 is read as
    cp1252, as browsers do."""
    if any(raw.startswith(bom) for bom, _ in BOMS):
        return None
    m = META_CHARSET.search(raw[:1024])
    if not m:
        return None
    try:
        name = codecs.lookup(m.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    name = "cp1252" if name in ("iso8859-1", "latin-1", "ascii") else name
    try:
        return raw.decode(name), name + DECLARED
    except UnicodeDecodeError:  # the page is not what it says: detect instead
        return None


def codec(encoding: str) -> tuple[str, str]:
    """The codec name and error handler for an encoding `detect` named."""
    return ("utf-8", "replace") if encoding == UTF8_REPLACED else (encoding, "strict")


def decode(raw: bytes, source: str) -> tuple[str, str]:
    """Decode a whole file: (text, encoding). The encoding is judged on the head and must
    hold for all of it."""
    encoding = detect(raw, source)
    try:
        return raw.decode(*codec(encoding)), encoding
    except UnicodeDecodeError as exc:
        raise InputError(source, f"is not valid {encoding} (byte {exc.start:,} cannot be decoded)",
                         "re-saving the file as UTF-8") from None


def _is_utf8(head: bytes, cut: bool) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut by the 64 KB window is not an error.
        return cut and exc.start >= len(head) - 3 and exc.reason == "unexpected end of data"
    return True


def _mostly_utf8(head: bytes) -> bool:
    valid = len(UTF8_SEQUENCE.findall(head))
    broken = head.decode("utf-8", "replace").count("\ufffd")
    return valid > 0 and broken <= valid


def _utf16_without_bom(head: bytes) -> str | None:
    """Mostly-ASCII text in UTF-16 has a NUL in every other byte."""
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even, odd = head[0:pairs * 2:2].count(0), head[1:pairs * 2:2].count(0)
    if odd > 0.4 * pairs and even < 0.05 * pairs:
        return "utf-16-le"
    if even > 0.4 * pairs and odd < 0.05 * pairs:
        return "utf-16-be"
    return None


def _legacy(head: bytes, source: str) -> str:
    from charset_normalizer import from_bytes  # only for the rare non-UTF-8 file

    best = from_bytes(head, cp_isolation=LEGACY).best()
    if best is not None:
        return _first_that_decodes(head, LEGACY) or best.encoding
    raise InputError(source, "is neither UTF-8, UTF-16 nor a Western legacy encoding "
                     "(it may be a binary file)", "re-saving the file as UTF-8")


def _first_that_decodes(head: bytes, encodings: list[str]) -> str | None:
    for name in encodings:
        try:
            head.decode(name)
        except UnicodeDecodeError:
            continue
        return name
    return None
