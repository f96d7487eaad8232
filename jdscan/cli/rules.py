"""`jdscan rules ...`: list, show, validate, test and document rule sets."""

from __future__ import annotations

import enum
from pathlib import Path

import typer

from .common import EXIT_FAIL, EXIT_SUCCESS, BundledOpt, RulesOpt, _console, _fail, _load, _scanner

rules_app = typer.Typer(help="List, show, validate and test rule sets.", no_args_is_help=True)


class ListFormat(str, enum.Enum):
    table = "table"
    markdown = "markdown"


@rules_app.command("list")
def rules_list(rules: list[Path] | None = RulesOpt, bundled: bool = BundledOpt,
               fmt: ListFormat = typer.Option(ListFormat.table, "--format", "-f", help="table: files and pattern groups per dimension; markdown: each role's name, question and what marks it (the README's roles table).")) -> None:
    """Every role, its source file and the number of pattern groups per dimension."""
    from ..report.rules_view import render_list, roles_markdown

    loaded = _load(rules, bundled)
    if fmt is ListFormat.markdown:
        typer.echo(roles_markdown(loaded), nl=False)
    else:
        _console().print(render_list(loaded))


@rules_app.command("show")
def rules_show(role: str = typer.Argument(..., help="A role name, as `jdscan rules list` shows it."),
               rules: list[Path] | None = RulesOpt, bundled: bool = BundledOpt) -> None:
    """A role's description, precedence and every pattern group with its file line."""
    from ..report.rules_view import render_role

    loaded = _load(rules, bundled)
    if role not in loaded.roles:
        _fail(f"no role {role!r} (try one of: {', '.join(loaded.roles)})")
    _console().print(render_role(loaded, role))


@rules_app.command("validate")
def rules_validate(folders: list[Path] | None = typer.Argument(None, help="Rule folders, layered on the bundled rules."),
                   bundled: bool = BundledOpt) -> None:
    """Check rule files against the schema; every problem at once; exit 2 on any."""
    loaded = _load(folders, bundled)
    patterns = sum(1 for _ in loaded.role_patterns()) + sum(1 for _ in loaded.facet_patterns())
    typer.echo(f"ok: {len(loaded.roles)} roles, {patterns} pattern groups")


@rules_app.command("test")
def rules_test(folders: list[Path] | None = typer.Argument(None, help="Rule folders, layered on the bundled rules."),
               bundled: bool = BundledOpt) -> None:
    """Run every pattern's must-match and must-not-match examples; exit 1 on a failure."""
    from ..ruleset.examples import run_all_examples

    _load(folders, bundled)  # validation problems exit 2 before spaCy loads
    total, failures = run_all_examples(_scanner(folders, bundled))
    for failure in failures:
        typer.echo(str(failure))
    typer.echo(f"{total - len(failures)} passed, {len(failures)} failed")
    raise typer.Exit(EXIT_FAIL if failures else EXIT_SUCCESS)


@rules_app.command("reference")
def rules_reference() -> None:
    """Print the rule file reference (Markdown), generated from the schema."""
    from ..ruleset.reference import rule_reference

    typer.echo(rule_reference(), nl=False)
