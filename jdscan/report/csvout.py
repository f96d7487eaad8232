"""CSV output: one row per ad (or error), the columns of report.rows (flat_row), streamed."""

from __future__ import annotations

import csv
from typing import TextIO

from ..summary import BatchSummary
from .rows import COLUMNS


class CsvWriter:
    def __init__(self, out: TextIO):
        self.out = out
        self.writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        self.writer.writeheader()

    def write(self, row: dict[str, str]) -> None:
        self.writer.writerow(row)

    def close(self, summary: BatchSummary) -> None:
        self.out.flush()
