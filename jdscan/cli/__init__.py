"""The command line: parse flags, call the core, render, exit with a named code.

One module per command group (classify, explain, eval, check, rules), their shared options
and exit codes in `common`. This is the only package that imports Typer, prints or exits;
nothing else in jdscan imports it. It may import any other part of jdscan, and Rich only
through `jdscan.report` renderers or `common._console`.
"""

import os

# Pydantic looks for plugins by reading the entry points of every installed distribution
# the first time it builds a validator: 7-10 ms of every start, for plugins the command
# line never uses. The jdscan command's own process opts out; a setting of the user's wins,
# and a program that imports jdscan as a library is left alone.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from .app import app, run
from .common import EXIT_ERROR, EXIT_FAIL, EXIT_SUCCESS

__all__ = ["EXIT_ERROR", "EXIT_FAIL", "EXIT_SUCCESS", "app", "run"]
