"""What the command modules share: exit codes, options and the few helpers that print."""

from __future__ import annotations

import contextlib
import gc
import re
import sys
from pathlib import Path

import typer

from ..errors import JdscanError
from ..limits import TIME_LIMIT
from ..report.visible import visible

EXIT_SUCCESS = 0  # everything classified (or checked) fine
EXIT_FAIL = 1  # --strict: some input could not be read; `rules test`: an example failed
EXIT_ERROR = 2  # usage, configuration or rule error: nothing useful was done
EXIT_INTERRUPTED = 130  # Ctrl-C: what was done is kept (--output's FILE.partial) and said
EXIT_TERMINATED = 143  # SIGTERM (timeout, CI cancellation, docker stop): handled as Ctrl-C is


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the command is, so that it stops as Ctrl-C stops it."""


def stop_on_sigterm() -> None:
    """From here on, SIGTERM stops the command as Ctrl-C does (results flushed, the partial
    file named, workers stopped), with exit code 143."""
    import signal

    def terminated(signum, frame):
        raise Terminated()

    signal.signal(signal.SIGTERM, terminated)


RulesOpt = typer.Option(None, "--rules", help="Folder of rule files layered on the bundled rules (repeatable): a role of the same name replaces the earlier one, a `kind: extend` file adds patterns to it.")
ModelOpt = typer.Option(None, "--model", help="An installed trained spaCy pipeline (package name or folder) instead of the built-in blank one; never downloaded.")
BundledOpt = typer.Option(True, "--bundled-rules/--no-bundled-rules", help="Load the bundled rules first; off: only the --rules folders.")
PriorOpt = typer.Option(None, "--prior", help="The class mix to correct the labelled files to: a labelled file (its label mix; default: the last file given), shares such as retail=0.1,other=0.3, or none.")
FileWeightOpt = typer.Option([], "--file-weight", metavar="FILE=WEIGHT", help="How much each ad of a labelled file counts in the fit (default 1; repeatable): a file drawn unlike real ads can count less, e.g. train.jsonl=0.25.")
L2Opt = typer.Option(40.0, "--l2", min=0.0, help="How strongly the fit keeps to the hand-set weights (L2 regularisation).")
SeedOpt = typer.Option(0, "--seed", help="Seed of the fold assignment.")
UntitledOpt = typer.Option(1.0, "--untitled", min=0.0, metavar="WEIGHT", help="The fit for ads without a title: each labelled ad counts once with its title and once without, the copy at this weight (0: no such fit; --body-only cross-validation then fits bodies alone).")
TextFieldOpt = typer.Option("text", "--text-field", help="Tables (CSV, TSV, JSON, .xlsx): the field that holds the ad's text (any case).")
IdFieldOpt = typer.Option(None, "--id-field", help="Tables: the field with the ad's id (default: `id` where present).")
TitleFieldOpt = typer.Option(None, "--title-field", help="Tables: the field with the ad's title (default: `title` where present).")
LexiconOpt = typer.Option(True, "--lexicon/--no-lexicon", help="With fitted weights, let the fitted lexicon of words count too (--no-lexicon: the rules' evidence alone).")
TimeLimitOpt = typer.Option(TIME_LIMIT, "--time-limit", min=0.0, metavar="SECONDS", help="Longest one ad may take to read or to classify; an ad past it is an error row and the others go on (0: no limit).")
DelimiterOpt = typer.Option(None, "--delimiter", metavar="CHAR", help="CSV: the field delimiter, such as ';' or tab (default: sniffed from the header row; .tsv files: tab).")


def _read_options(max_size: str, text_field: str, id_field: str | None, title_field: str | None,
                  delimiter: str | None, time_limit: float = TIME_LIMIT):
    """How to read inputs, from the command line's options."""
    from ..readers import ReadOptions
    from ..readers.rows import Fields

    return ReadOptions(_size(max_size), Fields(text_field, id_field, title_field), _delimiter(delimiter),
                       time_limit or None)


