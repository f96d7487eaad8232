"""Pure functions from judged matches to evidence scores and the ranking of roles.

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

from ..model import OTHER, Evidence, RoleScore
from ..ruleset.schema import RoleFile, Scoring
from .hit import Hit


def weigh(hits: list[Hit], scoring: Scoring, sections: dict[tuple[str, str], float] | None = None) -> list[float]:
    """The contribution of each hit, in order, after negation, hedging, the section it
    stands in (`sections`: (kind, dimension) -> weight, 1 where absent) and repeats."""
    seen: dict[tuple, float] = {}  # plain dict.get: Counter's __missing__ showed in profiles
    decay, group_repeat = scoring.repeat_decay, scoring.group_repeat
    hedge, title_in_body = scoring.hedge_factor, scoring.title_in_body
    sections = sections or {}
    out = []
    for target, text, _, _, _, source, negated, hedged, section, _ in hits:
        if negated:
            out.append(0.0)
            continue
        factor = hedge if hedged else 1.0
        if source == "body" and target.value == "title":
            factor *= title_in_body  # "As a Customer Service Advisor you will ..."
        if sections:
            factor *= sections.get((section, target.value), 1.0)
        group = (target.group, target.rule_id)  # `also` copies decay per role
        phrase = (group, text.lower())
        n_group, n_phrase = seen.get(group, 0), seen.get(phrase, 0)
        out.append(round(target.weight * factor * decay ** (n_group + n_phrase), 4))
        seen[group] = n_group + group_repeat
        seen[phrase] = n_phrase + 1
    return out


def to_evidence(hits: list[Hit], scoring: Scoring, sections: dict[tuple[str, str], float] | None = None
                ) -> list[Evidence]:
    """Role hits as Evidence with their counted score; with `overlaps: once`, each stretch
    of text counts once per role and dimension."""
    if scoring.overlaps == "once":
        hits = counted_once(hits)
    make = tuple.__new__
    return [
        make(Evidence, (t.group, t.value, t.rule_id, text, start, end, sentence, source, t.weight, negated, hedged,
                        score, section, frame))
        for (t, text, start, end, sentence, source, negated, hedged, section, frame), score
        in zip(hits, weigh(hits, scoring, sections))
    ]


def counted_once(hits: list[Hit]) -> list[Hit]:
    """The hits, in order, without those that overlap a stronger hit for the same role and
    dimension in the same text: "average handle time" and "handle time" are one piece of
    evidence, not two. Stronger: the higher weight, then the longer match, then the first."""
    ranked = sorted(range(len(hits)), key=lambda i: (-hits[i].target.weight, hits[i].start - hits[i].end, i))
    kept: dict[tuple, list[tuple[int, int]]] = {}
    keep = set()
    for i in ranked:
        t, start, end = hits[i].target, hits[i].start, hits[i].end
        spans = kept.setdefault((t.group, t.value, hits[i].source), [])
        if not any(start < e and s < end for s, e in spans):
            spans.append((start, end))
            keep.add(i)
    return hits if len(keep) == len(hits) else [h for i, h in enumerate(hits) if i in keep]


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
