"""`jdscan classify`: ads in (files, folders, globs, tables, stdin), verdicts out, streamed."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..errors import JdscanError
from ..report import Format, prepare_for, writer_for
from .common import (
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
)


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
    review_below: float | None = typer.Option(None, "--review-below", min=0.0, max=1.0, help="Mark verdicts less confident than this `needs_review` (default: the fitted weights' threshold, where held-out verdicts were 90% right)."),
    escape_formulas: bool = typer.Option(True, "--escape-formulas/--keep-formulas", help="CSV: a cell starting with = + - @, a tab or a carriage return gets a leading ' so that a spreadsheet shows it instead of running it as a formula (CSV injection)."),
) -> None:
    """Classify job ads and explain each verdict; any number of ads, streamed."""
    from ..batch import default_jobs
    from ..readers import ReadOptions
    from ..readers.tabular import Fields
    from ..run import classify_inputs

    fmt = fmt or (Format.table if output is None and sys.stdout.isatty() else Format.json)
    options = ReadOptions(_size(max_size), Fields(text_field, id_field, title_field))
    try:
        scanner = _scanner(rules, bundled, model, review_below=review_below)
        stdin = sys.stdin.buffer.read() if "-" in paths else None
        results = classify_inputs(scanner, paths, stdin, options, jobs or default_jobs(), prepare_for(fmt))
        summary = _write(results, fmt, output, paths, escape_formulas)
    except JdscanError as exc:
        _fail(str(exc))
    if summary.total and summary.errors == summary.total:
        raise typer.Exit(EXIT_ERROR)
    raise typer.Exit(EXIT_FAIL if strict and summary.errors else EXIT_SUCCESS)


def _write(results, fmt: Format, output: Path | None, paths: list[str], escape_formulas: bool = True):
    from ..readers import count_inputs
    from ..summary import BatchSummary
    from .progress import with_progress

    summary = BatchSummary()
    show = sys.stderr.isatty()
    with _open_output(output) as out:
        writer = writer_for(fmt, out, _console(out if output else None) if fmt is Format.table else None,
                            escape_formulas)
        for item in with_progress(results, count_inputs(paths) if show else None, show):
            summary.add_key(item.role, item.ambiguous, item.review)  # rendered where it was classified
            writer.write(item.payload)
        writer.close(summary)
    return summary
