"""Worker processes of jdscan's own, for a batch that cannot hang on a dead worker.

`concurrent.futures` shares one result queue among its workers: a worker killed while it
writes a result leaves a torn message and a held lock in it, and the whole pool waits
forever. Here each worker has its own task pipe and its own result pipe; a worker that
dies tears only its own pipes, which go with it. The parent waits on every result pipe
and every worker's sentinel at once (`multiprocessing.connection.wait`), gives a dead
worker's chunks to a fresh worker, and after a second death of the same chunk makes its
ads error rows. A chunk that runs far past the time it may take (a worker stuck where the
per-ad time limit cannot reach) is treated as a dead worker's.

Workers never outlive the parent: they stop at the end of their task pipe (the parent's
end closes when it exits, however it exits) and, on Linux, on the parent-death signal;
they hold none of the parent's files (stdin, stdout and stderr are /dev/null in them).
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import time
from collections.abc import Callable, Iterator
from multiprocessing.connection import wait
from typing import Any, NamedTuple

# A worker holds one chunk at a time: a second one waiting in its task pipe could fill the
# pipe while the worker fills its result pipe, each side blocked on the other. It gets the
# next chunk as soon as its results are read, before they are unpickled.
IN_FLIGHT = 1
READ_AHEAD = 2  # chunks read per worker, so that a freed worker has one to take at once
SLACK = 60.0  # seconds on top of a chunk's time limit before its worker is taken for hung


class Event(NamedTuple):
    """Something an operator should hear of: a worker that died, and what is retried."""

    kind: str  # "died", "retried", "lost"
    message: str


class Worker:
    def __init__(self, context, work: Callable, init: Callable, args: tuple):
        tasks_out, self.tasks = context.Pipe(duplex=False)
        self.results, results_in = context.Pipe(duplex=False)
        self.process = context.Process(target=_serve, args=(tasks_out, results_in, work, init, args), daemon=True)
        self.process.start()
        tasks_out.close()
        results_in.close()
        self.flight: dict[int, float] = {}  # chunk number -> when it was sent

    def send(self, seq: int, chunk: list) -> None:
        self.flight[seq] = time.monotonic()
        self.tasks.send((seq, chunk))

    def stop(self, kill: bool = False) -> None:
        if kill and self.process.is_alive():
            self.process.kill()
        for conn in (self.tasks, self.results):
            conn.close()
        self.process.join(timeout=5)


class Pool:
    """Chunks in, results out in order; see the module's docstring."""

    def __init__(self, jobs: int, work: Callable[[list], list], init: Callable, args: tuple, deadline: float | None,
                 events: Callable[[Event], None] | None = None, lost: Callable[[list], list] | None = None):
        """`work(chunk)` gives a chunk's results in a worker, after `init(*args)` set it up;
        `deadline`: seconds an item may take (None: no watchdog); `lost(chunk)`: a chunk's
        results when its worker died twice on it."""
        methods = multiprocessing.get_all_start_methods()
        self.context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self.jobs, self.work, self.init, self.args = jobs, work, init, args
        self.deadline, self.events, self.lost = deadline, events or (lambda e: None), lost
        self.workers: list[Worker] = []

    def run(self, chunks: Iterator[list]) -> Iterator[Any]:
        """Each chunk's results, in the chunks' order."""
        pending: dict[int, list] = {}  # chunk number -> chunk, until its results are in
        tries: dict[int, int] = {}
        done: dict[int, list] = {}
        redo: list[int] = []
        next_out = n_in = 0
        exhausted = False
        try:
            while True:
                while (not exhausted and len(pending) < self.jobs * READ_AHEAD
                       and n_in - next_out < 4 * self.jobs * READ_AHEAD):  # a slow chunk holds back the rest
                    chunk = next(chunks, None)
                    if chunk is None:
                        exhausted = True
                        break
                    pending[n_in] = chunk
                    redo.append(n_in)
                    n_in += 1
                self._assign(redo, pending, tries)
                while next_out in done:
                    yield from done.pop(next_out)
                    next_out += 1
                if exhausted and not pending:
                    return
                self._collect(pending, tries, done, redo)
        finally:
            for worker in self.workers:
                worker.stop(kill=True)

    def _assign(self, redo: list[int], pending: dict[int, list], tries: dict[int, int]) -> None:
        """Hand out what waits: a retried chunk only to a worker with nothing else in hand."""
        while len(self.workers) < self.jobs:
            self.workers.append(Worker(self.context, self.work, self.init, self.args))
        for seq in sorted(redo):
            idle = [w for w in self.workers if not w.flight]
            fits = idle if tries.get(seq) else [w for w in self.workers if len(w.flight) < IN_FLIGHT
                                                and not any(tries.get(s) for s in w.flight)]
            if not fits:
                break
            worker = min(fits, key=lambda w: len(w.flight))
            try:
                worker.send(seq, pending[seq])
            except OSError:  # it died since: the wait below finds its sentinel
                worker.flight.pop(seq, None)
                break
            redo.remove(seq)

    def _collect(self, pending, tries, done, redo) -> None:
        """Wait for a result, a death or a deadline; take what came."""
        ready = wait([w.results for w in self.workers] + [w.process.sentinel for w in self.workers], timeout=1.0)
        for worker in list(self.workers):
            if worker.results in ready:
                try:
                    data = worker.results.recv_bytes()
                except (EOFError, OSError):  # it died while sending: the sentinel says so too
                    self._died(worker, pending, tries, done, redo, "died while sending its results")
                    continue
                worker.flight.clear()
                self._assign(redo, pending, tries)  # its next chunk first: it works while we unpickle
                seq, rows = pickle.loads(data)
                pending.pop(seq, None)
                done[seq] = rows
            elif worker.process.sentinel in ready:
                worker.process.join(timeout=5)  # its exit code is known once it is reaped
                code = worker.process.exitcode
                why = f"was killed (signal {-code})" if code is not None and code < 0 else f"stopped (exit code {code})"
                self._died(worker, pending, tries, done, redo, why)
            elif self._overdue(worker, pending):
                self._died(worker, pending, tries, done, redo, "ran past its chunk's time limit and was stopped")

    def _overdue(self, worker: Worker, pending: dict[int, list]) -> bool:
        if self.deadline is None or not worker.flight:
            return False
        seq, since = min(worker.flight.items(), key=lambda kv: kv[1])
        return time.monotonic() - since > self.deadline * (len(pending[seq]) + 1) + SLACK

    def _died(self, worker: Worker, pending, tries, done, redo, why: str) -> None:
        worker.stop(kill=True)
        self.workers.remove(worker)
        held = sorted(worker.flight)
        self.events(Event("died", f"a worker process {why}, holding {len(held)} chunk(s) of ads"))
        for seq in held:
            tries[seq] = tries.get(seq, 0) + 1
            if tries[seq] >= 2:
                done[seq] = self.lost(pending.pop(seq))
                self.events(Event("lost", f"a chunk of {len(done[seq])} ads stopped its worker twice: its ads "
                                  "are error rows"))
            else:
                redo.append(seq)
                self.events(Event("retried", f"a chunk of {len(pending[seq])} ads is tried again, alone, "
                                  "in a fresh worker"))


