"""How far a cue reaches over a coordinated list, and stated shares of time: the parts of
reading a cue's scope that look at the words between cue and match, not only at how many
there are. Both run per cue, not per token: an ad has a handful of cues."""

from __future__ import annotations

from spacy.tokens import Doc

from ..ruleset.schema import Coordination

SHARE_CUES = ["%", "percent", "per cent"]  # what follows a number that is a share


class ListReader:
    """Reads the coordinated list a cue opens: items of a few words parted by separators,
    the last after a conjunction ("enquiries, complaints, returns or refunds")."""

    def __init__(self, spec: Coordination):
        self.conjunctions = {w.lower() for w in spec.conjunctions}
        self.separators = {w.lower() for w in spec.separators}
        self.stops = {w.lower() for w in spec.stops}
        self.item_tokens = spec.item_tokens

    def end(self, doc: Doc, i: int, hi: int) -> int:
        """The end (exclusive) of the list that starts at token i and stays before hi; i when
        no list ending in a conjunction starts there."""
        start, last = i, False
        while i < hi:
            k = self._item(doc, i, hi)
            if k == i:
                return start
            if last:
                return k
            if k >= hi:
                return start  # the scope ends before any conjunction: no list
            word = doc[k].lower_
            if word in self.separators:
                k += 1
                if k < hi and doc[k].lower_ in self.conjunctions:
                    last, k = True, k + 1
            elif word in self.conjunctions:
                last, k = True, k + 1
            else:
                return start
            if k < hi and doc[k].lower_ in self.stops:
                return start
            i = k
        return start

    def _item(self, doc: Doc, i: int, hi: int) -> int:
        """The end of the item starting at i: words up to a separator, conjunction or other
        punctuation, at most item_tokens of them."""
        k = i
        limit = min(hi, i + self.item_tokens)
        while k < limit:
            token = doc[k]
            word = token.lower_
            if word in self.separators or word in self.conjunctions or token.is_punct:
                break
            k += 1
        return k


def share_value(doc: Doc, cue_start: int) -> float | None:
    """The number a share cue ("%", "percent") follows, when it follows one ("up to 10 %")."""
    if cue_start == 0:
        return None
    text = doc[cue_start - 1].text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None
