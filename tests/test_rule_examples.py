"""Every pattern's examples: each `match` sentence must give a counted (not negated) hit of
that pattern, each `no_match` sentence none."""

from __future__ import annotations

import pytest

from jdscan.ruleset import load_rules
from jdscan.ruleset.examples import check_examples

RULES = load_rules()
SPECS = [("role", r, d, s) for r, d, s in RULES.role_patterns()] + \
        [("facet", f, v, s) for f, v, s in RULES.facet_patterns()]


@pytest.mark.parametrize("kind, group, where, spec", SPECS, ids=[s.id for *_, s in SPECS])
def test_pattern_examples(scanner, kind, group, where, spec):
    failures = check_examples(scanner, kind, group, where, spec)
    assert not failures, "\n".join(map(str, failures))


def test_a_failing_example_is_reported_with_file_line_and_what_matched(scanner):
    spec = next(s for _, _, _, s in SPECS if s.id == "cs-task-complaints")
    broken = spec.model_copy(update={"examples": spec.examples.model_copy(
        update={"match": ["Visit clients across the region."], "no_match": ["Handle complaints."]})})
    failures = check_examples(scanner, "role", "customer-service", "tasks", broken)
    assert [f.expected for f in failures] == ["match", "no_match"]
    assert failures[0].file.endswith("customer-service.yaml") and failures[0].line
    assert "nothing matched" in failures[0].found or "matched instead" in failures[0].found
    assert failures[1].found == "matched: 'Handle complaints', 'complaints'"


def test_frame_examples(scanner):
    from jdscan.ruleset.examples import check_frame_examples
    assert len(RULES.frame_examples) >= 12 and not check_frame_examples(scanner)


def test_a_failing_frame_example_is_reported_with_file_line_and_the_frame_found(scanner):
    from jdscan.ruleset.examples import check_frame_examples
    file, line, key, *_ = RULES.frame_examples[0]
    broken = [(file, line, key, "company", "match", "You will work in our {call centre}.")]
    failures = check_frame_examples(replace_rules(scanner, broken))
    [failure] = failures
    assert failure.file.endswith("context.yaml") and failure.line and failure.found == "read as duty"
    assert "should match" in str(failure) and key in str(failure)


def replace_rules(scanner, frame_examples):
    """The scanner with other frame examples (frame_of reads the scanner's own cues)."""
    import copy
    other = copy.copy(scanner)
    other.rules = copy.copy(scanner.rules)
    other.rules.frame_examples = frame_examples
    return other


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


def test_a_failing_example_shows_the_lemmas_it_was_read_as(scanner):
    spec = next(s for _, _, _, s in SPECS if s.id == "cs-task-complaints")
    broken = spec.model_copy(update={"examples": spec.examples.model_copy(update={"match": ["Crews dealt with it."]})})
    [failure] = [f for f in check_examples(scanner, "role", "customer-service", "tasks", broken) if f.expected == "match"]
    assert "its lemmas: Crews/crew dealt/deal with/with it/it ./." in str(failure)


@pytest.mark.parametrize("word, lemma", [("crew", "crew"), ("crews", "crew"), ("ground", "ground"),
                                         ("premises", "premises"), ("data", "data"), ("brokers", "broker"),
                                         ("goods", "goods"), ("meetings", "meet"), ("stores", "store")])
def test_job_ad_words_keep_their_own_lemma(scanner, word, lemma):
    assert [t.lemma_ for t in scanner.nlp(word)] == [lemma]
