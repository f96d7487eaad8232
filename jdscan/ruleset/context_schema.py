"""Pydantic models of the context file (`kind: context`): negation, hedging, lists, shares
and frames, and the scoring knobs."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from .base_schema import Frame, Phrase, SectionKind, Slug, Strict, Text

Marked = Annotated[Text, StringConstraints(pattern=r"\{[^{}]+\}")]


class CueExamples(Strict):
    """Sentences `jdscan rules test` reads, the words to judge in braces."""

    match: list[Marked] = Field(min_length=1, description=(
        "Sentences whose words in braces the cues reach (`There is no {cold calling} in this job`)."))
    no_match: list[Marked] = Field(min_length=1, description="Sentences whose words in braces they do not reach.")


class CueSet(Strict):
    """Cue phrases in a token window before or after a match, inside its sentence."""

    before: list[Phrase] = Field(default=[], description="Cues that stand before the match.")
    after: list[Phrase] = Field(default=[], description="Cues that follow the match.")
    window: int = Field(default=5, ge=1, le=20, strict=True, description="How many tokens either side.")
    examples: CueExamples | None = Field(default=None, description=(
        "Sentences that `jdscan rules test` runs; it fails a cue set that has none."))


class Coordination(Strict):
    """A negation or hedging cue before a coordinated list reaches its last item however long
    the list is (`not handling enquiries, returns, exchanges or refunds`): items of up to
    `item_tokens` words, parted by separators, the last after a conjunction."""

    conjunctions: list[Phrase] = Field(default=["or", "nor", "and"], description="Words before a list's last item.")
    separators: list[Phrase] = Field(default=[",", "/"], description="Tokens between items.")
    stops: list[Phrase] = Field(default=[], description=(
        "Words that start a new clause, not an item (`, and you will ...`): the list ends before them."))
    item_tokens: int = Field(default=5, ge=1, le=12, strict=True, description="The most words an item has.")
    examples: CueExamples = Field(description=(
        "Sentences whose words in braces a cue reaches (`match`) or does not (`no_match`) over a list."))


class ShareRule(Strict):
    """A stated share of time (`up to 10%`, `25 percent`) near a match of these pattern groups:
    under `below`, the match counts nothing (travel a tenth of the time is no field cue); at or
    over it, the match stands."""

    groups: list[Slug] = Field(min_length=1, description="Ids of the pattern groups whose matches a share qualifies.")
    below: float = Field(gt=0, le=100, description="The share (per cent) under which a match counts nothing.")
    window: int = Field(default=8, ge=1, le=30, strict=True, description="How many tokens either side, in the sentence.")
    examples: CueExamples = Field(description=(
        "Sentences whose words in braces (a match of one of the groups) a share cancels (`match`) or not."))


class Scoring(Strict):
    """The knobs that turn evidence into a verdict (see jdscan/score/ranking.py)."""

    other_base: float = Field(default=4.0, ge=0, le=100, description="The score `other` starts at.")
    length_scale: float = Field(default=0, ge=0, le=100000, description=(
        "Words at which the base is `other_base`; it grows with the square root of the length "
        "(0 turns the scaling off)."))
    temperature: float = Field(default=2.5, gt=0, le=100, description="Softmax temperature for confidences.")
    repeat_decay: float = Field(default=0.5, ge=0, le=1, description="Each repeat of a phrase counts this much of the one before.")
    group_repeat: float = Field(default=0.5, ge=0, le=5, description="How much another phrase of the same group counts as a repeat.")
    title_in_body: float = Field(default=0.5, ge=0, le=1, description="Weight of title patterns read in the body.")
    overlaps: Literal["once", "each"] = Field(default="once", description=(
        "`once`: where matches for the same role and dimension overlap, only the strongest counts "
        "(\"average handle time\", not also \"handle time\"); `each`: every match counts."))
    hedge_factor: float = Field(default=0.5, ge=0, le=1, description="What a hedged hit counts (\"desirable\", \"previous experience of\").")
    frames_count: bool = Field(default=False, description=(
        "Let frames weigh in the score: `rules fit` fits a correction per frame and role, the precedence rules "
        "hold on plain duties only, and the lexicon's words in a frame a cue opens count `hedge_factor`. Off, "
        "frames are shown and steer facets and review marks only."))
    ambiguous_margin: float = Field(default=0.15, ge=0, le=1, description="Margins below this give an `ambiguous` warning.")
    clear_title: float = Field(default=2.0, ge=0, le=100, description=(
        "A title reads clearly as a role when its title patterns add up to this (`title-mismatch`)."))
    clear_verdict: float = Field(default=0.9, ge=0, le=1, description=(
        "`title-mismatch` fires only on verdicts at least this confident: below it, the ad is a close call."))
    min_words: int = Field(default=40, ge=0, strict=True, description="Bodies shorter than this give `too-little-text`.")
    direction_prior: float = Field(default=1.5, ge=0, le=100, description="What the role's usual direction adds to the direction cues.")
    customer_prior: float = Field(default=2.0, ge=0, le=100, description="What the role's usual customer adds to the customer cues.")


class FrameExamples(Strict):
    """Sentences `jdscan rules test` reads, the words to judge in braces."""

    match: list[Marked] = Field(min_length=1, description=(
        "Sentences whose words in braces (`We are a {call centre} provider`) stand in this frame."))
    no_match: list[Marked] = Field(min_length=1, description="Sentences whose words in braces do not.")


class FrameSpec(Strict):
    """One frame: the cue phrases that open it around a match, ConText-style (a cue before
    reaches forward, a cue after reaches back, within `window` tokens, the sentence and the
    terminators), and the kinds of section it holds wholly. The nearest cue decides; a
    match no cue reaches takes its section's frame, else `duty`."""

    frame: Frame = Field(description="duty, requirement, company, offer, path or others.")
    before: list[Phrase] = Field(default=[], description="Cues that stand before the match.")
    after: list[Phrase] = Field(default=[], description="Cues that follow the match.")
    window: int = Field(default=8, ge=1, le=30, strict=True, description="How many tokens a cue reaches.")
    sections: list[SectionKind] = Field(default=[], description="Kinds of section that stand in this frame.")
    examples: FrameExamples = Field(description="Sentences that `jdscan rules test` runs.")


class ContextFile(Strict):
    """Negation, hedging and frame cues and the scoring knobs: a file of `kind: context`."""

    kind: Literal["context"] = Field(description="Always `context`.")
    negation: CueSet = Field(description="A match near one of these counts nothing.")
    hedge: CueSet = Field(description="A match near one of these counts `hedge_factor`.")
    pseudo: list[Phrase] = Field(default=[], description="Phrases whose cue word does not negate (\"not only\").")
    terminators: list[Phrase] = Field(default=[], description="Single tokens a cue's scope does not cross (\"but\").")
    frames: list[FrameSpec] = Field(default=[], description=(
        "Whose statement a match is part of; how much each frame counts is fitted (`rules fit`)."))
    coordination: Coordination | None = Field(default=None, description=(
        "How far a negation or hedge reaches over a coordinated list; none: its window only."))
    shares: list[ShareRule] = Field(default=[], description="Stated shares of time that cancel a match under a threshold.")
    scoring: Scoring = Field(default=Scoring(), description="How evidence turns into a verdict.")
