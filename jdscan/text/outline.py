"""The headings of an ad and the sections they open: duties, requirements, company,
benefits, how to apply, legal boilerplate, or other.

A heading is a line of its own that looks like one (a Markdown heading, which is how the
readers mark HTML <h2>-<h6> and Word heading styles; a short line ending in a colon; a
short line in capitals; a short title-case line that holds a known heading phrase), or a
known heading phrase glued to the text before it and followed by a colon, as stripped HTML
leaves it ("growth.Responsibilities:Answer ..."). The heading phrases come from the rules
(`kind: sections`), so a user can add their own.

One regex pass finds the short lines and one the glued headings: about 10 us an ad.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from typing import NamedTuple

OTHER = "other"
MAX_HEADING_WORDS = 8
MAX_HEADING_CHARS = 80
# Markdown heading marks, a bullet and bold marks around a heading line.
MARKS = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+|[-*•][ \t]+)?(?:\*\*|__)?(.*?)(?:\*\*|__)?[ \t]*$")
NOT_WORD = re.compile(r"[^a-z0-9']+")
LAST_WORD = re.compile(r"([A-Z]?[a-z']+|[A-Z]+)\Z")
# What may stand just before a heading glued to the text: a lower-case letter ("growthResponsibilities"),
# the end of a sentence or a bracket, a line break, or nothing.
GLUE = frozenset("abcdefghijklmnopqrstuvwxyz.!?)\n")
SENTENCE_END = frozenset(".!,;")
MARK_CHARS = frozenset("#*_-•")


class Heading(NamedTuple):
    start: int  # offset of the heading in the text
    end: int
    text: str
    kind: str  # duties, requirements, company, benefits, apply, legal or other


class Outline(NamedTuple):
    """Where each section starts and its kind; text before the first heading is `other`."""

    starts: list[int]
    kinds: list[str]
    headings: list[Heading]

    def kind_at(self, offset: int) -> str:
        i = bisect_right(self.starts, offset) - 1
        return self.kinds[i] if i >= 0 else OTHER


NO_SECTIONS = Outline([], [], [])


class HeadingReader:
    """Finds headings and names the kind of section each opens."""

    def __init__(self, phrases: dict[str, Iterable[str]]):
        kinds: dict[str, str] = {}
        for kind, ps in phrases.items():
            for phrase in ps:
                kinds.setdefault(_normal(phrase), kind)
        self.kinds = kinds
        # One pass finds every known phrase a heading holds; the longest wins.
        alternatives = "|".join(re.escape(p) for p in sorted(kinds, key=len, reverse=True))
        self.holds = re.compile(rf"(?<![a-z0-9'])(?:{alternatives})(?![a-z0-9'])") if kinds else None
        # The phrases by their last word: a colon's word before it says which could end there.
        self.ending: dict[str, list[str]] = {}
        for phrase in kinds:
            self.ending.setdefault(phrase.split()[-1], []).append(phrase)

    def kind_of(self, heading: str) -> str:
        """The kind of section a heading opens (`other` when it holds no known phrase)."""
        found = self.holds.findall(_normal(heading)) if self.holds is not None else []
        return self.kinds[max(found, key=len)] if found else OTHER

    def read(self, text: str) -> Outline:
        """The outline of a text: its headings in order, and the sections they open."""
        found = dict(self._lines(text)) if "\n" in text else {}
        if ":" in text and self.holds is not None:
            for start, heading in self._glued(text):
                found.setdefault(start, heading)
        if not found:
            return NO_SECTIONS
        headings = sorted(found.values())
        return Outline([h.start for h in headings], [h.kind for h in headings], headings)

    def _lines(self, text: str):
        """(start, Heading) for each line of its own that reads as a heading."""
        pos = 0
        for line in text.split("\n"):
            size = len(line)
            if 2 <= size <= MAX_HEADING_CHARS and line.rstrip()[-1:] not in SENTENCE_END:
                lead = size - len(line.lstrip())
                if line[lead:lead + 1] in MARK_CHARS:  # "## Duties", "**Benefits**", "- About you"
                    m = MARKS.match(line)
                    content, at = m.group(1), m.start(1)
                else:
                    content, at = line.strip(), lead
                if content and self._is_heading(line[lead] == "#", content):
                    start = pos + at
                    yield start, Heading(start, start + len(content), content, self.kind_of(content))
            pos += size + 1

    def _glued(self, text: str):
        """(start, Heading) for each known phrase glued to the text before it, colon after."""
        colon = text.find(":")
        while colon >= 0:
            window = text[max(0, colon - 40):colon]
            stripped = window.rstrip(" \t")
            if stripped[-1:].isalpha():
                end = colon - len(window) + len(stripped)
                m = LAST_WORD.search(stripped.rsplit(None, 1)[-1])  # camel-case joins split
                for phrase in self.ending.get(m.group(1).lower(), ()) if m else ():
                    start = end - len(phrase)
                    if start >= 0 and (start == 0 or text[start - 1] in GLUE) and text[start].isupper() \
                            and _normal(text[start:end]) == phrase:
                        yield start, Heading(start, end, text[start:end], self.kinds[phrase])
                        break
            colon = text.find(":", colon + 1)

    def _is_heading(self, marked: bool, content: str) -> bool:
        if marked or content.endswith(":"):
            return len(content.split()) <= MAX_HEADING_WORDS
        if content.isupper():
            return sum(c.isalpha() for c in content) >= 3 and len(content.split()) <= MAX_HEADING_WORDS
        # A known phrase on a line of its own, in title case ("Job Description", "Skills and
        # Experience"); "Customer service experience" in sentence case is a list item.
        words = content.split()
        return (len(words) <= 5 and all(w[0].isupper() for w in words if len(w) > 3 and w[0].isalpha())
                and self.kind_of(content) != OTHER)


def _normal(text: str) -> str:
    return NOT_WORD.sub(" ", text.lower().replace("’", "'")).strip()
