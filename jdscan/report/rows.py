"""One flat row per result: the shared columns of the CSV, Markdown and batch-table views."""

from __future__ import annotations

import re

from ..model import ReadError, Verdict
from .typed import CSV_COLUMNS, typed_columns

COLUMNS = list(CSV_COLUMNS)


def flat_row(item: Verdict | ReadError) -> dict[str, str]:
    """Every column as text: floats to three places, needs_review as `yes`, no value as
    an empty cell (an error row fills path, id and error)."""
    return {name: _cell(value) for name, value in typed_columns(item).items()}


def _cell(value) -> str:
    if value is None or value is False:
        return ""
    if value is True:
        return "yes"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


ROW_OF_TABLE = re.compile(r":\d+$")  # a table's row is located as file:N


def ad_name(row: dict[str, str]) -> str:
    """How a person knows an ad in a list: a table's row by its id, else its title, else
    its location; a file by its path."""
    path = row["path"]
    if ROW_OF_TABLE.search(path):
        return row["id"] or row["title"] or path
    return path or row["id"] or row["title"] or "<stdin>"
