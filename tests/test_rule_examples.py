"""Every pattern's examples: each `match` sentence must give a counted (not negated) hit of
that pattern, each `no_match` sentence none."""

from __future__ import annotations

import pytest

from jdscan.rules import load_rules

RULES = load_rules()
SPECS = [("role", r, d, s) for r, d, s in RULES.role_patterns()] + \
        [("facet", f, v, s) for f, v, s in RULES.facet_patterns()]


def counted_ids(scanner, text: str, source: str, kind: str, group: str) -> set[str]:
    doc = scanner.nlp(text)
    return {h.target.rule_id for h in scanner.hits(doc, source)
            if not h.negated and h.target.kind == kind and h.target.group == group}


@pytest.mark.parametrize("kind, group, where, spec", SPECS, ids=[s.id for *_, s in SPECS])
def test_pattern_examples(scanner, kind, group, where, spec):
    source = "title" if where == "title" else "body"
    for sentence in spec.examples.match:
        assert spec.id in counted_ids(scanner, sentence, source, kind, group), \
            f"{spec.id} should match: {sentence!r}"
    for sentence in spec.examples.no_match:
        assert spec.id not in counted_ids(scanner, sentence, source, kind, group), \
            f"{spec.id} should not match: {sentence!r}"


def test_every_pattern_has_both_kinds_of_example():
    for *_, spec in SPECS:
        assert spec.examples.match and spec.examples.no_match, spec.id


def test_every_role_covers_every_dimension():
    """Own patterns or patterns shared with it through `also`."""
    from jdscan.model import DIMENSIONS

    covered = {(role, dim) for role, dim, _ in RULES.role_targets()}
    for name in RULES.roles:
        missing = [d for d in DIMENSIONS if (name, d) not in covered]
        assert not missing, f"{name} has no patterns for {missing}"
