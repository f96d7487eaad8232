"""Parquet tables of ads: one ad per row, read a batch of rows at a time and only the
columns asked for (text, id, title), so memory stays flat whatever the file's size
(pyarrow: `pip install 'jdscan[parquet]'`). A row is located as `file:N`, N counting
rows from 1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..model import ReadError
from ..text.document import Document
from .rows import Fields, column_names, guard, to_document
from .text import open_regular

BATCH_ROWS = 256  # rows decoded at once: a few MB of text at most, at the default --max-size
READ_BUFFER = 1 << 20


def parquet_rows(path: Path, fields: Fields, max_bytes: int) -> Iterator[Document | ReadError]:
    """One ad per row of the file, in order; only the text, id and title columns are read."""
    table = open_parquet(path)
    header = table.schema_arrow.names
    names, problem = column_names(header, fields)
    if problem:
        yield ReadError(str(path), problem)
        return
    wanted = set(fields.wanted())
    columns = {original: name for original, name in zip(header, names) if name in wanted}
    n = 0
    batches = table.iter_batches(batch_size=BATCH_ROWS, columns=list(columns))
    while True:
        try:
            batch = next(batches, None)
        except (OSError, ValueError) as exc:  # a damaged page: what came before it stands
            yield ReadError(f"{path}:{n + 1}", f"the Parquet data cannot be read from here on ({exc}); "
                            "the rows after it are not read (try writing the file again)")
            return
        if batch is None:
            return
        cells = [[_value(v) for v in batch.column(i).to_pylist()] for i in range(batch.num_columns)]
        for values in zip(*cells):
            n += 1
            yield guard(to_document, dict(zip(columns.values(), values)), f"{path}:{n}", fields, max_bytes)


def open_parquet(path: Path):
    """The file as a pyarrow ParquetFile (its footer read, no rows yet)."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(str(path), "is a Parquet file, and reading one needs pyarrow",
                         "`pip install 'jdscan[parquet]'`") from None
    fh = open_regular(path)
    try:
        # Read buffering: without it a column chunk is read whole, and a file written as one
        # row group (pandas' and Spark's way for up to a million rows) is then read whole:
        # 235 MB of RSS for 100,000 ads, against 20 MB read a megabyte at a time.
        return pq.ParquetFile(fh, pre_buffer=False, buffer_size=READ_BUFFER)
    except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError
        fh.close()
        raise InputError(str(path), f"cannot be read as Parquet ({exc})",
                         "checking the file is Parquet and was written completely") from None


def _value(value):
    """A cell as a row value: bytes (a binary column) as UTF-8 text."""
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


def parquet_row_count(path: Path) -> int:
    """The rows the file holds, from its footer."""
    return open_parquet(path).metadata.num_rows
