"""What the fitted lexicon adds to each role's score: the `words` term of the exact sum.
No spaCy here: terms arrive as keys and counts (match.terms), the lexicon keyed the same way.

For each part of the ad (title, body), a term's strength is idf x log(1 + count), and the
part's strengths are scaled to unit length, times the part's scale; a term adds its weight
for a role times its strength. The sum over terms is the role's `words` score; the terms
that added most for and against each role are its evidence.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy

from ..model import Evidence

DIMENSION = "words"
RULE_ID = "lexicon"
SHOWN_FOR, SHOWN_AGAINST = 3, 2  # evidence kept per role; the score counts every term


class KeyedLexicon(NamedTuple):
    """A Lexicon keyed as match.terms keys terms: key -> (idf, row of `weights`), with the
    weights as one (terms, roles) array so that an ad's terms are weighed in one product."""

    scales: tuple[float, float]
    entries: dict[tuple, tuple[float, int]]
    weights: numpy.ndarray  # (terms, roles)
    roles: tuple[str, ...]


def keyed_lexicon(lexicon, key_of) -> KeyedLexicon:
    """`lexicon` (a ruleset Lexicon) keyed by key_of(term text)."""
    roles = tuple(sorted({role for _, row in lexicon.entries.values() for role, _ in row}))
    column = {role: j for j, role in enumerate(roles)}
    weights = numpy.zeros((len(lexicon.entries), len(roles)))
    entries = {}
    for i, (term, (idf, row)) in enumerate(lexicon.entries.items()):
        entries[key_of(term)] = (idf, i)
        for role, weight in row:
            weights[i, column[role]] = weight
    return KeyedLexicon(lexicon.scales, entries, weights, roles)


def word_scores(terms: dict[tuple, list], lexicon: KeyedLexicon, texts: tuple[str, str]
                ) -> tuple[dict[str, float], list[Evidence]]:
    """Each role's words score, and the strongest terms for and against it as evidence.
    `terms`: key -> [count, start, end]; `texts`: the title and the body."""
    found = [(key[0], math.log1p(count) * entry[0], entry[1], start, end)
             for key, (count, start, end) in terms.items()
             if count > 0 and (entry := lexicon.entries.get(key)) is not None]
    if not found:
        return {}, []
    parts = numpy.array([f[0] for f in found])
    strength = numpy.array([f[1] for f in found])
    norms = numpy.sqrt(numpy.bincount(parts, strength * strength, minlength=2))
    values = numpy.array(lexicon.scales)[parts] * strength / norms[parts]
    scores = values[:, None] * lexicon.weights[[f[2] for f in found]]
    sums = dict(zip(lexicon.roles, scores.sum(axis=0).tolist()))
    shown = []
    for j, role in enumerate(lexicon.roles):
        order = numpy.argsort(-scores[:, j], kind="stable")
        picked = [i for i in order[:SHOWN_FOR] if scores[i, j] > 0] + \
            [i for i in order[::-1][:SHOWN_AGAINST] if scores[i, j] < 0]
        for i in picked:
            part, _, row, start, end = found[i]
            shown.append(Evidence(role, DIMENSION, RULE_ID, texts[part][start:end], start, end, "",
                                  ("title", "body")[part], float(lexicon.weights[row, j]), False, False,
                                  float(scores[i, j]), "title" if part == 0 else "other"))
    return {role: total for role, total in sums.items() if total}, shown
