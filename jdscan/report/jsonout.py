"""JSON and JSON Lines output of verdicts and error rows (the documented contract)."""

from __future__ import annotations

import json
from typing import TextIO

from ..model import ReadError, Verdict
from ..summary import BatchSummary

SCHEMAS = ("classify",)  # the JSON outputs with a shipped JSON Schema (jdscan/schemas/NAME.schema.json)


def schema_text(name: str, strict: bool = False) -> str:
    """The JSON Schema (2020-12) of an output. `strict`: as shipped in the package, no key
    beyond those of this version; else without that rule, so that output of a later minor
    version (which only adds fields) still validates, as docs/json.md promises."""
    from importlib.resources import files

    if name not in SCHEMAS:
        raise ValueError(f"no schema called {name!r}")
    text = (files("jdscan") / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8")
    return text if strict else json.dumps(_open(json.loads(text)), indent=2, ensure_ascii=False) + "\n"


def _open(node):
    """A schema without its `additionalProperties: false`."""
    if isinstance(node, dict):
        return {k: _open(v) for k, v in node.items() if not (k == "additionalProperties" and v is False)}
    return [_open(v) for v in node] if isinstance(node, list) else node


def to_jsonl_line(item: Verdict | ReadError) -> str:
    """A verdict's JSON object, or an error row ({schema_version, path, id, error}), on one line."""
    return json.dumps(item.to_dict(), ensure_ascii=False)


class JsonlWriter:
    """One compact JSON object per line, written as each result arrives."""

    def __init__(self, out: TextIO):
        self.out = out

    def write(self, line: str) -> None:
        self.out.write(line + "\n")

    def close(self, summary: BatchSummary) -> None:
        self.out.flush()


class JsonWriter:
    """An object for one ad, an array for several, streamed: only the first is held back
    until we know which."""

    def __init__(self, out: TextIO):
        self.out = out
        self.first: dict | None = None
        self.count = 0

    def write(self, data: dict) -> None:
        self.count += 1
        if self.count == 1:
            self.first = data
            return
        if self.count == 2:
            self.out.write("[\n" + _indented(self.first))
        self.out.write(",\n" + _indented(data))

    def close(self, summary: BatchSummary) -> None:
        if self.count == 0:
            self.out.write("[]\n")
        elif self.count == 1:
            self.out.write(json.dumps(self.first, ensure_ascii=False, indent=2) + "\n")
        else:
            self.out.write("\n]\n")
        self.out.flush()


def _indented(data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return "\n".join("  " + line for line in text.splitlines())
