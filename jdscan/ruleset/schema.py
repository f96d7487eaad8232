"""Pydantic models of the kinds of rule file: role, extend, facets, context and sections."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field

from .base_schema import (  # noqa: F401  (re-exported: the schema's one import place)
    MAX_PHRASE,
    MAX_TOKENS,
    Dimension,
    Direction,
    Frame,
    Phrase,
    SalesLevel,
    SectionKind,
    Slug,
    Strict,
    Text,
)
from .context_schema import (  # noqa: F401
    ContextFile,
    Coordination,
    CueExamples,
    CueSet,
    FrameExamples,
    FrameSpec,
    Marked,
    Scoring,
    ShareRule,
)


class Examples(Strict):
    match: list[Text] = Field(min_length=1, description="Sentences the group must match (not negated).")
    no_match: list[Text] = Field(min_length=1, description="Sentences the group must not match.")


class Sense(Strict):
    """Which sense of its words a group means, read from the words around a match in its
    sentence: a "shop floor" next to production is a factory's, not a store's."""

    unless_near: list[Phrase] = Field(default=[], description=(
        "Words (matched on lemma or form) that, within `window` tokens, mean another sense: the match does not count."))
    only_near: list[Phrase] = Field(default=[], description=(
        "Words one of which must stand within `window` tokens for the match to count (empty: no such need)."))
    window: int = Field(default=8, ge=1, le=30, strict=True, description="How many tokens either side, in the sentence.")
    not_a_name: bool = Field(default=False, strict=True, description=(
        "True: a match whose first word is written as a name (capitalised inside a sentence, after a lower-case "
        "word or a comma, with no capitalised word after it: 'at Target', 'the Target team') does not count."))


class PatternSpec(Strict):
    """A named group of patterns that count as one piece of evidence.

    A string is a phrase matched on lemmas; a list of token dicts is a Matcher pattern.
    """

    id: Slug = Field(description="Unique across all loaded rule files; names the evidence in output.")
    weight: float = Field(gt=0, le=10, strict=True, description="What one hit counts before negation, hedging and repeats.")
    # Checked item by item in load.py: a phrase (str) or a token pattern (list of dicts).
    patterns: list[Any] = Field(min_length=1, max_length=200, description=(
        "Phrases (strings, matched on lemmas) and spaCy Matcher token patterns (lists of token "
        "dicts; LEMMA values are lower-case lemmas). Any one matching is a hit."))
    examples: Examples = Field(description="Sentences that must and must not match; `jdscan rules test` runs them.")
    also: list[Slug] = Field(default=[], description=(
        "Other roles this evidence also counts for, with the same weight: evidence two roles "
        "share is written once."))
    sense: Sense | None = Field(default=None, description=(
        "Words near a match that decide whether it means what the group means (`unless_near`, `only_near`, "
        "`not_a_name`)."))
    note: str = Field(default="", description="Free text for rule authors.")


PatternList = list[PatternSpec]


class Dimensions(Strict):
    """The seven dimensions every role describes, so explanations line up role by role."""

    goal: PatternList = Field(default=[], description="What the role exists to achieve.")
    tasks: PatternList = Field(default=[], description="The day-to-day work.")
    mindset: PatternList = Field(default=[], description="Attitudes and skills the ad asks for.")
    sales: PatternList = Field(default=[], description="How much selling: none, passive or core.")
    admin: PatternList = Field(default=[], description="Records, systems, order entry, reporting.")
    measures: PatternList = Field(default=[], description="KPIs and how success is judged.")
    setting: PatternList = Field(default=[], description="Where and how contact happens.")


class Precedence(Strict):
    """The taxonomy's "choose X over Y when ..." rules: when this role's decisive patterns
    (`when`, pattern ids of this role) score at least `min_score`, the role also takes the
    score of the best role in `over`, so it wins over them."""

    over: list[Slug] = Field(min_length=1, description="Roles this role wins over when the rule fires.")
    when: list[Slug] = Field(min_length=1, description="Ids of this role's own decisive pattern groups.")
    min_score: float = Field(gt=0, le=100, description="What their plain (not hedged) hits must add up to.")


class RoleFile(Strict):
    """One role: a file of `kind: role`. A role of the same name in a later folder replaces it."""

    kind: Literal["role"] = Field(description="Always `role` for a role file.")
    role: Slug = Field(description="The label verdicts use, such as `field-sales`.")
    name: Text = Field(description="The human name shown with the verdict.")
    question: Text = Field(description="The role's one-line question, shown under the verdict.")
    description: Text = Field(description="What the role is, in a sentence or two.")
    direction: Direction = Field(description="The role's usual direction, the direction facet's prior.")
    customer: Literal["external", "internal"] | None = Field(default=None, description=(
        "Whom the role usually serves, the customer facet's prior (none: the cues decide)."))
    sales_levels: list[SalesLevel] = Field(min_length=1, description=(
        "Sales element levels an ad of this role normally has; another level gives a "
        "mixed-signals warning."))
    needs: list[Dimension] = Field(default=[], description=(
        "Dimensions an ad for this role should cover; `jdscan check` reports a draft that "
        "claims the role and never covers one (a sales role with no measures, say)."))
    precedence: list[Precedence] = Field(default=[], description="The taxonomy's \"choose this role over ... when ...\" rules.")
    title_in_body: bool = Field(default=True, description=(
        "Whether title patterns also read the body, at `title_in_body` weight "
        "(\"As a Field Sales Executive you ...\")."))
    title: PatternList = Field(default=[], description="Patterns read in the ad's title.")
    dimensions: Dimensions = Field(description="Pattern groups per dimension.")


class ExtendFile(Strict):
    """Adds pattern groups to a role loaded from an earlier folder: a file of `kind: extend`."""

    kind: Literal["extend"] = Field(description="Always `extend`.")
    role: Slug = Field(description="The role to extend, loaded from an earlier folder.")
    title: PatternList = Field(default=[], description="Title pattern groups to add.")
    dimensions: Dimensions = Field(default=Dimensions(), description="Pattern groups to add per dimension.")


class DirectionCues(Strict):
    inbound: PatternList
    outbound: PatternList


class CustomerCues(Strict):
    external: PatternList
    internal: PatternList


class ChannelCues(Strict):
    phone: PatternList
    written: PatternList
    face_to_face: PatternList = Field(alias="face-to-face")
    field: PatternList


class SalesLevelCues(Strict):
    core: PatternList
    passive: PatternList


class FacetsFile(Strict):
    """The cues behind the facets reported for every ad: a file of `kind: facets`."""

    kind: Literal["facets"] = Field(description="Always `facets`.")
    direction: DirectionCues = Field(description="`inbound` and `outbound` cue groups.")
    customer: CustomerCues = Field(description="`external` and `internal` cue groups.")
    channel: ChannelCues = Field(description="`phone`, `written`, `face-to-face` and `field` cue groups.")
    sales_level: SalesLevelCues = Field(description="`core` and `passive` cue groups.")
    admin: PatternList = Field(description="Cue groups whose total gives the admin load.")


class SectionSpec(Strict):
    """The headings that open one kind of section. A heading opens the kind whose phrase it
    holds (the longest phrase wins); any other heading opens an `other` section."""

    kind: SectionKind = Field(description="duties, requirements, company, benefits, apply or legal.")
    headings: list[Phrase] = Field(min_length=1, max_length=200, description=(
        "Phrases a heading holds, in lower case (\"responsibilities\" also opens \"Key Responsibilities:\")."))
    examples: Examples = Field(description="Heading lines that must and must not open this kind of section.")


class SectionsFile(Strict):
    """How ads are divided: a file of `kind: sections`. Its headings are added to those of
    earlier sections files; its weights replace theirs, weight by weight."""

    kind: Literal["sections"] = Field(description="Always `sections`.")
    sections: list[SectionSpec] = Field(default=[], description="Heading phrases per kind of section.")
    weights: dict[SectionKind, dict[Literal[Dimension, "title"], Annotated[float, Field(ge=0, le=10)]]] = Field(
        default={}, description=(
            "Per kind of section and dimension, what evidence there counts (1 when not given): "
            "\"requirements: {setting: 0.5}\" halves setting cues in a requirements section."))
