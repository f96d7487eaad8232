"""`jdscan explain`: one ad, sentence by sentence, with every match and how it adds up."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..errors import JdscanError
from .common import (
    EXIT_SUCCESS,
    BundledOpt,
    DelimiterOpt,
    IdFieldOpt,
    LexiconOpt,
    ModelOpt,
    RulesOpt,
    TextFieldOpt,
    TitleFieldOpt,
    _console,
    _fail,
    _read_options,
    _scanner,
)


def explain(
    path: str = typer.Argument(..., metavar="PATH", help="One ad: a file, - for stdin, or a table with --row or --id."),
    row: int | None = typer.Option(None, "--row", metavar="N", help="A table's row: the number after the colon in its location (ads.csv:26 is --row 26)."),
    ad_id: str | None = typer.Option(None, "--id", metavar="ID", help="A table's row, by its id."),
    text_field: str = TextFieldOpt,
    id_field: str | None = IdFieldOpt,
    title_field: str | None = TitleFieldOpt,
    delimiter: str | None = DelimiterOpt,
    tokens: bool = typer.Option(False, "--tokens", help="Show every sentence with each token's lemma (word/lemma), those without evidence too: what rule phrases are matched against."),
    lexicon: bool = LexiconOpt,
    rules: list[Path] | None = RulesOpt,
    bundled: bool = BundledOpt,
    model: str | None = ModelOpt,
) -> None:
    """Show an ad sentence by sentence with every match, and how the scores add up.

    Exit codes: 0 shown; 2 the input holds no such ad, cannot be read, or a usage or rule error."""
    from ..explain import explain as explain_ad
    from ..report.explain_view import render_explanation
    from ..run import one_ad

    stdin = sys.stdin.buffer if path == "-" else None  # read lazily, up to the size limit
    options = _read_options("1MB", text_field, id_field, title_field, delimiter)
    try:
        doc = one_ad(path, stdin, options, row, ad_id)
        result = explain_ad(_scanner(rules, bundled, model, lexicon=lexicon), doc.body, doc.title, tokens)
    except JdscanError as exc:
        _fail(str(exc))
    _console().print(render_explanation(result))
    raise typer.Exit(EXIT_SUCCESS)
