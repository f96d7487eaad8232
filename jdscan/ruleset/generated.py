"""Schemas of the generated rule data that `jdscan rules fit` writes beside the hand-written
rules: fitted weights (`kind: weights`) and the fitted lexicon of words (`kind: lexicon`).
Validated as strictly as the hand-written files, and never edited by hand."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field

from .schema import Frame, Slug, Strict

Number = Annotated[float, Field(ge=-1000, le=1000)]


class WeightsFile(Strict):
    """Weights fitted to labelled ads: a file of `kind: weights`, written by `jdscan rules
    fit`, not by hand. With one in the rule folders, every pattern group counts for or
    against every role it has a weight for, and confidences are calibrated; groups it does
    not name keep their hand-set weights. A later folder's weights file replaces it."""

    kind: Literal["weights"] = Field(description="Always `weights`.")
    ads: Literal["any", "untitled"] = Field(default="any", description=(
        "`untitled`: the weights for ads read without a title (fitted with `--untitled`), which count "
        "only beside a weights file for `any` ads from the same folder."))
    provenance: dict[str, Any] = Field(default={}, description=(
        "How the weights were fitted: data files with their sizes and hashes, the class prior, "
        "regularisation, folds, seed and the cross-validated figures."))
    overlaps: Literal["once", "each"] = Field(default="once", description="How overlapping matches counted in the fit.")
    temperature: float = Field(gt=0, le=100, description="Confidences are softmax(score / temperature).")
    confidence_slope: float = Field(default=1.0, gt=0, le=10, description=(
        "The top role's confidence is then sigmoid(slope x logit(p) + offset), the others scaled to share the rest."))
    confidence_offset: float = Field(default=0.0, ge=-10, le=10, description="See `confidence_slope`.")
    review_below: float = Field(default=0.0, ge=0, le=1, description=(
        "Verdicts less confident than this are marked `needs_review` (the cross-validated confidence "
        "above which 90% of verdicts were right)."))
    bias: dict[Slug, Number] = Field(default={}, description="What each role's score starts at.")
    length: dict[Slug, Number] = Field(default={}, description=(
        "Per role, what sqrt(words / length_scale) adds to its score."))
    weights: dict[Slug, dict[Slug, Number]] = Field(default={}, description=(
        "Per pattern group id, what one unit of its evidence adds to (or takes from) each role."))
    precedence: dict[Slug, dict[Slug, Number]] = Field(default={}, description=(
        "Per precedence rule (`<role>-<n>`, the role's n-th rule), what it adds to (or takes from) "
        "each role when it holds."))
    frames: dict[Frame, dict[Slug, dict[Slug, Number]]] = Field(default={}, description=(
        "Per frame other than `duty`, per role: what one unit of that role's evidence standing in "
        "that frame adds to (or takes from) each role, on top of its group's weights."))


class LexiconFile(Strict):
    """Words fitted beside the rules: a file of `kind: lexicon`, written by `jdscan rules fit`
    with its weights file. Each term (a lemma or two, of the title or of the body) adds its
    weight for each role times its strength in the ad: idf x log(1 + count), the part's terms
    scaled to unit length, times the part's scale. A negated term counts nothing."""

    kind: Literal["lexicon"] = Field(description="Always `lexicon`.")
    ads: Literal["any", "untitled"] = Field(default="any", description=(
        "`untitled`: the lexicon of the weights for ads read without a title, from the same folder."))
    provenance: dict[str, Any] = Field(default={}, description="How the lexicon was fitted (as the weights file's).")
    scales: dict[Literal["title", "body"], Annotated[float, Field(gt=0, le=100)]] = Field(description=(
        "What a part's terms add up to at most, before their weights: {title: 2, body: 3}."))
    terms: str = Field(default="", description=(
        "One term a line: `body:sales target | 2.31 | internal-sales 0.41, field-sales -0.12` "
        "(part:lemmas | idf | role weight, ...)."))
