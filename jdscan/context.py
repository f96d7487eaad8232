"""Negation and hedging around a match, ConText-style: a cue phrase in a token window
before or after the match, inside its sentence, not across a terminator ("but",
"however"). Cues are found once per doc and turned into per-token look-ups, so judging a
match is a handful of list indexings."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from .schema import ContextFile

KINDS = ("neg_before", "neg_after", "hedge_before", "hedge_after", "pseudo", "terminator")


class ContextRules:
    """Compiled cue lists; `prepare(doc)` gives a DocContext that judges matches."""

    def __init__(self, nlp: Language, rules: ContextFile):
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.keys: dict[int, str] = {}
        cues = {
            "neg_before": rules.negation.before, "neg_after": rules.negation.after,
            "hedge_before": rules.hedge.before, "hedge_after": rules.hedge.after,
            "pseudo": rules.pseudo, "terminator": rules.terminators,
        }
        for kind, phrases in cues.items():
            if phrases:
                self.keys[nlp.vocab.strings.add(kind)] = kind
                self.matcher.add(kind, [nlp.make_doc(p) for p in phrases])
        self.neg_window = rules.negation.window
        self.hedge_window = rules.hedge.window

    def prepare(self, doc: Doc) -> DocContext:
        """Find every cue and sentence boundary in the doc, once, as per-token look-ups."""
        spans: dict[str, list[tuple[int, int]]] = {k: [] for k in KINDS}
        for key, start, end in self.matcher(doc):
            spans[self.keys[key]].append((start, end))
        pseudo = {i for s, e in spans["pseudo"] for i in range(s, e)}
        found = {k: [(s, e) for s, e in v if s not in pseudo] for k, v in spans.items()}
        n = len(doc)
        starts = numpy.flatnonzero(doc.to_array(SENT_START) == 1).tolist() if n else []
        terms = numpy.array(sorted(s for s, _ in found["terminator"]), dtype=int)
        return DocContext(
            starts if starts and starts[0] == 0 else [0, *starts], n,
            term_lo=_last_before(terms, n, plus=1), term_hi=_first_from(terms, n),
            before={k: _cue_starts_ending_by(found[k], n) for k in ("neg_before", "hedge_before")},
            after={k: _first_from(numpy.array(sorted(s for s, _ in found[k]), dtype=int), n)
                   for k in ("neg_after", "hedge_after")},
            neg_window=self.neg_window, hedge_window=self.hedge_window)


@dataclass
class DocContext:
    """Per-token look-up lists (index 0..len(doc)) that make judging a match O(1)."""

    sent_starts: list[int]  # token index of each sentence start, 0 first
    length: int
    # None wherever the doc has no such cue: most ads have few, and building a list per
    # token for nothing was most of the cost.
    term_lo: list[int] | None  # one past the last terminator before token i (0 if none)
    term_hi: list[int] | None  # the first terminator at or after i (len(doc) if none)
    before: dict[str, list[int] | None]  # latest start of a cue ending at or before i (-1: none)
    after: dict[str, list[int] | None]  # earliest start of a cue at or after i (len(doc): none)
    neg_window: int
    hedge_window: int

    def sentence(self, i: int) -> tuple[int, int]:
        """Token bounds of the sentence holding token i (a bisect: cheaper than a list per
        token for the few dozen matches of an ad)."""
        k = bisect_right(self.sent_starts, i)
        return self.sent_starts[k - 1], self.sent_starts[k] if k < len(self.sent_starts) else self.length

    def judge(self, start: int, end: int, sentence: tuple[int, int] | None = None) -> tuple[bool, bool]:
        """(negated, hedged) for the span of tokens [start, end): a cue wholly inside the
        window before it, or starting inside the window after it, within the sentence and
        not across a terminator. `sentence`: the span's sentence bounds, when known."""
        lo, hi = sentence or self.sentence(start)
        if self.term_lo is not None:
            lo, hi = max(lo, self.term_lo[start]), min(hi, self.term_hi[end])
        # Written out for both kinds: this runs for every match of every ad.
        before, after = self.before, self.after
        cue, window = before["neg_before"], self.neg_window
        negated = cue is not None and cue[start] >= max(lo, start - window)
        if not negated:
            cue = after["neg_after"]
            negated = cue is not None and cue[end] < min(hi, end + window)
        cue, window = before["hedge_before"], self.hedge_window
        hedged = cue is not None and cue[start] >= max(lo, start - window)
        if not hedged:
            cue = after["hedge_after"]
            hedged = cue is not None and cue[end] < min(hi, end + window)
        return negated, hedged


def _last_before(positions, n: int, plus: int) -> list[int] | None:
    """For each i in 0..n: (the last position < i) + plus, or 0."""
    if not len(positions):
        return None
    k = numpy.searchsorted(positions, numpy.arange(n + 1), side="left") - 1
    return numpy.where(k >= 0, positions[numpy.maximum(k, 0)] + plus, 0).tolist()


def _first_from(positions, n: int) -> list[int] | None:
    """For each i in 0..n: the first position >= i, or n."""
    if not len(positions):
        return None
    k = numpy.searchsorted(positions, numpy.arange(n + 1), side="left")
    return numpy.where(k < len(positions), positions[numpy.minimum(k, len(positions) - 1)], n).tolist()


def _cue_starts_ending_by(cues: list[tuple[int, int]], n: int) -> list[int] | None:
    """For each i in 0..n: the latest start among cues that end at or before i, or -1."""
    if not cues:
        return None
    latest = numpy.full(n + 1, -1)
    for s, e in cues:
        latest[e] = max(latest[e], s)
    return numpy.maximum.accumulate(latest).tolist()
