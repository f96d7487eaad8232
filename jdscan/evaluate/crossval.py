"""Cross-validated figures: weights refitted fold by fold (the rules fixed), each ad scored
by a fit that never saw it nor its near-duplicates, confidences calibrated on the training
folds alone."""

from __future__ import annotations

from dataclasses import dataclass

import numpy

from .calibration import (
    AtCoverage,
    Bin,
    Calibration,
    at_coverage,
    expected_calibration_error,
    fit_calibration,
    reliability,
)
from .features import Dataset
from .fit import Model
from .folds import grouped_folds, near_duplicate_groups
from .metrics import calibration_dict, macro_f1
from .training import Training, Untitled
from .words import held_out_scores

INNER_FOLDS = 3
SURE_SHARE = 0.6  # the share of the surest verdicts whose accuracy is reported


@dataclass(frozen=True)
class FileFigures:
    """The held-out figures of one labelled file's ads."""

    file: str
    ads: int
    accuracy: float
    macro_f1: float
    ece: float
    reliability: tuple[Bin, ...]
    coverage: tuple[AtCoverage, ...]
    direction: float | None  # accuracy of the direction the predicted role gives, where labelled

    @property
    def surest(self) -> float | None:
        """Accuracy of the surest SURE_SHARE of verdicts (None when not measured)."""
        return next((a.accuracy for a in self.coverage if a.coverage == SURE_SHARE), None)

    def to_dict(self) -> dict:
        return {"file": self.file, "ads": self.ads, "accuracy": round(self.accuracy, 4),
                "macro_f1": self.macro_f1,
                "direction": None if self.direction is None else round(self.direction, 4),
                **calibration_dict(self.ece, self.reliability, self.coverage)}


def out_of_fold(data: Dataset, c: numpy.ndarray, prior: Model, l2: float, k: int, seed: int,
                calibrate: bool = True, groups: numpy.ndarray | None = None,
                lexicon: bool = False, untitled: Untitled | None = None) -> tuple[numpy.ndarray, numpy.ndarray]:
    """(probabilities, scores) of every ad from the fit of the folds it is not in. With
    `calibrate`, each fold's calibration is fitted on its training folds' own held-out
    scores (inner folds), so no ad's label shapes the confidence it gets. `groups`: each
    ad's near-duplicate group, when known (found once, the inner folds reuse them).
    `lexicon`: a lexicon of words is fitted with the weights in every fold, from that fold's
    training ads alone (its terms chosen there too). `untitled`: the same ads without their
    titles, which every fold trains on too and is judged on."""
    if groups is None:
        groups = numpy.array(near_duplicate_groups(data.texts, seed))
    folds = grouped_folds(groups.tolist(), data.y.tolist(), k, seed)
    training = Training(data, c, untitled)
    judged = data if untitled is None else untitled.data
    scores = numpy.zeros((len(data.y), len(data.roles)))
    probs = numpy.zeros_like(scores)
    for f in range(k):
        train, test = numpy.flatnonzero(folds != f), numpy.flatnonzero(folds == f)
        model, vocab = training.fit(train, prior, l2, lexicon)
        scores[test] = held_out_scores(model, vocab, judged, test)
        calibration = Calibration(prior.temperature)
        if calibrate:
            inner = data.subset(train)
            _, inner_scores = out_of_fold(inner, c[train], prior, l2, INNER_FOLDS, seed, False, groups[train],
                                          lexicon, untitled.subset(train) if untitled is not None else None)
            calibration = fit_calibration(inner_scores, inner.y, c[train])
        probs[test] = calibration.probabilities(scores[test])
    return probs, scores


def file_figures(data: Dataset, probs: numpy.ndarray, direction_of) -> list[FileFigures]:
    """Figures per labelled file from held-out probabilities. `direction_of(i, role)`: the
    direction ad i gets when read as `role`."""
    predicted = probs.argmax(axis=1)
    confidence = probs.max(axis=1)
    correct = (predicted == data.y).astype(float)
    out = []
    for f, name in enumerate(data.files):
        rows = numpy.flatnonzero(data.file == f)
        if not len(rows):
            continue
        gold = [data.roles[i] for i in data.y[rows]]
        pred = [data.roles[i] for i in predicted[rows]]
        dirs = [(data.directions[i], direction_of(i, data.roles[predicted[i]])) for i in rows if data.directions[i]]
        out.append(FileFigures(
            name, len(rows), float(correct[rows].mean()), macro_f1(gold, pred, data.roles),
            expected_calibration_error(confidence[rows], correct[rows]),
            tuple(reliability(confidence[rows], correct[rows])), tuple(at_coverage(confidence[rows], correct[rows])),
            sum(a == b for a, b in dirs) / len(dirs) if dirs else None))
    return out
