"""What the fitted lexicon adds to each role's score: the `words` term of the exact sum.
No spaCy here: terms arrive as keys and counts (match.terms), the lexicon keyed the same way.

For each part of the ad (title, body), a term's strength is idf x log(1 + count), and the
part's strengths are scaled to unit length, times the part's scale; a term adds its weight
for a role times its strength. The sum over terms is the role's `words` score; the terms
that added most for and against each role are its evidence.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy

from ..model import Evidence
from .hit import DUTY

DIMENSION = "words"
RULE_ID = "lexicon"
SHOWN_FOR, SHOWN_AGAINST = 3, 2  # evidence kept per role; the score counts every term
PART_NAMES = ("title", "body")


PAIR = numpy.uint64(0x9E3779B97F4A7C15)  # a term of two lemmas is keyed a * PAIR + b (mod 2^64)


def pair_keys(first: numpy.ndarray, second: numpy.ndarray) -> numpy.ndarray:
    """The keys of lemma pairs (uint64 arrays): one number each, for sorted look-ups."""
    return first * PAIR + second  # array arithmetic wraps silently


class KeyedLexicon(NamedTuple):
    """A Lexicon keyed for look-ups by lemma hashes: its terms' keys (term_key) sorted, and
    the row of each in `weights` (terms x roles), so that an ad's terms are found with one
    search and weighed with one product."""

    scales: numpy.ndarray  # title, body
    keys: numpy.ndarray
    rows: numpy.ndarray
    idf: numpy.ndarray
    weights: numpy.ndarray
    roles: tuple[str, ...]
    names: tuple[str, ...]  # each row's term, for people
    sieve: numpy.ndarray  # by a key's low 16 bits: whether any term's key has them

    def find(self, keys: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
        """(which of `keys` are terms, their rows in `weights`). A quarter or so of an ad's
        keys are terms: the sieve rules most of the rest out before the binary search."""
        maybe = numpy.flatnonzero(self.sieve[keys & SIEVE])
        if not len(maybe):
            return maybe, maybe
        wanted = keys[maybe]
        at = numpy.minimum(numpy.searchsorted(self.keys, wanted), len(self.keys) - 1)
        hit = self.keys[at] == wanted
        return maybe[hit], self.rows[at[hit]]


SIEVE = numpy.uint64(0xFFFF)


PART = numpy.uint64(0xC2B2AE3D27D4EB4F)  # a title term's key is its lemmas' key + PART


def term_keys(parts: numpy.ndarray, first: numpy.ndarray, second: numpy.ndarray | None) -> numpy.ndarray:
    """Keys of terms (uint64 arrays): a lemma, or a pair of lemmas, of the title (part 0) or
    the body (part 1)."""
    words = first if second is None else pair_keys(first, second)
    return words + (1 - parts).astype(numpy.uint64) * PART


class Found(NamedTuple):
    """An ad's lexicon terms: their rows, parts, counts, and where the first of each is."""

    rows: numpy.ndarray
    parts: numpy.ndarray
    counts: numpy.ndarray
    starts: numpy.ndarray
    ends: numpy.ndarray


def keyed_lexicon(lexicon, hashes) -> KeyedLexicon:
    """`lexicon` (a ruleset Lexicon) keyed by hashes(term text) -> (part, lemma hashes)."""
    roles = tuple(sorted({role for _, row in lexicon.entries.values() for role, _ in row}))
    column = {role: j for j, role in enumerate(roles)}
    weights = numpy.zeros((len(lexicon.entries), len(roles)))
    keys = []
    for i, (term, (_, row)) in enumerate(lexicon.entries.items()):
        keys.append(_key(*hashes(term)))
        for role, weight in row:
            weights[i, column[role]] = weight
    keys = numpy.array(keys, dtype=numpy.uint64)
    order = numpy.argsort(keys, kind="stable")
    idf = numpy.array([idf for idf, _ in lexicon.entries.values()])
    sieve = numpy.zeros(int(SIEVE) + 1, dtype=bool)
    sieve[keys & SIEVE] = True
    return KeyedLexicon(numpy.array(lexicon.scales), keys[order], order, idf, weights, roles, tuple(lexicon.entries),
                        sieve)


def _key(part: int, words: tuple[int, ...]) -> int:
    """term_keys for one term, in Python integers (once per term at start-up: no arrays)."""
    mask = (1 << 64) - 1
    key = words[0] if len(words) == 1 else (words[0] * int(PAIR) + words[1]) & mask
    return (key + (1 - part) * int(PART)) & mask


def word_scores(found: Found, lexicon: KeyedLexicon, texts: tuple[str, str]
                ) -> tuple[dict[str, float], list[Evidence]]:
    """Each role's words score, and the strongest terms for and against it as evidence.
    `texts`: the title and the body."""
    if not len(found.rows):
        return {}, []
    strength = numpy.log1p(found.counts) * lexicon.idf[found.rows]
    norms = numpy.sqrt(numpy.bincount(found.parts, strength * strength, minlength=2))
    values = lexicon.scales[found.parts] * strength / norms[found.parts]
    weights = lexicon.weights[found.rows]
    scores = values[:, None] * weights
    sums = dict(zip(lexicon.roles, scores.sum(axis=0).tolist()))
    # Per role, the strongest terms first (roles as rows: a contiguous sort); only the few
    # shown are read back as Python values.
    order = numpy.argsort(-scores.T, axis=1, kind="stable")
    picks = numpy.concatenate([order[:, :SHOWN_FOR], order[:, ::-1][:, :SHOWN_AGAINST]], axis=1)
    values_at = numpy.take_along_axis(scores.T, picks, axis=1).tolist()
    weights_at = numpy.take_along_axis(weights.T, picks, axis=1).tolist()
    parts, starts, ends = found.parts.tolist(), found.starts.tolist(), found.ends.tolist()
    make, shown, first = tuple.__new__, [], min(SHOWN_FOR, len(parts))
    for role, row, scored, weighed in zip(lexicon.roles, picks.tolist(), values_at, weights_at):
        for k, i in enumerate(row):
            score = scored[k]
            if score > 0 if k < first else score < 0:
                part, start, end = parts[i], starts[i], ends[i]
                shown.append(make(Evidence, (role, DIMENSION, RULE_ID, texts[part][start:end], start, end, "",
                                             PART_NAMES[part], weighed[k], False, False, score,
                                             "title" if part == 0 else "other", DUTY)))
    return {role: total for role, total in sums.items() if total}, shown
