"""Human views of the loaded rules: `jdscan rules list` and `jdscan rules show`."""

from __future__ import annotations

from pathlib import Path

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from ..model import DIMENSION_NAMES, DIMENSIONS
from ..ruleset.validated import RuleSet, role_specs
from .visible import plain, visible


def render_list(rules: RuleSet) -> Table:
    """One row per role: its source file and how many pattern groups count for it in each
    dimension (its own and those shared with it through `also`)."""
    # The counts never wrap; the file comes last and folds when the terminal is narrow, so
    # no count is ever cut off.
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1), collapse_padding=True)
    table.add_column("role", no_wrap=True)
    for dim in ("title",) + DIMENSIONS:
        table.add_column(dim, justify="right", min_width=len(dim), no_wrap=True)
    table.add_column("file", overflow="fold")
    counts = {name: dict.fromkeys(("title",) + DIMENSIONS, 0) for name in rules.roles}
    for name, dim, _ in rules.role_targets():
        counts[name][dim] += 1
    for name in rules.roles:
        source = Path(rules.role_sources.get(name, "?")).name
        table.add_row(name, *[str(n) for n in counts[name].values()], plain(source))
    return table


def roles_markdown(rules: RuleSet) -> str:
    """The roles as a Markdown table: name, the one-line question, what marks it (the role
    file's description). README's roles table is this, so it cannot drift from the rules."""
    lines = ["| role | name | the question it answers | what marks it |", "|---|---|---|---|"]
    for name, role in rules.roles.items():
        cells = (f"`{name}`", role.name, role.question, role.description)
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def render_role(rules: RuleSet, name: str) -> Group:
    """A role's description, question, precedence rules and every pattern group."""
    role = rules.roles[name]
    parts: list = [
        Text(f"{role.name} ({name})", style="bold"),
        Text(f"  {role.question}", style="italic"),
        Text(f"  {role.description}"),
        Text(f"  file: {visible(rules.role_sources.get(name, '?'))}  direction: {role.direction}  "
             f"sales levels: {', '.join(role.sales_levels)}  title in body: {role.title_in_body}"),
    ]
    for rule in role.precedence:
        parts.append(Text(f"  precedence over {', '.join(rule.over)} when "
                          f"{', '.join(rule.when)} reach {rule.min_score}"))
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for column in ("dimension", "id", "weight", "line", "patterns"):
        table.add_column(column, overflow="fold")
    for dim, _, spec in role_specs(role):
        line = rules.locations.get(spec.id, ("", None))[1]
        shown = "; ".join(p if isinstance(p, str) else "[token pattern]" for p in spec.patterns)
        also = f" (also: {', '.join(spec.also)})" if spec.also else ""
        table.add_row(DIMENSION_NAMES[dim], spec.id, f"{spec.weight:g}", str(line or ""), shown + also)
    parts.append(table)
    return Group(*parts)
