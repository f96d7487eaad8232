"""The warnings attached to a verdict: what a careful reader would flag about the ad."""

from __future__ import annotations

from collections import defaultdict

from ..model import DIMENSION_NAMES, DIMENSIONS, OTHER, Evidence, Facets, RoleScore, VerdictWarning
from ..ruleset.schema import RoleFile, Scoring


def verdict_warnings(
    ranking: list[RoleScore],
    evidence: list[Evidence],
    facets: Facets,
    roles: dict[str, RoleFile],
    scoring: Scoring,
    words: int,
) -> list[VerdictWarning]:
    """Every warning for one verdict, in a fixed order."""
    top = ranking[0]
    found = [
        _too_little_text(words, scoring),
        _ambiguous(ranking, scoring),
        _title_mismatch(top.role, evidence, roles),
        _mixed_signals(top.role, facets, roles),
        _missing_dimensions(top.role, evidence, roles),
    ]
    return [w for w in found if w is not None]


def encoding_warning(encoding: str) -> VerdictWarning | None:
    """A file that was not UTF-8/UTF-16/UTF-32 was read in a guessed encoding: say so."""
    if encoding.startswith(("utf-8", "utf-16", "utf-32")) and "replaced" not in encoding:
        return None
    return VerdictWarning("encoding-guessed",
                          f"the file is not valid UTF-8 and was read as {encoding}: check that its "
                          "accented letters look right, or re-save it as UTF-8")


def _too_little_text(words: int, scoring: Scoring) -> VerdictWarning | None:
    if words >= scoring.min_words:
        return None
    return VerdictWarning("too-little-text",
                          f"only {words} words of body text: too little to judge with confidence "
                          f"(at least {scoring.min_words} expected)")


def _ambiguous(ranking: list[RoleScore], scoring: Scoring) -> VerdictWarning | None:
    if len(ranking) < 2 or ranking[0].confidence - ranking[1].confidence >= scoring.ambiguous_margin:
        return None
    a, b = ranking[0], ranking[1]
    return VerdictWarning("ambiguous",
                          f"close call between {a.role} ({a.confidence:.2f}) and {b.role} "
                          f"({b.confidence:.2f})", roles=(a.role, b.role))


def _title_mismatch(role: str, evidence: list[Evidence], roles: dict[str, RoleFile]) -> VerdictWarning | None:
    title_scores: dict[str, float] = defaultdict(float)
    for ev in evidence:
        if ev.source == "title" and ev.score > 0:
            title_scores[ev.role] += ev.score
    if not title_scores:
        return None
    title_role = max(title_scores, key=lambda r: title_scores[r])
    if title_role == role:
        return None
    name = roles[title_role].name if title_role in roles else title_role
    return VerdictWarning("title-mismatch",
                          f"the title reads as {title_role} ({name}) but the body describes {role}",
                          roles=(title_role, role))


def _mixed_signals(role: str, facets: Facets, roles: dict[str, RoleFile]) -> VerdictWarning | None:
    spec = roles.get(role)
    if spec is None or role == OTHER or facets.sales_level in spec.sales_levels:
        return None
    if facets.sales_level == "core":
        message = (f"a {role} ad with a core sales element (targets, quotas or commission): "
                   "service staff asked to sell may say \"I'm a service person, not sales\"")
    else:
        message = (f"a {role} ad whose sales element is {facets.sales_level}: "
                   "it never states targets, quotas or commission")
    return VerdictWarning("mixed-signals", message, roles=(role,))


def _missing_dimensions(role: str, evidence: list[Evidence], roles: dict[str, RoleFile]) -> VerdictWarning | None:
    if role == OTHER or role not in roles:
        return None
    covered = {ev.dimension for ev in evidence if ev.role == role and ev.score > 0}
    missing = tuple(d for d in DIMENSIONS if d not in covered)
    if not missing:
        return None
    names = ", ".join(DIMENSION_NAMES[d] for d in missing)
    return VerdictWarning("missing-dimensions", f"the ad never covers: {names}", dimensions=missing)
