"""From what the rules (and the lexicon) found in an ad to its Verdict: scores, ranking,
confidence, facets and warnings. No spaCy here: a reading arrives as hits and terms."""

from __future__ import annotations

from typing import NamedTuple

from ..model import OTHER, Verdict
from ..ruleset.schema import RoleFile, Scoring
from .facets import facet_totals, facets
from .fitted import FittedWeights, fitted_evidence, fitted_rank, strengths
from .ranking import rank, to_evidence
from .verdict_warnings import encoding_warning, verdict_warnings
from .words import DIMENSION as WORDS
from .words import Found, KeyedLexicon, word_scores


class Weighing(NamedTuple):
    """What a scanner weighs readings with, built once."""

    roles: dict[str, RoleFile]
    scoring: Scoring
    sections: dict[tuple[str, str], float]
    fitted: FittedWeights | None
    lexicon: KeyedLexicon | None
    review_below: float
    other_cues: frozenset[str] = frozenset()  # decisive_for_other(roles), found once
    name: str = "hand"  # which weights these are, as a verdict's `weights` says


def decisive_for_other(roles: dict[str, RoleFile]) -> frozenset[str]:
    """The pattern groups the taxonomy says decide `other` (its precedence rules' `when`:
    running a unit, leading a sales team, ...)."""
    spec = roles.get(OTHER)
    return frozenset(g for rule in spec.precedence for g in rule.when) if spec else frozenset()


def decide(reading, w: Weighing) -> Verdict:
    """The verdict on one reading (a scanner's Reading: document, hits, words, outline, terms)."""
    d, hits, words, outline, terms = reading
    scoring = w.scoring
    if w.fitted is not None:
        pairs = strengths(hits, scoring, w.sections, w.fitted.owners)
        evidence, sums, decisions = fitted_evidence(pairs, w.fitted)
        if w.lexicon is not None and isinstance(terms, Found):
            by_role, shown = word_scores(terms, w.lexicon, (d.title, d.body))
            sums.update(((role, WORDS), score) for role, score in by_role.items())
            evidence += shown
        ranking, margin = fitted_rank(sums, w.fitted, w.roles, scoring, words)
    else:
        evidence = to_evidence([h for h in hits if h.target.kind == "role"], scoring, w.sections)
        ranking, decisions = rank(evidence, w.roles, scoring, words), []
        margin = round(ranking[0].confidence - ranking[1].confidence, 4) if len(ranking) > 1 \
            else ranking[0].confidence
    top = ranking[0]
    role_spec = w.roles.get(top.role)
    facet = facets(facet_totals([h for h in hits if h.target.kind == "facet"], scoring), role_spec, scoring)
    return Verdict(
        role=top.role,
        role_name=top.name,
        question=role_spec.question if role_spec else "",
        confidence=top.confidence,
        margin=margin,
        runner_up=ranking[1].role if len(ranking) > 1 else None,
        ranking=tuple(ranking),
        evidence=tuple(evidence),
        facets=facet,
        warnings=tuple(verdict_warnings(ranking, evidence, facet, w.roles, scoring, words, set(outline.kinds), margin)
                       + [x for x in [encoding_warning(d.encoding)] if x]),
        words=words,
        title=d.title if d.title_given else None,
        path=d.source,
        id=d.id,
        sections=tuple((h.kind, h.text, h.start) for h in outline.headings),
        needs_review=top.confidence < w.review_below or _close_to_other(ranking, evidence, w),
        decisions=tuple(decisions),
        weights=w.name,
    )


def _close_to_other(ranking, evidence, w: Weighing) -> bool:
    """A front-line verdict whose runner-up is `other` while the ad states, as a duty, a
    cue the taxonomy says decides `other` (a manager's ad): a close call, however sure the
    scores are."""
    if ranking[0].role == OTHER or len(ranking) < 2 or ranking[1].role != OTHER:
        return False
    decisive = w.other_cues
    return any(e.role == OTHER and e.rule_id in decisive and e.score > 0 and not e.hedged and e.frame == "duty"
               for e in evidence)
