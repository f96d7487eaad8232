"""The summary of a batch: the role mix, and how many ads are other, ambiguous, need a
person's review, or are errors."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .model import OTHER, ReadError, Verdict


@dataclass
class BatchSummary:
    """Counts kept as results stream past (nothing per ad is held)."""

    roles: Counter = field(default_factory=Counter)
    errors: int = 0
    ambiguous: int = 0
    review: int = 0
    error_kinds: dict[str, list] = field(default_factory=dict)  # kind -> [count, first few paths]

    def add_key(self, role: str | None, ambiguous: bool, review: bool = False,
                error: tuple[str, str] | None = None) -> None:
        """Count one result by its summary key (role None: an error row, `error` its path
        and reason)."""
        if role is None:
            self.errors += 1
            if error is not None:
                seen = self.error_kinds.setdefault(error_kind(error[1]), [0, []])
                seen[0] += 1
                if len(seen[1]) < FIRST_PATHS:
                    seen[1].append(error[0])
            return
        self.roles[role] += 1
        self.ambiguous += ambiguous
        self.review += review

    @property
    def classified(self) -> int:
        return sum(self.roles.values())

    @property
    def total(self) -> int:
        return self.classified + self.errors

    @property
    def other(self) -> int:
        return self.roles.get(OTHER, 0)

    def mix(self) -> list[tuple[str, int, float]]:
        """(role, count, share of classified ads), most frequent first, ties by name."""
        n = self.classified or 1
        return [(role, count, count / n)
                for role, count in sorted(self.roles.items(), key=lambda kv: (-kv[1], kv[0]))]

    def to_dict(self) -> dict:
        return {"total": self.total, "classified": self.classified, "errors": self.errors,
                "other": self.other, "ambiguous": self.ambiguous, "needs_review": self.review,
                "roles": {role: count for role, count, _ in self.mix()}}


FIRST_PATHS = 3  # paths named per kind of error in a closing summary


def error_kind(reason: str) -> str:
    """What kind of error a reason names: without its hint, numbers and quoted names, so
    that "row has 3 fields" and "row has 5 fields" are one kind."""
    kind = reason.split(" (try ")[0]
    kind = re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", kind)
    return re.sub(r"\d[\d,.]*", "N", kind)


def error_of(item: Verdict | ReadError) -> tuple[str, str] | None:
    """An error row's path and reason (None for a verdict)."""
    return (item.source, item.reason) if isinstance(item, ReadError) else None


def summary_key(item: Verdict | ReadError) -> tuple[str | None, bool, bool]:
    """What the summary counts of a result: its role (None for an error row), ambiguous,
    needs review."""
    if isinstance(item, ReadError):
        return None, False, False
    return item.role, any(w.code == "ambiguous" for w in item.warnings), item.needs_review
