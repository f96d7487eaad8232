"""`jdscan eval`'s warning figures: how often each warning fires, and whether it is right."""

from __future__ import annotations

from types import SimpleNamespace

from jdscan.evaluate.warnings import is_right, warning_figures
from jdscan.model import WARNING_CODES, VerdictWarning


def verdict(role: str, *warnings: VerdictWarning):
    return SimpleNamespace(role=role, warnings=warnings)


TITLE = VerdictWarning("title-mismatch", "", roles=("retail", "field-sales"))
CLOSE = VerdictWarning("ambiguous", "", roles=("field-sales", "internal-sales"))
MISSING = VerdictWarning("missing-dimensions", "", dimensions=("setting",))
SHORT = VerdictWarning("too-little-text", "")


def test_a_warning_is_right_when_its_roles_agree_with_the_label():
    v = verdict("field-sales")
    assert is_right(TITLE, v, "field-sales") and not is_right(TITLE, v, "retail")
    assert is_right(CLOSE, v, "internal-sales") and not is_right(CLOSE, v, "retail")
    assert is_right(MISSING, v, "field-sales") and not is_right(MISSING, v, "other")  # no roles: the verdict's
    assert is_right(SHORT, v, "retail") is None


def test_figures_count_firings_on_right_verdicts_and_rightness():
    pairs = [("field-sales", verdict("field-sales", TITLE, MISSING)),
             ("retail", verdict("field-sales", TITLE, CLOSE)),
             ("internal-sales", verdict("field-sales", CLOSE, SHORT)),
             ("other", verdict("other"))]
    figures = {f.code: f for f in warning_figures(pairs, WARNING_CODES)}
    assert list(figures) == list(WARNING_CODES)
    title = figures["title-mismatch"]
    assert (title.fired, title.on_correct, title.correct, title.right) == (2, 1, 2, 1)
    assert title.share_of_correct == 0.5 and title.precision == 0.5
    assert (figures["ambiguous"].fired, figures["ambiguous"].right) == (2, 1)
    assert figures["too-little-text"].precision is None and figures["too-little-text"].fired == 1
    assert figures["encoding-guessed"].fired == 0 and figures["encoding-guessed"].to_dict()["precision"] is None
