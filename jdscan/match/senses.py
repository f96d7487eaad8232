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


def sense_words(nlp: Language, sense) -> tuple[frozenset[int], frozenset[int], int, bool]:
    """A group's sense as hashes of each word's lemma and lower-case form, its window, and
    whether a match written as a name is out."""
    lemma_of = nlp.get_pipe("jdscan_lemmatizer").lemma_of
    strings = nlp.vocab.strings

    def hashes(words: list[str]) -> frozenset[int]:
        return frozenset(strings.add(v) for w in words for v in (w.lower(), lemma_of(w.lower())))

    return hashes(sense.unless_near), hashes(sense.only_near), sense.window, sense.not_a_name


def in_sense(doc: Doc, start: int, end: int, unless: frozenset[int], only: frozenset[int], window: int,
             not_a_name: bool = False) -> bool:
    """Whether the words within `window` tokens of [start, end), in its sentence, leave the
    match in its group's sense: none of `unless` there, and one of `only` when it names any;
    with `not_a_name`, its first word not written as a name."""
    if not_a_name and written_as_name(doc, start):
        return False
    if not (unless or only):
        return True
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


def written_as_name(doc: Doc, i: int) -> bool:
    """Whether token i is written as a name: capitalised, not a sentence's first word, after
    a lower-case word or a comma ("at Target", "Kmart, Target and ...") and not before a
    capitalised word or a hyphen, which a heading or a compound would have ("Sales Target
    Attainment", "Target-driven"). An employer named at the start of a sentence is missed:
    nothing in the spelling tells it from the word there."""
    token = doc[i]
    if not token.is_title or i == 0 or token.is_sent_start:
        return False
    before = doc[i - 1]
    if not (before.is_lower or before.text == ","):
        return False
    after = doc[i + 1] if i + 1 < len(doc) else None
    return after is None or not (after.is_title or after.is_upper or after.text == "-")
