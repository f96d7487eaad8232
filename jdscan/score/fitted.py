"""Scores from weights fitted to labelled ads (`jdscan rules fit`). No spaCy here.

The rules still say what counts as evidence; the fit says how much. Each pattern group has
a weight for every role it says something about (for or against), each role a bias, and a
length term scales with the square root of the ad's length. A role's score is an exact sum:

    score(role) = bias(role) + length(role) x sqrt(words / length_scale)
                  + sum over the ad's hits h of weight(group of h, role) x strength(h)

where a hit's strength is what it counted before any weight: 0 negated, `hedge_factor`
hedged, `title_in_body` for a title pattern in the body, its section's weight, and the
repeat decay. A precedence rule that holds adds its fitted row too (`precedence`).

Confidences are softmax(score / temperature), then the top role's is calibrated once more,
sigmoid(slope x logit(p) + offset), the rest scaled to share what is left: a temperature
alone cannot make ads both less sure at the top and surer in the middle, and held-out ads
need both. All three numbers are fitted on held-out ads. A group the fit has not seen (a
rule added since) counts with its hand-set weight for its own role and `also` roles.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import NamedTuple

from ..model import OTHER, Decision, Evidence, RoleScore
from ..ruleset.schema import RoleFile, Scoring
from . import precedence as precedence_rules
from .hit import DUTY, Hit
from .ranking import counted_once, weigh

MIN_STRENGTH = 0.02


class FittedWeights(NamedTuple):
    """What `rules fit` learned, and what the rules say for groups it has not seen. (A named
    tuple, not a frozen dataclass: those cost a millisecond each of every start.)"""

    rows: dict[str, tuple[tuple[str, float], ...]]  # group id -> ((role, weight), ...)
    owners: dict[str, str]  # group id -> the role whose file defines it
    bias: dict[str, float]
    length: dict[str, float]
    temperature: float = 1.0
    review_below: float = 0.0  # verdicts less confident than this need a person's review
    precedence: tuple[tuple[precedence_rules.Rule, tuple[tuple[str, float], ...]], ...] = ()  # each rule, its row
    slope: float = 1.0  # top-label calibration: sigmoid(slope x logit(p) + offset)
    offset: float = 0.0
    # (frame, role) -> what one unit of that role's evidence adds to each role when it
    # stands in that frame, on top of its group's row: a call centre the employer runs
    # says less about the hire's job than one the hire works in
    frames: Mapping[tuple[str, str], tuple[tuple[str, float], ...]] = MappingProxyType({})
    duties_only: bool = False  # precedence rules hold on plain duties only (scoring.frames_count)


def hand_rows(groups: Iterable[tuple[str, str, float, Iterable[str]]], roles: Iterable[str]
              ) -> dict[str, tuple[tuple[str, float], ...]]:
    """The rules' own weights as fitted rows: each group counts its hand weight for its own
    role and its `also` roles. `groups`: (group id, owner role, weight, also roles)."""
    known = set(roles)
    return {gid: tuple((r, weight) for r in dict.fromkeys([owner, *also]) if r in known)
            for gid, owner, weight, also in groups}


def length_term(words: int, scoring: Scoring) -> float:
    """The length feature: sqrt(words / length_scale), 1 when the scale is off."""
    return math.sqrt(max(words, 1) / scoring.length_scale) if scoring.length_scale > 0 else 1.0


def strengths(hits: list[Hit], scoring: Scoring, sections: dict[tuple[str, str], float],
              owners: dict[str, str]) -> list[tuple[Hit, float]]:
    """Each role hit of a group, once (its own role's copy), with its strength. A repeat
    whose strength has decayed under MIN_STRENGTH is left out, in fitting and in scoring
    alike: the tenth "sales" of an ad says nothing the first nine did not. Hits that count
    nothing (negated, or in a section that counts nothing) stay, at 0, so they are shown."""
    own = [h for h in hits if h.target.kind == "role" and owners.get(h.target.rule_id) == h.target.group]
    if scoring.overlaps == "once":
        own = counted_once(own)
    pairs = ((h, score / h.target.weight) for h, score in zip(own, weigh(own, scoring, sections)))
    return [(h, s) for h, s in pairs if s >= MIN_STRENGTH or s == 0]


def fitted_evidence(pairs: list[tuple[Hit, float]], fitted: FittedWeights
                    ) -> tuple[list[Evidence], dict[tuple[str, str], float], list[Decision]]:
    """Evidence for every role a hit's group has a weight for (weight x strength), its sum
    per (role, dimension), added up in the same pass, and the precedence rules that held."""
    make = tuple.__new__  # an ad has hundreds: the named tuple's own __new__ is a Python call each
    rows, framed = fitted.rows, {}
    out = []
    sums: dict[tuple[str, str], float] = {}
    for (t, text, start, end, sentence, source, negated, hedged, section, frame), strength in pairs:
        dim = t.value
        row = rows.get(t.rule_id, ())
        if frame != DUTY and fitted.frames:
            key = (t.rule_id, frame)
            row = framed.get(key) or framed.setdefault(key, with_frame(row, fitted.frames.get((frame, t.group), ())))
        for role, weight in row:
            score = weight * strength  # rounded in JSON
            out.append(make(Evidence, (role, dim, t.rule_id, text, start, end, sentence, source, weight,
                                       negated, hedged, score, section, frame)))
            if score:
                sums[role, dim] = sums.get((role, dim), 0.0) + score
    decisions = []
    if fitted.precedence:
        dim, plain = precedence_rules.DIMENSION, precedence_rules.plain_totals(pairs, fitted.duties_only)
        for rule, row in fitted.precedence:
            if rule.holds(plain):
                for role, weight in row:
                    sums[role, dim] = sums.get((role, dim), 0.0) + weight
                decisions.append(_decision(rule, row, precedence_rules.decisive(pairs, rule, fitted.duties_only)))
    return out, sums, decisions


def _decision(rule, row, hit: Hit | None) -> Decision:
    place = (hit.text, hit.start, hit.end, hit.source, hit.sentence) if hit else ("", 0, 0, "body", "")
    return Decision(rule.id, rule.role, rule.over, place[0], place[1], place[2], place[3], place[4], row)


def with_frame(row: tuple[tuple[str, float], ...], extra: tuple[tuple[str, float], ...]
               ) -> tuple[tuple[str, float], ...]:
    """A group's row plus its frame's row, role by role."""
    if not extra:
        return row
    summed = dict(row)
    for role, weight in extra:
        summed[role] = summed.get(role, 0.0) + weight
    return tuple(summed.items())


def fitted_rank(sums: dict[tuple[str, str], float], fitted: FittedWeights, roles: dict[str, RoleFile],
                scoring: Scoring, words: int) -> tuple[list[RoleScore], float]:
    """Every role's score (the exact sum above) and calibrated confidence, best first, and
    the margin: the top two roles' difference in softmax(score / temperature), before the
    top role's confidence is calibrated (so a tie is 0). `sums`: the evidence's score per
    (role, dimension), from fitted_evidence."""
    names = list(roles) + ([] if OTHER in roles else [OTHER])
    z = length_term(words, scoring)
    dims: dict[str, dict[str, float]] = {name: {} for name in names}
    for (role, dim), score in sums.items():
        if role in dims:
            dims[role][dim] = score
    totals = {n: fitted.bias.get(n, 0.0) + fitted.length.get(n, 0.0) * z + sum(dims[n].values())
              for n in names}
    top = max(totals.values())
    exp = {n: math.exp((s - top) / fitted.temperature) for n, s in totals.items()}
    norm = sum(exp.values())
    ranked = sorted(names, key=lambda n: (-totals[n], names.index(n)))
    raw = [exp[n] / norm for n in ranked]
    conf = top_label(raw, fitted.slope, fitted.offset)
    return [RoleScore(n, roles[n].name if n in roles else "Other", round(totals[n], 3), round(c, 4),
                      {k: round(v, 3) for k, v in dims[n].items()}) for n, c in zip(ranked, conf)], \
        round(raw[0] - raw[1], 4) if len(raw) > 1 else round(conf[0], 4)


def top_label(probs: list[float], slope: float, offset: float) -> list[float]:
    """`probs` (best first) with the first calibrated, sigmoid(slope x logit(p) + offset),
    and the rest scaled to share what is left; the first is kept at least the second's
    scaled share, so that the calibrated confidences never contradict the ranking."""
    if slope == 1.0 and offset == 0.0:
        return probs
    p = min(max(probs[0], 1e-9), 1 - 1e-9)
    first = 1 / (1 + math.exp(-(slope * math.log(p / (1 - p)) + offset)))
    rest = sum(probs[1:])
    if rest > 0:  # the top role stays on top: no lower than the runner-up once that is scaled
        first = max(first, probs[1] / (rest + probs[1]))
    if rest <= 0:  # the others underflowed: they share what is left equally
        return [first] + [(1 - first) / max(1, len(probs) - 1)] * (len(probs) - 1)
    return [first] + [q * (1 - first) / rest for q in probs[1:]]


def from_rules(rules, weights=None) -> FittedWeights | None:
    """The fitted weights of a RuleSet with a weights file (None without one): its rows
    where it has them, the hand-set weights for groups it does not name. `weights`: another
    weights file of the same rules (the one for ads without a title)."""
    weights = weights if weights is not None else rules.weights
    if weights is None:
        return None
    groups = list(rules.groups())
    names = list(rules.roles) + ([] if OTHER in rules.roles else [OTHER])
    rows = hand_rows(((gid, owner, weight, also) for gid, owner, _, weight, also in groups), rules.roles)
    for gid, row in weights.weights.items():
        rows[gid] = tuple((r, row[r]) for r in names if row.get(r))
    w = weights
    prec = tuple((rule, tuple((r, w.precedence[rule.id][r]) for r in names if w.precedence[rule.id].get(r))
                  if rule.id in w.precedence else rule.prior_row(names))
                 for rule in precedence_rules.rules_of(rules.roles))
    frames = {(frame, role): tuple((r, row[r]) for r in names if row.get(r))
              for frame, table in w.frames.items() for role, row in table.items()}
    return FittedWeights(rows, {gid: owner for gid, owner, *_ in groups}, dict(w.bias), dict(w.length),
                         w.temperature, w.review_below, prec, w.confidence_slope, w.confidence_offset, frames,
                         rules.context.scoring.frames_count)
