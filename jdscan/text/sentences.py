"""Sentence boundaries as spaCy's Sentencizer sets them, computed on arrays, plus the
boundaries of ads as they are written.

The Sentencizer builds a Token object per token; on a batch of ads that cost as much as
lemmatizing. The rule is the same: after a boundary character (".", "!", a bullet ...),
the next token that is neither punctuation nor a boundary character starts a sentence.
"Is a boundary character" is a lexeme flag of our own, so one to_array call in C reads
the flags and the rest is numpy.

Ads are lists under headings more often than prose, so three more things end a sentence:
a line break (one list item or heading per line; hard wraps inside a sentence were
joined before, see `pipeline.unwrap`), a run-together join where stripped HTML glued two
items ("neededMaintain", split by the tokenizer), and a colon glued to a capitalised word
("Responsibilities:Answer"). Negation, hedging and proximity then stay inside the item.
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import IS_LOWER, IS_PUNCT, IS_SPACE, IS_TITLE, SENT_START, SPACY
from spacy.tokens import Doc

# doc.user_data key: token indexes where a new part of the text starts (a title and its
# body parsed as one doc). Each part is segmented as if it were a doc of its own.
PARTS = "jdscan_parts"
# doc.user_data keys the sentencizer fills from the arrays it reads anyway, so that the
# context judge and the word count need no second pass over the doc: the sentence starts
# (token indexes), and which tokens are words (neither punctuation nor space).
SENT_STARTS = "jdscan_sent_starts"
WORD_MASK = "jdscan_word_mask"


# A list item's sentence runs to the next item's first word, so it ends in the line break
# and the next item's bullet: not part of what the item says.
NEXT_BULLET = re.compile(r"\s*\n[ \t]*[-*–—•·●▪>✓]?[ \t]*\Z")


def trimmed(text: str, lo: int, hi: int) -> tuple[int, int]:
    """The sentence text[lo:hi] without the spaces around it or the next item's bullet."""
    tail = NEXT_BULLET.search(text, lo, hi)
    if tail:
        hi = tail.start()
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return lo, hi


def sentence_starts(doc: Doc) -> list[int]:
    """Token indexes that start a sentence: as jdscan's sentencizer recorded them, or read
    from the doc (sentences set by another component, such as a trained parser)."""
    recorded = doc.user_data.get(SENT_STARTS)
    if recorded is not None:
        return recorded
    return numpy.flatnonzero(doc.to_array(SENT_START) == 1).tolist() if len(doc) else []


class ArraySentencizer:
    def __init__(self, vocab, punct_chars: list[str]):
        chars = frozenset(punct_chars)
        self.boundary_flag = vocab.add_flag(lambda text: text in chars or (text.isspace() and "\n" in text))
        self.colon_flag = vocab.add_flag(lambda text: text == ":")

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        table = doc.to_array([self.boundary_flag, IS_PUNCT, IS_SPACE, IS_TITLE, IS_LOWER, SPACY, self.colon_flag])
        boundary = table[:, 0] == 1
        word = ~boundary & (table[:, 1] == 0)
        doc.user_data[WORD_MASK] = (table[:, 1] == 0) & (table[:, 2] == 0)
        index = numpy.arange(n)
        # i starts a sentence when a boundary lies between the previous word and i.
        last_boundary = numpy.maximum.accumulate(numpy.where(boundary, index, -1))
        last_word = numpy.maximum.accumulate(numpy.where(word, index, -1))
        before_boundary, before_word = last_boundary[:-1], last_word[:-1]
        parts = doc.user_data.get(PARTS)
        if parts:  # what lies before a part's start is not seen from inside it
            bounds = numpy.array(sorted({0, *parts}))
            floor = bounds[numpy.searchsorted(bounds, index[1:], side="right") - 1]
            before_boundary = numpy.where(before_boundary >= floor, before_boundary, -1)
            before_word = numpy.where(before_word >= floor, before_word, -1)
        starts = word.copy()
        starts[1:] &= (before_boundary > before_word) | _joined(table)
        starts[0] = True
        if parts:
            starts[[p for p in parts if p < n]] = True
        doc.user_data[SENT_STARTS] = numpy.flatnonzero(starts).tolist()
        # -1 ("not a start") as spaCy stores it: uint64, wrapped.
        doc.from_array([SENT_START], numpy.where(starts, 1, -1).astype("int64").astype("uint64").reshape(-1, 1))
        return doc


def _joined(table: numpy.ndarray) -> numpy.ndarray:
    """For tokens 1..n-1: a capitalised word glued, with no space, to a lower-case word or
    to a colon before it ("neededMaintain", "Responsibilities:Answer")."""
    glued = table[:-1, 5] == 0
    title = table[1:, 3] == 1
    return glued & title & ((table[:-1, 4] == 1) | (table[:-1, 6] == 1))
