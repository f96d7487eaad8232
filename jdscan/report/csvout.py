"""CSV output: one row per ad (or error), the columns of report.rows (flat_row), streamed."""

from __future__ import annotations

import csv
import re
from typing import TextIO

from ..summary import BatchSummary
from .rows import COLUMNS

# OWASP's CSV injection advice: a spreadsheet runs a cell that starts with one of these as
# a formula (=HYPERLINK(...) in an ad's title, say); a leading ' makes it plain text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A number is no formula: an id "-42" or "+44" keeps its value (and a spreadsheet its sum).
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def neutralise(value):
    """A cell a spreadsheet would run as a formula, made plain text with a leading '; a
    cell that is a number stays as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(value):
        return "'" + value
    return value


class CsvWriter:
    """CSV rows; with `escape_formulas` (the default) no cell can start a formula; with
    `bom`, a UTF-8 byte-order mark first, for spreadsheets that otherwise read cp1252."""

    def __init__(self, out: TextIO, escape_formulas: bool = True, header: bool = True, bom: bool = False):
        self.out = out
        self.escape = escape_formulas
        self.writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        if header:  # not when going on with a resumed file
            if bom:
                out.write("\ufeff")
            self.writer.writeheader()

    def write(self, row: dict[str, str]) -> None:
        self.writer.writerow({k: neutralise(v) for k, v in row.items()} if self.escape else row)

    def close(self, summary: BatchSummary) -> None:
        self.out.flush()
