"""An ad as jdscan reads it: a title, a body and where the body starts in the source."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..errors import InputError
from .titles import labelled_title, looks_like_title

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
HEADING = re.compile(r"\A[ \t]*#{1,6}[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
TITLE_KEY = re.compile(r"^title[ \t]*:", re.MULTILINE)
MAX_TITLE_LINE = 120
SENTENCE_END = (".", "!", "?", ":", ";", ",")


@dataclass(frozen=True)
class Document:
    """One ad. `body_offset` is where `body` starts in the original source text."""

    source: str | None
    title: str
    body: str
    body_offset: int = 0
    meta: dict[str, Any] = field(default_factory=dict)
    id: str | int | float | None = None  # a JSON row's id keeps its type
    encoding: str = "utf-8"  # as read; anything but UTF-8/UTF-16 was a guess
    body_line: int = 1  # where the body starts in the source file (1-based line, column)
    body_col: int = 1
    title_line: int = 1  # the line the title was read from
    comments: tuple[str, ...] = ()  # the text of each <!-- comment --> (directives live there)
    comment_lines: tuple[int, ...] = ()  # the line each comment starts on
    directive_line: int = 1  # the line of front matter's `jdscan:` key, where there is one
    title_given: bool = True  # False: a table row with no title (absent or null); its verdict says null

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column), 1-based, in the source file of a character offset into the body."""
        offset = max(0, min(offset, len(self.body)))
        newlines = self.body.count("\n", 0, offset)
        if not newlines:
            return self.body_line, self.body_col + offset
        return self.body_line + newlines, offset - self.body.rfind("\n", 0, offset)


def split_document(text: str, source: str, encoding: str = "utf-8") -> Document:
    """Read the title from YAML front matter (`title:`), a leading Markdown heading, a
    "Job Title: ..." line near the top, or a short first line (the next one, when the first
    names the employer, a place or a date and the next reads as a job title); the rest is
    the body."""
    meta: dict[str, Any] = {}
    offset = 0
    fm = FRONT_MATTER.match(text)
    if fm:
        meta = _front_matter(fm.group(1), source)
        offset = fm.end()
    from_meta = bool(meta.get("title"))
    title, start, title_at, cut = _title_line(text, offset, has_title=from_meta)
    if from_meta:
        title, title_at = str(meta["title"]).strip(), _meta_title_offset(fm)
    # Markdown comments are invisible to readers, so they are not evidence either; they and
    # a labelled title line are blanked (not cut) so that offsets still point into the file.
    body = HTML_COMMENT.sub(lambda m: _blank(m.group()), text[start:])
    if cut:
        body = body[:cut[0] - start] + _blank(body[cut[0] - start:cut[1] - start]) + body[cut[1] - start:]
    body_line, body_col = _line_col(text, start)
    found = list(HTML_COMMENT.finditer(text))
    return Document(source, title, body, start, meta, encoding=encoding, body_line=body_line,
                    body_col=body_col, title_line=_line_col(text, title_at)[0],
                    comments=tuple(m.group()[4:-3].strip() for m in found),
                    comment_lines=tuple(_line_col(text, m.start())[0] for m in found),
                    directive_line=_directive_line(text, fm))


def _directive_line(text: str, fm) -> int:
    key = re.search(r"^jdscan\s*:", text[:fm.end()], re.MULTILINE) if fm else None
    return text.count("\n", 0, key.start()) + 1 if key else 1


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def _line_col(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


def _meta_title_offset(fm) -> int:
    """Where a front-matter title was read: its `title:` line."""
    key = TITLE_KEY.search(fm.group(1))
    return fm.start(1) + key.start() if key else 0


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


def _title_line(text: str, offset: int, has_title: bool) -> tuple[str, int, int, tuple[int, int] | None]:
    """(title, where the body starts, where the title was read, a line to blank in the body)."""
    rest = text[offset:]
    stripped = rest.lstrip()
    lead = offset + len(rest) - len(stripped)
    line, sep, after = stripped.partition("\n")
    after_line = lead + len(line) + len(sep)
    heading = HEADING.match(line)
    if heading:
        return ("" if has_title else heading.group(1)), after_line, lead, None
    if has_title:
        return "", offset, offset, None
    labelled = labelled_title(text, offset)
    if labelled:  # on the first line: the body follows it; further down: blanked where it stands
        title, start, end = labelled
        return (title, after_line, start, None) if start == lead else (title, offset, start, (start, end))
    if not after.strip() or len(line.strip()) > MAX_TITLE_LINE or line.rstrip().endswith(SENTENCE_END):
        return "", offset, offset, None
    following = after.lstrip()
    next_line, next_sep, remainder = following.partition("\n")
    if remainder.strip() and not looks_like_title(line) and looks_like_title(next_line):
        at = after_line + len(after) - len(following)  # the employer, place or date above is dropped
        return next_line.strip(), at + len(next_line) + len(next_sep), at, None
    return line.strip(), after_line, lead, None
