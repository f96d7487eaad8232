"""The closing summary of a batch, for stderr: what was read, what was written and where,
and what went wrong, by kind, with the first few paths (the errors themselves are rows of
the output, where a run to a file would otherwise hide them)."""

from __future__ import annotations

from pathlib import Path

from ..summary import BatchSummary
from .visible import visible


def closing_lines(summary: BatchSummary, output: Path | None) -> list[str]:
    """A line for the run, then one per kind of error."""
    parts = [f"{summary.classified:,} verdict{'s' * (summary.classified != 1)}"]
    if summary.review:
        parts.append(f"{summary.review:,} to review")
    if summary.errors:
        parts.append(f"{summary.errors:,} error{'s' * (summary.errors != 1)}")
    where = f"; written to {output}" if output is not None else ""
    lines = [f"jdscan: {summary.total:,} input{'s' * (summary.total != 1)} read: {', '.join(parts)}{where}"]
    for kind, (count, paths) in sorted(summary.error_kinds.items(), key=lambda kv: -kv[1][0]):
        more = f" and {count - len(paths):,} more" if count > len(paths) else ""
        lines.append(f"  {count:,} x {visible(kind)}: {', '.join(visible(p) for p in paths)}{more}")
    return lines
