"""The command line: parse flags, call the core, render, exit with a named code."""

from __future__ import annotations

import enum
import json
import sys
from pathlib import Path

import typer
from rich.console import Console

from . import __version__
from .errors import JdscanError
from .readers.text import ReadError

EXIT_SUCCESS = 0  # everything classified (or checked) fine
EXIT_FAIL = 1  # --strict: some input could not be read; `rules test`: an example failed
EXIT_ERROR = 2  # usage, configuration or rule error: nothing useful was done

HELP = """Reads job ads and says which front-line customer-facing role each describes, and why.

Exit codes: 0 success; 1 some inputs failed under --strict, or a rule example failed;
2 usage, configuration or rule error."""

app = typer.Typer(help=HELP, no_args_is_help=True, add_completion=False,
                  context_settings={"help_option_names": ["-h", "--help"]})


class Format(str, enum.Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


class EvalFormat(str, enum.Enum):
    table = "table"
    json = "json"


RulesOpt = typer.Option(None, "--rules", help="Folder of rule files layered on the bundled rules (repeatable): a role of the same name replaces the earlier one, a `kind: extend` file adds patterns to it.")
ModelOpt = typer.Option(None, "--model", help="An installed trained spaCy pipeline (package name or folder) instead of the built-in blank one; never downloaded.")
BundledOpt = typer.Option(True, "--bundled-rules/--no-bundled-rules", help="Load the bundled rules first; off: only the --rules folders.")


def _fail(message: str) -> None:
    # Plain and unwrapped: one problem per line, file:line first, for editors and grep.
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(EXIT_ERROR)


def _scanner(rules: list[Path] | None, bundled: bool = True, model: str | None = None):
    from .scanner import Scanner  # spaCy loads here, not for --help

    return Scanner(rules or None, bundled, model)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"jdscan {__version__}")
        raise typer.Exit(EXIT_SUCCESS)


@app.callback()
def main(
    ctx: typer.Context,
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Show the version and exit."),
    config: Path | None = typer.Option(None, "--config", help="A pyproject.toml or .jdscan.yaml to read settings from (default: the nearest one with jdscan settings)."),
) -> None:
    """jdscan: what front-line role does this job ad really describe?"""
    from .config import default_map, find_config, load_config

    try:
        path = config or find_config(Path.cwd())
        if path is not None:
            ctx.default_map = default_map(load_config(path), path.resolve().parent)
    except JdscanError as exc:
        _fail(str(exc))


@app.command()
def classify(
    paths: list[Path] = typer.Argument(..., help="Ad files, folders (every .txt/.md inside, recursively) or - for stdin."),
    fmt: Format | None = typer.Option(None, "--format", "-f", help="table (default on a terminal), json (default otherwise) or jsonl."),
    rules: list[Path] | None = RulesOpt,
    bundled: bool = BundledOpt,
    model: str | None = ModelOpt,
    strict: bool = typer.Option(False, "--strict", help="Exit 1 when any input could not be read."),
) -> None:
    """Classify job ads and explain each verdict."""
    from .run import classify_inputs

    fmt = fmt or (Format.table if sys.stdout.isatty() else Format.json)
    try:
        scanner = _scanner(rules, bundled, model)
        stdin = sys.stdin.buffer.read() if any(str(p) == "-" for p in paths) else None
        results = list(classify_inputs(scanner, paths, stdin))
    except JdscanError as exc:
        _fail(str(exc))
    _print(results, fmt)
    errors = sum(isinstance(r, ReadError) for r in results)
    if errors == len(results):
        raise typer.Exit(EXIT_ERROR)
    raise typer.Exit(EXIT_FAIL if strict and errors else EXIT_SUCCESS)


def _print(results: list, fmt: Format) -> None:
    from .report import jsonout

    if fmt is Format.json:
        typer.echo(jsonout.to_json(results))
    elif fmt is Format.jsonl:
        for item in results:
            typer.echo(jsonout.to_jsonl_line(item))
    else:
        from .report.table import print_results

        print_results(_console(), results)


