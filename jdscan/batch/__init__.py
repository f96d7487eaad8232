"""A batch: a stream of inputs classified in order, in this process or in worker processes
(this module), jdscan's own worker pool, which survives a worker killed at any instant
(`pool`), the guarded output file (`output`: partial, locked, renamed when whole) and
going on after a stop (`resume`).

Memory stays flat however long the stream: inputs are read lazily, and at most a few
chunks per worker are in flight at once. Results come back in input order.

May import: `jdscan.scanner`, `jdscan.limits`, `jdscan.model`, `jdscan.text.document`,
`jdscan.errors`.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice
from typing import Any

from ..limits import TIME_LIMIT, AdTimeout, time_limit
from ..model import ReadError, Verdict
from ..scanner import Scanner
from ..text.document import Document
from .pool import Event, Pool

CHUNK = 64  # ads per nlp.pipe batch and per task sent to a worker

Item = Document | ReadError
Result = Verdict | ReadError

_worker_scanner: Scanner | None = None  # what a worker process classifies with (set before it forks)
_worker_transform: Callable | None = None
_worker_limit: float | None = None


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def classify_stream(scanner: Scanner, items: Iterable[Item], jobs: int = 1,
                    transform: Callable[[Result], Any] | None = None,
                    limit: float | None = TIME_LIMIT, events: Callable[[Event], None] | None = None) -> Iterator[Any]:
    """Every item as a Verdict or, for a ReadError or an ad that cannot be classified, an
    error row: one result per item, in order. `jobs` > 1 uses that many worker processes.
    `transform` (a module-level function, so that it pickles) is applied to each result
    where it is made: in a worker, the rendering work leaves the main process. `limit`:
    the seconds one ad may take (None: no limit); an ad past it is an error row. `events`:
    told of each worker that dies, and of what is retried (the command says it on stderr)."""
    chunks = chunked(items)
    first = next(chunks, [])
    second = next(chunks, None) if jobs > 1 else None
    if second is None:  # one chunk is done before a pool of workers would have started
        yield from classify_chunk(first, scanner, transform, limit)
        for chunk in chunks:
            yield from classify_chunk(chunk, scanner, transform, limit)
        return
    yield from _parallel(scanner, chain([first, second], chunks), jobs, transform, limit, events)


def classify_chunk(chunk: list[Item], scanner: Scanner | None = None,
                   transform: Callable[[Result], Any] | None = None, limit: float | None = None) -> list:
    """One chunk, batched through nlp.pipe; an ad the pipeline fails on, or that runs past
    `limit` seconds, becomes an error row (spaCy refuses texts over its max_length, for
    instance) and the others still count."""
    scanner = scanner or _worker_scanner
    docs = [item for item in chunk if isinstance(item, Document)]
    try:
        with time_limit(limit):  # the whole chunk in one ad's time: a real chunk takes ~0.5 s
            verdicts = iter(list(scanner.classify_many(docs, batch_size=CHUNK)))
    except Exception:  # noqa: BLE001 (find the ad at fault below, one by one)
        verdicts = iter([_one(scanner, d, limit) for d in docs])
    results = [item if isinstance(item, ReadError) else next(verdicts) for item in chunk]
    return [transform(r) for r in results] if transform else results


def _one(scanner: Scanner, doc: Document, limit: float | None) -> Result:
    try:
        with time_limit(limit):
            return scanner.classify_document(doc)
    except AdTimeout as exc:
        return ReadError(doc.source, f"could not be classified: it {exc} (try --time-limit with a larger "
                         "limit, or a smaller --max-size)", doc.id)
    except Exception as exc:  # noqa: BLE001 (an error row, never a lost ad)
        return ReadError(doc.source, f"could not be classified ({type(exc).__name__}: "
                         f"{str(exc)[:200]})", doc.id)


def chunked(items: Iterable[Item]) -> Iterator[list[Item]]:
    """The items in lists of CHUNK, read lazily."""
    it = iter(items)
    while chunk := list(islice(it, CHUNK)):
        yield chunk


def _parallel(scanner: Scanner, chunks: Iterator[list[Item]], jobs: int, transform, limit,
              events: Callable | None = None) -> Iterator[Any]:
    """Chunks through jdscan's own pool of workers (batch.pool), results in order. A worker
    that dies costs a second try of its chunks, each alone in a fresh worker; a chunk whose
    worker dies again gives its ads as error rows that say so."""
    global _worker_scanner, _worker_transform, _worker_limit
    _worker_scanner, _worker_transform, _worker_limit = scanner, transform, limit
    # fork shares the built scanner with the workers at no cost; elsewhere each worker
    # rebuilds it from the rule folders (Scanner pickles as its arguments). settle_gc in
    # each worker: the objects it inherits leave the collector's view, so full collections
    # stay cheap and do not touch (and copy) every inherited page: workers ran 20% slower
    # without it.
    fork = "fork" in multiprocessing.get_all_start_methods()
    init, args = (settle_gc, ()) if fork else (_init, (scanner, transform, limit))
    pool = Pool(jobs, classify_chunk_in_worker, init, args, limit, events,
                lambda chunk: lost_rows(chunk, LOST, transform))
    yield from pool.run(chunks)


def classify_chunk_in_worker(chunk: list[Item]) -> list:
    """A chunk as a worker process classifies it (looked up here at each call, so that a
    test can replace classify_chunk before the workers fork)."""
    return classify_chunk(chunk, None, _worker_transform, _worker_limit)


def lost_rows(chunk: list[Item], reason: str, transform: Callable[[Result], Any] | None = None) -> list:
    """A chunk whose ads could not be classified, as error rows that say why (its error
    rows stay as they were), made where no worker is needed."""
    lost = [item if isinstance(item, ReadError) else ReadError(item.source, reason, item.id) for item in chunk]
    return [transform(r) for r in lost] if transform else lost


LOST = ("could not be classified: the worker process classifying it stopped twice (killed, or out "
        "of memory?) (try --jobs 1 or a smaller --max-size)")


# Young-generation collections every GC_YOUNG allocations, not Python's 700: an ad makes
# a few hundred small tuples (hits, evidence), nearly all freed by reference counting, and
# the collector's passes over them and over the verdicts a caller keeps cost 5-8% of a
# batch with fitted weights (about 90 evidence items an ad) and nothing in return.
GC_YOUNG = 50_000


def settle_gc() -> None:
    """For a long batch once the scanner is built: freeze what start-up made (the collector
    no longer walks it) and collect the young generation less often. The `jdscan` command
    and its worker processes do this; a library caller running many ads may too."""
    gc.freeze()
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(GC_YOUNG, older, oldest)


def _init(scanner: Scanner, transform, limit) -> None:
    global _worker_scanner, _worker_transform, _worker_limit
    _worker_scanner, _worker_transform, _worker_limit = scanner, transform, limit
    settle_gc()
