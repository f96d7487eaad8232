"""Proximity patterns ("A, then up to n other tokens, then B") matched on arrays.

spaCy's Matcher pays for a wildcard such as {"OP": "{0,6}"} on every token of every ad;
on the bundled rules one such pattern took two thirds of all matching time. The same
pattern is two set look-ups and a binary search per candidate here. Matches are the ones
the Matcher's first (shortest) match per start gives; anything else stays with the Matcher.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

import numpy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from ..text.sentences import sentence_starts

WORD_ATTRS = ("LOWER", "LEMMA")

GAP_OPS = {f"{{0,{n}}}": n for n in range(1, 21)}


class Proximity(NamedTuple):
    """Anchor A (attr in values), a gap of 0..n tokens, anchor B (attr in values)."""

    attr_a: str
    values_a: frozenset[str]
    gap: int
    same_sentence: bool  # the gap's tokens must not start a sentence
    attr_b: str
    values_b: frozenset[str]


def token_values(token: dict) -> tuple[str, list[str]] | None:
    """(attribute, values) of a token pattern that tests only LOWER or LEMMA against a
    string or an IN list (an OP aside); None for anything else."""
    attrs = [k for k in token if k != "OP"]
    if len(attrs) != 1 or attrs[0] not in WORD_ATTRS:
        return None
    value = token[attrs[0]]
    if isinstance(value, str):
        return attrs[0], [value]
    if isinstance(value, dict) and set(value) == {"IN"}:
        return attrs[0], list(value["IN"])
    return None


def as_proximity(pattern: list[dict]) -> Proximity | None:
    """The pattern as a Proximity, or None when it has any other shape."""
    if len(pattern) != 3:
        return None
    a, gap, b = pattern
    first, last = token_values(a), token_values(b)
    if first is None or last is None or "OP" in a or "OP" in b:
        return None
    extra = set(gap) - {"OP", "IS_SENT_START"}
    if extra or gap.get("OP") not in GAP_OPS or gap.get("IS_SENT_START", False) is not False:
        return None
    return Proximity(first[0], frozenset(first[1]), GAP_OPS[gap["OP"]], "IS_SENT_START" in gap,
                     last[0], frozenset(last[1]))


class ProximityMatcher:
    """Runs every Proximity once, however many match keys share it (`also` copies). The
    anchors are found by PhraseMatchers of one-token phrases (in C), one per attribute."""

    def __init__(self, vocab):
        self.vocab = vocab
        self.patterns: dict[Proximity, list[int]] = {}
        self.anchors = {attr: PhraseMatcher(vocab, attr=attr) for attr in WORD_ATTRS}
        self.anchor_keys: dict[Proximity, tuple[int, int]] = {}

    def add(self, key: int, pattern: Proximity) -> None:
        if pattern not in self.patterns:
            n = len(self.patterns)
            self.anchor_keys[pattern] = (self._anchor(f"near-{n}-a", pattern.attr_a, pattern.values_a),
                                         self._anchor(f"near-{n}-b", pattern.attr_b, pattern.values_b))
        self.patterns.setdefault(pattern, []).append(key)

    def _anchor(self, name: str, attr: str, values) -> int:
        docs = []
        for value in sorted(values):
            doc = Doc(self.vocab, words=[value])
            if attr == "LEMMA":
                doc[0].lemma_ = value
            docs.append(doc)
        self.anchors[attr].add(name, docs)
        return self.vocab.strings[name]

    def __len__(self) -> int:
        return len(self.patterns)

    def __call__(self, doc: Doc) -> Iterator[tuple[int, int, int]]:
        if not self.patterns or not len(doc):
            return
        found: dict[int, list[int]] = {}
        for matcher in self.anchors.values():
            if len(matcher):
                for key, start, _ in matcher(doc):
                    found.setdefault(key, []).append(start)
        starts = None
        for pattern, keys in self.patterns.items():
            key_a, key_b = self.anchor_keys[pattern]
            if key_a not in found or key_b not in found:
                continue
            if starts is None:
                starts = numpy.array(sentence_starts(doc), dtype=int)
            a_pos = numpy.array(sorted(found[key_a]), dtype=int)
            b_pos = numpy.array(sorted(found[key_b]), dtype=int)
            for a, b in _pairs(a_pos, b_pos, starts, pattern):
                for key in keys:
                    yield key, a, b + 1


def _pairs(a_pos, b_pos, starts, pattern: Proximity) -> Iterator[tuple[int, int]]:
    """For each A, the nearest B after it within the gap (and the sentence, if asked)."""
    nearest = numpy.searchsorted(b_pos, a_pos + 1)
    limit = a_pos + 1 + pattern.gap
    if pattern.same_sentence:
        # Gap tokens a+1 .. b-1 may not start a sentence: b <= the first start after a.
        nxt = numpy.searchsorted(starts, a_pos + 1)
        bound = numpy.where(nxt < len(starts), starts[numpy.minimum(nxt, len(starts) - 1)], 1 << 62)
        limit = numpy.minimum(limit, bound)
    for a, k, hi in zip(a_pos.tolist(), nearest.tolist(), limit.tolist()):
        if k < len(b_pos) and b_pos[k] <= hi:
            yield a, int(b_pos[k])

