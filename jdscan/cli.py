"""The command line: parse flags, call the core, render, exit with a named code."""

from __future__ import annotations

import enum
import gc
import json
import sys
from pathlib import Path

import typer

from . import __version__
from .cli_check import check, check_help
from .cli_common import (
    EXIT_ERROR,
    EXIT_FAIL,
    EXIT_SUCCESS,
    BundledOpt,
    ModelOpt,
    RulesOpt,
    _console,
    _fail,
    _open_output,
    _scanner,
    _size,
    pause_gc_for_startup,
)
from .cli_rules import rules_app
from .errors import JdscanError
from .report import Format, prepare_for, writer_for

HELP = """Reads job ads and says which front-line customer-facing role each describes, and why.

Exit codes: 0 success; 1 some inputs failed under --strict, or a rule example failed;
2 usage, configuration or rule error."""

app = typer.Typer(help=HELP, no_args_is_help=True, add_completion=False,
                  context_settings={"help_option_names": ["-h", "--help"]})


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
            loaded = load_config(path)
            ctx.default_map = default_map(loaded, path.resolve().parent)
            ctx.obj = (loaded, path.resolve().parent)  # `check` reads its globs and severities
    except JdscanError as exc:
        _fail(str(exc))


@app.command()
def classify(
    paths: list[str] = typer.Argument(..., help="Ads: files, folders (every file inside, recursively), globs, or - for stdin. Text, Markdown, HTML, .docx, PDF; CSV and JSONL give one ad per row."),
    fmt: Format | None = typer.Option(None, "--format", "-f", help="table (default on a terminal), json (default otherwise), jsonl, csv or markdown."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write the results to this file instead of stdout."),
    text_field: str = typer.Option("text", "--text-field", help="CSV/JSONL: the field that holds the ad's text."),
    id_field: str | None = typer.Option(None, "--id-field", help="CSV/JSONL: the field with the ad's id (default: `id` where present)."),
    title_field: str | None = typer.Option(None, "--title-field", help="CSV/JSONL: the field with the ad's title (default: `title` where present)."),
    max_size: str = typer.Option("1MB", "--max-size", help="Largest ad read (a file, or a row's text), e.g. 500KB, 20MB; larger ones are error rows. Time and memory grow with it (about 3 s and 200 MB per MB of text)."),
    jobs: int | None = typer.Option(None, "--jobs", "-j", min=1, help="Worker processes (default: all cores)."),
    rules: list[Path] | None = RulesOpt,
    bundled: bool = BundledOpt,
    model: str | None = ModelOpt,
    strict: bool = typer.Option(False, "--strict", help="Exit 1 when any input could not be read."),
) -> None:
    """Classify job ads and explain each verdict; any number of ads, streamed."""
    from .batch import default_jobs
    from .readers import ReadOptions
    from .readers.tabular import Fields
    from .run import classify_inputs

    fmt = fmt or (Format.table if output is None and sys.stdout.isatty() else Format.json)
    options = ReadOptions(_size(max_size), Fields(text_field, id_field, title_field))
    try:
        scanner = _scanner(rules, bundled, model)
        stdin = sys.stdin.buffer.read() if "-" in paths else None
        results = classify_inputs(scanner, paths, stdin, options, jobs or default_jobs(), prepare_for(fmt))
        summary = _write(results, fmt, output, paths)
    except JdscanError as exc:
        _fail(str(exc))
    if summary.total and summary.errors == summary.total:
        raise typer.Exit(EXIT_ERROR)
    raise typer.Exit(EXIT_FAIL if strict and summary.errors else EXIT_SUCCESS)


def _write(results, fmt: Format, output: Path | None, paths: list[str]):
    from .cli_progress import with_progress
    from .readers import count_inputs
    from .summary import BatchSummary

    summary = BatchSummary()
    show = sys.stderr.isatty()
    with _open_output(output) as out:
        writer = writer_for(fmt, out, _console(out if output else None) if fmt is Format.table else None)
        for item in with_progress(results, count_inputs(paths) if show else None, show):
            summary.add_key(item.role, item.ambiguous)  # rendered where it was classified
            writer.write(item.payload)
        writer.close(summary)
    return summary


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
    from .model import ReadError
    from .readers import read_inputs
    from .report.explain_view import render_explanation

    stdin = sys.stdin.buffer.read() if str(path) == "-" else None
    try:
        [doc] = list(read_inputs([path], stdin=stdin))
        if isinstance(doc, ReadError):
            _fail(f"{doc.source}: {doc.reason}")
        result = explain_ad(_scanner(rules, bundled, model), doc.body, doc.title)
    except ValueError:
        _fail(f"{path}: explain takes one ad (try a file, not a folder)")
    except JdscanError as exc:
        _fail(str(exc))
    _console().print(render_explanation(result))


app.add_typer(rules_app, name="rules")
app.command(help=check_help())(check)


def run() -> None:
    """The `jdscan` console command: the Typer app, with the collector paused during
    start-up (see cli_common) and frozen for the interpreter's teardown."""
    pause_gc_for_startup()
    try:
        app(prog_name="jdscan")
    finally:
        gc.freeze()
