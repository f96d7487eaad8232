"""`jdscan rules ...`: list, show, validate, test and document rule sets."""

from __future__ import annotations

import enum
from pathlib import Path

import typer

from ..errors import JdscanError
from .common import (
    EXIT_FAIL,
    EXIT_SUCCESS,
    BundledOpt,
    FileWeightOpt,
    L2Opt,
    ModelOpt,
    PriorOpt,
    RulesOpt,
    SeedOpt,
    UntitledOpt,
    _console,
    _fail,
    _load,
    _open_output,
    _scanner,
)
from .help import Command, Group

rules_app = typer.Typer(cls=Group, rich_markup_mode=None, help="List, show, validate, test and fit rule sets.", no_args_is_help=True)


class ListFormat(str, enum.Enum):
    table = "table"
    markdown = "markdown"


@rules_app.command("list", cls=Command)
def rules_list(rules: list[Path] | None = RulesOpt, bundled: bool = BundledOpt,
               fmt: ListFormat = typer.Option(ListFormat.table, "--format", "-f", case_sensitive=False, help="table: files and pattern groups per dimension; markdown: each role's name, question and what marks it (the README's roles table).")) -> None:
    """Every role, its source file and the number of pattern groups per dimension.

    Exit codes: 0 listed; 2 a rule error."""
    from ..report.rules_view import render_list, roles_markdown

    loaded = _load(rules, bundled)
    if fmt is ListFormat.markdown:
        typer.echo(roles_markdown(loaded), nl=False)
    else:
        _console().print(render_list(loaded))


@rules_app.command("show", cls=Command)
def rules_show(role: str = typer.Argument(..., help="A role name, as `jdscan rules list` shows it."),
               rules: list[Path] | None = RulesOpt, bundled: bool = BundledOpt) -> None:
    """A role's description, precedence and every pattern group with its file line.

    Exit codes: 0 shown; 2 no such role, or a rule error."""
    from ..report.rules_view import render_role

    loaded = _load(rules, bundled)
    if role not in loaded.roles:
        _fail(f"no role {role!r} (try one of: {', '.join(loaded.roles)})")
    _console().print(render_role(loaded, role))


@rules_app.command("validate", cls=Command)
def rules_validate(folders: list[Path] | None = typer.Argument(None, help="Rule folders, layered on the bundled rules."),
                   bundled: bool = BundledOpt) -> None:
    """Check rule files against the schema; every problem at once.

    Exit codes: 0 valid; 2 any problem (each with file, line, key and a hint)."""
    loaded = _load(folders, bundled)
    patterns = sum(1 for _ in loaded.role_patterns()) + sum(1 for _ in loaded.facet_patterns())
    typer.echo(f"ok: {len(loaded.roles)} roles, {patterns} pattern groups")


@rules_app.command("test", cls=Command)
def rules_test(folders: list[Path] | None = typer.Argument(None, help="Rule folders, layered on the bundled rules."),
               bundled: bool = BundledOpt) -> None:
    """Run every pattern's must-match and must-not-match examples.

    Exit codes: 0 all pass; 1 an example failed; 2 a rule error."""
    from ..ruleset.examples import run_all_examples

    _load(folders, bundled)  # validation problems exit 2 before spaCy loads
    total, failures = run_all_examples(_scanner(folders, bundled))
    for failure in failures:
        typer.echo(str(failure))
    typer.echo(f"{total - len(failures)} passed, {len(failures)} failed")
    raise typer.Exit(EXIT_FAIL if failures else EXIT_SUCCESS)


@rules_app.command("reference", cls=Command)
def rules_reference() -> None:
    """Print the rule file reference (Markdown), generated from the schema.

    Exit codes: 0 printed."""
    from ..ruleset.reference import rule_reference

    typer.echo(rule_reference(), nl=False)


@rules_app.command("fit", cls=Command)
def rules_fit(
    paths: list[Path] = typer.Argument(..., help="Labelled ads: JSONL or CSV files with text and label (title, id, direction optional)."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Where to write the weights file (default: weights.yaml in the last --rules folder, else stdout)."),
    prior: str | None = PriorOpt,
    file_weight: list[str] = FileWeightOpt,
    l2: float = L2Opt,
    folds: int = typer.Option(5, "--folds", min=2, help="Folds for the cross-validated figures and the calibration."),
    seed: int = SeedOpt,
    untitled: float = UntitledOpt,
    lexicon: bool = typer.Option(True, "--lexicon/--no-lexicon", help="Fit a lexicon of words with the weights, written as lexicon.yaml beside the weights file."),
    rules: list[Path] | None = RulesOpt,
    bundled: bool = BundledOpt,
    model: str | None = ModelOpt,
) -> None:
    """Fit every pattern group's weight for every role to labelled ads, and (unless
    --no-lexicon) a lexicon of words beside them, calibrate the confidence, and write the
    weights file (with its provenance and cross-validated figures) and lexicon.yaml beside
    it. Needs jdscan[fit].

    Exit codes: 0 written; 2 a labelled file cannot be read (file:line), SciPy is missing, or a
    usage or rule error."""
    from ..evaluate.labelled import read_labelled
    from ..fitted_files import lexicon_text, weights_text
    from ..fitting import FEW_ADS, FitSettings, fit_files, fit_target, thin_roles

    settings = FitSettings(prior, l2, folds, seed, lexicon=lexicon, file_weights=tuple(file_weight), untitled=untitled)
    try:
        target = fit_target(output, rules)
        scanner = _scanner(rules, bundled, model, weights=False)  # a fit never rests on an older fit
        if (lexicon or untitled) and target is None:  # said once the labelled files are known to be readable
            labels = set(scanner.rules.roles) | {"other"}
            for path in paths:
                read_labelled(path, labels)
            _fail("a fit with a lexicon or --untitled writes several files: weights.yaml, lexicon.yaml and "
                  "untitled-weights.yaml, untitled-lexicon.yaml beside it (try --output FOLDER/weights.yaml, "
                  "or --no-lexicon --untitled 0 for the weights file alone on stdout)")
        fitted = fit_files(scanner, paths, settings)
    except JdscanError as exc:
        _fail(str(exc))
    for fit, prefix in ((fitted, ""), (fitted.untitled, "untitled-")):
        if fit is None:
            continue
        with _open_output(target.with_name(prefix + target.name) if target else None) as out:
            out.write(weights_text(fit, scanner, paths, settings))
        if lexicon:
            with _open_output(target.with_name(prefix + "lexicon.yaml")) as out:
                out.write(lexicon_text(fit, paths, settings))
    thin = thin_roles(fitted)
    if thin:
        typer.echo(f"warning: under {FEW_ADS} labelled ads of " + ", ".join(f"{r} ({n})" for r, n in thin)
                   + ": their weights rest on few examples and stay near the rules' own, and their figures are "
                   "not to be trusted (try labelling more of their ads)", err=True)
    for fit, what in ((fitted, ""), (fitted.untitled, ", from the body alone")):
        for f in fit.cv.figures if fit is not None else ():
            typer.echo(f"{f.file}: {f.ads} ads, cross-validated accuracy{what} {f.accuracy:.1%}, macro-F1 "
                       f"{f.macro_f1:.3f}, calibration error {f.ece:.3f}", err=True)
    typer.echo(f"temperature {fitted.calibration.temperature:g}; verdicts under {fitted.review_below:.2f} confidence need "
               f"review" + (f"; wrote {target}" if target else "")
               + (f" and {target.with_name('untitled-' + target.name)}" if fitted.untitled and target else ""), err=True)
    raise typer.Exit(EXIT_SUCCESS)
