"""Negation and hedging around a match, ConText-style: cue phrases in a token window
before or after the match, inside its sentence, cut at a terminator ("but", "however")."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .schema import ContextFile

Cue = tuple[str, ...]


def _tokenise(nlp: Language, phrases: list[str]) -> tuple[Cue, ...]:
    return tuple(tuple(t.lower_ for t in nlp.make_doc(p)) for p in phrases)


def _contains(window: list[str], cues: tuple[Cue, ...]) -> bool:
    for cue in cues:
        n = len(cue)
        if any(tuple(window[i:i + n]) == cue for i in range(len(window) - n + 1)):
            return True
    return False


def _blank_pseudo(window: list[str], pseudo: tuple[Cue, ...]) -> list[str]:
    """Blank out pseudo-negations ("not only") so their cue word does not count."""
    out = list(window)
    for cue in pseudo:
        n = len(cue)
        for i in range(len(out) - n + 1):
            if tuple(out[i:i + n]) == cue:
                out[i:i + n] = [""] * n
    return out


class ContextRules:
    """Decides, for a token span in a doc, whether it is negated and whether it is hedged."""

    def __init__(self, nlp: Language, rules: ContextFile):
        self.neg_before = _tokenise(nlp, rules.negation.before)
        self.neg_after = _tokenise(nlp, rules.negation.after)
        self.hedge_before = _tokenise(nlp, rules.hedge.before)
        self.hedge_after = _tokenise(nlp, rules.hedge.after)
        self.pseudo = _tokenise(nlp, rules.pseudo)
        self.terminators = {t.lower() for t in rules.terminators}
        self.neg_window = rules.negation.window
        self.hedge_window = rules.hedge.window

    def judge(self, doc: Doc, start: int, end: int) -> tuple[bool, bool]:
        """(negated, hedged) for the span doc[start:end]."""
        sent = doc[start].sent
        width = max(self.neg_window, self.hedge_window)
        left = self._left(doc, max(sent.start, start - width), start)
        right = self._right(doc, end, min(sent.end, end + width))
        nl, nr = left[-self.neg_window:], right[: self.neg_window]
        hl, hr = left[-self.hedge_window:], right[: self.hedge_window]
        negated = _contains(nl, self.neg_before) or _contains(nr, self.neg_after)
        hedged = _contains(hl, self.hedge_before) or _contains(hr, self.hedge_after)
        return negated, hedged

    def _left(self, doc: Doc, lo: int, hi: int) -> list[str]:
        words = [t.lower_ for t in doc[lo:hi]]
        for i in range(len(words) - 1, -1, -1):
            if words[i] in self.terminators:
                words = words[i + 1:]
                break
        return _blank_pseudo(words, self.pseudo)

    def _right(self, doc: Doc, lo: int, hi: int) -> list[str]:
        words = [t.lower_ for t in doc[lo:hi]]
        for i, word in enumerate(words):
            if word in self.terminators:
                words = words[:i]
                break
        return _blank_pseudo(words, self.pseudo)
