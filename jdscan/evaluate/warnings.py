"""How often each verdict warning fires on labelled ads, and how often it is right.

A warning is right when what it says about the roles agrees with the gold label:

- `title-mismatch` (the title reads as T, the body as V): the job is not T.
- `ambiguous` (a close call between a and b): the job is a or b.
- `mixed-signals` (an R ad with an unexpected sales element): the job is R.
- `missing-dimensions` (an R ad that lacks a dimension, or whose dimension reads as the
  runner-up U's work): the job is R, or U.

Warnings about the text itself (`too-little-text`, `encoding-guessed`) say nothing about
roles: their firing rate is given, not their rightness.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Verdict, VerdictWarning

ABOUT_ROLES = ("title-mismatch", "ambiguous", "mixed-signals", "missing-dimensions")


@dataclass(frozen=True)
class WarningFigures:
    code: str
    fired: int  # ads it fired on
    on_correct: int  # of those, ads whose verdict is right
    correct: int  # ads whose verdict is right, all told
    right: int | None  # ads on which it is right; None: not a claim about roles

    @property
    def share_of_correct(self) -> float:
        """How often it fires on a verdict that is right: noise a reader learns to ignore."""
        return self.on_correct / self.correct if self.correct else 0.0

    @property
    def precision(self) -> float | None:
        """How often it is right when it fires."""
        if self.right is None:
            return None
        return self.right / self.fired if self.fired else 1.0

    def to_dict(self) -> dict:
        return {"code": self.code, "fired": self.fired, "on_correct": self.on_correct,
                "share_of_correct": round(self.share_of_correct, 4), "right": self.right,
                "precision": None if self.precision is None else round(self.precision, 4)}


def is_right(warning: VerdictWarning, verdict: Verdict, gold: str) -> bool | None:
    """Whether a warning's claim about roles holds for the gold label (None: no claim). A
    warning that names no role speaks of the verdict's."""
    code, roles = warning.code, warning.roles or (verdict.role,)
    if code == "title-mismatch":
        return gold != roles[0]
    if code in ("ambiguous", "missing-dimensions", "mixed-signals"):
        return gold in roles
    return None


def warning_figures(pairs: Iterable[tuple[str, Verdict]], codes: Iterable[str]) -> tuple[WarningFigures, ...]:
    """Figures per warning code over (gold label, verdict) pairs, in the order of `codes`."""
    pairs = list(pairs)
    correct = sum(gold == v.role for gold, v in pairs)
    out = []
    for code in codes:
        fired = [(gold, v, w) for gold, v in pairs for w in v.warnings if w.code == code]
        right = None if code not in ABOUT_ROLES else sum(bool(is_right(w, v, gold)) for gold, v, w in fired)
        out.append(WarningFigures(code, len(fired), sum(gold == v.role for gold, v, _ in fired), correct, right))
    return tuple(out)
