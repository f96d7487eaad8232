"""Negation and hedging around a match, ConText-style: a cue phrase in a token window
before or after the match, inside its sentence, not across a terminator ("but",
"however"). Cues are found once per doc, so judging a match is a few bisects."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
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
        """Find every cue and sentence boundary in the doc, once."""
        spans: dict[str, list[tuple[int, int]]] = {k: [] for k in KINDS}
        for key, start, end in self.matcher(doc):
            spans[self.keys[key]].append((start, end))
        pseudo = {i for s, e in spans["pseudo"] for i in range(s, e)}
        found = {k: sorted((s, e) for s, e in v if s not in pseudo) for k, v in spans.items()}
        starts = numpy.flatnonzero(doc.to_array(SENT_START) == 1).tolist() if len(doc) else []
        sent_starts = starts if starts and starts[0] == 0 else [0] + starts
        return DocContext(found, [s for s, _ in found["terminator"]], sent_starts, len(doc),
                          self.neg_window, self.hedge_window)


@dataclass
class DocContext:
    cues: dict[str, list[tuple[int, int]]]
    terminators: list[int]
    sent_starts: list[int]
    length: int
    neg_window: int
    hedge_window: int

    def sentence(self, i: int) -> tuple[int, int]:
        """Token bounds of the sentence holding token i."""
        k = bisect_right(self.sent_starts, i) - 1
        end = self.sent_starts[k + 1] if k + 1 < len(self.sent_starts) else self.length
        return self.sent_starts[max(k, 0)], end

    def judge(self, start: int, end: int) -> tuple[bool, bool]:
        """(negated, hedged) for the span of tokens [start, end)."""
        s_start, s_end = self.sentence(start)
        t = bisect_left(self.terminators, start) - 1
        lo = max(s_start, self.terminators[t] + 1 if t >= 0 else s_start)
        t = bisect_left(self.terminators, end)
        hi = min(s_end, self.terminators[t] if t < len(self.terminators) else s_end)
        negated = (self._before("neg_before", max(lo, start - self.neg_window), start)
                   or self._after("neg_after", end, min(hi, end + self.neg_window)))
        hedged = (self._before("hedge_before", max(lo, start - self.hedge_window), start)
                  or self._after("hedge_after", end, min(hi, end + self.hedge_window)))
        return negated, hedged

    def _before(self, kind: str, lo: int, start: int) -> bool:
        """A cue that lies wholly in [lo, start)."""
        cues = self.cues[kind]
        i = bisect_left(cues, (lo, -1))
        return any(e <= start for s, e in cues[i:i + 8] if s < start)

    def _after(self, kind: str, end: int, hi: int) -> bool:
        """A cue that starts in [end, hi)."""
        cues = self.cues[kind]
        i = bisect_left(cues, (end, -1))
        return i < len(cues) and cues[i][0] < hi
