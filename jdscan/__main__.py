"""`python -m jdscan` runs the CLI."""

from .cli import app

app(prog_name="jdscan")
