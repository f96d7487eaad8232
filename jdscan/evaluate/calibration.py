"""How far confidence can be trusted: the temperature and top-label map that calibrate it,
the expected calibration error, a reliability table and accuracy at coverage."""

from __future__ import annotations

from dataclasses import dataclass

import numpy

from .fit import softmax

BINS = 10
COVERAGE = (0.5, 0.6, 0.7, 0.8, 0.9, 1.0)


@dataclass(frozen=True)
class Bin:
    low: float
    high: float
    ads: int
    accuracy: float
    confidence: float  # mean


@dataclass(frozen=True)
class AtCoverage:
    coverage: float  # share of ads kept, the most confident first
    threshold: float  # the lowest confidence kept
    accuracy: float


def fit_temperature(scores: numpy.ndarray, y: numpy.ndarray, c: numpy.ndarray | None = None) -> float:
    """The temperature T for which softmax(scores / T) has the least (weighted) log loss:
    a golden-section search on log T between 0.05 and 50."""
    c = numpy.ones(len(y)) if c is None else c
    rows = numpy.arange(len(y))

    def nll(log_t: float) -> float:
        p = softmax(scores / numpy.exp(log_t))
        return -float(numpy.sum(c * numpy.log(numpy.maximum(p[rows, y], 1e-300))))

    lo, hi = numpy.log(0.05), numpy.log(50.0)
    ratio = (numpy.sqrt(5) - 1) / 2
    a, b = hi - ratio * (hi - lo), lo + ratio * (hi - lo)
    fa, fb = nll(a), nll(b)
    for _ in range(80):
        if fa < fb:
            hi, b, fb = b, a, fa
            a = hi - ratio * (hi - lo)
            fa = nll(a)
        else:
            lo, a, fa = a, b, fb
            b = lo + ratio * (hi - lo)
            fb = nll(b)
    return round(float(numpy.exp((lo + hi) / 2)), 4)


@dataclass(frozen=True)
class Calibration:
    """softmax(scores / temperature), then the top role's probability mapped by
    sigmoid(slope x logit(p) + offset) and the others scaled to share the rest (as
    score.fitted.top_label does for one ad)."""

    temperature: float
    slope: float = 1.0
    offset: float = 0.0

    def probabilities(self, scores: numpy.ndarray) -> numpy.ndarray:
        probs = softmax(scores / self.temperature)
        if self.slope == 1.0 and self.offset == 0.0:
            return probs
        rows = numpy.arange(len(probs))
        best = probs.argmax(axis=1)
        p = numpy.clip(probs[rows, best], 1e-9, 1 - 1e-9)
        first = 1 / (1 + numpy.exp(-(self.slope * numpy.log(p / (1 - p)) + self.offset)))
        others = probs.copy()
        others[rows, best] = 0
        rest = others.sum(axis=1)  # not 1 - p: for p near 1 that loses the digits that matter
        # The top role stays on top: no lower than the runner-up once that is scaled.
        runner = others.max(axis=1)
        first = numpy.maximum(first, numpy.divide(runner, rest + runner, out=numpy.zeros_like(rest),
                                                  where=rest + runner > 0))
        out = numpy.where(rest[:, None] > 0, probs * ((1 - first) / numpy.maximum(rest, 1e-300))[:, None],
                          ((1 - first) / max(1, probs.shape[1] - 1))[:, None])
        out[rows, best] = first
        return out


def fit_calibration(scores: numpy.ndarray, y: numpy.ndarray, c: numpy.ndarray | None = None) -> Calibration:
    """The temperature, then the top-label slope and offset, that fit held-out `scores`
    best (least weighted log loss)."""
    t = fit_temperature(scores, y, c)
    probs = softmax(scores / t)
    slope, offset = fit_top_label(probs.max(axis=1), (probs.argmax(axis=1) == y).astype(float), c)
    return Calibration(t, slope, offset)


def fit_top_label(confidence: numpy.ndarray, correct: numpy.ndarray, c: numpy.ndarray | None = None
                  ) -> tuple[float, float]:
    """Platt scaling of the top confidence's logit against being right: Newton's method on
    two numbers, lightly held towards (1, 0) so that it always converges."""
    c = numpy.ones(len(correct)) if c is None else c
    p = numpy.clip(confidence, 1e-9, 1 - 1e-9)
    features = numpy.column_stack([numpy.log(p / (1 - p)), numpy.ones(len(p))])
    params, start = numpy.array([1.0, 0.0]), numpy.array([1.0, 0.0])
    for _ in range(50):
        q = 1 / (1 + numpy.exp(-numpy.clip(features @ params, -50, 50)))  # saturated, not overflowing
        grad = features.T @ (c * (q - correct)) + 1e-3 * (params - start)
        hess = (features * (c * q * (1 - q))[:, None]).T @ features + 1e-3 * numpy.eye(2)
        step = numpy.linalg.solve(hess, grad)
        params = params - step
        if numpy.abs(step).max() < 1e-10:
            break
    # The schema's bounds: a fit that wants more says the scores carry no signal.
    return round(float(numpy.clip(params[0], 0.05, 10)), 4), round(float(numpy.clip(params[1], -10, 10)), 4)


def reliability(confidence: numpy.ndarray, correct: numpy.ndarray, bins: int = BINS) -> list[Bin]:
    """Ads per confidence bin, with their accuracy and mean confidence (empty bins left out)."""
    edges = numpy.linspace(0, 1, bins + 1)
    which = numpy.clip(numpy.digitize(confidence, edges[1:-1], right=True), 0, bins - 1)
    out = []
    for b in range(bins):
        rows = which == b
        if rows.any():
            out.append(Bin(round(float(edges[b]), 2), round(float(edges[b + 1]), 2), int(rows.sum()),
                           float(correct[rows].mean()), float(confidence[rows].mean())))
    return out


def expected_calibration_error(confidence: numpy.ndarray, correct: numpy.ndarray, bins: int = BINS) -> float:
    """The ads-weighted mean gap between accuracy and confidence over the bins."""
    n = len(confidence)
    return float(sum(b.ads / n * abs(b.accuracy - b.confidence) for b in reliability(confidence, correct, bins))) \
        if n else 0.0


def at_coverage(confidence: numpy.ndarray, correct: numpy.ndarray, levels=COVERAGE) -> list[AtCoverage]:
    """For each share of ads kept (the most confident first): the threshold and accuracy."""
    order = numpy.argsort(-confidence, kind="stable")
    out = []
    for level in levels:
        kept = order[:max(1, round(level * len(order)))]
        out.append(AtCoverage(level, float(confidence[kept].min()), float(correct[kept].mean())))
    return out


def threshold_for(confidence: numpy.ndarray, correct: numpy.ndarray, accuracy: float = 0.9) -> float:
    """The lowest confidence above which at least `accuracy` of verdicts are right (1.0 if
    none is)."""
    order = numpy.argsort(-confidence, kind="stable")
    right = numpy.cumsum(correct[order]) / numpy.arange(1, len(order) + 1)
    ok = numpy.flatnonzero(right >= accuracy)
    return round(float(confidence[order][ok[-1]]), 4) if len(ok) else 1.0
