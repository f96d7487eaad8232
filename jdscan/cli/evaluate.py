"""`jdscan eval`: how well the rules do on labelled ads."""

from __future__ import annotations

import enum
import json
from pathlib import Path

import typer

from ..errors import JdscanError
from .common import (
    EXIT_SUCCESS,
    BundledOpt,
    FileWeightOpt,
    L2Opt,
    LexiconOpt,
    ModelOpt,
    PriorOpt,
    RulesOpt,
    SeedOpt,
    UntitledOpt,
    _console,
    _fail,
    _scanner,
)


class EvalFormat(str, enum.Enum):
    table = "table"
    json = "json"


def eval_(
    paths: list[Path] = typer.Argument(..., help="Labelled ads: JSONL or CSV with text and label (title, id, direction optional); several with --cv."),
    fmt: EvalFormat = typer.Option(EvalFormat.table, "--format", "-f", case_sensitive=False, help="table or json."),
    body_only: bool = typer.Option(False, "--body-only", help="Ignore titles: judge the body alone."),
    errors: bool = typer.Option(False, "--errors", help="List the misclassified ads with their top evidence."),
    cv: int | None = typer.Option(None, "--cv", help="K-fold cross-validation: refit the weights K times, each ad scored by a fit that never saw it (needs jdscan[fit])."),
    prior: str | None = PriorOpt,
    file_weight: list[str] = FileWeightOpt,
    l2: float = L2Opt,
    seed: int = SeedOpt,
    repeats: int = typer.Option(1, "--repeats", min=1, metavar="N", help="With --cv: cross-validate N times, the folds drawn anew each time (seeds --seed, --seed + 1, ...), and report each figure's mean and range: one draw of the folds moves a figure by about a point."),
    untitled: float = UntitledOpt,
    lexicon: bool = LexiconOpt,
    rules: list[Path] | None = RulesOpt,
    bundled: bool = BundledOpt,
    model: str | None = ModelOpt,
) -> None:
    """Measure the rules on labelled ads: accuracy, macro-F1, per-role scores, confusion
    matrix, warnings and calibration; with --cv, cross-validated figures of fitted weights.

    Exit codes: 0 measured; 2 a labelled file cannot be read (file:line), or a usage or rule error."""
    if cv is not None:
        from ..fitting import FitSettings

        _cross_validate(paths, fmt, FitSettings(prior, l2, cv, seed, body_only, lexicon, tuple(file_weight), untitled),
                        repeats, rules, bundled, model)
    if repeats > 1:
        _fail(f"--repeats {repeats} repeats a cross-validation, and none was asked for (try --cv 5 --repeats {repeats})")
    if len(paths) != 1:
        _fail(f"eval takes one labelled file, {len(paths)} given (try one file, or --cv 5 with several)")
    from ..run import evaluate_file

    try:
        report = evaluate_file(_scanner(rules, bundled, model, lexicon=lexicon), paths[0], body_only)
    except JdscanError as exc:
        _fail(str(exc))
    if fmt is EvalFormat.json:
        typer.echo(json.dumps(report.to_dict(with_errors=errors), indent=2))
    else:
        from ..report.eval_table import render_eval

        _console().print(render_eval(report, with_errors=errors))
    raise typer.Exit(EXIT_SUCCESS)


def _cross_validate(paths, fmt, settings, repeats, rules, bundled, model) -> None:
    from ..fitting import cross_validate, repeated_cross_validation
    from ..report.cv_table import render_cv, render_repeated

    try:
        scanner = _scanner(rules, bundled, model, weights=False)
        result = cross_validate(scanner, paths, settings) if repeats == 1 else \
            repeated_cross_validation(scanner, paths, settings, repeats)
    except JdscanError as exc:
        _fail(str(exc))
    if fmt is EvalFormat.json:
        typer.echo(json.dumps(result.to_dict(), indent=2))
    else:
        _console().print(render_cv(result) if repeats == 1 else render_repeated(result))
    raise typer.Exit(EXIT_SUCCESS)
