"""The commands' core: plain functions that return plain results. No printing, no exiting."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from .batch import classify_stream
from .batch.resume import skip_done
from .errors import UsageError
from .model import OTHER, ReadError
from .readers import ReadOptions, read_inputs
from .scanner import Scanner
from .text.document import Document

if TYPE_CHECKING:
    from .evaluate.metrics import EvalReport


def classify_inputs(scanner: Scanner, paths: list[str | Path], stdin: bytes | BinaryIO | None = None,
                    options: ReadOptions | None = None, jobs: int = 1,
                    transform: Callable | None = None, skip: Counter | None = None,
                    dask: str | None = None, events: Callable | None = None) -> Iterator:
    """Every input (files, folders, globs, tabular rows, `-`) as a Verdict or an error row
    (or what `transform` makes of it), in input order, streamed. `skip`: paths already
    done, each as often as done (--resume), left out before they are read further.
    `dask`: a Dask scheduler's address; its workers classify, instead of `jobs` processes.
    `events`: told of each worker process that dies, and what is retried (batch.pool.Event)."""
    items = read_inputs(paths, options, stdin)
    if skip:
        items = skip_done(items, skip)
    if dask:
        from .engines.dask import classify_on_cluster
        from .engines.partition import ScannerSpec

        return classify_on_cluster(dask, items, ScannerSpec.of(scanner), transform)
    return classify_stream(scanner, items, jobs, transform, (options or ReadOptions()).time_limit, events)


def one_ad(path: str | Path, stdin: bytes | BinaryIO | None = None, options: ReadOptions | None = None,
           row: int | None = None, ad_id: str | None = None) -> Document:
    """The one ad an input holds: a file, or one row of a table chosen by its number (the
    one after the colon in its location, `ads.csv:26`) or by its id. A UsageError says
    what to try when there is none, or more than one."""
    items = read_inputs([path], options, stdin)
    if row is None and ad_id is None:
        first = list(islice(items, 2))
        if len(first) != 1:
            raise UsageError(f"{path}: explain takes one ad, and this holds several (try a file, or "
                             "--row N or --id ID for one row of a table)")
        return _readable(first[0])
    seen, unreadable, first_bad = 0, 0, None
    for item in items:
        seen += 1
        if isinstance(item, ReadError):
            unreadable, first_bad = unreadable + 1, first_bad or item
        source = str(getattr(item, "source", ""))
        if isinstance(item, ReadError) and source == str(path):
            return _readable(item)  # the table as a whole cannot be read ("no column 'text'")
        at = source.rpartition(":")[2]
        if (row is not None and at == str(row)) or (ad_id is not None and _id_text(item) == ad_id):
            return _readable(item)
    chosen = f"row {row}" if row is not None else f"id {ad_id!r}"
    why = (f"; {unreadable:,} could not be read, the first {first_bad.source}: {first_bad.reason}"
           if first_bad else "")
    raise UsageError(f"{path}: no ad at {chosen} among its {seen:,}{why} (try a row number or an id that "
                     "`jdscan classify` shows for it)")


def _id_text(item) -> str | None:
    return None if getattr(item, "id", None) is None else str(item.id)


def _readable(item: Document | ReadError) -> Document:
    if isinstance(item, ReadError):
        raise UsageError(f"{item.source}: {item.reason}")
    return item


def labels_of(scanner: Scanner) -> list[str]:
    """Every label the loaded rules can give, `other` included."""
    return list(scanner.rules.roles) + ([] if OTHER in scanner.rules.roles else [OTHER])


def evaluate_file(scanner: Scanner, path: Path, body_only: bool = False) -> EvalReport:
    """Classify every labelled ad in a JSONL/CSV file and score the verdicts."""
    # Imported here: classifying is the common start, and it needs none of the evaluation.
    from .evaluate.labelled import read_labelled
    from .evaluate.metrics import evaluate

    labels = labels_of(scanner)
    ads = read_labelled(path, set(labels))
    docs = (Document(ad.id, "" if body_only else ad.title, ad.text, id=ad.id) for ad in ads)
    return evaluate(zip(ads, scanner.classify_many(docs)), labels, body_only)