def _serve(tasks, results, work: Callable, init: Callable, args: tuple) -> None:
    """A worker's life: work each chunk it is sent, until its task pipe ends (or, on
    Linux, its parent dies)."""
    if not _detach():
        return
    init(*args)
    while True:
        try:
            seq, chunk = tasks.recv()
        except (EOFError, OSError):
            return
        results.send((seq, work(chunk)))


def _detach() -> bool:
    """Hold none of the parent's streams or files (its standard streams, its output file:
    each becomes /dev/null here, so no number is reused under an object that still holds it),
    and die with the parent (Linux). False when the parent is gone already."""
    null = os.open(os.devnull, os.O_RDWR)
    for fd in [0, 1, 2, *_regular_files()]:
        if fd != null:
            os.dup2(null, fd)
    os.close(null)
    try:
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: the end of the task pipe stops the worker instead
    return os.getppid() != 1  # 1: the parent died before the signal was asked for


def _regular_files() -> list[int]:
    """This process's open regular files past the standard streams (an inherited output file)."""
    import stat

    try:
        fds = [int(name) for name in os.listdir("/proc/self/fd")]
    except OSError:  # no /proc: nothing to look through
        return []
    found = []
    for fd in fds:
        try:
            if fd > 2 and stat.S_ISREG(os.fstat(fd).st_mode):
                found.append(fd)
        except OSError:
            continue
    return found
