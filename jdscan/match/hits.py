"""Matches placed in the text and judged in context: the Hits that scoring weighs.

Everything here works on arrays read from the doc once (token offsets and lengths, the
sentence starts the sentencizer recorded): no Token or Span objects per match.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH
from spacy.tokens import Doc

from ..score.hit import Hit
from ..text.outline import NO_SECTIONS, Outline
from ..text.sentences import WORD_MASK, trimmed
from .context import DocContext
from .matcher import RawMatch

SENTENCE_CLIP = 300  # characters of a match's sentence kept as its context


class Places(NamedTuple):
    """Where each token of a doc lies in `text`: character offset and length."""

    starts: list[int]
    lengths: list[int]
    text: str


def token_places(doc: Doc, text: str) -> Places:
    """The offset and length of every token, from one array read."""
    offsets = doc.to_array([IDX, LENGTH])
    return Places(offsets[:, 0].tolist(), offsets[:, 1].tolist(), text)


def judge_matches(matches: list[RawMatch], ctx: DocContext, places: Places, source: str,
                  shift: int = 0, skip: frozenset[int] | set[int] = frozenset(),
                  outline: Outline = NO_SECTIONS) -> list[Hit]:
    """Matches as Hits, negation, hedging and frame judged, with offsets into their own part of
    the text (`shift` characters in) and the section each stands in (`outline`, of that
    part). `skip`: ids of targets this source does not read."""
    starts, lengths, text = places
    kind_at = outline.kind_at if outline.starts else None  # most ads: one section, `other`
    judged: dict[tuple[int, int], tuple] = {}  # `also` copies share a span
    # One string per sentence, shared by its matches: less to build, and a verdict
    # pickles (to and from worker processes) each sentence once.
    sentences: dict[tuple[int, int], str] = {}
    make = tuple.__new__  # dozens of Hits an ad: the named tuple's own __new__ is a Python call each
    shared = ctx.share_rules if ctx.shares else None  # most ads state no share of time
    out = []
    for m in matches:
        if id(m.target) in skip:
            continue
        key = (m.start, m.end)
        if key not in judged:
            lo, hi = starts[m.start], starts[m.end - 1] + lengths[m.end - 1]
            bounds = ctx.sentence(m.start)
            sentence = sentences.get(bounds)
            if sentence is None:
                s_lo, s_hi = starts[bounds[0]], starts[bounds[1] - 1] + lengths[bounds[1] - 1]
                sentence = clip(text, lo, hi, s_lo, s_hi)
                if s_hi - s_lo <= SENTENCE_CLIP:
                    sentences[bounds] = sentence
            section = "title" if source == "title" else kind_at(lo - shift) if kind_at else "other"
            judged[key] = (text[lo:hi], lo - shift, hi - shift, sentence, *ctx.judge(m.start, m.end, bounds, section),
                           section)
        match_text, lo, hi, sentence, negated, hedged, frame, section = judged[key]
        if shared and not negated and m.target.rule_id in shared:
            negated = ctx.cancelled(m.target.rule_id, m.start, m.end, ctx.sentence(m.start))
        out.append(make(Hit, (m.target, match_text, lo, hi, sentence, source, negated, hedged, section, frame)))
    return out


def clip(text: str, start: int, end: int, lo: int, hi: int) -> str:
    """The sentence text[lo:hi] around the match text[start:end], clipped: stripped HTML
    can run a whole ad together into one "sentence"."""
    if hi - lo <= SENTENCE_CLIP:
        lo, hi = trimmed(text, lo, hi)
        return text[lo:hi]
    # Room for an ellipsis at each end, so that the whole stays within SENTENCE_CLIP.
    width = SENTENCE_CLIP - 2
    mid = (start + end) // 2
    lo2 = max(lo, min(mid - width // 2, hi - width))
    hi2 = min(hi, lo2 + width)
    return ("…" if lo2 > lo else "") + text[lo2:hi2].strip() + ("…" if hi2 < hi else "")


def word_count(doc: Doc, start: int = 0) -> int:
    """Tokens from `start` on that are neither punctuation nor space."""
    if not len(doc):
        return 0
    mask = doc.user_data.get(WORD_MASK)  # recorded by jdscan's sentencizer
    if mask is not None:
        return int(numpy.count_nonzero(mask[start:]))
    flags = doc.to_array([IS_PUNCT, IS_SPACE])[start:]
    return int(len(flags) - numpy.count_nonzero(flags.any(axis=1)))
