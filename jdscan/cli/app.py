"""The Typer app: the top-level options (--version, --config) and the commands, registered
in the order `jdscan --help` lists them; `run` is the console script."""

from __future__ import annotations

import gc
from pathlib import Path

import typer

from .. import __version__
from ..errors import JdscanError
from .check import check, check_help
from .classify import classify
from .common import EXIT_SUCCESS, _fail, pause_gc_for_startup
from .evaluate import eval_
from .explain import explain
from .help import Command, Group
from .rules import rules_app
from .schema import schema

HELP = """Reads job ads and says which front-line customer-facing role each describes, and why.

Exit codes: 0 success; 1 some inputs failed under --strict, `check` found what fails it,
or a rule example failed; 2 usage, configuration or rule error; 130 interrupted; 143
terminated (SIGTERM). Each command's --help gives its own.

Global options (--config, --version) may come before or after the command."""

# Help is plain text: Rich markup would eat the brackets of "needs jdscan[fit]".
app = typer.Typer(help=HELP, no_args_is_help=True, add_completion=False, cls=Group, rich_markup_mode=None,
                  context_settings={"help_option_names": ["-h", "--help"]})


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
    from ..config_files import find_config

    try:
        path = config or find_config(Path.cwd())
        if path is not None:
            from ..config import default_map, load_config  # the validators, only when there are settings

            loaded = load_config(path)
            ctx.default_map = default_map(loaded, path.resolve().parent)
            ctx.obj = (loaded, path.resolve().parent)  # `check` reads its globs and severities
    except JdscanError as exc:
        _fail(str(exc))


app.command(cls=Command)(classify)
app.command("eval", cls=Command)(eval_)
app.command(cls=Command)(explain)
app.add_typer(rules_app, name="rules")
app.command(help=check_help(), cls=Command)(check)
app.command(cls=Command)(schema)


def run() -> None:
    """The `jdscan` console command: the Typer app, with the collector paused during
    start-up (see common.py) and frozen for the interpreter's teardown."""
    pause_gc_for_startup()
    try:
        app(prog_name="jdscan")
    finally:
        gc.freeze()
