"""Negation and hedging: negated selling is not evidence for selling."""

from __future__ import annotations

import pytest


def judged(scanner, text: str, phrase: str):
    hits = [h for h in scanner.hits(scanner.nlp(text)) if h.text.lower() == phrase]
    assert hits, f"no match for {phrase!r} in {text!r}"
    return hits[0]


@pytest.mark.parametrize("text, phrase", [
    ("There is no cold calling in this job.", "cold calling"),
    ("You will not be selling anything.", "selling"),
    ("This is not a sales role.", "sales role"),
    ("Cold calling is not required.", "cold calling"),
    ("You won't be selling.", "selling"),
    ("A role without sales targets.", "sales targets"),
])
def test_negated(scanner, text, phrase):
    assert judged(scanner, text, phrase).negated


@pytest.mark.parametrize("text, phrase", [
    ("You will be selling our software.", "selling"),
    ("Not only will you handle complaints but you will also be selling upgrades.", "selling"),
    ("No experience is needed, but you will be selling from day one.", "selling"),
    ("No two days are the same: you will be selling to schools.", "selling"),
])
def test_not_negated(scanner, text, phrase):
    assert not judged(scanner, text, phrase).negated


@pytest.mark.parametrize("text, phrase", [
    ("Cold calling experience is desirable.", "cold calling"),
    ("Ideally you will have used a CRM.", "crm"),
    ("Previous call centre experience.", "call centre"),
])
def test_hedged(scanner, text, phrase):
    hit = judged(scanner, text, phrase)
    assert hit.hedged and not hit.negated


def test_negated_selling_does_not_make_a_sales_verdict(scanner):
    text = ("You will help customers with their orders and returns by phone and email, "
            "answer customer enquiries, resolve complaints and process refunds. "
            "This is not a sales role: there are no sales targets, no commission and "
            "no cold calling. You will not be selling.")
    verdict = scanner.classify(text)
    assert verdict.role == "customer-service"
    assert verdict.facets.sales_level == "none"
    selling = [e for e in verdict.evidence if e.role == "internal-sales" and e.dimension == "sales"]
    assert selling and all(e.negated and e.score == 0 for e in selling)


def test_negation_stays_inside_its_sentence(scanner):
    hit = judged(scanner, "We are not a call centre. You will be selling to schools.", "selling")
    assert not hit.negated
