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
