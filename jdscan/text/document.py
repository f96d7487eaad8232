"""An ad as jdscan reads it: a title, a body and where the body starts in the source."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..errors import InputError

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
HEADING = re.compile(r"\A[ \t]*#{1,6}[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
TITLE_KEY = re.compile(r"^title[ \t]*:", re.MULTILINE)
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
    body_line: int = 1  # where the body starts in the source file (1-based line, column)
    body_col: int = 1
    title_line: int = 1  # the line the title was read from
    comments: tuple[str, ...] = ()  # the text of each <!-- comment --> (directives live there)

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column), 1-based, in the source file of a character offset into the body."""
        offset = max(0, min(offset, len(self.body)))
        newlines = self.body.count("\n", 0, offset)
        if not newlines:
            return self.body_line, self.body_col + offset
        return self.body_line + newlines, offset - self.body.rfind("\n", 0, offset)


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
    title_at = _title_offset(text, fm, offset, start, from_meta=bool(meta.get("title")))
    title = str(meta.get("title") or title or "").strip()
    # Markdown comments are invisible to readers, so they are not evidence either; blanked
    # (not cut) so that offsets still point into the file.
    body = HTML_COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text[start:])
    body_line, body_col = _line_col(text, start)
    comments = tuple(m.group()[4:-3].strip() for m in HTML_COMMENT.finditer(text))
    return Document(source, title, body, start, meta, encoding=encoding, body_line=body_line,
                    body_col=body_col, title_line=_line_col(text, title_at)[0], comments=comments)


def _line_col(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


def _title_offset(text: str, fm, offset: int, start: int, from_meta: bool) -> int:
    """Where the title was read: its `title:` line in front matter, else its own line."""
    if from_meta and fm:
        key = TITLE_KEY.search(fm.group(1))
        return fm.start(1) + key.start() if key else 0
    return offset + len(text[offset:start]) - len(text[offset:start].lstrip())


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
