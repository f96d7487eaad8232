"""Accuracy on the labelled real ads in ../shared/data (not ours to ship: skipped without it).

The floors are issue 2's targets (80% with titles, 0.70 macro-F1, 70% body-only, 70% on the
direction facet) raised to what the rules reach where they reach more, so a regression fails
here; README has the current figures."""

from __future__ import annotations

import pytest

from jdscan.run import evaluate_file

from .conftest import SHARED_DATA

DEV = SHARED_DATA / "dev.jsonl"
pytestmark = pytest.mark.skipif(not DEV.is_file(), reason="../shared/data/dev.jsonl is not beside the repo")


def test_accuracy_with_titles(scanner):
    report = evaluate_file(scanner, DEV)
    assert report.n == 575
    assert report.accuracy >= 0.80 and report.macro_f1 >= 0.78
    assert report.direction_accuracy >= 0.73


def test_accuracy_body_only(scanner):
    report = evaluate_file(scanner, DEV, body_only=True)
    assert report.accuracy >= 0.74


def test_warnings_are_rare_on_right_verdicts_and_right_when_they_fire(scanner):
    """Issue 16's bars: a warning that fires on most ads is one users learn to ignore."""
    figures = {w.code: w for w in evaluate_file(scanner, DEV).warnings}
    for code, most_on_correct in (("missing-dimensions", 0.15), ("title-mismatch", 0.12)):
        w = figures[code]
        assert w.share_of_correct <= most_on_correct, (code, w.share_of_correct)
        assert w.precision >= 0.80, (code, w.precision)
