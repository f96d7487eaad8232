"""Properties of the core that must hold for any text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

WORDS = st.sampled_from(["customer", "calls", "no", "not", "sales", "targets", "visit", "clients",
                         "till", "store", "help", "desk", "colleagues", "cancel", ".", ",", ":",
                         "\n", "Commission", "RETURNS", "face-to-face", "•", "e-mail"])
TEXTS = st.one_of(st.text(max_size=300), st.lists(WORDS, max_size=80).map(" ".join))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS, title=st.text(max_size=40))
def test_any_text_gives_a_well_formed_verdict(scanner, text, title):
    verdict = scanner.classify(text, title)
    assert 0.0 <= verdict.confidence <= 1.0 and 0.0 <= verdict.margin <= 1.0
    assert {r.role for r in verdict.ranking} == set(scanner.rules.roles)
    assert all(0.0 <= r.confidence <= 1.0 for r in verdict.ranking)
    for ev in verdict.evidence:
        source = title if ev.source == "title" else text
        assert 0 <= ev.start < ev.end <= len(source)
        assert source[ev.start:ev.end] == ev.text
    assert scanner.classify(text, title) == verdict
