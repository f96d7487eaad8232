"""JSON and JSON Lines output of verdicts and error rows (the documented contract)."""

from __future__ import annotations

import json

from ..model import SCHEMA_VERSION, Verdict
from ..readers.text import ReadError


def result_dict(item: Verdict | ReadError) -> dict:
    """A verdict's JSON object, or an error row: {schema_version, path, error}."""
    if isinstance(item, ReadError):
        return {"schema_version": SCHEMA_VERSION, "path": item.source, "error": item.reason}
    return item.to_dict()


def to_json(results: list) -> str:
    """One object for one ad; an array for several."""
    data = [result_dict(r) for r in results]
    return json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=2)


def to_jsonl_line(item: Verdict | ReadError) -> str:
    return json.dumps(result_dict(item), ensure_ascii=False)
