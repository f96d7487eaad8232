"""The warnings a verdict carries fire only where what they say is true and matters."""

from __future__ import annotations

from jdscan.model import Evidence, Facets, RoleScore
from jdscan.ruleset.schema import Scoring
from jdscan.score import verdict_warnings

FACETS = Facets("inbound", "external", ("phone",), "none", "low")
SCORING = Scoring(clear_title=2.0, clear_verdict=0.9, min_words=0)


def score(role, total, confidence, **dims):
    return RoleScore(role, role, total, confidence, dims)


def title(role, value):
    return Evidence(role, "title", "t", "x", 0, 1, "x", "title", value, score=value)


def codes(ranking, evidence, roles):
    return {w.code: w for w in verdict_warnings(ranking, evidence, FACETS, roles, SCORING, 100)}


def test_title_mismatch_needs_a_clear_title_and_a_sure_verdict(rules):
    roles = rules.roles
    ranking = [score("call-centre", 12, 0.95, tasks=8.0, setting=4.0), score("customer-service", 5, 0.05, tasks=3.0)]
    fired = codes(ranking, [title("customer-service", 2.5)], roles)["title-mismatch"]
    assert fired.roles == ("customer-service", "call-centre")
    assert "title-mismatch" not in codes(ranking, [title("customer-service", 1.5)], roles)  # not clear
    both = [title("customer-service", 2.5), title("call-centre", 1.0)]
    assert "title-mismatch" not in codes(ranking, both, roles)  # the title names the verdict too
    unsure = [score("call-centre", 12, 0.6, tasks=8.0, setting=4.0), score("customer-service", 11, 0.4, tasks=3.0)]
    assert "title-mismatch" not in codes(unsure, [title("customer-service", 2.5)], roles)


def test_missing_dimensions_when_no_duties_read_as_any_role(rules):
    ranking = [score("retail", 9, 0.97, setting=6.0, title=3.0), score("other", 5, 0.03)]
    warning = codes(ranking, [], rules.roles)["missing-dimensions"]
    assert warning.dimensions == ("tasks",) and "none of the duties reads as retail work" in warning.message


def test_missing_dimensions_when_a_dimension_keeps_the_runner_up_close(rules):
    ranking = [score("customer-service", 10, 0.6, tasks=6.0, goal=4.0),
               score("internal-sales", 9, 0.4, tasks=2.0, sales=3.0)]
    warning = codes(ranking, [], rules.roles)["missing-dimensions"]
    assert warning.roles == ("customer-service", "internal-sales") and warning.dimensions == ("sales",)
    far_ahead = [score("customer-service", 20, 0.99, tasks=16.0, goal=4.0),
                 score("internal-sales", 9, 0.01, tasks=2.0, sales=3.0)]
    assert "missing-dimensions" not in codes(far_ahead, [], rules.roles)


def test_no_missing_dimensions_for_other(rules):
    ranking = [score("other", 9, 0.9), score("retail", 2, 0.1, setting=2.0)]
    assert "missing-dimensions" not in codes(ranking, [], rules.roles)
