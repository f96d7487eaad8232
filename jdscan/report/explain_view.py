"""The human view of `jdscan explain`."""

from __future__ import annotations

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from ..explain import ExplainedMatch, Explanation
from ..model import DIMENSION_NAMES, DIMENSIONS, FRAME_NAMES
from .table import render_verdict
from .visible import visible, visible_map

STYLES = ("bold cyan", "bold magenta", "bold yellow", "bold green", "bold blue", "bold red")


def render_explanation(ex: Explanation, roles_shown: int = 3) -> Group:
    """Sentences with their matches marked, one line per match, then the score sums."""
    roles = [r.role for r in ex.verdict.ranking[:roles_shown]]
    style = {role: STYLES[i % len(STYLES)] for i, role in enumerate(roles)}
    parts: list = []
    for sent in ex.sentences:
        section = sent.matches[0].evidence.section if sent.matches else "other"
        where = f", {section} section" if section not in ("other", "title") else ""
        text = Text(f"[{sent.source} {sent.start}-{sent.end}{where}] ")
        shown, at = visible_map(sent.text.replace("\n", " "))
        body = Text(shown)
        for m in sent.matches:
            if m.evidence.role in style:
                body.stylize(style[m.evidence.role] + ("" if m.evidence.score else " strike"),
                             at[m.evidence.start - sent.start], at[m.evidence.end - sent.start])
        parts.append(text + body)
        if sent.tokens:  # --tokens: what rule phrases are matched against
            parts.append(Text("    lemmas: " + visible(" ".join(f"{t}/{lemma}" for t, lemma in sent.tokens)), style="dim"))
        parts.extend(_match_line(m) for m in sent.matches)
    if ex.skipped:
        parts.append(Text(f"({ex.skipped} sentences without role evidence not shown)", style="dim"))
    parts.append(_sums(ex))
    parts.append(render_verdict(ex.verdict))
    return Group(*parts)


def _match_line(m: ExplainedMatch) -> Text:
    ev = m.evidence
    tokens = " ".join(f"{t}/{lemma}" for t, lemma in m.tokens)
    flags = "".join(f" {name}" for name, on in (("negated", ev.negated), ("hedged", ev.hedged),
                                                (FRAME_NAMES.get(ev.frame, ""), ev.frame in FRAME_NAMES)) if on)
    where = " (in the body)" if ev.dimension == "title" and ev.source == "body" else ""
    return Text(f"    {ev.role} / {DIMENSION_NAMES[ev.dimension]}{where}: {ev.rule_id} \"{visible(ev.text)}\" "
                f"[{visible(tokens)}] weight {ev.weight:g} -> {ev.score:.2f}{flags}")


def _sums(ex: Explanation) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, title="how the scores add up")
    table.add_column("role", no_wrap=True)
    # With fitted weights, the precedence rules that hold are a column of their own.
    shown = ("title",) + DIMENSIONS + tuple(extra for extra in ("words", "precedence")
                                            if any(extra in r.dimensions for r in ex.verdict.ranking))
    for dim in shown:
        table.add_column("prec." if dim == "precedence" else dim, justify="right")
    for name in ("added", "total", "conf."):
        table.add_column(name, justify="right", no_wrap=True)
    for r in ex.verdict.ranking:
        dims = [f"{r.dimensions.get(d, 0):.1f}" for d in shown]
        table.add_row(r.role, *dims, _added(r), f"{r.score:.1f}", f"{r.confidence:.2f}")
    return table


def _added(r) -> str:
    """Score that is not evidence: the base (other's, or with fitted weights each role's bias
    and length term), or what precedence took from another role."""
    extra = r.score - sum(r.dimensions.values())
    if abs(extra) < 0.05:
        return "-"
    return f"+{extra:.1f} from {r.took_over}" if r.took_over else f"{extra:+.1f} base"
