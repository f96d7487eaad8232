"""Parquet output: the typed rows (report.typed) written a row group at a time, so memory
holds one group however long the batch (pyarrow: `pip install 'jdscan[parquet]'`)."""

from __future__ import annotations

from typing import BinaryIO

from ..errors import UsageError
from ..summary import BatchSummary
from .typed import COLUMNS, arrow_schema

# Rows become Arrow columns SLICE rows at a time, so that few Python rows live at once
# (an ad's evidence is about 9 KB of JSON, and a Python heap that held thousands of such
# strings stays that large); a row group is written when it holds either of the others.
SLICE = 64
ROWS_PER_GROUP = 10_000
BYTES_PER_GROUP = 16 << 20


def need_pyarrow(why: str):
    """pyarrow.parquet, or a UsageError that says how to install it."""
    try:
        import pyarrow.parquet
    except ImportError:
        raise UsageError(f"{why} needs pyarrow (try `pip install 'jdscan[parquet]'`)") from None
    return pyarrow.parquet


class ParquetWriter:
    """Typed rows to a Parquet file, a row group per ROWS_PER_GROUP rows or BYTES_PER_GROUP
    bytes of Arrow data, whichever comes first; `close` (or `interrupted`) writes the
    footer, without which a Parquet file cannot be read."""

    def __init__(self, out: BinaryIO, rows_per_group: int | None = None):
        import pyarrow

        self.arrow = pyarrow
        self.schema = arrow_schema()
        self.writer = need_pyarrow("--format parquet").ParquetWriter(out, self.schema, compression="zstd")
        self.rows: list[dict] = []
        self.batches: list = []
        self.per_group = rows_per_group or ROWS_PER_GROUP

    def write(self, row: dict) -> None:
        self.rows.append(row)
        if len(self.rows) >= min(SLICE, self.per_group):
            self._to_arrow()

    def _to_arrow(self) -> None:
        if self.rows:
            columns = [[row[c] for row in self.rows] for c in COLUMNS]
            self.batches.append(self.arrow.RecordBatch.from_arrays(
                [self.arrow.array(values, type=field.type) for values, field in zip(columns, self.schema)],
                schema=self.schema))
            self.rows = []
        held = self.batches
        if sum(b.num_rows for b in held) >= self.per_group or sum(b.nbytes for b in held) >= BYTES_PER_GROUP:
            self._flush()

    def _flush(self) -> None:
        if self.batches:
            table = self.arrow.Table.from_batches(self.batches, self.schema)
            self.writer.write_table(table, row_group_size=table.num_rows)
            self.batches = []

    def close(self, summary: BatchSummary | None = None) -> None:
        self._to_arrow()
        self._flush()
        self.writer.close()

    interrupted = close  # what was done stays a readable file (FILE.partial)
