"""Scoring as pure functions: no spaCy needed."""

from __future__ import annotations

import pytest

from jdscan.model import Evidence
from jdscan.ruleset.schema import Scoring
from jdscan.score import Hit, Target, facets, rank, to_evidence, weigh


def hit(rule="r1", text="x", role="internal-sales", dim="sales", weight=2.0, negated=False, hedged=False,
        kind="role", source="body"):
    return Hit(Target(kind, role, dim, rule, weight), text, 0, len(text), text, source, negated, hedged)


def ev(role, score, dim="tasks", rule="r", source="body"):
    return Evidence(role, dim, rule, "t", 0, 1, "t", source, score, score=score)


def test_repeats_decay_per_phrase_and_group():
    s = Scoring(repeat_decay=0.5, group_repeat=0.5)
    scores = weigh([hit(text="quota"), hit(text="quota"), hit(text="commission")], s)
    assert scores == pytest.approx([2.0, 2.0 * 0.5 ** 1.5, 2.0 * 0.5 ** 1.0], abs=1e-3)


def test_negated_counts_nothing_and_hedged_counts_less():
    s = Scoring(hedge_factor=0.5)
    assert weigh([hit(negated=True), hit(rule="r2", hedged=True)], s) == [0.0, 1.0]


def test_shared_evidence_decays_per_role():
    s = Scoring()
    scores = weigh([hit(role="internal-sales"), hit(role="field-sales")], s)
    assert scores == [2.0, 2.0]


def test_title_patterns_in_the_body_count_less():
    s = Scoring(title_in_body=0.5)
    assert weigh([hit(dim="title", source="body"), hit(rule="r2", dim="title", source="title")], s) == [1.0, 2.0]


def test_other_wins_when_no_role_has_enough_evidence(rules):
    scoring = Scoring(other_base=5.0)
    ranking = rank([ev("retail", 3.0)], rules.roles, scoring)
    assert ranking[0].role == "other" and ranking[1].role == "retail"
    assert {r.role for r in ranking} == set(rules.roles)
    assert sum(r.confidence for r in ranking) == pytest.approx(1.0, abs=1e-3)


def test_strong_evidence_wins_with_high_confidence(rules):
    ranking = rank([ev("retail", 12.0), ev("customer-service", 4.0)], rules.roles, Scoring())
    assert ranking[0].role == "retail" and ranking[0].confidence > 0.85


def test_precedence_lets_call_centre_take_over_customer_service(rules):
    evidence = [ev("customer-service", 10.0), ev("call-centre", 4.0, dim="setting", rule="cc-setting-centre")]
    ranking = rank(evidence, rules.roles, Scoring())
    assert ranking[0].role == "call-centre" and ranking[0].took_over == "customer-service"


def test_precedence_needs_its_decisive_evidence(rules):
    evidence = [ev("customer-service", 10.0), ev("call-centre", 4.0, dim="mindset", rule="cc-mind-pressure")]
    assert rank(evidence, rules.roles, Scoring())[0].role == "customer-service"


def test_facets_from_cue_totals(rules):
    totals = {"direction": {"outbound": 4.0}, "channel": {"field": 2.0, "phone": 1.0, "written": 0.5},
              "sales_level": {"core": 3.0}, "admin": {"admin": 4.0}, "customer": {"external": 2.0}}
    f = facets(totals, rules.roles["field-sales"], Scoring())
    assert (f.direction, f.customer, f.channel, f.sales_level, f.admin_load) == \
        ("outbound", "external", ("field", "phone"), "core", "medium")


def test_direction_both_and_none(rules):
    both = facets({"direction": {"inbound": 3.0, "outbound": 2.5}}, rules.roles["other"], Scoring())
    none = facets({}, rules.roles["other"], Scoring())
    assert both.direction == "both" and none.direction == "none"


def test_to_evidence_keeps_offsets_and_flags():
    [e] = to_evidence([hit(text="quota", negated=True)], Scoring())
    assert (e.text, e.start, e.end, e.negated, e.score) == ("quota", 0, 5, True, 0.0)


def placed(rule, text, start, end, weight, role="call-centre", dim="measures"):
    return Hit(Target("role", role, dim, rule, weight), text, start, end, "s", "body", False, False)


def test_overlapping_matches_for_a_role_and_dimension_count_once():
    hits = [placed("aht", "average handle time", 10, 29, 3.5), placed("ht", "handle time", 18, 29, 2.5),
            placed("ht", "handle time", 18, 29, 2.5, dim="tasks"),
            placed("ht", "handle time", 18, 29, 2.5, role="customer-service"),
            placed("ht", "handle time", 40, 51, 2.5)]
    once = to_evidence(hits, Scoring(overlaps="once"))
    assert [(e.role, e.dimension, e.text, e.start) for e in once] == [
        ("call-centre", "measures", "average handle time", 10), ("call-centre", "tasks", "handle time", 18),
        ("customer-service", "measures", "handle time", 18), ("call-centre", "measures", "handle time", 40)]
    assert len(to_evidence(hits, Scoring(overlaps="each"))) == 5


def test_of_two_overlapping_matches_of_one_weight_the_longer_counts():
    hits = [placed("r", "targets", 6, 13, 2.0), placed("r", "sales targets", 0, 13, 2.0)]
    assert [e.text for e in to_evidence(hits, Scoring(overlaps="once"))] == ["sales targets"]


def test_a_front_line_verdict_with_other_close_behind_and_a_managers_duty_needs_review(scanner):
    shop = ("You will serve customers at the till, keep stock replenished and the shop floor tidy, and handle "
            "returns in our busy store. Friendly, helpful, a smile for every customer.")
    manager = shop + " You will also hire and train new starters and run performance reviews for the weekend team."
    plain, scoped = scanner.classify(shop, "Sales Assistant"), scanner.classify(manager, "Sales Assistant")
    assert plain.role == scoped.role == "retail" and scoped.runner_up == "other"
    assert scoped.confidence > scanner.weighing.review_below  # sure by the scores alone ...
    assert scoped.needs_review and not plain.needs_review  # ... but the taxonomy's cue for `other` is there
    hedged = shop + " Experience of running performance reviews would be a plus."
    assert not scanner.classify(hedged, "Sales Assistant").needs_review  # past experience decides nothing
