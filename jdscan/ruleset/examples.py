"""Run every pattern's must-match and must-not-match examples (`jdscan rules test`).

The examples are part of the rules; running them needs the matchers, which this package
does not import (it stays free of spaCy). The caller passes anything that parses and
matches the way a `jdscan.Scanner` does.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from .validated import CANCELLED, HEDGED, NEGATED, REACHED, RuleSet

CONTEXT_KEYS = ("frames.", "negation.", "hedge.", "coordination.", "shares.")  # keys of the context file's examples


class ScannerLike(Protocol):
    """What running examples needs of a scanner: its rules, its pipeline and its judged
    hits (`jdscan.Scanner` is one)."""

    rules: RuleSet

    def nlp(self, text: str) -> Any: ...

    def hits(self, doc: Any, source: str = "body", text: str | None = None) -> list: ...

    def section_of(self, heading: str) -> str: ...

    def judge_of(self, text: str, start: int, end: int) -> tuple[bool, bool, str]: ...


@dataclass(frozen=True)
class ExampleFailure:
    """An example that did not behave as its pattern promises."""

    rule_id: str
    file: str
    line: int | None
    key: str
    example: str
    expected: str  # "match" or "no_match"; "examples" when the rule has none
    found: str  # what matched instead (or what matched when nothing should)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        verb = "should match" if self.expected == "match" else "should not match"
        if self.expected == "examples":  # a rule with no examples at all
            return f"{where}: {self.key}: {self.rule_id} {self.found}"
        what = "cue" if self.key.startswith(CONTEXT_KEYS) else "phrase"
        fix = (f"a {what} that covers it, or a truer example" if self.expected == "match"
               else f"a narrower {what}, or a truer example")
        return f"{where}: {self.key}: {self.rule_id} {verb} {self.example!r} ({self.found}; try {fix})"


def pattern_specs(scanner: ScannerLike) -> Iterator[tuple[str, str, str, object]]:
    """(kind, group, where, spec) for every pattern group: role dimensions and facets."""
    for role, dim, spec in scanner.rules.role_patterns():
        yield "role", role, dim, spec
    for facet, value, spec in scanner.rules.facet_patterns():
        yield "facet", facet, value, spec


def check_examples(scanner: ScannerLike, kind: str, group: str, where: str, spec) -> list[ExampleFailure]:
    """Failures of one pattern group's examples; a hit counts when it is not negated."""
    source = "title" if where == "title" else "body"
    failures = []
    for expected, sentences in (("match", spec.examples.match), ("no_match", spec.examples.no_match)):
        for i, sentence in enumerate(sentences):
            file, line, key = scanner.rules.line_of(spec.id, "examples", expected, i)
            hits = [h for h in scanner.hits(scanner.nlp(sentence), source, sentence)
                    if h.target.kind == kind and h.target.group == group]
            own = [h for h in hits if h.target.rule_id == spec.id]
            counted = [h for h in own if not h.negated]
            if expected == "match" and not counted:
                found = ("matched but negated: " + ", ".join(repr(h.text) for h in own) if own else
                         "matched instead: " + ", ".join(sorted({h.target.rule_id for h in hits}))
                         if hits else "nothing matched")
                found += "; its lemmas: " + lemmas(scanner, sentence)
                failures.append(ExampleFailure(spec.id, file, line, key, sentence, expected, found))
            elif expected == "no_match" and counted:
                found = "matched: " + ", ".join(repr(h.text) for h in counted)
                failures.append(ExampleFailure(spec.id, file, line, key, sentence, expected, found))
    return failures


def lemmas(scanner: ScannerLike, sentence: str) -> str:
    """The sentence as the matchers read it, word/lemma: a phrase is matched on lemmas, and
    a lemma can surprise ("crews" is "crew", but was "crow" before jdscan fixed it)."""
    return " ".join(f"{t.text}/{t.lemma_}" for t in scanner.nlp(sentence) if not t.is_space)


def check_section_examples(scanner: ScannerLike) -> list[ExampleFailure]:
    """Failures of the sections file's examples: each `match` heading opens its kind of
    section, each `no_match` heading does not."""
    failures = []
    for file, line, key, kind, expected, heading in scanner.rules.section_examples:
        opens = scanner.section_of(heading)
        if (opens == kind) != (expected == "match"):
            failures.append(ExampleFailure(kind, file, line, key, heading, expected, f"opens {opens}"))
    return failures


def check_context_examples(scanner: ScannerLike) -> list[ExampleFailure]:
    """Failures of the context file's examples: the words in braces of each `match` sentence
    stand in the frame named, or are negated, hedged, reached over a list or cancelled by a
    share as the example's key says; those of each `no_match` sentence are not."""
    failures = []
    for file, line, key, what, expected, marked in scanner.rules.context_examples:
        start = marked.index("{")
        end = marked.index("}") - 1
        text = marked.replace("{", "", 1).replace("}", "", 1)
        found, says = _judged(scanner, what, text, start, end)
        if found != (expected == "match"):
            failures.append(ExampleFailure(what, file, line, key, marked, expected, says))
    return failures


def _judged(scanner: ScannerLike, what: str, text: str, start: int, end: int) -> tuple[bool, str]:
    """(whether the words text[start:end] are what `what` says, how they were read)."""
    if what == CANCELLED:
        hits = [h for h in scanner.hits(scanner.nlp(text), "body", text) if h.start < end and h.end > start]
        rules = scanner.rules.context.shares
        own = [h for h in hits if any(h.target.rule_id in r.groups for r in rules)]
        if not own:
            return False, "no match of the share's groups there"
        cancelled = all(h.negated for h in own)
        return cancelled, "cancelled" if cancelled else "not cancelled"
    negated, hedged, frame = scanner.judge_of(text, start, end)
    if what in (NEGATED, HEDGED, REACHED):
        found = {NEGATED: negated, HEDGED: hedged, REACHED: negated or hedged}[what]
        return found, ("negated" if negated else "hedged" if hedged else "read plainly")
    return frame == what, f"read as {frame}"


def check_cue_sets(scanner: ScannerLike) -> list[ExampleFailure]:
    """A negation or hedge cue set without examples fails: every rule carries its own test."""
    context = scanner.rules.context
    failures = []
    for key, cues in (("negation", context.negation), ("hedge", context.hedge)):
        if (cues.before or cues.after) and cues.examples is None:
            file = next((f for f, *_ in scanner.rules.context_examples), "context.yaml")
            failures.append(ExampleFailure(key, file, None, key, "", "examples",
                                           "cues have no examples (try `examples: {match: [...], no_match: [...]}`, "
                                           "the words a cue reaches in braces)"))
    return failures


def run_all_examples(scanner: ScannerLike) -> tuple[int, list[ExampleFailure]]:
    """(number of examples run, failures) over every pattern group, section kind and frame."""
    total, failures = 0, []
    for kind, group, where, spec in pattern_specs(scanner):
        total += len(spec.examples.match) + len(spec.examples.no_match)
        failures.extend(check_examples(scanner, kind, group, where, spec))
    total += len(scanner.rules.section_examples) + len(scanner.rules.context_examples)
    failures.extend(check_section_examples(scanner))
    failures.extend(check_context_examples(scanner))
    failures.extend(check_cue_sets(scanner))
    return total, failures
