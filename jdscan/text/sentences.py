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
from spacy.attrs import SENT_START, SPACY
from spacy.tokens import Doc

# doc.user_data key: token indexes where a new part of the text starts (a title and its
# body parsed as one doc). Each part is segmented as if it were a doc of its own.
PARTS = "jdscan_parts"
# doc.user_data keys the sentencizer fills from the arrays it reads anyway, so that the
# context judge and the word count need no second pass over the doc: the sentence starts
# (token indexes), and which tokens are words (neither punctuation nor space).
SENT_STARTS = "jdscan_sent_starts"
WORD_MASK = "jdscan_word_mask"
# doc.user_data key: what kind of word each token is, as bits (below), recorded by the
# lemmatizer from its per-word cache: read there, a token's kind costs nothing more, while
# each column of Doc.to_array costs about 10 us an ad.
WORD_BITS = "jdscan_word_bits"
# doc.user_data key: which tokens have no space after them (the SPACY column read once, by
# the lemmatizer, with the words it looks up).
GLUED = "jdscan_glued"
# doc.user_data keys: each token's lemma id and length in characters, from the same cache.
LEMMAS = "jdscan_lemmas"
LENGTHS = "jdscan_lengths"
BOUNDARY, PUNCT, SPACE, TITLE, LOWER_OR_COLON, HYPHEN, ALPHA, STOP = 1, 2, 4, 8, 16, 32, 64, 128


def word_bits(text: str, lex, boundaries: frozenset[str]) -> int:
    """The bits of a word (`lex`: its Lexeme or Token): ends a sentence, punctuation, space,
    title case, lower case or ':', a hyphen, alphabetic, a stop word."""
    return ((BOUNDARY if text in boundaries or (lex.is_space and "\n" in text) else 0)
            | (PUNCT if lex.is_punct else 0) | (SPACE if lex.is_space else 0) | (TITLE if lex.is_title else 0)
            | (LOWER_OR_COLON if lex.is_lower or text == ":" else 0) | (HYPHEN if text == "-" else 0)
            | (ALPHA if lex.is_alpha else 0) | (STOP if lex.is_stop else 0))


# A list item's sentence runs to the next item's first word, so it ends in the line break
# and the next item's bullet: not part of what the item says.
NEXT_BULLET = re.compile(r"\s*\n[ \t]*[-*–—•·●▪>✓]?[ \t]*\Z")
TAIL_CHARS = frozenset(" \t\r\n\u00a0-*–—•·●▪>✓")


def trimmed(text: str, lo: int, hi: int) -> tuple[int, int]:
    """The sentence text[lo:hi] without the spaces around it or the next item's bullet."""
    if hi > lo and not text[lo].isspace() and text[hi - 1] not in TAIL_CHARS:
        return lo, hi  # most sentences: nothing to trim
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
        self.chars = frozenset(punct_chars)
        self.vocab = vocab

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        bits = doc.user_data.get(WORD_BITS)
        if bits is None:  # no jdscan lemmatizer ran first: read each token's kind
            bits = self.bits_of(doc)
        glued = doc.user_data.get(GLUED)
        if glued is None:
            glued = doc.to_array(SPACY) == 0
        boundary = (bits & BOUNDARY) != 0
        word = ~boundary & ((bits & PUNCT) == 0)
        doc.user_data[WORD_MASK] = (bits & (PUNCT | SPACE)) == 0
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
        # Also a capitalised word glued, with no space, to a lower-case word or a colon before
        # it ("neededMaintain", "Responsibilities:Answer").
        joined = glued[:-1] & ((bits[1:] & TITLE) != 0) & ((bits[:-1] & LOWER_OR_COLON) != 0)
        starts[1:] &= (before_boundary > before_word) | joined
        starts[0] = True
        if parts:
            starts[[p for p in parts if p < n]] = True
        doc.user_data[SENT_STARTS] = numpy.flatnonzero(starts).tolist()
        # -1 ("not a start") as spaCy stores it: uint64, wrapped.
        doc.from_array([SENT_START], numpy.where(starts, 1, -1).astype("int64").astype("uint64").reshape(-1, 1))
        return doc

    def bits_of(self, doc: Doc) -> numpy.ndarray:
        """Each token's word bits, read from the doc (the slow way: a trained pipeline's
        sentences, or a doc no jdscan lemmatizer has seen)."""
        return numpy.array([word_bits(t.text, t, self.chars) for t in doc], dtype=numpy.int64)
