"""The warnings attached to a verdict: what a careful reader would flag about the ad."""

from __future__ import annotations

from collections import defaultdict

from ..model import DIMENSION_NAMES, DIMENSIONS, OTHER, Evidence, Facets, RoleScore, VerdictWarning
from ..ruleset.schema import RoleFile, Scoring

MIN_PULL = 1.0  # a dimension's evidence that counts as a pull: one plain cue, not a stray weak one


def verdict_warnings(
    ranking: list[RoleScore],
    evidence: list[Evidence],
    facets: Facets,
    roles: dict[str, RoleFile],
    scoring: Scoring,
    words: int,
    sections: frozenset[str] | set[str] = frozenset(),
    margin: float | None = None,
) -> list[VerdictWarning]:
    """Every warning for one verdict, in a fixed order. `sections`: the kinds of section
    the ad's headings open; `margin`: the verdict's margin (default: the top two
    confidences' difference)."""
    top = ranking[0]
    if margin is None and len(ranking) > 1:
        margin = ranking[0].confidence - ranking[1].confidence
    found = [
        _too_little_text(words, scoring),
        _ambiguous(ranking, scoring, margin),
        _title_mismatch(top, evidence, roles, scoring),
        _mixed_signals(top.role, facets, roles),
        _missing_dimensions(ranking, roles, sections),
    ]
    return [w for w in found if w is not None]


def encoding_warning(encoding: str) -> VerdictWarning | None:
    """A file that was not UTF-8/UTF-16/UTF-32 was read in a guessed encoding: say so."""
    if (encoding.startswith(("utf-8", "utf-16", "utf-32")) and "replaced" not in encoding) \
            or encoding.endswith("(declared)"):  # the file named its encoding (an HTML page's charset)
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


def _ambiguous(ranking: list[RoleScore], scoring: Scoring, margin: float | None) -> VerdictWarning | None:
    if len(ranking) < 2 or margin is None or margin >= scoring.ambiguous_margin:
        return None
    a, b = ranking[0], ranking[1]
    return VerdictWarning("ambiguous",
                          f"close call between {a.role} and {b.role} (margin {margin:.2f}, "
                          f"under {scoring.ambiguous_margin:.2f})", roles=(a.role, b.role))


def _title_mismatch(top: RoleScore, evidence: list[Evidence], roles: dict[str, RoleFile],
                    scoring: Scoring) -> VerdictWarning | None:
    """Only when both parts are clear: the title alone reads as another role (its title
    patterns add up to `clear_title`, with none for the verdict's role) and the verdict is
    sure of itself anyway (`clear_verdict`). Anything less is a close call, which the
    confidence and `ambiguous` already say."""
    title_scores: dict[str, float] = defaultdict(float)
    for ev in evidence:
        # The title patterns' say, not the lexicon's: its title terms count for many roles a little.
        if ev.source == "title" and ev.score > 0 and ev.dimension != "words":
            title_scores[ev.role] += ev.score
    if not title_scores or top.role in title_scores or top.confidence < scoring.clear_verdict:
        return None
    title_role = max(title_scores, key=lambda r: title_scores[r])
    if title_scores[title_role] < scoring.clear_title:
        return None
    name = roles[title_role].name if title_role in roles else title_role
    return VerdictWarning("title-mismatch",
                          f"the title reads as {title_role} ({name}) but the body describes {top.role}",
                          roles=(title_role, top.role))


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


def _missing_dimensions(ranking: list[RoleScore], roles: dict[str, RoleFile],
                        sections: frozenset[str] | set[str]) -> VerdictWarning | None:
    """What the verdict lacks, said only where it is true and matters: the ad has no duties
    (no task evidence for any role, and no duties section); or a dimension with no evidence
    for the verdict's role reads as the runner-up's, with at least as much as the verdict's
    whole lead (it is what keeps the runner-up close)."""
    top, rest = ranking[0], ranking[1:]
    if top.role == OTHER or top.role not in roles:
        return None
    if "duties" not in sections and not any(r.dimensions.get("tasks", 0) > 0 for r in ranking):
        return VerdictWarning("missing-dimensions", f"none of the duties reads as {top.role} work, nor as any "
                              "other role's: the verdict rests on the title and the rest of the ad",
                              roles=(top.role,), dimensions=("tasks",))
    if not rest:
        return None
    runner, lead = rest[0], top.score - rest[0].score
    pulls = {d: runner.dimensions.get(d, 0.0) for d in DIMENSIONS if top.dimensions.get(d, 0) <= 0}
    close = tuple(d for d, score in pulls.items() if score >= max(lead, MIN_PULL))
    if not close:
        return None
    names = ", ".join(DIMENSION_NAMES[d] for d in close)
    return VerdictWarning("missing-dimensions", f"nothing in the {names} reads as {top.role} work, and what "
                          f"is there reads as {runner.role} work, enough to keep it close",
                          roles=(top.role, runner.role), dimensions=close)
