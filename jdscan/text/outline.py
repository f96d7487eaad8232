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
# A short line, its Markdown heading marks, bullet and bold marks aside.
SHORT_LINE = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+|[-*•][ \t]+)?(?:\*\*|__)?([^\n]{2,80}?)(?:\*\*|__)?[ \t]*$",
                        re.MULTILINE)
NOT_WORD = re.compile(r"[^a-z0-9']+")


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
        self.phrases = [(f" {_normal(p)} ", kind) for kind, ps in phrases.items() for p in ps]
        self.phrases.sort(key=lambda pk: -len(pk[0]))  # the longest phrase a heading holds wins
        exact = sorted({p.strip() for p, _ in self.phrases}, key=len, reverse=True)
        # A known phrase glued to what comes before (a letter, "." or ")") or at a line's
        # start, capitalised, with a colon after it.
        alternatives = "|".join(re.escape(p).replace(r"\ ", r"[ \t]+") for p in exact)
        self.glued = re.compile(rf"(?:(?<=[a-z.!?)\n])|^)(?=[A-Z])(?i:({alternatives}))[ \t]*:") if exact else None

    def kind_of(self, heading: str) -> str:
        """The kind of section a heading opens (`other` when it holds no known phrase)."""
        padded = f" {_normal(heading)} "
        return next((kind for phrase, kind in self.phrases if phrase in padded), OTHER)

    def read(self, text: str) -> Outline:
        """The outline of a text: its headings in order, and the sections they open."""
        found: dict[int, Heading] = {}
        for m in SHORT_LINE.finditer(text) if "\n" in text else ():
            if m.start(1) not in found and self._is_heading(m.group(0), m.group(1)):
                found[m.start(1)] = Heading(m.start(1), m.end(1), m.group(1), self.kind_of(m.group(1)))
        for m in self.glued.finditer(text) if self.glued is not None and ":" in text else ():
            found.setdefault(m.start(1), Heading(m.start(1), m.end(), m.group(1), self.kind_of(m.group(1))))
        if not found:
            return NO_SECTIONS
        headings = sorted(found.values())
        return Outline([h.start for h in headings], [h.kind for h in headings], headings)

    def _is_heading(self, line: str, content: str) -> bool:
        words = content.split()
        if not words or len(words) > MAX_HEADING_WORDS or content[-1] in ".!,;":
            return False
        if line.lstrip().startswith("#") or content.endswith(":"):
            return True
        letters = [c for c in content if c.isalpha()]
        if len(letters) >= 3 and all(c.isupper() for c in letters):
            return True
        # A known phrase on a line of its own, in title case ("Job Description", "Skills and
        # Experience"); "Customer service experience" in sentence case is a list item.
        titled = all(w[0].isupper() for w in words if len(w) > 3 and w[0].isalpha())
        return titled and len(words) <= 5 and self.kind_of(content) != OTHER


def _normal(text: str) -> str:
    return NOT_WORD.sub(" ", text.lower().replace("’", "'")).strip()
