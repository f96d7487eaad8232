"""Facets of a verdict (direction, customer, channel, sales level, admin load) from the
summed scores of the facet cues. Pure functions; no spaCy here."""

from __future__ import annotations

from collections import defaultdict

from ..model import Facets
from ..ruleset.schema import RoleFile, Scoring
from .hit import Hit
from .ranking import weigh

# Frames whose cues say nothing about how this job is done: an "employee discount" among
# the perks does not make a store's customers internal, nor "we sell by phone" its channel.
NOT_THE_JOB = frozenset({"offer", "company"})


def facet_totals(hits: list[Hit], scoring: Scoring) -> dict[str, dict[str, float]]:
    """Summed cue scores per facet and value; cues in the offer or about the company count
    nothing."""
    totals: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    hits = [h for h in hits if h.frame not in NOT_THE_JOB]
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
