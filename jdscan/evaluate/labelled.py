"""Read labelled ads (JSONL or CSV) for `jdscan eval`."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError, json_problem

DIRECTIONS = {"inbound", "outbound", "both", "none"}


@dataclass(frozen=True)
class LabelledAd:
    id: str
    text: str
    title: str
    label: str
    direction: str | None = None
    source: str = ""  # where the ad came from (repository@commit:path): its corpus is the repository

    @property
    def corpus(self) -> str:
        """The collection the ad was drawn from: its source's repository (empty when unknown)."""
        return self.source.partition("@")[0]


def read_labelled(path: Path, labels: set[str]) -> list[LabelledAd]:
    """Every row of a labelled JSONL or CSV file; every bad row is reported at once."""
    if not path.is_file():
        raise UsageError(f"{path}: no such file (try a JSONL or CSV file with text and label fields)")
    rows = _csv_rows(path) if path.suffix.lower() == ".csv" else _jsonl_rows(path)
    ads, problems = [], []
    for line, row in rows:
        try:
            ads.append(_to_ad(row, line, labels))
        except ValueError as exc:
            problems.append(f"{path}:{line}: {exc}")
    if problems:
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise UsageError("bad labelled rows:\n  " + "\n  ".join(problems[:20]) + more)
    if not ads:
        raise UsageError(f"{path}: no labelled rows (try one JSON object per line with text and label)")
    return ads


def _jsonl_rows(path: Path):
    with path.open(encoding="utf-8-sig") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield n, json.loads(line)
            except json.JSONDecodeError as exc:
                yield n, ValueError(f"not valid JSON ({json_problem(exc)})")


def _csv_rows(path: Path):
    with path.open(encoding="utf-8-sig", newline="") as fh:
        yield from enumerate(csv.DictReader(fh), 2)


def _to_ad(row, line: int, labels: set[str]) -> LabelledAd:
    if isinstance(row, Exception):
        raise row
    if not isinstance(row, dict):
        raise ValueError("expected an object with text and label fields")  # noqa: TRY004 (a bad row, reported with its line)
    text, label = row.get("text"), row.get("label")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("missing or empty `text`")
    if label not in labels:
        raise ValueError(f"label {label!r} is not one of: {', '.join(sorted(labels))}")
    direction = row.get("direction") or None
    if direction is not None and direction not in DIRECTIONS:
        raise ValueError(f"direction {direction!r} is not one of: {', '.join(sorted(DIRECTIONS))}")
    return LabelledAd(str(row.get("id") or f"line-{line}"), text, str(row.get("title") or ""),
                      label, direction, str(row.get("source") or ""))
