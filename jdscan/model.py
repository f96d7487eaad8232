"""The result types. The JSON contract (schema version below) is derived from these."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import NamedTuple

# 1.1 added evidence `section`, and `sections` and `needs_review`; 1.2: `title` is null for
# a table row without one, `id` keeps its JSON type, error rows keep the row's id, and the
# fitted `precedence` dimension score; 1.3: the fitted lexicon's `words` dimension score and
# evidence. jdscan/schemas/classify.schema.json is the contract.
SCHEMA_VERSION = "1.6"

DIMENSIONS = ("goal", "tasks", "mindset", "sales", "admin", "measures", "setting")
DIMENSION_NAMES = {
    "title": "title",
    "goal": "goal",
    "tasks": "tasks",
    "mindset": "mindset",
    "sales": "sales element",
    "admin": "admin element",
    "measures": "measures",
    "setting": "setting",
    "words": "words",  # the fitted lexicon's terms: not a dimension of the taxonomy, a score beside them
}
OTHER = "other"
# How the table and `explain` say a frame other than `duty` (see match/frames.py)
FRAME_NAMES = {"requirement": "in requirements", "company": "about the company", "offer": "in the offer",
               "path": "career path", "others": "other teams"}


class Evidence(NamedTuple):
    """One rule match. Offsets index the title or the body, as `source` says. (A named
    tuple, immutable like the other results: an ad has about a hundred, and a frozen
    dataclass took a tenth of an ad's time to build them.)"""

    role: str
    dimension: str
    rule_id: str
    text: str
    start: int
    end: int
    sentence: str
    source: str
    weight: float
    negated: bool = False
    hedged: bool = False
    score: float = 0.0
    section: str = "other"  # duties, requirements, company, benefits, apply, legal, other; or title
    frame: str = "duty"  # whose statement: duty, requirement, company, offer, path, others


EVIDENCE_FIELDS = ("rule_id", "text", "start", "end", "sentence", "source", "weight", "negated",
                   "hedged", "score", "section", "frame")


@dataclass(frozen=True)
class RoleScore:
    role: str
    name: str
    score: float
    confidence: float
    dimensions: dict[str, float] = field(default_factory=dict)
    took_over: str | None = None  # the role whose score this one took by precedence


ROLE_SCORE_FIELDS = ("role", "name", "score", "confidence", "dimensions", "took_over")


class Facets(NamedTuple):
    direction: str
    customer: str
    channel: tuple[str, ...]
    sales_level: str
    admin_load: str


# Every code a verdict's warnings can carry, in the order they are checked (the JSON contract).
WARNING_CODES = ("too-little-text", "ambiguous", "title-mismatch", "mixed-signals", "missing-dimensions",
                 "encoding-guessed")


class VerdictWarning(NamedTuple):
    code: str
    message: str
    roles: tuple[str, ...] = ()
    dimensions: tuple[str, ...] = ()


class Decision(NamedTuple):
    """A precedence rule of the taxonomy that held ("choose call-centre over customer-service
    when the ad stresses call volume"), with the plain statement that decided it and what it
    added to (or took from) each role's score."""

    rule_id: str  # "<role>-<n>": the role's n-th precedence rule
    role: str
    over: tuple[str, ...]
    text: str  # the decisive hit, at its place in the title or the body
    start: int
    end: int
    source: str
    sentence: str
    scores: tuple[tuple[str, float], ...]  # (role, what it added), the `precedence` dimension's parts

    def to_dict(self) -> dict:
        return {"rule_id": self.rule_id, "role": self.role, "over": list(self.over), "text": self.text,
                "start": self.start, "end": self.end, "source": self.source, "sentence": self.sentence,
                "scores": {role: round(score, 4) for role, score in self.scores}}


@dataclass(frozen=True)
class Verdict:
    """Everything jdscan concluded about one ad."""

    role: str
    role_name: str
    question: str
    confidence: float
    margin: float
    runner_up: str | None
    ranking: tuple[RoleScore, ...]
    evidence: tuple[Evidence, ...]
    facets: Facets
    warnings: tuple[VerdictWarning, ...]
    words: int
    title: str | None = ""  # None: the input had no title field (a table row's null or absent title)
    path: str | None = None
    id: str | int | float | None = None  # as the input gave it: a JSON row's number stays a number
    sections: tuple[tuple[str, str, int], ...] = ()  # (kind, heading, offset in the body) of each section
    needs_review: bool = False  # confidence under the review threshold: a person should look
    decisions: tuple[Decision, ...] = ()  # precedence rules that held (fitted weights only)
    # Which weights scored it: "fitted", "fitted-untitled" (the fit for ads without a title),
    # or "hand" (the role files' own, with no weights file).
    weights: str = "hand"

    def __reduce__(self):
        # Verdicts come back from worker processes by pickle, and the main process unpickles
        # every one: as plain tuples, evidence and ranking pickle 4x faster than as named
        # tuples and dataclasses (a tenth of an ad's time in all, on one of the two cores).
        values = tuple(None if name in ("ranking", "evidence") else getattr(self, name)
                       for name in VERDICT_FIELDS)
        ranking = tuple(tuple(getattr(r, k) for k in ROLE_SCORE_FIELDS) for r in self.ranking)
        return _unpickle_verdict, (values, ranking, tuple(map(tuple, self.evidence)))

    def evidence_for(self, role: str, dimension: str | None = None) -> list[Evidence]:
        """The counted (not negated) evidence for a role, strongest first."""
        found = [e for e in self.evidence if e.role == role and e.score > 0]
        if dimension is not None:
            found = [e for e in found if e.dimension == dimension]
        return sorted(found, key=lambda e: -e.score)

    def evidence_against(self, role: str, dimension: str | None = None) -> list[Evidence]:
        """The evidence that counted against a role (fitted weights only), strongest first."""
        found = [e for e in self.evidence if e.role == role and e.score < 0]
        if dimension is not None:
            found = [e for e in found if e.dimension == dimension]
        return sorted(found, key=lambda e: e.score)

    def grouped_evidence(self, roles: tuple[str | None, ...] | None = None) -> dict[str, dict[str, list[dict]]]:
        """The evidence as the JSON form has it, role -> dimension -> items: every role's, or
        the `roles` named."""
        grouped: dict[str, dict[str, list[dict]]] = {}
        for ev in self.evidence:
            if roles is not None and ev.role not in roles:
                continue
            # Field by field, not asdict(): asdict deep-copies and was a third of a batch's time.
            item = {k: getattr(ev, k) for k in EVIDENCE_FIELDS}
            item["score"] = round(ev.score, 4)
            grouped.setdefault(ev.role, {}).setdefault(ev.dimension, []).append(item)
        return grouped

    def to_dict(self) -> dict:
        """The documented JSON form (see docs/json.md)."""
        grouped = self.grouped_evidence()
        return {
            "schema_version": SCHEMA_VERSION,
            "path": self.path,
            "id": self.id,
            "title": self.title,
            "role": self.role,
            "role_name": self.role_name,
            "question": self.question,
            "confidence": self.confidence,
            "margin": self.margin,
            "runner_up": self.runner_up,
            "ranking": [{k: dict(r.dimensions) if k == "dimensions" else getattr(r, k)
                         for k in ROLE_SCORE_FIELDS} for r in self.ranking],
            "evidence": grouped,
            "facets": {**self.facets._asdict(), "channel": list(self.facets.channel)},
            "warnings": [
                {**w._asdict(), "roles": list(w.roles), "dimensions": list(w.dimensions)}
                for w in self.warnings
            ],
            "words": self.words,
            "sections": [{"kind": kind, "heading": heading, "start": start} for kind, heading, start in self.sections],
            "needs_review": self.needs_review,
            "decisions": [d.to_dict() for d in self.decisions],
            "weights": self.weights,
        }


VERDICT_FIELDS = tuple(f.name for f in fields(Verdict))


def _unpickle_verdict(values: tuple, ranking: tuple, evidence: tuple) -> Verdict:
    found = dict(zip(VERDICT_FIELDS, values))
    found["ranking"] = tuple(RoleScore(*r) for r in ranking)
    found["evidence"] = tuple(map(Evidence._make, evidence))
    return Verdict(**found)


class ReadError(NamedTuple):
    """An input that yields no ad, and why; a batch reports it as an error row in its place."""

    source: str
    reason: str
    id: str | int | float | None = None

    def to_dict(self) -> dict:
        return {"schema_version": SCHEMA_VERSION, "path": self.source, "id": self.id,
                "error": self.reason}
