"""The progress bar of a batch: on stderr, only when stderr is a terminal."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator

MIN_ELAPSED = 1.0  # seconds before a rate is shown

def with_progress(results: Iterable, total: int | None, enabled: bool | None = None) -> Iterator:
    """Yield the results, advancing a bar with ads/s and ETA as they pass."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        yield from results
        return
    # Imported only for a terminal: rich.progress is ~15 ms of every start otherwise.
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = [TextColumn("classifying"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
               TextColumn("{task.fields[rate]} ads/s"), TimeRemainingColumn()]
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("ads", total=total, rate="-")
        start = time.monotonic()
        for n, item in enumerate(results, 1):
            yield item
            # Ads over the whole run so far: a short window's speed read 74,960 ads/s when a
            # folder's first files came out of the workers' queue at once.
            elapsed = time.monotonic() - start
            progress.update(task, completed=n, rate=f"{n / elapsed:,.0f}" if elapsed >= MIN_ELAPSED else "-")
