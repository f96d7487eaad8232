"""Typed rows: the CSV columns with their types (confidence and margin floats, words an
integer, needs_review a boolean), plus every role's confidence and the evidence for the
verdict and the runner-up, as JSON.
The schema an engine's partition step and a Parquet file share, documented in scale.md."""

from __future__ import annotations

import json
from typing import Any

from ..model import ReadError

# (column, type) in order; types are pandas/Arrow names. An error row has only path, id and
# error (needs_review is null, as every verdict column), so every other column is nullable.
SCHEMA: tuple[tuple[str, str], ...] = (
    ("path", "string"), ("id", "string"), ("title", "string"), ("role", "string"),
    ("confidence", "float64"), ("margin", "float64"), ("runner_up", "string"), ("direction", "string"),
    ("customer", "string"), ("channel", "string"), ("sales_level", "string"), ("admin_load", "string"),
    ("warnings", "string"), ("words", "int64"), ("needs_review", "bool"), ("error", "string"),
    ("confidences", "string"), ("evidence", "string"),
)
COLUMNS = tuple(name for name, _ in SCHEMA)
CSV_COLUMNS = COLUMNS[:-2]  # the CSV's columns, before the two JSON ones
COMPACT = (",", ":")


def typed_columns(result) -> dict[str, Any]:
    """A Verdict or an error row as the CSV columns, typed (None where a column has no
    value); the one mapping of a result to columns, which report.rows renders as text."""
    row: dict[str, Any] = dict.fromkeys(CSV_COLUMNS)
    row["id"] = None if result.id is None else str(result.id)
    if isinstance(result, ReadError):
        row.update(path=result.source, error=result.reason)
        return row
    f = result.facets
    row.update(
        path=result.path, title=result.title, role=result.role, confidence=result.confidence,
        margin=result.margin, runner_up=result.runner_up, direction=f.direction, customer=f.customer,
        channel=";".join(f.channel), sales_level=f.sales_level, admin_load=f.admin_load,
        warnings=";".join(w.code for w in result.warnings), words=result.words,
        needs_review=result.needs_review)
    return row


def typed_row(result) -> dict[str, Any]:
    """A Verdict or an error row as a row of SCHEMA (the id as text: one type a column)."""
    row = typed_columns(result)
    row["confidences"] = row["evidence"] = None
    if isinstance(result, ReadError):
        return row
    # Every role's confidence, and the evidence for the verdict's role and the runner-up, as
    # the JSON contract has it: what the verdict rests on and what pulls the ad elsewhere
    # (9 KB an ad). Every role's is twice that, a cost at 10^7 ads that few readers want;
    # `--format json` has it all.
    why = (result.role, result.runner_up)
    grouped = result.grouped_evidence(why)
    row["confidences"] = json.dumps({r.role: r.confidence for r in result.ranking}, separators=COMPACT)
    row["evidence"] = json.dumps({r: grouped[r] for r in why if r in grouped}, ensure_ascii=False,
                                 separators=COMPACT)
    return row


def pandas_dtypes() -> dict[str, str]:
    """SCHEMA as pandas' nullable dtypes (an error row has no confidence or words)."""
    nullable = {"string": "string", "float64": "Float64", "int64": "Int64", "bool": "boolean"}
    return {name: nullable[kind] for name, kind in SCHEMA}


def arrow_schema():
    """SCHEMA as an Arrow schema (pyarrow is imported here, when asked for)."""
    import pyarrow

    kinds = {"string": pyarrow.string(), "float64": pyarrow.float64(), "int64": pyarrow.int64(),
             "bool": pyarrow.bool_()}
    return pyarrow.schema([(name, kinds[kind]) for name, kind in SCHEMA])

