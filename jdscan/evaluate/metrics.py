"""Accuracy of the rules on labelled ads: per-role precision/recall/F1, confusion matrix."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy

from ..model import WARNING_CODES, Verdict
from .calibration import AtCoverage, Bin, at_coverage, expected_calibration_error, reliability
from .labelled import LabelledAd
from .warnings import WarningFigures, warning_figures


@dataclass(frozen=True)
class RoleMetrics:
    role: str
    precision: float
    recall: float
    f1: float
    support: int
    predicted: int


@dataclass(frozen=True)
class EvalReport:
    n: int
    accuracy: float
    macro_f1: float
    per_role: tuple[RoleMetrics, ...]
    labels: tuple[str, ...]
    confusion: tuple[tuple[int, ...], ...]  # rows: gold label, columns: predicted
    direction_accuracy: float | None
    direction_n: int
    body_only: bool
    errors: tuple[tuple[LabelledAd, Verdict], ...] = field(default_factory=tuple)
    warnings: tuple[WarningFigures, ...] = field(default_factory=tuple)
    ece: float = 0.0  # expected calibration error of the verdicts' confidence, 10 bins
    reliability: tuple[Bin, ...] = ()
    coverage: tuple[AtCoverage, ...] = ()

    def to_dict(self, with_errors: bool = False) -> dict:
        """The JSON form of `jdscan eval --format json`."""
        out = {
            "n": self.n, "accuracy": self.accuracy, "macro_f1": self.macro_f1,
            "body_only": self.body_only,
            "per_role": [vars(m) for m in self.per_role],
            "confusion": {"labels": list(self.labels), "matrix": [list(r) for r in self.confusion]},
            "direction": {"accuracy": self.direction_accuracy, "n": self.direction_n},
            "warnings": [w.to_dict() for w in self.warnings],
            "calibration": calibration_dict(self.ece, self.reliability, self.coverage),
        }
        if with_errors:
            out["errors"] = [
                {"id": ad.id, "title": ad.title, "label": ad.label, "predicted": v.role,
                 "confidence": v.confidence,
                 "top_evidence": [{"role": e.role, "dimension": e.dimension, "text": e.text,
                                   "rule_id": e.rule_id} for e in v.evidence_for(v.role)[:5]]}
                for ad, v in self.errors
            ]
        return out


def evaluate(pairs: Iterable[tuple[LabelledAd, Verdict]], labels: list[str], body_only: bool = False) -> EvalReport:
    """Score verdicts against gold labels. Labels with neither gold nor predicted ads are
    left out of the macro average (their F1 is undefined)."""
    pairs = list(pairs)
    gold = [ad.label for ad, _ in pairs]
    pred = [v.role for _, v in pairs]
    index = {label: i for i, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for g, p in zip(gold, pred):
        matrix[index[g]][index[p]] += 1
    per_role = tuple(_role_metrics(label, gold, pred) for label in labels)
    active = [m for m in per_role if m.support or m.predicted]
    with_dir = [(ad.direction, v.facets.direction) for ad, v in pairs if ad.direction]
    return EvalReport(
        n=len(pairs),
        accuracy=round(sum(g == p for g, p in zip(gold, pred)) / len(pairs), 4) if pairs else 0.0,
        macro_f1=round(sum(m.f1 for m in active) / len(active), 4) if active else 0.0,
        per_role=per_role,
        labels=tuple(labels),
        confusion=tuple(tuple(r) for r in matrix),
        direction_accuracy=round(sum(a == b for a, b in with_dir) / len(with_dir), 4) if with_dir else None,
        direction_n=len(with_dir),
        body_only=body_only,
        errors=tuple((ad, v) for ad, v in pairs if ad.label != v.role),
        warnings=warning_figures(((ad.label, v) for ad, v in pairs), WARNING_CODES),
        **_calibration([v.confidence for _, v in pairs], [g == p for g, p in zip(gold, pred)]),
    )


def _calibration(confidence: list[float], correct: list[bool]) -> dict:
    if not confidence:
        return {}
    conf, right = numpy.array(confidence, dtype=float), numpy.array(correct, dtype=float)
    return {"ece": round(expected_calibration_error(conf, right), 4), "reliability": tuple(reliability(conf, right)),
            "coverage": tuple(at_coverage(conf, right))}


def calibration_dict(ece: float, bins, coverage) -> dict:
    """The calibration figures in JSON form (eval and eval --cv)."""
    return {"ece": round(ece, 4),
            "reliability": [{"from": b.low, "to": b.high, "ads": b.ads, "accuracy": round(b.accuracy, 4),
                             "confidence": round(b.confidence, 4)} for b in bins],
            "coverage": [{"coverage": a.coverage, "threshold": round(a.threshold, 4),
                          "accuracy": round(a.accuracy, 4)} for a in coverage]}


def macro_f1(gold: list[str], pred: list[str], labels: list[str]) -> float:
    """F1 averaged over the labels that are gold or predicted at least once."""
    active = [m for m in (_role_metrics(label, gold, pred) for label in labels) if m.support or m.predicted]
    return round(sum(m.f1 for m in active) / len(active), 4) if active else 0.0


def _role_metrics(label: str, gold: list[str], pred: list[str]) -> RoleMetrics:
    tp = sum(g == p == label for g, p in zip(gold, pred))
    support = gold.count(label)
    predicted = pred.count(label)
    precision = tp / predicted if predicted else 0.0
    recall = tp / support if support else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return RoleMetrics(label, round(precision, 4), round(recall, 4), round(f1, 4), support, predicted)
