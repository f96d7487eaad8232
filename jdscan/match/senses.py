"""Whether a match means what its pattern group means: not when it starts inside a
hyphenated word, nor when words near it give it another sense (the group's `sense`)."""

from __future__ import annotations

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from ..text.sentences import ALPHA, GLUED, HYPHEN, WORD_BITS


def in_compound(doc: Doc, start: int) -> bool:
    """Whether a match starts inside a hyphenated word ("selling" in "cross-selling", "sales"
    in "after-sales", "technical" in "non-technical"): what stands before the hyphen changes
    what the word means, so the word is not a hit of its own; a pattern that means the
    compound names it whole ("cross-selling", "in-store"). The first word of a compound keeps
    its sense ("sales" in "sales-driven") and counts."""
    return start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ \
        and not doc[start - 2].whitespace_ and doc[start - 2].is_alpha and doc[start].is_alpha


def compound_starts(doc: Doc) -> set[int]:
    """Every token where a match would start inside a hyphenated word (see in_compound),
    found from the word bits and spacing the lemmatizer recorded: a test per match cost
    a tenth of matching."""
    bits, glued = doc.user_data.get(WORD_BITS), doc.user_data.get(GLUED)
    if bits is None or glued is None:  # a doc no jdscan lemmatizer has seen
        return {i for i in range(2, len(doc)) if in_compound(doc, i)}
    hyphens = numpy.flatnonzero(bits[1:-1] & HYPHEN) + 1  # a hyphen with a token either side
    return {int(h) + 1 for h in hyphens
            if glued[h - 1] and glued[h] and bits[h - 1] & ALPHA and bits[h + 1] & ALPHA}


def sense_words(nlp: Language, sense) -> tuple[frozenset[int], frozenset[int], int]:
    """A group's sense as hashes of each word's lemma and lower-case form, and its window."""
    lemma_of = nlp.get_pipe("jdscan_lemmatizer").lemma_of
    strings = nlp.vocab.strings

    def hashes(words: list[str]) -> frozenset[int]:
        return frozenset(strings.add(v) for w in words for v in (w.lower(), lemma_of(w.lower())))

    return hashes(sense.unless_near), hashes(sense.only_near), sense.window


def in_sense(doc: Doc, start: int, end: int, unless: frozenset[int], only: frozenset[int], window: int) -> bool:
    """Whether the words within `window` tokens of [start, end), in its sentence, leave the
    match in its group's sense: none of `unless` there, and one of `only` when it names any."""
    lo, hi = max(0, start - window), min(len(doc), end + window)
    i = start
    while i > lo and not doc[i].is_sent_start:
        i -= 1
    j = end
    while j < hi and not doc[j].is_sent_start:
        j += 1
    lo, hi = i, j
    near = [doc[i] for i in range(lo, hi) if not start <= i < end]
    if any(t.lemma in unless or t.lower in unless for t in near):
        return False
    return not only or any(t.lemma in only or t.lower in only for t in near)
