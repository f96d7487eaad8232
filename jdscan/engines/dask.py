"""Dask: map the partition step over a dask DataFrame or bag of ads (lazily, with the typed
schema as `meta`), or send a batch's chunks to a running cluster (`jdscan classify --dask
ADDRESS`). Tasks carry a ScannerSpec, never a Scanner: each worker process builds its
Scanner on its first task and keeps it (`pip install 'jdscan[dask]'`)."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..batch import Item, chunked, classify_chunk, lost_rows
from ..errors import UsageError
from .partition import (
    ScannerSpec,
    classify_partition,
    classify_records,
    require_text,
    scanner_lock,
    worker_scanner,
)

IN_FLIGHT_PER_WORKER = 3
CONNECT_SECONDS = 10


def classify_dask(ads, text: str = "text", title: str | None = "title", id: str | None = "id",
                  spec: ScannerSpec = ScannerSpec()):
    """Verdicts for a dask DataFrame of ads (a dask DataFrame of the typed schema, one row
    per ad, same partitions and index) or a dask bag of dicts (a bag of row dicts). Lazy:
    compute it, or write it with `to_parquet`, on whatever scheduler or Client is active."""
    import dask.bag

    if isinstance(ads, dask.bag.Bag):
        return ads.map_partitions(classify_records, text, title, id, spec)
    require_text(ads.columns, text)
    return ads.map_partitions(classify_partition, text, title, id, spec, meta=empty_verdicts(),
                              enforce_metadata=False)


def empty_verdicts():
    """An empty pandas DataFrame of the typed schema: `meta` for Dask."""
    import pandas

    from ..report.typed import COLUMNS, pandas_dtypes

    return pandas.DataFrame({name: [] for name in COLUMNS}).astype(pandas_dtypes())


def classify_on_cluster(address: str, items: Iterable[Item], spec: ScannerSpec,
                        transform: Callable | None = None) -> Iterator[Any]:
    """A batch's items (Documents and error rows, read here) classified on the Dask cluster
    at `address`, a chunk a task: results in input order, a few chunks per worker in
    flight, as `jdscan.batch.classify_stream` does with local processes. It connects at
    once, so that a wrong address is said before any output is written."""
    return _stream(_client(address), items, spec, transform)


def _stream(client, items: Iterable[Item], spec: ScannerSpec, transform: Callable | None) -> Iterator[Any]:
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        pending: deque = deque()
        for chunk in chunked(items):
            pending.append((chunk, client.submit(_chunk_task, chunk, spec, transform, pure=False)))
            if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield from _result(*pending.popleft(), transform)
        while pending:
            yield from _result(*pending.popleft(), transform)
    finally:
        client.close()


def _chunk_task(chunk: list[Item], spec: ScannerSpec, transform: Callable | None) -> list:
    scanner = worker_scanner(spec)
    with scanner_lock:  # a worker with several threads classifies one chunk at a time
        return classify_chunk(chunk, scanner, transform)


def _result(chunk: list[Item], future, transform: Callable | None) -> list:
    """The chunk's results; when the cluster gives up on it (a worker killed again and
    again, or jdscan missing there), its ads become error rows that say why. When the
    scheduler itself went away, the run stops instead: those ads were never classified,
    and error rows would make --resume take them as done."""
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 (an error row, never a lost ad)
        if _lost_scheduler(exc, future):
            raise UsageError("the Dask scheduler went away during the run: what was classified before is kept "
                             "(try the same command with --output and --resume once the cluster is back)") from None
        return lost_rows(chunk, _why_lost(exc), transform)


def _why_lost(exc: Exception) -> str:
    """An error row's reason for a chunk the cluster gave up on: a worker that died running
    it (KilledWorker) said as such; anything else by its own first words, cut at a word."""
    if type(exc).__name__ == "KilledWorker":
        return ("could not be classified: the Dask workers that ran it died each time (killed, or out of "
                "memory?) (try workers with more memory, a smaller --max-size, or a run without --dask)")
    text = " ".join(str(exc).split())
    if len(text) > 160:
        text = text[:160].rsplit(" ", 1)[0] + " …"
    return (f"could not be classified on the Dask cluster ({type(exc).__name__}: {text}) (try a run without "
            "--dask to see the error here, or the same jdscan version and rules on every worker)")


def _lost_scheduler(exc: Exception, future) -> bool:
    """Whether a chunk failed because the scheduler went away (its connection closed, the
    chunk cancelled with it), not because of the chunk."""
    import asyncio
    import concurrent.futures

    if isinstance(exc, (asyncio.CancelledError, concurrent.futures.CancelledError, OSError, TimeoutError)):
        return True
    client = getattr(future, "client", None)
    return getattr(client, "status", "running") not in ("running", "connecting")


def _client(address: str):
    try:
        from distributed import Client
    except ImportError:
        raise UsageError("--dask needs Dask's distributed scheduler (try `pip install 'jdscan[dask]'`)") from None
    try:
        return Client(address, timeout=CONNECT_SECONDS, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise UsageError(f"--dask {address}: no Dask scheduler answers there ({type(exc).__name__}: {exc}) "
                         "(try the address `dask scheduler` printed, like tcp://10.0.0.5:8786)") from None
