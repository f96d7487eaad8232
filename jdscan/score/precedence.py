"""Precedence rules as features of the fitted score. No spaCy here.

The taxonomy's "choose call-centre over customer-service when the ad stresses call volume"
is a rule the hand-set scoring applies by letting the role take the best `over` role's
score. With fitted weights a rule that holds is one more piece of evidence: it adds a
fitted number to each role it has a weight for (for its own role, against the roles it
is over), so the verdict stays an exact sum and the fit learns how much the rule is worth.

A rule holds when its role's decisive pattern groups (`when`), stated plainly (not
hedged), add up to `min_score` in hand-set weight x strength: the same test the hand-set
scoring makes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from .hit import DUTY, Hit

PRIOR = 1.0  # before any fit, a rule that holds adds 1 to its role and takes 1 from those it is over
DIMENSION = "precedence"  # where its contribution is listed among a role's dimension scores


class Rule(NamedTuple):
    """One precedence rule of one role: `id` is "<role>-<n>", n counting from 1 in the file."""

    id: str
    role: str
    over: tuple[str, ...]
    when: frozenset[str]
    min_score: float

    def holds(self, plain: dict[str, float]) -> bool:
        """Whether the rule holds, given plain_totals of an ad's hits."""
        return sum(plain.get(g, 0.0) for g in self.when) >= self.min_score

    def prior_row(self, known: Iterable[str]) -> tuple[tuple[str, float], ...]:
        """The weights the rule counts with before any fit."""
        names = set(known)
        return ((self.role, PRIOR),) + tuple((o, -PRIOR) for o in self.over if o in names and o != self.role)


def rules_of(roles: dict) -> list[Rule]:
    """Every precedence rule of every role, in rule-file order."""
    return [Rule(f"{name}-{k}", name, tuple(p.over), frozenset(p.when), p.min_score)
            for name, role in roles.items() for k, p in enumerate(role.precedence, start=1)]


def holding(pairs: Iterable[tuple[Hit, float]], rules: list[Rule], duties_only: bool = False) -> list[Rule]:
    """The rules whose decisive groups' plain hits reach their min_score. `pairs`: each
    hit with its counted strength (score.fitted.strengths)."""
    if not rules:
        return []
    plain = plain_totals(pairs, duties_only)
    return [r for r in rules if r.holds(plain)]


def decisive(pairs: Iterable[tuple[Hit, float]], rule: Rule, duties_only: bool = False) -> Hit | None:
    """The plain hit of the rule's `when` groups that counted most: what the table shows as
    the statement that decided it."""
    best, top = None, 0.0
    for hit, strength in pairs:
        counted = hit.target.weight * strength
        if hit.target.rule_id in rule.when and _plain(hit, strength, duties_only) and counted > top:
            best, top = hit, counted
    return best


def _plain(hit: Hit, strength: float, duties_only: bool) -> bool:
    """Whether a hit is a plain statement: counted, not hedged (and, where frames count,
    part of the hire's duties)."""
    return bool(strength) and not hit.hedged and (not duties_only or hit.frame == DUTY)


def plain_totals(pairs: Iterable[tuple[Hit, float]], duties_only: bool = False) -> dict[str, float]:
    """Per pattern group, its plain hits' hand-set weight x strength: not hedged (and,
    where frames count, part of the hire's duties: a call centre the employer runs)."""
    plain: dict[str, float] = {}
    for hit, strength in pairs:
        if _plain(hit, strength, duties_only):
            gid = hit.target.rule_id
            plain[gid] = plain.get(gid, 0.0) + hit.target.weight * strength
    return plain
