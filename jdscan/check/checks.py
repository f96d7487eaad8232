"""The checks themselves: one function per finding code, from a draft and its verdict."""

from __future__ import annotations

from ..model import OTHER, Verdict
from ..ruleset.schema import RoleFile
from ..text.document import Document
from .codes import CODES
from .findings import Finding, Location, a_or_an, locate, quote, strongest

COVER_HINTS = {
    "goal": "what the job is for (whom it helps or what it wins)",
    "tasks": "what the person does day to day",
    "mindset": "what kind of person fits",
    "sales": "what selling is involved (targets, upselling, commission)",
    "admin": "the paperwork and systems",
    "measures": "how success is measured (targets, KPIs, satisfaction)",
    "setting": "where and how the work happens (office, store, territory, contact centre; phone, email)",
}


def _finding(doc: Document, code: str, message: str, where: Location, related=()) -> Finding:
    return Finding(doc.source or "<stdin>", code, CODES[code][0], message, where, tuple(related))


def _top(doc: Document) -> Location:
    return Location(doc.title_line, 1, doc.title)


def _pull(doc: Document, v: Verdict, role: str) -> tuple[Location, list[Location], str]:
    """Where the text pulls towards `role`: the strongest place, the others, and a phrase."""
    places = [locate(doc, ev) for ev in strongest(v, role)]
    if not places:
        return _top(doc), [], "no sentence in particular"
    lines = ", ".join(str(p.line) for p in places)
    return places[0], places[1:], f"line{'s' if len(places) > 1 else ''} {lines}, such as {quote(places[0].text)}"


def role_mismatch(doc: Document, v: Verdict, expected: str, roles: dict[str, RoleFile]) -> list[Finding]:
    if v.role == expected:
        return []
    if v.role == OTHER:
        msg = (f"claims {expected} but reads as none of the roles (other): say more of what "
               f"{a_or_an(expected)} ad says ({roles[expected].question})")
        return [_finding(doc, "role-mismatch", msg, _top(doc))]
    where, more, phrase = _pull(doc, v, v.role)
    msg = (f"claims {expected} but reads as {v.role} ({v.role_name}, confidence {v.confidence:.2f}); "
           f"the pull towards {v.role} comes from {phrase}: rewrite those, or change `role:`")
    return [_finding(doc, "role-mismatch", msg, where, more)]


def ambiguous(doc: Document, v: Verdict, margin: float) -> list[Finding]:
    if v.runner_up is None or v.margin >= margin:
        return []
    where, more, phrase = _pull(doc, v, v.runner_up)
    msg = (f"too close to call: {v.role} vs {v.runner_up} "
           f"(margin {v.margin:.2f} < {margin:.2f}); the pull towards "
           f"{v.runner_up} comes from {phrase}: make the ad say more clearly which job it is")
    return [_finding(doc, "ambiguous", msg, where, more)]


def low_confidence(doc: Document, v: Verdict, minimum: float) -> list[Finding]:
    if v.confidence >= minimum:
        return []
    msg = (f"the verdict ({v.role}) has confidence {v.confidence:.2f}, under {minimum:.2f}: "
           "describe the daily work, the goal and how success is measured more concretely")
    return [_finding(doc, "low-confidence", msg, _top(doc))]


def mixed_signals(doc: Document, v: Verdict, role: str, roles: dict[str, RoleFile]) -> list[Finding]:
    spec = roles.get(role)
    level = v.facets.sales_level
    if spec is None or role == OTHER or level in spec.sales_levels:
        return []
    if level == "core":
        sales = sorted((ev for ev in v.evidence if ev.dimension == "sales" and ev.score > 0),
                       key=lambda ev: -ev.score)
        where = locate(doc, sales[0]) if sales else _top(doc)
        msg = (f"{a_or_an(role)} ad with a core sales element (targets, quotas or commission), such as "
               f"{quote(where.text)}: service staff asked to sell may say \"I'm a service person, "
               "not sales\"; drop the sales targets or claim a sales role")
        return [_finding(doc, "mixed-signals", msg, where)]
    msg = (f"{a_or_an(role)} ad whose sales element is {level}: it never states targets, quotas or "
           "commission; say what is sold and how success is measured")
    return [_finding(doc, "mixed-signals", msg, _top(doc))]


# The kind of section a draft would say a dimension in.
HOLDS = {"tasks": "duties", "mindset": "requirements"}


def missing_dimensions(doc: Document, v: Verdict, role: str, roles: dict[str, RoleFile]) -> list[Finding]:
    spec = roles.get(role)
    if spec is None:
        return []
    covered = {ev.dimension for ev in v.evidence if ev.role == role and ev.score > 0}
    return [_finding(doc, "missing-dimension", _missing(v, role, dim), _top(doc))
            for dim in spec.needs if dim not in covered]


def _missing(v: Verdict, role: str, dim: str) -> str:
    """What to say of a dimension the draft covers in no words of its role."""
    head = f"{a_or_an(role)} ad should cover its {dim} element"
    elsewhere = {ev.role for ev in v.evidence if ev.dimension == dim and ev.score > 0 and ev.role != role}
    if elsewhere:
        best = max(elsewhere, key=lambda r: sum(e.score for e in v.evidence_for(r, dim)))
        reads = "work outside the front-line roles" if best == OTHER else f"{best} work"
        return f"{head}, and what this one says there reads as {reads}, not {role}: say {COVER_HINTS[dim]}"
    heading = next((h for kind, h, _ in v.sections if kind == HOLDS.get(dim)), None)
    if heading:
        return (f"{head}, and nothing under \"{heading.rstrip(':')}\" reads as {role} work: say "
                f"{COVER_HINTS[dim]}, in the words of the job")
    return f"{head}, and this one never does: say {COVER_HINTS[dim]}"


def title_mismatch(doc: Document, v: Verdict) -> list[Finding]:
    return [_finding(doc, "title-mismatch", w.message + ": retitle the ad, or rewrite the body",
                     _top(doc)) for w in v.warnings if w.code == "title-mismatch"]
