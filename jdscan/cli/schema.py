"""`jdscan schema NAME`: print the JSON Schema of an output, for consumers to validate against."""

from __future__ import annotations

import enum

import typer

from .common import EXIT_SUCCESS


class SchemaName(str, enum.Enum):
    classify = "classify"


def schema(
    name: SchemaName = typer.Argument(..., metavar="NAME", help="The output: classify (its JSON and JSON Lines verdicts and error rows)."),
    strict: bool = typer.Option(False, "--strict", help="Refuse keys this version does not have (by default later minor versions, which add fields, validate too)."),
) -> None:
    """Print the JSON Schema (draft 2020-12) of an output's JSON.

    Exit codes: 0 printed."""
    from ..report.jsonout import schema_text

    typer.echo(schema_text(name.value, strict), nl=False)
    raise typer.Exit(EXIT_SUCCESS)
