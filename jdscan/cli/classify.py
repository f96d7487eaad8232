"""`jdscan classify`: ads in (files, folders, globs, tables, stdin), verdicts out, streamed."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import typer

from ..errors import JdscanError
from ..report import Format, prepare_for, writer_for
from .common import (
    EXIT_ERROR,
    EXIT_FAIL,
    EXIT_INTERRUPTED,
    EXIT_SUCCESS,
    EXIT_TERMINATED,
    BundledOpt,
    DelimiterOpt,
    IdFieldOpt,
    LexiconOpt,
    ModelOpt,
    RulesOpt,
    Terminated,
    TextFieldOpt,
    TimeLimitOpt,
    TitleFieldOpt,
    _console,
    _fail,
    _open_output,
    _read_options,
    _scanner,
    stop_on_sigterm,
)


def classify(
    paths: list[str] = typer.Argument(..., help="Ads: files, folders (every file inside, recursively), globs, or - for stdin. Text, Markdown, HTML, .docx, PDF; CSV, JSONL, Excel and Parquet give one ad per row."),
    fmt: Format | None = typer.Option(None, "--format", "-f", case_sensitive=False, help="table (default on a terminal), json (default otherwise), jsonl, csv, markdown, or parquet (typed columns, for an --output file; needs jdscan[parquet])."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write the results to this file instead of stdout."),
    text_field: str = TextFieldOpt,
    id_field: str | None = IdFieldOpt,
    title_field: str | None = TitleFieldOpt,
    delimiter: str | None = DelimiterOpt,
    max_size: str = typer.Option("1MB", "--max-size", help="Largest ad read (a file, or a row's text), e.g. 500KB, 20MB; larger ones are error rows. Time and memory grow with it (about 3 s and 200 MB per MB of text)."),
    time_limit: float = TimeLimitOpt,
    jobs: int | None = typer.Option(None, "--jobs", "-j", min=1, help="Worker processes (default: all cores)."),
    dask: str | None = typer.Option(None, "--dask", metavar="ADDRESS", help="Classify on the running Dask cluster whose scheduler is at ADDRESS (tcp://host:8786) instead of local processes; inputs are read here, results written here (needs jdscan[dask], and jdscan on the workers)."),
    rules: list[Path] | None = RulesOpt,
    bundled: bool = BundledOpt,
    model: str | None = ModelOpt,
    strict: bool = typer.Option(False, "--strict", help="Exit 1 when any input could not be read."),
    lexicon: bool = LexiconOpt,
    review_below: float | None = typer.Option(None, "--review-below", min=0.0, max=1.0, help="Mark verdicts less confident than this `needs_review` (default: the fitted weights' threshold, where held-out verdicts were 90% right)."),
    escape_formulas: bool = typer.Option(True, "--escape-formulas/--keep-formulas", help="CSV: a cell starting with = + - @, a tab or a carriage return gets a leading ' so that a spreadsheet shows it instead of running it as a formula (CSV injection); a number stays as it is."),
    bom: bool = typer.Option(False, "--bom", help="CSV: start with a UTF-8 byte-order mark, so that LibreOffice and Excel read accented letters right when they open the file."),
    resume: bool = typer.Option(False, "--resume", help="Go on with an interrupted run: keep what --output's FILE.partial holds and classify only the inputs it lacks (csv and jsonl formats)."),
) -> None:
    """Classify job ads and explain each verdict; any number of ads, streamed.

    Exit codes: 0 done (inputs that could not be read are error rows, and said on stderr);
    1 some inputs could not be read, with --strict; 2 usage or rule error, or no input
    could be read; 130 interrupted, 143 terminated by SIGTERM (--output's FILE.partial keeps what
    was done)."""
    from ..batch import default_jobs
    from ..run import classify_inputs

    fmt = fmt or (Format.table if output is None and sys.stdout.isatty() else Format.json)
    if fmt is Format.parquet and output is None and sys.stdout.isatty():
        _fail("--format parquet writes a binary file, not text for a terminal (try --output verdicts.parquet)")
    if dask and jobs:
        _fail("--jobs sets local worker processes, and --dask sends the work to a cluster's workers "
              "instead (try one of them)")
    if output is not None and output.is_dir():
        _fail(f"--output {output} is a folder (try a file in it, such as --output {output / 'verdicts.csv'})")
    stop_on_sigterm()
    if dask:
        _quiet_dask()
    options = _read_options(max_size, text_field, id_field, title_field, delimiter, time_limit)
    if output is not None:  # a folder scanned may hold this run's own output: never read it as ads
        from ..batch.resume import partial_path

        options = options._replace(exclude=frozenset(os.path.realpath(p) for p in (output, partial_path(output))))
    try:
        if fmt is Format.parquet:
            from ..report.parquet import need_pyarrow

            need_pyarrow("--format parquet")
        scanner = _scanner(rules, bundled, model, review_below=review_below, lexicon=lexicon)
        stdin = sys.stdin.buffer if "-" in paths else None  # read lazily, up to the size limit
        done = _resumed(resume, output, fmt)
        results = classify_inputs(scanner, paths, stdin, options, jobs or default_jobs(), prepare_for(fmt), done,
                                  dask, _say_event)
        summary = _write(results, fmt, output, paths, escape_formulas, options, done, bom)
    except JdscanError as exc:
        _fail(str(exc))
    if summary.total and summary.errors == summary.total:
        raise typer.Exit(EXIT_ERROR)
    raise typer.Exit(EXIT_FAIL if strict and summary.errors else EXIT_SUCCESS)


def _quiet_dask() -> None:
    """A lost scheduler is said in one line by jdscan, not in the client's logged tracebacks
    (its import sets its loggers' levels, so they are set after it)."""
    import logging

    try:
        import distributed  # noqa: F401
    except ImportError:
        return  # said when the client is made
    for name in [n for n in logging.root.manager.loggerDict if n.startswith("distributed")] + ["distributed"]:
        logging.getLogger(name).setLevel(logging.CRITICAL)


def _say_event(event) -> None:
    """A worker process that died, and what became of its ads, said on stderr as it happens."""
    typer.echo(f"jdscan: {event.message}", err=True)


def _resumed(resume: bool, output: Path | None, fmt: Format):
    """With --resume, the paths the partial output already has (None: start afresh)."""
    from ..batch.resume import RESUMABLE, done_so_far, partial_path

    if not resume:
        return None
    if output is None or fmt.value not in RESUMABLE:
        _fail("--resume goes on with an --output file in csv or jsonl format (try --output FILE --format csv)")
    partial = partial_path(output)
    if not partial.is_file():
        typer.echo(f"jdscan: no {partial} to resume from: classifying every input", err=True)
        return None
    done = done_so_far(partial, fmt.value)
    if done is None:
        typer.echo(f"jdscan: {partial} holds no whole header: classifying every input", err=True)
        return None
    typer.echo(f"jdscan: resuming {output}: {sum(done.values()):,} results already in {partial}", err=True)
    return done


def _write(results, fmt: Format, output: Path | None, paths: list[str], escape_formulas: bool = True,
           options=None, done=None, bom: bool = False):
    from ..batch.resume import RESUMABLE
    from ..readers import count_inputs
    from ..summary import BatchSummary
    from .progress import with_progress

    summary = BatchSummary()
    show = sys.stderr.isatty()
    resumed = done is not None
    with _open_output(output, append=resumed, resumable=fmt.value in RESUMABLE) as out:
        writer = writer_for(fmt, out, _console(out if output else None) if fmt is Format.table else None,
                            escape_formulas, resumed, bom)
        total = count_inputs(paths, options) - (sum(done.values()) if resumed else 0) if show else None
        try:
            for item in with_progress(results, total, show and total > 1):  # no bar for one ad
                summary.add_key(item.role, item.ambiguous, item.review, item.error)  # rendered where classified
                writer.write(item.payload)
        except KeyboardInterrupt as stop:
            getattr(writer, "interrupted", out.flush)()  # Parquet: the footer makes the partial file readable
            terminated = isinstance(stop, Terminated)
            typer.echo(f"jdscan: {'terminated' if terminated else 'interrupted'} after {summary.total:,} results",
                       err=True)
            raise typer.Exit(EXIT_TERMINATED if terminated else EXIT_INTERRUPTED) from None
        writer.close(summary)
    _close(summary, fmt, output)
    return summary


def _close(summary, fmt: Format, output: Path | None) -> None:
    """The closing summary on stderr: for a batch, a run written to a file, or any error;
    not where a table or Markdown on stdout already ends with one."""
    from ..report.closing import closing_lines

    if output is None and fmt in (Format.table, Format.markdown):
        return
    if summary.total > 1 or output is not None or summary.errors:
        for line in closing_lines(summary, output):
            typer.echo(line, err=True)