def _delimiter(value: str | None) -> str | None:
    """--delimiter as one character; `tab` names a tab."""
    if value is None:
        return None
    char = "\t" if value.lower() in ("tab", "\\t", "\t") else value
    if len(char) != 1 or char in "\"\r\n":
        _fail(f"--delimiter {value!r} is not one character (try ';', ',', '|' or tab)")
    return char


def _fail(message: str) -> None:
    # Plain and unwrapped: one problem per line, file:line first, for editors and grep.
    # Each line made visible: a message may quote a path or a value from the input.
    typer.echo("error: " + "\n".join(visible(line) for line in message.split("\n")), err=True)
    raise typer.Exit(EXIT_ERROR)


# Start-up (importing spaCy, building the pipeline, compiling the rules) allocates a few
# hundred thousand objects that live as long as the process. With the collector on, they
# are traversed again and again while they pile up, and once more at exit: ~0.25 s of a
# 1.9 s one-ad run. The console entry point pauses the collector until the scanner is
# built, then moves everything alive into the permanent generation (gc.freeze) so the
# collections that batch runs still need skip it, and makes those rarer (batch.settle_gc).
_startup = {"gc_paused": False}


def pause_gc_for_startup() -> None:
    gc.disable()
    _startup["gc_paused"] = True


def end_startup() -> None:
    if _startup["gc_paused"]:
        from ..batch import settle_gc  # the scanner is built: spaCy is loaded already

        settle_gc()
        gc.enable()
        _startup["gc_paused"] = False


def _scanner(rules: list[Path] | None, bundled: bool = True, model: str | None = None, weights: bool = True,
             review_below: float | None = None, lexicon: bool = True):
    from ..scanner import Scanner  # spaCy loads here, not for --help

    scanner = Scanner(rules or None, bundled, model, weights, review_below, lexicon)
    end_startup()
    return scanner


def _console(file=None):
    # Rich loads here, when something is drawn: ~40 ms of a start that only writes JSON.
    from rich.console import Console

    return Console(file=file, highlight=False, soft_wrap=False)  # Rich reads COLUMNS itself


SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*$", re.IGNORECASE)


def _size(text: str) -> int:
    """A size such as 500KB, 10MB, 1.5GB or 20000 (bytes), as bytes (1 KB = 1,000 bytes)."""
    m = SIZE.match(text)
    if not m or float(m.group(1)) <= 0:
        _fail(f"--max-size {text!r} is not a size (try 500KB, 10MB or 2GB)")
    return int(float(m.group(1)) * 1000 ** "_kmg".index(m.group(2).lower() or "_"))


@contextlib.contextmanager
def _open_output(path: Path | None, append: bool = False, resumable: bool = False):
    """stdout, or the --output file (UTF-8), written as FILE.partial and renamed to FILE
    when the block ends well; on a failure or Ctrl-C the partial file stays, and is said.
    `append`: go on writing an existing partial file (--resume); `resumable`: the format
    allows that."""
    if path is None:
        yield sys.stdout
        return
    from ..batch.output import finish, open_partial, partial_path

    partial = partial_path(path)
    try:
        fh = open_partial(path, append)
    except JdscanError as exc:
        _fail(str(exc))
    try:
        with fh:
            yield fh
    except OSError as exc:  # a full disk, a lost mount: one line, the partial file kept
        _fail(f"{path}: writing the output failed ({exc.strerror or exc}); what was written is in {partial} "
              "(try freeing space, then the same command with --resume)")
    except BaseException as exc:
        if isinstance(exc, typer.Exit) and exc.exit_code == EXIT_SUCCESS:
            finish(path)
        elif isinstance(exc, typer.Exit) and exc.exit_code == EXIT_ERROR:
            pass  # the error said where the partial file is
        else:
            typer.echo(f"jdscan: {path} was not completed; what was written is in {partial}"
                       + (" (run again with --resume to go on from it)" if resumable else ""), err=True)
        raise
    finish(path)


def _load(folders: list[Path] | None, bundled: bool = True):
    from ..ruleset.load import load_rules

    try:
        return load_rules(folders or None, bundled)
    except JdscanError as exc:
        _fail(str(exc))
