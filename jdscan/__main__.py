"""`python -m jdscan` runs the CLI."""

from .cli import run

run()
