"""Negation and hedging around a match, ConText-style: a cue phrase in a token window
before or after the match, inside its sentence, not across a terminator ("but",
"however"). Cues are found once per doc as sorted positions, so judging a match is a few
binary searches."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import NamedTuple

import numpy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from ..ruleset.schema import ContextFile
from ..text.sentences import sentence_starts
from .coordination import SHARE_CUES, ListReader, share_value
from .frames import DUTY, DocFrames, FrameRules

KINDS = ("neg_before", "neg_after", "hedge_before", "hedge_after", "pseudo", "terminator", "share")
Lists = Sequence[tuple[int, int, int]]  # (cue start, cue end, end of the coordinated list it opens)


class ContextRules:
    """Compiled cue lists; `prepare(doc)` gives a DocContext that judges matches."""

    def __init__(self, nlp: Language, rules: ContextFile):
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.keys: dict[int, str] = {}
        cues = {
            "neg_before": rules.negation.before, "neg_after": rules.negation.after,
            "hedge_before": rules.hedge.before, "hedge_after": rules.hedge.after,
            "pseudo": rules.pseudo, "terminator": rules.terminators,
            "share": SHARE_CUES if rules.shares else [],
        }
        for kind, phrases in cues.items():
            if phrases:
                self.keys[nlp.vocab.strings.add(kind)] = kind
                self.matcher.add(kind, [nlp.make_doc(p) for p in phrases])
        self.neg_window = rules.negation.window
        self.hedge_window = rules.hedge.window
        self.frames = FrameRules(nlp, rules.frames, self.matcher) if rules.frames else None
        self.framed_words = rules.scoring.frames_count  # whether framed words count `hedge` in the lexicon
        self.lists = ListReader(rules.coordination) if rules.coordination else None
        self.share_rules: dict[str, tuple[float, int]] = {}  # pattern group -> (below, window)
        for rule in rules.shares:
            for gid in rule.groups:
                self.share_rules.setdefault(gid, (rule.below, rule.window))

    def prepare(self, doc: Doc) -> DocContext:
        """Find every cue and sentence boundary in the doc, once."""
        spans: dict[str, list[tuple[int, int]]] = {k: [] for k in KINDS}
        matches = self.matcher(doc)
        keys = self.keys
        for key, start, end in matches:
            if key in keys:
                spans[keys[key]].append((start, end))
        pseudo = {i for s, e in spans["pseudo"] for i in range(s, e)}
        found = {k: [(s, e) for s, e in v if s not in pseudo] for k, v in spans.items()}
        n = len(doc)
        starts = sentence_starts(doc)
        starts = starts if starts and starts[0] == 0 else [0, *starts]
        terms = sorted(s for s, _ in found["terminator"])
        lists = {kind: self._lists(doc, found[kind], starts, terms, n) for kind in ("neg_before", "hedge_before")}
        shares = sorted((s - 1, v) for s, _ in found["share"] if (v := share_value(doc, s)) is not None)
        return DocContext(
            starts, n,
            terms=terms,
            frame_terms=[s for s in terms if doc[s].is_alpha],
            neg_before=_ends_and_latest_starts(found["neg_before"]),
            hedge_before=_ends_and_latest_starts(found["hedge_before"]),
            neg_after=sorted(s for s, _ in found["neg_after"]),
            hedge_after=sorted(s for s, _ in found["hedge_after"]),
            neg_window=self.neg_window, hedge_window=self.hedge_window,
            frames=self.frames.prepare(matches) if self.frames else None, framed_words=self.framed_words,
            neg_lists=lists["neg_before"], hedge_lists=lists["hedge_before"], shares=shares,
            share_rules=self.share_rules)

    def _lists(self, doc: Doc, cues: list[tuple[int, int]], starts: list[int], terms: list[int], n: int) -> Lists:
        """The cues before a match that open a coordinated list, with where it ends."""
        if self.lists is None or not cues:
            return []
        out = []
        for s, e in cues:
            k = bisect_right(starts, s)
            hi = starts[k] if k < len(starts) else n
            t = bisect_left(terms, e)
            hi = min(hi, terms[t]) if t < len(terms) else hi
            end = self.lists.end(doc, e, hi)
            if end > e:
                out.append((s, e, end))
        return out


class DocContext(NamedTuple):
    """Sorted cue positions, searched per match: an ad has a few dozen matches and few
    cues, and look-up lists over every token cost more to build than all the searches."""

    sent_starts: list[int]  # token index of each sentence start, 0 first
    length: int
    terms: list[int]  # terminator starts
    frame_terms: list[int]  # the terminators that are words: what ends a frame cue's reach
    neg_before: tuple[list[int], list[int]]  # cue ends (sorted), latest cue start ending by each
    hedge_before: tuple[list[int], list[int]]
    neg_after: list[int]  # cue starts (sorted)
    hedge_after: list[int]
    neg_window: int
    hedge_window: int
    frames: DocFrames | None = None
    framed_words: bool = False  # token_strengths counts words in a frame a cue opens as hedged
    neg_lists: Lists = ()  # negation cues that open a coordinated list
    hedge_lists: Lists = ()
    shares: Sequence[tuple[int, float]] = ()  # (token of the number, share) of every stated share
    share_rules: Mapping[str, tuple[float, int]] = MappingProxyType({})  # pattern group -> (below, window)

    def sentence(self, i: int) -> tuple[int, int]:
        """Token bounds of the sentence holding token i."""
        k = bisect_right(self.sent_starts, i)
        return self.sent_starts[k - 1], self.sent_starts[k] if k < len(self.sent_starts) else self.length

    def judge(self, start: int, end: int, sentence: tuple[int, int] | None = None,
              section: str = "other") -> tuple[bool, bool, str]:
        """(negated, hedged, frame) for the span of tokens [start, end): a cue wholly inside
        the window before it, or starting inside the window after it, within the sentence and
        not across a terminator. `sentence`: the span's sentence bounds, when known; `section`:
        the kind of section it stands in (the frame when no frame cue reaches it)."""
        bounds = sentence or self.sentence(start)
        lo, hi = _between(self.terms, start, end, *bounds)
        # A frame's cue reaches across a colon or semicolon ("Benefits: staff discount, ..."),
        # which opens the list it is about; only a word ("but") ends its reach.
        frames = self.frames
        if frames is None:
            frame = DUTY
        elif not frames.cues:  # most spans of most ads: no frame cue at all, the section decides
            frame = frames.by_section.get(section, DUTY)
        else:
            frame = frames.frame(start, end, *_between(self.frame_terms, start, end, *bounds), section)
        return (_cued(self.neg_before, self.neg_after, start, end, lo, hi, self.neg_window, self.neg_lists),
                _cued(self.hedge_before, self.hedge_after, start, end, lo, hi, self.hedge_window, self.hedge_lists),
                frame)

    def cancelled(self, rule_id: str, start: int, end: int, sentence: tuple[int, int]) -> bool:
        """Whether a stated share under its rule's threshold, the nearest within its window in
        the sentence, cancels a match of this pattern group ("travel up to 10%")."""
        rule = self.share_rules.get(rule_id) if self.shares else None
        if rule is None:
            return False
        below, window = rule
        lo, hi = _between(self.terms, start, end, *sentence)
        lo, hi = max(lo, start - window), min(hi, end + window)
        near = [(max(start - i, i - end + 1), v) for i, v in self.shares if lo <= i < hi]
        return bool(near) and min(near)[1] < below


    def token_strengths(self, hedge: float) -> numpy.ndarray | None:
        """What judge() says of each token on its own, for every token at once: 0 negated,
        `hedge` hedged or in a frame a cue opens other than `duty`, else 1; None when the doc
        has no cue at all. A cue marks a run of tokens, so this is one pass over the cues,
        not a search per token."""
        framed = self.frames.framed(self._frame_reach, self.length) if self.frames and self.framed_words else None
        if not (self.neg_before[0] or self.neg_after or self.hedge_before[0] or self.hedge_after or framed):
            return None
        out = numpy.where(framed, hedge, 1.0) if framed else numpy.ones(self.length)
        for before, after, window, lists, value in (
                (self.hedge_before, self.hedge_after, self.hedge_window, self.hedge_lists, hedge),
                (self.neg_before, self.neg_after, self.neg_window, self.neg_lists, 0.0)):
            for lo, hi in self._runs(before, after, window):
                out[lo:hi] = value
            for _, lo, hi in lists:
                out[lo:hi] = value
        return out

    def _runs(self, before: tuple[list[int], list[int]], after: list[int], window: int):
        """[lo, hi) token runs a cue list reaches: a cue before reaches on from its end, within
        its window, its sentence and up to a terminator; a cue after reaches back likewise."""
        for end, start in zip(*before):
            yield end, self._reach(start, True, window) + 1
        for start in after:
            yield self._reach(start, False, window), start

    def _frame_reach(self, start: int, forward: bool, window: int) -> int:
        return self._reach(start, forward, window, self.frame_terms)

    def _reach(self, start: int, forward: bool, window: int, terms: list[int] | None = None) -> int:
        """The last token (forward) or first token (back) a cue starting at `start` reaches."""
        terms = self.terms if terms is None else terms
        if forward:
            k = bisect_left(terms, start)
            return min(start + window, self.sentence(start)[1] - 1, terms[k] if k < len(terms) else self.length)
        k = bisect_right(terms, start)
        return max(start - window, self.sentence(start)[0], terms[k - 1] if k else 0)


def _between(terms: list[int], start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """The scope [lo, hi) of tokens [start, end) inside a sentence [lo, hi): cut at the
    nearest terminator either side."""
    if terms:
        k = bisect_left(terms, start)
        if k:
            lo = max(lo, terms[k - 1] + 1)
        k = bisect_left(terms, end)
        if k < len(terms):
            hi = min(hi, terms[k])
    return lo, hi


def _cued(before: tuple[list[int], list[int]], after: list[int], start: int, end: int, lo: int, hi: int,
          window: int, lists: Lists = ()) -> bool:
    for s, e, reach in lists:  # a cue whose list holds the match, with no terminator between
        if s >= lo and e <= start < reach:
            return True
    ends, latest = before
    if ends:
        k = bisect_right(ends, start)
        if k and latest[k - 1] >= max(lo, start - window):
            return True
    if after:
        k = bisect_left(after, end)
        if k < len(after) and after[k] < min(hi, end + window):
            return True
    return False


def _ends_and_latest_starts(cues: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Cue ends in order, and for each the latest start among cues ending by then."""
    ends, latest = [], []
    for s, e in sorted(cues, key=lambda c: c[1]):
        ends.append(e)
        latest.append(max(s, latest[-1]) if latest else s)
    return ends, latest
