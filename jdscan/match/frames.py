"""Frames: whose statement a match is part of (the hire's duties, what they must have,
the employer's business, the offer, a career path, other teams). Found as negation is,
ConText-style: cue phrases reach a window of tokens before or after them, inside the
sentence, not across a terminator; the nearest cue decides. A match no cue reaches takes
the frame of its section (a requirements section is `requirement`), else `duty`."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from spacy.language import Language
from spacy.matcher import PhraseMatcher

from ..ruleset.schema import FrameSpec
from ..score.hit import DUTY

Cues = tuple[str, list[int], list[int], list[int], int]  # frame, before-cue ends, their starts, after-cue starts, window


class FrameRules:
    """Frame cues, compiled into the context's own phrase matcher (one pass over an ad finds
    every cue); `prepare(matches)` gives the DocFrames that place matches."""

    def __init__(self, nlp: Language, specs: list[FrameSpec], matcher: PhraseMatcher):
        self.matcher = matcher
        self.keys: dict[int, tuple[int, str]] = {}
        for i, spec in enumerate(specs):
            for side, phrases in (("before", spec.before), ("after", spec.after)):
                if phrases:
                    key = f"frame-{i}-{side}"
                    self.keys[nlp.vocab.strings.add(key)] = (i, side)
                    self.matcher.add(key, [nlp.make_doc(p) for p in phrases])
        self.specs = specs
        self.by_section = {kind: spec.frame for spec in specs for kind in spec.sections}

    def prepare(self, matches: list[tuple[int, int, int]]) -> DocFrames:
        """The frame cues among a doc's cue matches ((key, start, end), as the shared
        matcher gives them)."""
        found: list[tuple[list, list]] = [([], []) for _ in self.specs]
        keys = self.keys
        for key, start, end in matches:
            if key in keys:
                i, side = keys[key]
                found[i][side == "after"].append((start, end))
        cues = []
        for spec, (before, after) in zip(self.specs, found):
            if before or after:
                before.sort(key=lambda c: c[1])
                cues.append((spec.frame, [e for _, e in before], [s for s, _ in before],
                             sorted(s for s, _ in after), spec.window))
        return DocFrames(tuple(cues), self.by_section, sorted(e for c in cues for e in c[1]),
                         sorted(s for c in cues for s in c[3]), max((c[4] for c in cues), default=0))


class DocFrames(NamedTuple):
    cues: tuple[Cues, ...]
    by_section: dict[str, str]
    # Every cue together, for a first test: most matches have no frame cue within the
    # widest window, and need no search per frame.
    ends: Sequence[int] = ()  # before-cue ends, sorted
    afters: Sequence[int] = ()  # after-cue starts, sorted
    reach: int = 0  # the widest window

    def frame(self, start: int, end: int, lo: int, hi: int, section: str) -> str:
        """The frame of tokens [start, end), whose cue scope is [lo, hi): the nearest cue's,
        else its section's."""
        best, nearest = self.by_section.get(section, DUTY), None
        k = bisect_right(self.ends, start)
        if not (k and self.ends[k - 1] >= max(lo, start - self.reach)):
            k = bisect_left(self.afters, end)
            if not (k < len(self.afters) and self.afters[k] < min(hi, end + self.reach)):
                return best
        for name, ends, starts, after, window in self.cues:
            first = max(lo, start - window)
            k = bisect_right(ends, start)
            while k and ends[k - 1] >= first:  # the nearest-ending cue that starts in reach
                k -= 1
                if starts[k] >= first:
                    gap = start - ends[k]
                    if nearest is None or gap < nearest:
                        best, nearest = name, gap
                    break
            k = bisect_left(after, end)
            if k < len(after) and after[k] < min(hi, end + window):
                gap = after[k] - end
                if nearest is None or gap < nearest:
                    best, nearest = name, gap
        return best

    def framed(self, reach, length: int) -> list[bool] | None:
        """For every token on its own, whether a cue puts it in a frame other than `duty`
        (what frame() says of it outside any section); None when no cue does. `reach(start,
        forward, window)`: the last (forward) or first token a cue starting at `start` reaches.
        One pass over each cue's run: the nearest cue wins, the earlier frame on a tie."""
        best: list[tuple[int, int, int] | None] = [None] * length
        names = []
        for order, (name, ends, starts, after, window) in enumerate(self.cues):
            names.append(name)
            for e, s in zip(ends, starts):
                for t in range(e, reach(s, True, window) + 1):
                    best[t] = min(best[t] or (t - e, order, 0), (t - e, order, 0))
            for s in after:
                for t in range(reach(s, False, window), s):
                    best[t] = min(best[t] or (s - t - 1, order, 1), (s - t - 1, order, 1))
        out = [b is not None and names[b[1]] != DUTY for b in best]
        return out if any(out) else None
