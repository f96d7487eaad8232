"""Pydantic models of the three kinds of rule file: role, facets and context."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
Phrase = Annotated[str, StringConstraints(min_length=1, max_length=200)]
MAX_PHRASE = 200
MAX_TOKENS = 20
Direction = Literal["inbound", "outbound", "both", "none"]
SalesLevel = Literal["none", "passive", "core"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Examples(Strict):
    match: list[Text] = Field(min_length=1)
    no_match: list[Text] = Field(min_length=1)


class PatternSpec(Strict):
    """A named group of patterns that count as one piece of evidence.

    A string is a phrase matched on lemmas; a list of token dicts is a Matcher pattern.
    """

    id: Slug
    weight: float = Field(gt=0, le=10, strict=True)
    # Checked item by item in rules.py: a phrase (str) or a token pattern (list of dicts).
    patterns: list[Any] = Field(min_length=1, max_length=200)
    examples: Examples
    # Other roles this evidence also counts for, with the same weight: evidence that two
    # roles share (selling in general, for inside and field sales) is written once.
    also: list[Slug] = []
    note: str = ""


PatternList = list[PatternSpec]


class Dimensions(Strict):
    goal: PatternList = []
    tasks: PatternList = []
    mindset: PatternList = []
    sales: PatternList = []
    admin: PatternList = []
    measures: PatternList = []
    setting: PatternList = []


class Precedence(Strict):
    """The taxonomy's "choose X over Y when ..." rules: when this role's decisive patterns
    (`when`, pattern ids of this role) score at least `min_score`, the role also takes the
    score of the best role in `over`, so it wins over them."""

    over: list[Slug] = Field(min_length=1)
    when: list[Slug] = Field(min_length=1)
    min_score: float = Field(gt=0, le=100)


class RoleFile(Strict):
    kind: Literal["role"]
    role: Slug
    name: Text
    question: Text
    description: Text
    direction: Direction
    sales_levels: list[SalesLevel] = Field(min_length=1)
    precedence: list[Precedence] = []
    # Whether the title patterns also read the body ("As a Field Sales Executive you ...").
    title_in_body: bool = True
    title: PatternList = []
    dimensions: Dimensions


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
    kind: Literal["facets"]
    direction: DirectionCues
    customer: CustomerCues
    channel: ChannelCues
    sales_level: SalesLevelCues
    admin: PatternList


class CueSet(Strict):
    before: list[Phrase] = []
    after: list[Phrase] = []
    window: int = Field(default=5, ge=1, le=20, strict=True)


class Scoring(Strict):
    """The knobs that turn evidence into a verdict (see scoring.py)."""

    other_base: float = Field(default=4.0, ge=0, le=100)
    length_scale: float = Field(default=0, ge=0, le=100000)
    temperature: float = Field(default=2.5, gt=0, le=100)
    repeat_decay: float = Field(default=0.5, ge=0, le=1)
    group_repeat: float = Field(default=0.5, ge=0, le=5)
    title_in_body: float = Field(default=0.5, ge=0, le=1)
    hedge_factor: float = Field(default=0.5, ge=0, le=1)
    ambiguous_margin: float = Field(default=0.15, ge=0, le=1)
    min_words: int = Field(default=40, ge=0, strict=True)
    direction_prior: float = Field(default=1.5, ge=0, le=100)


class ContextFile(Strict):
    kind: Literal["context"]
    negation: CueSet
    hedge: CueSet
    pseudo: list[Phrase] = []
    terminators: list[Phrase] = []
    scoring: Scoring = Scoring()


RuleFileModel = {"role": RoleFile, "facets": FacetsFile, "context": ContextFile}
