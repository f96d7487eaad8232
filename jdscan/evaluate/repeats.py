"""Repeated cross-validation: the same ads cross-validated with the folds drawn anew each
time, and each file's figures summed up as their mean and range.

Which ads share a fold moves a held-out figure by about a point on a file of a thousand
ads (docs/accuracy.md): a change that moves it less than that has not shown it helps. The
range over a few fold draws says how far one draw can be trusted."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from .crossval import FileFigures


class Spread(NamedTuple):
    """A figure over the repeats: its mean, lowest and highest."""

    mean: float
    low: float
    high: float

    def to_dict(self, digits: int = 4) -> dict:
        return {"mean": round(self.mean, digits), "low": round(self.low, digits), "high": round(self.high, digits)}


class RepeatedFigures(NamedTuple):
    """One labelled file's held-out figures over every repeat."""

    file: str
    ads: int
    accuracy: Spread
    macro_f1: Spread
    ece: Spread
    surest: Spread | None  # accuracy of the surest 60% of verdicts (FileFigures.surest)
    direction: Spread | None  # where the file labels directions

    def to_dict(self) -> dict:
        return {"file": self.file, "ads": self.ads, "accuracy": self.accuracy.to_dict(),
                "macro_f1": self.macro_f1.to_dict(), "ece": self.ece.to_dict(),
                "accuracy_most_sure_60": None if self.surest is None else self.surest.to_dict(),
                "direction": None if self.direction is None else self.direction.to_dict()}


def spread(values: Sequence[float]) -> Spread:
    return Spread(sum(values) / len(values), min(values), max(values))


def summarise(runs: Sequence[Sequence[FileFigures]]) -> list[RepeatedFigures]:
    """Per file (in the first run's order), its figures over every run."""
    out = []
    for k, first in enumerate(runs[0]):
        mine = [run[k] for run in runs]
        surest = [f.surest for f in mine]
        directions = [f.direction for f in mine]
        out.append(RepeatedFigures(
            first.file, first.ads, spread([f.accuracy for f in mine]), spread([f.macro_f1 for f in mine]),
            spread([f.ece for f in mine]),
            None if None in surest else spread(surest), None if None in directions else spread(directions)))
    return out


class Repeated(NamedTuple):
    """Cross-validations of the same ads, one per fold draw, and each file's figures over
    them. `runs`: fitting.CrossValidation objects, in seed order."""

    runs: tuple
    files: list[RepeatedFigures]

    @property
    def seeds(self) -> list[int]:
        return [run.settings.seed for run in self.runs]

    def to_dict(self) -> dict:
        first = self.runs[0].to_dict()
        return {**{k: v for k, v in first.items() if k not in ("seed", "files")}, "seeds": self.seeds,
                "files": [f.to_dict() for f in self.files], "runs": [run.to_dict() for run in self.runs]}
