"""The human view of verdicts: a Rich table per ad that explains the verdict."""

from __future__ import annotations

from rich import box
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from ..model import DIMENSION_NAMES, DIMENSIONS, FRAME_NAMES, Evidence, ReadError, Verdict
from ..summary import BatchSummary
from .batch_table import render_rows, render_summary
from .rows import flat_row
from .visible import visible

SHOWN_PER_CELL = 2
SHOWN_MIN = 0.05  # a contribution that rounds to 0.0 says nothing
AGAINST_MIN = 0.5  # what counted against a role is shown when it is a real pull away


def render_verdict(v: Verdict) -> Group:
    """Verdict line, question, evidence per dimension for the top two roles, facets, warnings."""
    parts: list = [_headline(v)]
    if v.question:
        parts.append(Text(f"  {v.question}", style="italic"))
    parts.append(_evidence_table(v))
    parts.append(_facets(v))
    for w in v.warnings:
        parts.append(Text(f"  ! {w.code}: {visible(w.message)}", style="yellow"))
    return Group(*parts)


def render_error(err: ReadError) -> Text:
    return Text(f"{visible(err.source)}: error: {visible(err.reason)}", style="red")


def print_results(console: Console, results: list) -> None:
    """Print every verdict or error row in full, separated by blank lines."""
    for i, item in enumerate(results):
        if i:
            console.print()
        console.print(render_error(item) if isinstance(item, ReadError) else render_verdict(item))


class TableWriter:
    """One ad: the full explanation. Several: one row per ad, then the summary. Rows are
    kept as short strings until the end (a Rich table needs them all to size its columns)."""

    def __init__(self, console: Console):
        self.console = console
        self.first: Verdict | ReadError | None = None
        self.rows: list[dict[str, str]] = []

    def write(self, item: Verdict | ReadError) -> None:
        if self.first is None and not self.rows:
            self.first = item
            return
        if self.first is not None:
            self.rows.append(flat_row(self.first))
            self.first = None
        self.rows.append(flat_row(item))

    def close(self, summary: BatchSummary) -> None:
        if self.first is not None:
            print_results(self.console, [self.first])
        elif self.rows:
            self.console.print(render_rows(self.rows))
            self.console.print(render_summary(summary))


def _headline(v: Verdict) -> Text:
    text = Text()
    if v.path:
        text.append(f"{visible(v.path)}\n", style="bold")
    if v.title:
        text.append(f"title: {visible(v.title)}\n")
    elif v.weights == "fitted-untitled":
        text.append("title: none (weighed by the fit for ads without a title)\n")
    text.append("verdict: ")
    text.append(f"{v.role_name} ({v.role})", style="bold green" if v.role != "other" else "bold")
    text.append(f"  confidence {v.confidence:.2f}")
    if v.needs_review:
        text.append("  needs review", style="bold yellow")  # JSON's needs_review
    text.append("\n")
    text.append(f"margin {v.margin:.2f} over the runner-up, {v.runner_up or 'none'}")
    return text


def _evidence_table(v: Verdict) -> Table:
    roles = [r.role for r in v.ranking[:2]]
    scores = {r.role: r.score for r in v.ranking}
    table = Table(box=box.SIMPLE_HEAD, expand=False, pad_edge=False)
    table.add_column("dimension", no_wrap=True)
    for role in roles:
        table.add_column(f"{role} ({scores[role]:.1f})", overflow="fold")
    for dim in ("title",) + DIMENSIONS:
        cells = [_cell(v.evidence_for(role, dim), v.evidence_against(role, dim)) for role in roles]
        if dim == "title" and not any(cells):
            continue
        table.add_row(DIMENSION_NAMES[dim], *[Text(c or "-") for c in cells])
    ranked = {r.role: r for r in v.ranking}
    if any("words" in ranked[role].dimensions for role in roles):  # the fitted lexicon's terms
        table.add_row("words", *[Text(_words_cell(v, role, ranked[role].dimensions.get("words", 0.0)))
                                 for role in roles])
    held = [ranked[role].dimensions.get("precedence", 0.0) for role in roles]
    if any(held):  # fitted weights: the taxonomy's "choose X over Y when ..." rules that hold
        table.add_row("precedence", *[Text(_decisions_cell(v, role) or "-") for role in roles])
    return table


def _cell(evidence: list[Evidence], against: list[Evidence] = ()) -> str:
    """The strongest evidence for a role in a dimension, then (with fitted weights) the
    strongest against it."""
    seen, shown = set(), []
    for ev in evidence:
        key = ev.text.lower()
        if key in seen or ev.score < SHOWN_MIN:
            continue
        seen.add(key)
        shown.append(_item(ev))
        if len(shown) == SHOWN_PER_CELL:
            break
    more = len({e.text.lower() for e in evidence if e.score >= SHOWN_MIN}) - len(shown)
    text = "; ".join(shown) + (f" (+{more})" if more > 0 else "")
    worst = [e for e in against if e.score <= -AGAINST_MIN]
    if worst:
        text += ("; " if text else "") + "against: " + _item(min(worst, key=lambda e: e.score))
    return text


def _words_cell(v: Verdict, role: str, total: float) -> str:
    """The lexicon's total for a role, then the terms that added most for and against it."""
    shown = _cell(v.evidence_for(role, "words"), v.evidence_against(role, "words"))
    return f"{total:+.1f}" + (f": {shown}" if shown else "")


def _decisions_cell(v: Verdict, role: str) -> str:
    """Each precedence rule that moved this role's score: which role it chose over which,
    the statement that decided it, and what it added here."""
    parts = []
    for d in v.decisions:
        score = dict(d.scores).get(role)
        if score:
            said = f' "{visible(d.text)}"' if d.text else ""
            parts.append(f"{d.role} over {'/'.join(d.over)}:{said} {score:+.1f}")
    return "; ".join(parts)


def _item(ev: Evidence) -> str:
    where = " in body" if ev.dimension == "title" and ev.source == "body" else \
        " in title" if ev.dimension == "words" and ev.source == "title" else ""
    if ev.frame in FRAME_NAMES:
        where += " " + FRAME_NAMES[ev.frame]
    return f'"{visible(ev.text)}"{where} {ev.score:.1f}'


def _facets(v: Verdict) -> Text:
    f = v.facets
    channel = ", ".join(f.channel) or "unknown"
    return Text(f"  direction {f.direction} | customer {f.customer} | channel {channel} | "
                f"sales element {f.sales_level} | admin load {f.admin_load}")
