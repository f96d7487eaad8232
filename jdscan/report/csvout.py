"""CSV output: one row per ad (or error), the columns of report.rows, streamed."""

from __future__ import annotations

import csv
from typing import TextIO

from ..model import ReadError, Verdict
from ..summary import BatchSummary
from .rows import COLUMNS, flat_row


class CsvWriter:
    def __init__(self, out: TextIO):
        self.out = out
        self.writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        self.writer.writeheader()

    def write(self, item: Verdict | ReadError) -> None:
        self.writer.writerow(flat_row(item))

    def close(self, summary: BatchSummary) -> None:
        self.out.flush()
