"""The per-ad time limit. Reading or classifying one ad that runs past it raises AdTimeout
in the middle of the work (a SIGALRM timer: it interrupts Python code and the C code that
checks for signals, regex matching among it), so that ad becomes an error row and its
neighbours go on. Linear parsing and bounded regexes keep real ads far below it; it is the
backstop for an input nobody foresaw.

Only the main thread of a process can take signals, so the limit holds where jdscan runs
its own loop (the command, its worker processes); a caller's threads (Dask's threaded
scheduler) run without it.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

TIME_LIMIT = 60.0  # seconds per ad: a 1 MB ad takes about 3 s; real ads a few milliseconds


class AdTimeout(Exception):
    """One ad ran past the time limit."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        super().__init__(f"ran past the {seconds:g}-second time limit")


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise AdTimeout inside the block when it runs longer than `seconds` (None or 0: no
    limit; no limit either outside the main thread, where signals cannot be taken)."""
    if not seconds or not _can_signal():
        yield
        return

    def expire(signum, frame):
        raise AdTimeout(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _can_signal() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
