"""One flat row per result: the shared columns of the CSV, Markdown and batch-table views."""

from __future__ import annotations

import re

from ..model import ReadError, Verdict

COLUMNS = ["path", "id", "title", "role", "confidence", "margin", "runner_up", "direction",
           "customer", "channel", "sales_level", "admin_load", "warnings", "words", "needs_review", "error"]


def flat_row(item: Verdict | ReadError) -> dict[str, str]:
    """Every column as text; an error row fills path, id and error."""
    if isinstance(item, ReadError):
        row = dict.fromkeys(COLUMNS, "")
        row.update(path=item.source, id=_text(item.id), error=item.reason)
        return row
    f = item.facets
    return {
        "path": item.path or "", "id": _text(item.id), "title": item.title or "", "role": item.role,
        "confidence": f"{item.confidence:.3f}", "margin": f"{item.margin:.3f}",
        "runner_up": item.runner_up or "", "direction": f.direction, "customer": f.customer,
        "channel": ";".join(f.channel), "sales_level": f.sales_level, "admin_load": f.admin_load,
        "warnings": ";".join(w.code for w in item.warnings), "words": str(item.words),
        "needs_review": "yes" if item.needs_review else "", "error": "",
    }


def _text(value) -> str:
    """An id as a cell: None is empty, 0 is "0"."""
    return "" if value is None else str(value)


ROW_OF_TABLE = re.compile(r":\d+$")  # a table's row is located as file:N


def ad_name(row: dict[str, str]) -> str:
    """How a person knows an ad in a list: a table's row by its id, else its title, else
    its location; a file by its path."""
    path = row["path"]
    if ROW_OF_TABLE.search(path):
        return row["id"] or row["title"] or path
    return path or row["id"] or row["title"] or "<stdin>"
