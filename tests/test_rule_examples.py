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


def test_context_examples(scanner):
    from jdscan.ruleset.examples import check_context_examples, check_cue_sets
    whats = {what for _, _, _, what, _, _ in RULES.context_examples}
    assert {"duty", "requirement", "negated", "hedged", "reached", "cancelled"} <= whats
    assert len(RULES.context_examples) >= 30
    assert not check_context_examples(scanner) and not check_cue_sets(scanner)


def test_a_failing_frame_example_is_reported_with_file_line_and_the_frame_found(scanner):
    from jdscan.ruleset.examples import check_context_examples
    file, line, key, *_ = RULES.context_examples[0]
    broken = [(file, line, key, "company", "match", "You will work in our {call centre}.")]
    failures = check_context_examples(replace_rules(scanner, broken))
    [failure] = failures
    assert failure.file.endswith("context.yaml") and failure.line and failure.found == "read as duty"
    assert "should match" in str(failure) and key in str(failure) and "try a cue" in str(failure)


@pytest.mark.parametrize("what, expected, sentence, found", [
    ("negated", "match", "You will make {outbound calls} every day.", "read plainly"),
    ("hedged", "no_match", "Ideally you have sold {telesales}.", "hedged"),
    ("reached", "no_match", "You will not handle complaints, returns or {refunds}.", "negated"),
    ("cancelled", "match", "The role involves {travel} up to 50% of the time.", "not cancelled"),
    ("cancelled", "match", "You will answer {calls} all day.", "no match of the share's groups there"),
])
def test_failing_cue_examples_say_how_the_words_were_read(scanner, what, expected, sentence, found):
    from jdscan.ruleset.examples import check_context_examples
    [failure] = check_context_examples(replace_rules(scanner, [("context.yaml", 3, "x", what, expected, sentence)]))
    assert failure.found == found


def test_a_cue_set_without_examples_fails_rules_test(scanner):
    from jdscan.ruleset.examples import check_cue_sets
    other = replace_rules(scanner, RULES.context_examples)
    other.rules.context = RULES.context.model_copy(
        update={"hedge": RULES.context.hedge.model_copy(update={"examples": None})})
    [failure] = check_cue_sets(other)
    assert failure.key == "hedge" and "no examples" in str(failure) and "try `examples:" in str(failure)


def replace_rules(scanner, context_examples):
    """The scanner with other context examples (judge_of reads the scanner's own cues)."""
    import copy
    other = copy.copy(scanner)
    other.rules = copy.copy(scanner.rules)
    other.rules.context_examples = context_examples
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
