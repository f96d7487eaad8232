"""The command line: parse flags, call the core, render, exit with a named code."""

from __future__ import annotations

import enum
import json
import sys
from pathlib import Path

import typer

from . import __version__
from .cli_common import (
    EXIT_ERROR,
    EXIT_FAIL,
    EXIT_SUCCESS,
    BundledOpt,
    ModelOpt,
    RulesOpt,
    _console,
    _fail,
    _scanner,
)
from .cli_rules import rules_app
from .errors import JdscanError
from .readers.text import ReadError

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


app.add_typer(rules_app, name="rules")
