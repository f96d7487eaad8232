"""Classify a partition of ads (records, a pandas DataFrame, or an Arrow RecordBatch) into
flat verdict rows with a fixed, typed schema: the step a Dask or Spark pipeline maps over
its partitions. The Scanner is built once per worker process and reused across the
partitions it is handed, never once per task.

The rows are the CSV columns, typed (confidence and margin as floats, words as an
integer, needs_review as a boolean), plus `confidences` (every role's confidence, as JSON)
and `evidence` (the verdict's evidence, as JSON). An ad that cannot be read or classified
is a row with `error` set, so every input row gives one output row, in order.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from .batch import classify_chunk
from .errors import InputError
from .model import ReadError
from .readers.rows import Fields, to_document
from .scanner import Scanner

# (column, type) in order: the `meta` a Dask map_partitions is given, the StructType a
# Spark mapInPandas returns. Types are pandas/Arrow names.
SCHEMA: tuple[tuple[str, str], ...] = (
    ("path", "string"), ("id", "string"), ("title", "string"), ("role", "string"),
    ("confidence", "float64"), ("margin", "float64"), ("runner_up", "string"), ("direction", "string"),
    ("customer", "string"), ("channel", "string"), ("sales_level", "string"), ("admin_load", "string"),
    ("warnings", "string"), ("words", "int64"), ("needs_review", "bool"), ("error", "string"),
    ("confidences", "string"), ("evidence", "string"),
)
COLUMNS = tuple(name for name, _ in SCHEMA)
MAX_BYTES = 1_000_000

_scanners: dict[tuple, Scanner] = {}  # one per worker process and rule set


def worker_scanner(rules: tuple[str, ...] = (), bundled: bool = True, model: str | None = None) -> Scanner:
    """This process's Scanner for these rules, built on first use and kept."""
    key = (tuple(rules), bundled, model)
    if key not in _scanners:
        _scanners[key] = Scanner([*rules] or None, bundled, model)
    return _scanners[key]


def classify_records(records: Iterable[dict], text: str = "text", title: str | None = "title",
                     id: str | None = "id", scanner: Scanner | None = None) -> list[dict[str, Any]]:
    """One flat row (SCHEMA) per record, in order."""
    scanner = scanner or worker_scanner()
    fields = Fields(text, id, title)
    items = []
    for n, record in enumerate(records, 1):
        try:
            items.append(to_document(record, f"row {n}", fields, MAX_BYTES))
        except InputError as exc:
            items.append(ReadError(exc.source, exc.detail, exc.id))
    return [flat(result) for result in classify_chunk(items, scanner)]


def flat(result) -> dict[str, Any]:
    """A Verdict or error row as a typed row of SCHEMA."""
    row: dict[str, Any] = dict.fromkeys(COLUMNS)
    row["id"] = None if result.id is None else str(result.id)
    if isinstance(result, ReadError):
        row.update(path=result.source, error=result.reason, needs_review=False)
        return row
    f = result.facets
    row.update(
        path=result.path, title=result.title, role=result.role, confidence=result.confidence,
        margin=result.margin, runner_up=result.runner_up, direction=f.direction, customer=f.customer,
        channel=";".join(f.channel), sales_level=f.sales_level, admin_load=f.admin_load,
        warnings=";".join(w.code for w in result.warnings), words=result.words,
        needs_review=result.needs_review,
        confidences=json.dumps({r.role: r.confidence for r in result.ranking}),
        evidence=json.dumps(result.to_dict()["evidence"], ensure_ascii=False))
    return row


def classify_partition(part, text: str = "text", title: str | None = "title", id: str | None = "id",
                       scanner: Scanner | None = None):
    """A partition in, its verdict rows out, in kind: a pandas DataFrame gives a DataFrame
    with SCHEMA's columns, an Arrow RecordBatch a RecordBatch, anything else (an iterable
    of dicts) a list of dicts."""
    if type(part).__module__.startswith("pandas"):
        import pandas

        # A missing cell is NaN in pandas: None here, as JSON null is (not the title "nan").
        records = part.astype(object).where(part.notna(), None).to_dict("records")
        rows = classify_records(records, text, title, id, scanner)
        return pandas.DataFrame(rows, columns=list(COLUMNS)).astype(pandas_dtypes())
    if type(part).__module__.startswith("pyarrow"):
        import pyarrow

        rows = classify_records(part.to_pylist(), text, title, id, scanner)
        return pyarrow.RecordBatch.from_pylist(rows, schema=arrow_schema())
    return classify_records(part, text, title, id, scanner)


def pandas_dtypes() -> dict[str, str]:
    """SCHEMA as pandas' nullable dtypes (an error row has no confidence or words)."""
    nullable = {"string": "string", "float64": "Float64", "int64": "Int64", "bool": "boolean"}
    return {name: nullable[kind] for name, kind in SCHEMA}


def arrow_schema():
    """SCHEMA as an Arrow schema."""
    import pyarrow

    kinds = {"string": pyarrow.string(), "float64": pyarrow.float64(), "int64": pyarrow.int64(),
             "bool": pyarrow.bool_()}
    return pyarrow.schema([(name, kinds[kind]) for name, kind in SCHEMA])
