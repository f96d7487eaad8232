"""Text whose HTML was stripped runs list items together; the tokenizer splits them."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, words", [
    ("order processingCustomer support", ["processing", "Customer"]),
    ("Update the CRM.Handle queries", ["CRM", ".", "Handle"]),
    ("Call centre experience- Typing speed", ["experience", "-", "Typing"]),
    ("Requirements: -Good English", [":", "-", "Good"]),
    ("Duties:-Answer calls", ["Duties", ":-", "Answer"]),
])
def test_run_together_items_are_split(scanner, text, words):
    tokens = [t.text for t in scanner.parse(text)]
    assert any(tokens[i:i + len(words)] == words for i in range(len(tokens))), tokens


@pytest.mark.parametrize("text, tokens", [
    ("e-mail", ["e", "-", "mail"]),
    ("45-60 words a minute", ["45", "-", "60", "words", "a", "minute"]),
    ("a well-known brand", ["a", "well", "-", "known", "brand"]),
])
def test_hyphens_inside_words_split_as_spacy_splits_them(scanner, text, tokens):
    assert [t.text for t in scanner.parse(text)] == tokens


def test_a_list_dash_no_longer_hides_the_hedge_after_it(scanner):
    doc = scanner.parse("Call center or equivalent phone/email experience- Typing 45 WPM")
    hits = [h for h in scanner.hits(doc) if h.target.rule_id == "cc-setting-centre"]
    assert hits and all(h.hedged for h in hits)