def _console() -> Console:
    return Console(highlight=False, soft_wrap=False)  # Rich reads COLUMNS itself


@app.command("eval")
def eval_(
    path: Path = typer.Argument(..., help="Labelled ads: JSONL or CSV with text and label (title, id, direction optional)."),
    fmt: EvalFormat = typer.Option(EvalFormat.table, "--format", "-f", help="table or json."),
    body_only: bool = typer.Option(False, "--body-only", help="Ignore titles: judge the body alone."),
    errors: bool = typer.Option(False, "--errors", help="List the misclassified ads with their top evidence."),
    rules: list[Path] | None = RulesOpt,
    bundled: bool = BundledOpt,
    model: str | None = ModelOpt,
) -> None:
    """Measure the rules on labelled ads: accuracy, macro-F1, per-role scores, confusion matrix."""
    from .run import evaluate_file

    try:
        report = evaluate_file(_scanner(rules, bundled, model), path, body_only)
    except JdscanError as exc:
        _fail(str(exc))
    if fmt is EvalFormat.json:
        typer.echo(json.dumps(report.to_dict(with_errors=errors), indent=2))
    else:
        from .report.eval_table import render_eval

        _console().print(render_eval(report, with_errors=errors))
    raise typer.Exit(EXIT_SUCCESS)


@app.command()
def explain(
    path: Path = typer.Argument(..., help="One ad file, or - for stdin."),
    rules: list[Path] | None = RulesOpt,
    bundled: bool = BundledOpt,
    model: str | None = ModelOpt,
) -> None:
    """Show an ad sentence by sentence with every match, and how the scores add up."""
    from .explain import explain as explain_ad
    from .readers.text import ReadError, read_all
    from .report.explain_view import render_explanation

    stdin = sys.stdin.buffer.read() if str(path) == "-" else None
    try:
        [doc] = list(read_all([path], stdin))
        if isinstance(doc, ReadError):
            _fail(f"{doc.source}: {doc.reason}")
        result = explain_ad(_scanner(rules, bundled, model), doc.body, doc.title)
    except ValueError:
        _fail(f"{path}: explain takes one ad (try a file, not a folder)")
    except JdscanError as exc:
        _fail(str(exc))
    _console().print(render_explanation(result))


rules_app = typer.Typer(help="List, show, validate and test rule sets.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")


def _load(folders: list[Path] | None, bundled: bool = True):
    from .rules import load_rules

    try:
        return load_rules(folders or None, bundled)
    except JdscanError as exc:
        _fail(str(exc))


@rules_app.command("list")
def rules_list(rules: list[Path] | None = RulesOpt, bundled: bool = BundledOpt) -> None:
    """Every role, its source file and the number of pattern groups per dimension."""
    from .report.rules_view import render_list

    _console().print(render_list(_load(rules, bundled)))


@rules_app.command("show")
def rules_show(role: str = typer.Argument(..., help="A role name, as `jdscan rules list` shows it."),
               rules: list[Path] | None = RulesOpt, bundled: bool = BundledOpt) -> None:
    """A role's description, precedence and every pattern group with its file line."""
    from .report.rules_view import render_role

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
    from .rule_examples import run_all_examples

    _load(folders, bundled)  # validation problems exit 2 before spaCy loads
    total, failures = run_all_examples(_scanner(folders, bundled))
    for failure in failures:
        typer.echo(str(failure))
    typer.echo(f"{total - len(failures)} passed, {len(failures)} failed")
    raise typer.Exit(EXIT_FAIL if failures else EXIT_SUCCESS)


@rules_app.command("reference")
def rules_reference() -> None:
    """Print the rule file reference (Markdown), generated from the schema."""
    from .reference import rule_reference

    typer.echo(rule_reference(), nl=False)
