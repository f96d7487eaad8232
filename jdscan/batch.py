"""Classify a stream of inputs in order, in this process or in worker processes.

Memory stays flat however long the stream: inputs are read lazily, and at most a few
chunks per worker are in flight at once. Results come back in input order.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, islice
from typing import Any

from .limits import TIME_LIMIT, AdTimeout, time_limit
from .model import ReadError, Verdict
from .scanner import Scanner
from .text.document import Document

CHUNK = 64  # ads per nlp.pipe batch and per task sent to a worker
IN_FLIGHT_PER_JOB = 3

Item = Document | ReadError
Result = Verdict | ReadError

_worker_scanner: Scanner | None = None


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def classify_stream(scanner: Scanner, items: Iterable[Item], jobs: int = 1,
                    transform: Callable[[Result], Any] | None = None,
                    limit: float | None = TIME_LIMIT) -> Iterator[Any]:
    """Every item as a Verdict or, for a ReadError or an ad that cannot be classified, an
    error row: one result per item, in order. `jobs` > 1 uses that many worker processes.
    `transform` (a module-level function, so that it pickles) is applied to each result
    where it is made: in a worker, the rendering work leaves the main process. `limit`:
    the seconds one ad may take (None: no limit); an ad past it is an error row."""
    chunks = chunked(items)
    first = next(chunks, [])
    second = next(chunks, None) if jobs > 1 else None
    if second is None:  # one chunk is done before a pool of workers would have started
        yield from classify_chunk(first, scanner, transform, limit)
        for chunk in chunks:
            yield from classify_chunk(chunk, scanner, transform, limit)
        return
    yield from _parallel(scanner, chain([first, second], chunks), jobs, transform, limit)


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


def _parallel(scanner: Scanner, chunks: Iterator[list[Item]], jobs: int, transform, limit) -> Iterator[Any]:
    """Chunks through a pool of workers, results in order. A worker that dies (killed, out of
    memory) costs a fresh pool and a second try of the chunks that were in flight, one at a
    time, so that a chunk that kills its worker again is known: its ads become error rows."""
    redo: deque[list[Item]] = deque()
    while True:
        pending: deque[list] = deque()  # [chunk, its Future]
        try:
            with _pool(scanner, jobs) as pool:
                while redo:
                    rows, broken = _alone(pool, redo.popleft(), transform, limit)
                    yield from rows
                    if broken:
                        raise BrokenProcessPool("a chunk's worker stopped twice")
                for chunk in chunks:
                    entry = [chunk, None]  # pending before it is submitted: a broken pool refuses the submit
                    pending.append(entry)
                    entry[1] = pool.submit(classify_chunk, chunk, None, transform, limit)
                    if len(pending) >= jobs * IN_FLIGHT_PER_JOB:
                        yield from _next_result(pending)
                while pending:
                    yield from _next_result(pending)
            return
        except BrokenProcessPool:
            redo.extend(chunk for chunk, _ in pending)  # in order; their results were never yielded


def _next_result(pending: deque) -> list:
    result = pending[0][1].result()  # BrokenProcessPool leaves the chunk pending, for a second try
    pending.popleft()
    return result


def _alone(pool: ProcessPoolExecutor, chunk: list[Item], transform, limit) -> tuple[list, bool]:
    """A chunk tried again on its own: its results, or, when its worker dies again, its ads
    as error rows, made here (they need no worker), and True: the pool is broken."""
    try:
        return pool.submit(classify_chunk, chunk, None, transform, limit).result(), False
    except BrokenProcessPool:
        return lost_rows(chunk, LOST, transform), True


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


def _pool(scanner: Scanner, jobs: int) -> ProcessPoolExecutor:
    # fork shares the built scanner with the workers at no cost; elsewhere each worker
    # rebuilds it from the rule folders (Scanner pickles as its arguments).
    if "fork" in multiprocessing.get_all_start_methods():
        global _worker_scanner
        _worker_scanner = scanner
        # settle_gc in each worker: the objects it inherits (the scanner, and whatever the
        # caller holds) leave the collector's view, so full collections stay cheap and do
        # not touch (and copy) every inherited page: workers ran 20% slower without it.
        return ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"),
                                   initializer=settle_gc)
    return ProcessPoolExecutor(jobs, initializer=_init, initargs=(scanner,))


def _init(scanner: Scanner) -> None:
    global _worker_scanner
    _worker_scanner = scanner
