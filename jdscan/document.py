"""An ad as jdscan reads it: a title, a body and where the body starts in the source."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .errors import InputError

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
HEADING = re.compile(r"\A[ \t]*#{1,6}[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
MAX_TITLE_LINE = 120


@dataclass(frozen=True)
class Document:
    """One ad. `body_offset` is where `body` starts in the original source text."""

    source: str | None
    title: str
    body: str
    body_offset: int = 0
    meta: dict[str, Any] = field(default_factory=dict)
    id: str | None = None
    encoding: str = "utf-8"  # as read; anything but UTF-8/UTF-16 was a guess


def split_document(text: str, source: str, encoding: str = "utf-8") -> Document:
    """Read the title from YAML front matter (`title:`), a leading Markdown heading, or a
    short first line; the rest is the body."""
    meta: dict[str, Any] = {}
    offset = 0
    fm = FRONT_MATTER.match(text)
    if fm:
        meta = _front_matter(fm.group(1), source)
        offset = fm.end()
    title, start = _title_line(text, offset, has_title=bool(meta.get("title")))
    title = str(meta.get("title") or title or "").strip()
    return Document(source, title, text[start:], start, meta, encoding=encoding)


def _front_matter(raw: str, source: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark else ""
        raise InputError(source, f"the YAML front matter is invalid{where}",
                         "checking the lines between the two `---` markers") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(source, "the YAML front matter is not a mapping", "`title: ...` lines")
    return data


def _title_line(text: str, offset: int, has_title: bool) -> tuple[str, int]:
    """The title found at `offset` and where the body starts after it."""
    rest = text[offset:]
    stripped = rest.lstrip()
    lead = len(rest) - len(stripped)
    line, sep, after = stripped.partition("\n")
    heading = HEADING.match(line)
    if heading:
        return ("" if has_title else heading.group(1)), offset + lead + len(line) + len(sep)
    if has_title or not after.strip() or len(line.strip()) > MAX_TITLE_LINE:
        return "", offset
    if line.rstrip().endswith((".", "!", "?", ":", ";", ",")):
        return "", offset
    return line.strip(), offset + lead + len(line) + len(sep)
