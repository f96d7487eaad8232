"""The types every kind of rule file shares: ids, phrases, the closed vocabularies, and a
strict model base that refuses unknown keys."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
Phrase = Annotated[str, StringConstraints(min_length=1, max_length=200)]
MAX_PHRASE = 200
MAX_TOKENS = 20
Direction = Literal["inbound", "outbound", "both", "none"]
SalesLevel = Literal["none", "passive", "core"]
Dimension = Literal["goal", "tasks", "mindset", "sales", "admin", "measures", "setting"]
SectionKind = Literal["duties", "requirements", "company", "benefits", "apply", "legal"]
# Whose statement a match is part of: what this hire will do (`duty`), what they must have
# or have done, the employer's own business, what is offered, where the job may lead, or
# what other teams do.
Frame = Literal["duty", "requirement", "company", "offer", "path", "others"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
