"""A title and its body parsed as one doc.

Each ad used to make two passes through the pipeline and the matchers, one for the body
and one for its few title words; the title's pass cost about a tenth of the ad's time,
all of it fixed per-doc work. Joined by a separator that is a token of its own, the two
parts keep exactly the tokens they have alone (spaCy's tokenizer never looks across
whitespace); the sentencizer is told where the parts start, so no sentence, negation
window or match crosses the seam (matches that would are dropped).
"""

from __future__ import annotations

import numpy
from spacy.attrs import IDX
from spacy.tokens import Doc

SEPARATOR = "\n\n"


def joinable(title: str, body: str) -> bool:
    """Whether title and body tokenize the same joined as apart: whitespace at the seam
    would merge into the separator's token (titles from the readers are stripped)."""
    return bool(title) and not title[-1].isspace() and not body[:1].isspace()


def join(title: str, body: str) -> str:
    """The text of the joined doc: character offsets in the body shift by len(title) + 2."""
    return title + SEPARATOR + body


def seam(doc: Doc, title_chars: int) -> tuple[int, int]:
    """(where the separator's token starts, where the body's tokens start)."""
    idx = doc.to_array(IDX)
    first = int(numpy.searchsorted(idx, title_chars))
    return first, int(numpy.searchsorted(idx, title_chars + len(SEPARATOR)))
