"""CSV output: one row per ad (or error), the columns of report.rows (flat_row), streamed."""

from __future__ import annotations

import csv
from typing import TextIO

from ..summary import BatchSummary
from .rows import COLUMNS

# OWASP's CSV injection advice: a spreadsheet runs a cell that starts with one of these as
# a formula (=HYPERLINK(...) in an ad's title, say); a leading ' makes it plain text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A cell a spreadsheet would run as a formula, made plain text with a leading '."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


class CsvWriter:
    """CSV rows; with `escape_formulas` (the default) no cell can start a formula."""

    def __init__(self, out: TextIO, escape_formulas: bool = True, header: bool = True):
        self.out = out
        self.escape = escape_formulas
        self.writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        if header:  # not when going on with a resumed file
            self.writer.writeheader()

    def write(self, row: dict[str, str]) -> None:
        self.writer.writerow({k: neutralise(v) for k, v in row.items()} if self.escape else row)

    def close(self, summary: BatchSummary) -> None:
        self.out.flush()
