"""Classify a partition of ads (records, a pandas DataFrame, or an Arrow RecordBatch) into
flat verdict rows with a fixed, typed schema (report.typed.SCHEMA): the step a Dask or
Spark pipeline maps over its partitions. An ad that cannot be read or classified is a row
with `error` set, so every input row gives one output row, in order.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

from ..batch import classify_chunk
from ..errors import UsageError
from ..readers.rows import Fields, guard, keyed, to_document
from ..readers.text import MAX_BYTES
from ..report.typed import COLUMNS, arrow_schema, pandas_dtypes, typed_row
from ..scanner import Scanner


class ScannerSpec(NamedTuple):
    """How a worker builds its Scanner: rule folders layered on the bundled rules (paths
    the workers can read), the bundled rules or not, a spaCy pipeline (installed on the
    workers), a review threshold."""

    rules: tuple[str, ...] = ()
    bundled: bool = True
    model: str | None = None
    review_below: float | None = None
    weights: bool = True  # the fitted weights file (False: the hand-set weights)
    lexicon: bool = True  # the fitted lexicon counts (False: --no-lexicon)

    @classmethod
    def of(cls, scanner: Scanner) -> ScannerSpec:
        """The spec that rebuilds this scanner."""
        return cls(tuple(str(p) for p in scanner.rule_dirs or ()), scanner.bundled, scanner.model,
                   scanner.review_below, scanner.use_weights, scanner.use_lexicon)

    def build(self) -> Scanner:
        return Scanner([Path(p) for p in self.rules] or None, self.bundled, self.model, self.weights,
                       self.review_below, self.lexicon)


_scanners: dict[ScannerSpec, Scanner] = {}  # this process's, one per spec
# Dask's default scheduler, and a worker with several threads, run partitions in threads
# of one process: one builds the Scanner while the others wait, and one partition is
# classified at a time (spaCy's matchers are not made for concurrent use, and the GIL
# would run the threads one at a time anyway).
scanner_lock = threading.RLock()  # hold it to classify with a worker_scanner() beside the engines


def worker_scanner(spec: ScannerSpec = ScannerSpec()) -> Scanner:
    """This process's Scanner for the spec, built on first use and kept."""
    with scanner_lock:
        if spec not in _scanners:
            _scanners[spec] = spec.build()
        return _scanners[spec]


def classify_records(records: Iterable[dict], text: str = "text", title: str | None = "title",
                     id: str | None = "id", spec: ScannerSpec = ScannerSpec(),
                     scanner: Scanner | None = None) -> list[dict[str, Any]]:
    """One typed row (SCHEMA) per record, in order; `scanner` overrides the spec's. Fields
    are found by their names as given, else whatever their case (`Text` for `text`)."""
    scanner = scanner or worker_scanner(spec)
    fields = Fields(text, id, title)
    items = [guard(to_document, keyed(record, fields), f"row {n}", fields, MAX_BYTES)
             for n, record in enumerate(records, 1)]
    with scanner_lock:
        results = classify_chunk(items, scanner)
    return [typed_row(result) for result in results]


def classify_partition(part, text: str = "text", title: str | None = "title", id: str | None = "id",
                       spec: ScannerSpec = ScannerSpec(), scanner: Scanner | None = None):
    """A partition in, its verdict rows out, in kind: a pandas DataFrame gives a DataFrame
    with SCHEMA's columns (and the partition's index), an Arrow RecordBatch a RecordBatch,
    anything else (an iterable of dicts) a list of dicts."""
    kind = type(part).__module__
    if kind.startswith("pandas"):
        import pandas

        # A missing cell is NaN in pandas: None here, as JSON null is (not the title "nan").
        records = part.astype(object).where(part.notna(), None).to_dict("records")
        rows = classify_records(records, text, title, id, spec, scanner)
        frame = pandas.DataFrame(rows, columns=list(COLUMNS)).astype(pandas_dtypes())
        frame.index = part.index  # so that verdicts join back onto the ads
        return frame
    if kind.startswith("pyarrow"):
        import pyarrow

        rows = classify_records(part.to_pylist(), text, title, id, spec, scanner)
        return pyarrow.RecordBatch.from_pylist(rows, schema=arrow_schema())
    return classify_records(part, text, title, id, spec, scanner)


def require_text(columns: Iterable, text: str) -> None:
    """A UsageError, before an engine starts work, when no column is the text column (its
    name whatever its case): every ad would be an error row."""
    names = [str(c) for c in columns]
    if not any(name.casefold() == text.casefold() for name in names):
        raise UsageError(f"the ads have no column {text!r} (columns: {', '.join(names[:12])}; "
                         "try text='NAME' to name the one that holds the ad)")
