"""`jdscan explain`: one ad, sentence by sentence, with every match and how it adds up."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..errors import JdscanError
from .common import BundledOpt, ModelOpt, RulesOpt, _console, _fail, _scanner


def explain(
    path: Path = typer.Argument(..., help="One ad file, or - for stdin."),
    rules: list[Path] | None = RulesOpt,
    bundled: bool = BundledOpt,
    model: str | None = ModelOpt,
) -> None:
    """Show an ad sentence by sentence with every match, and how the scores add up."""
    from ..explain import explain as explain_ad
    from ..model import ReadError
    from ..readers import read_inputs
    from ..report.explain_view import render_explanation

    stdin = sys.stdin.buffer.read() if str(path) == "-" else None
    try:
        [doc] = list(read_inputs([path], stdin=stdin))
        if isinstance(doc, ReadError):
            _fail(f"{doc.source}: {doc.reason}")
        result = explain_ad(_scanner(rules, bundled, model), doc.body, doc.title)
    except ValueError:
        _fail(f"{path}: explain takes one ad (try a file, not a folder)")
    except JdscanError as exc:
        _fail(str(exc))
    _console().print(render_explanation(result))
