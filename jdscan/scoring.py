"""Pure functions from judged matches to scores, ranking and facets. No spaCy here.

A role's score is the sum of its evidence. Each hit counts weight x (0 if negated) x
(hedge factor if hedged) x repeat_decay ** n, where n counts earlier hits of the same
phrase (1 each) and of other phrases of the same pattern group (group_repeat each): one
phrase said five times cannot outvote five different signals. `other` starts at `other_base`
plus its own evidence: a role must beat that to be the verdict. Confidence is a softmax of
the scores at `temperature`; the margin is the top confidence minus the runner-up's.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import NamedTuple

from .matcher import Target
from .model import OTHER, Evidence, Facets, RoleScore
from .schema import RoleFile, Scoring


class Hit(NamedTuple):
    """A match with its place in the text and its context judgement (a tuple: an ad has
    hundreds, and a frozen dataclass costs several times more to build)."""

    target: Target
    text: str
    start: int
    end: int
    sentence: str
    source: str
    negated: bool
    hedged: bool


def weigh(hits: list[Hit], scoring: Scoring) -> list[float]:
    """The contribution of each hit, in order, after negation, hedging and repeats."""
    seen: dict[tuple, float] = {}  # plain dict.get: Counter's __missing__ showed in profiles
    decay, group_repeat = scoring.repeat_decay, scoring.group_repeat
    hedge, title_in_body = scoring.hedge_factor, scoring.title_in_body
    out = []
    for target, text, _, _, _, source, negated, hedged in hits:
        if negated:
            out.append(0.0)
            continue
        factor = hedge if hedged else 1.0
        if source == "body" and target.value == "title":
            factor *= title_in_body  # "As a Customer Service Advisor you will ..."
        group = (target.group, target.rule_id)  # `also` copies decay per role
        phrase = (group, text.lower())
        n_group, n_phrase = seen.get(group, 0), seen.get(phrase, 0)
        out.append(round(target.weight * factor * decay ** (n_group + n_phrase), 4))
        seen[group] = n_group + group_repeat
        seen[phrase] = n_phrase + 1
    return out


def to_evidence(hits: list[Hit], scoring: Scoring) -> list[Evidence]:
    """Role hits as Evidence with their counted score."""
    return [
        Evidence(t.group, t.value, t.rule_id, text, start, end, sentence, source, t.weight, negated, hedged, score)
        for (t, text, start, end, sentence, source, negated, hedged), score in zip(hits, weigh(hits, scoring))
    ]


def other_base(scoring: Scoring, words: int) -> float:
    """`other`'s starting score, scaled by length: a long ad gathers stray evidence for
    every role, so the bar a role must clear grows with the square root of the length."""
    if scoring.length_scale <= 0:
        return scoring.other_base
    return scoring.other_base * math.sqrt(max(words, 1) / scoring.length_scale)


def rank(evidence: list[Evidence], roles: dict[str, RoleFile], scoring: Scoring,
         words: int | None = None) -> list[RoleScore]:
    """Every role's score and confidence, best first (ties broken by rule-file order)."""
    dims: dict[str, dict[str, float]] = {name: defaultdict(float) for name in roles}
    dims.setdefault(OTHER, defaultdict(float))
    for ev in evidence:
        if ev.role in dims and ev.score:
            dims[ev.role][ev.dimension] += ev.score
    totals = {name: sum(d.values()) for name, d in dims.items()}
    took = _precedence(evidence, roles, totals)
    for name, (victim, gained) in took.items():
        totals[name] += gained
    totals[OTHER] += other_base(scoring, words) if words is not None else scoring.other_base
    top = max(totals.values())
    exp = {name: math.exp((s - top) / scoring.temperature) for name, s in totals.items()}
    norm = sum(exp.values())
    order = list(dims)
    ranked = sorted(order, key=lambda n: (-totals[n], order.index(n)))
    return [
        RoleScore(n, roles[n].name if n in roles else "Other", round(totals[n], 3),
                  round(exp[n] / norm, 4), {k: round(v, 3) for k, v in dims[n].items()},
                  took[n][0] if n in took else None)
        for n in ranked
    ]


def _precedence(evidence: list[Evidence], roles: dict[str, RoleFile],
                totals: dict[str, float]) -> dict[str, tuple[str, float]]:
    """A role whose decisive evidence for a precedence rule reaches its min_score takes the
    score of the best role that rule names in `over`."""
    took: dict[str, tuple[str, float]] = {}
    # Only plain statements decide: "call centre experience a plus" is background.
    plain: dict[str, list[Evidence]] = defaultdict(list)
    for e in evidence:
        if not e.hedged:
            plain[e.role].append(e)
    for name, role in roles.items():
        for rule in role.precedence:
            decisive = sum(e.score for e in plain[name] if e.rule_id in rule.when)
            if decisive < rule.min_score:
                continue
            victim = max(rule.over, key=lambda o: totals.get(o, 0.0))
            if totals.get(victim, 0.0) > took.get(name, ("", 0.0))[1]:
                took[name] = (victim, totals[victim])
    return took


def facet_totals(hits: list[Hit], scoring: Scoring) -> dict[str, dict[str, float]]:
    """Summed cue scores per facet and value."""
    totals: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for hit, score in zip(hits, weigh(hits, scoring)):
        totals[hit.target.group][hit.target.value] += score
    return totals


def facets(totals: dict[str, dict[str, float]], role: RoleFile | None, scoring: Scoring) -> Facets:
    """Direction, customer, channel, sales level and admin load from cue totals."""
    direction = dict(totals.get("direction", {}))
    prior = role.direction if role else "none"
    if prior in ("inbound", "outbound"):  # "both" and "none" leave it to the cues
        direction[prior] = direction.get(prior, 0.0) + scoring.direction_prior
    return Facets(
        direction=_direction(direction.get("inbound", 0.0), direction.get("outbound", 0.0)),
        customer=_customer(totals.get("customer", {}), role, scoring),
        channel=tuple(v for v, s in sorted(totals.get("channel", {}).items(), key=lambda x: -x[1])
                      if s >= 1.0),
        sales_level=_sales_level(totals.get("sales_level", {})),
        admin_load=_admin_load(totals.get("admin", {}).get("admin", 0.0)),
    )


def _direction(inbound: float, outbound: float) -> str:
    high, low = max(inbound, outbound), min(inbound, outbound)
    if high < 1.0:
        return "none"
    if low >= 0.6 * high:
        return "both"
    return "inbound" if inbound > outbound else "outbound"


def _customer(cues: dict[str, float], role: RoleFile | None, scoring: Scoring) -> str:
    totals = {"internal": cues.get("internal", 0.0), "external": cues.get("external", 0.0)}
    if role is not None and role.customer is not None:
        totals[role.customer] += scoring.customer_prior
    internal, external = totals["internal"], totals["external"]
    if internal == external == 0:
        return "unknown"
    return "internal" if internal > external else "external"


def _sales_level(cues: dict[str, float]) -> str:
    if cues.get("core", 0.0) >= 2.0:
        return "core"
    if cues.get("passive", 0.0) + cues.get("core", 0.0) >= 1.0:
        return "passive"
    return "none"


def _admin_load(total: float) -> str:
    if total == 0:
        return "none"
    return "low" if total < 3 else "medium" if total < 7 else "high"
