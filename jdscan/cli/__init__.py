"""The command line: parse flags, call the core, render, exit with a named code.

One module per command group (classify, explain, eval, check, rules), their shared options
and exit codes in `common`. This is the only package that imports Typer, prints or exits;
nothing else in jdscan imports it. It may import any other part of jdscan, and Rich only
through `jdscan.report` renderers or `common._console`.
"""

from .app import app, run
from .common import EXIT_ERROR, EXIT_FAIL, EXIT_SUCCESS

__all__ = ["EXIT_ERROR", "EXIT_FAIL", "EXIT_SUCCESS", "app", "run"]
