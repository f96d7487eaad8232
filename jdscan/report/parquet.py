"""Parquet output: the typed rows (report.typed) written a row group at a time, so memory
holds one group however long the batch (pyarrow: `pip install 'jdscan[parquet]'`)."""

from __future__ import annotations

from typing import BinaryIO

from ..errors import UsageError
from ..summary import BatchSummary
from .typed import arrow_schema

ROWS_PER_GROUP = 5_000  # about 20 MB of evidence in memory; readers skip by group


def need_pyarrow(why: str):
    """pyarrow, or a UsageError that says how to install it."""
    try:
        import pyarrow.parquet
    except ImportError:
        raise UsageError(f"{why} needs pyarrow (try `pip install 'jdscan[parquet]'`)") from None
    return pyarrow.parquet


class ParquetWriter:
    """Typed rows to a Parquet file, a row group per ROWS_PER_GROUP rows; `close` (or
    `interrupted`) writes the footer, without which a Parquet file cannot be read."""

    def __init__(self, out: BinaryIO, rows_per_group: int = ROWS_PER_GROUP):
        parquet = need_pyarrow("--format parquet")
        self.schema = arrow_schema()
        self.writer = parquet.ParquetWriter(out, self.schema, compression="zstd")
        self.rows: list[dict] = []
        self.per_group = rows_per_group

    def write(self, row: dict) -> None:
        self.rows.append(row)
        if len(self.rows) >= self.per_group:
            self._flush()

    def _flush(self) -> None:
        import pyarrow

        if self.rows:
            self.writer.write_table(pyarrow.Table.from_pylist(self.rows, schema=self.schema))
            self.rows = []

    def close(self, summary: BatchSummary | None = None) -> None:
        self._flush()
        self.writer.close()

    interrupted = close  # what was done stays a readable file (FILE.partial)
