"""`jdscan eval`: how well the rules do on labelled ads."""

from __future__ import annotations

import enum
import json
from pathlib import Path

import typer

from ..errors import JdscanError
from .common import EXIT_SUCCESS, BundledOpt, ModelOpt, RulesOpt, _console, _fail, _scanner


class EvalFormat(str, enum.Enum):
    table = "table"
    json = "json"


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
    from ..run import evaluate_file

    try:
        report = evaluate_file(_scanner(rules, bundled, model), path, body_only)
    except JdscanError as exc:
        _fail(str(exc))
    if fmt is EvalFormat.json:
        typer.echo(json.dumps(report.to_dict(with_errors=errors), indent=2))
    else:
        from ..report.eval_table import render_eval

        _console().print(render_eval(report, with_errors=errors))
    raise typer.Exit(EXIT_SUCCESS)
