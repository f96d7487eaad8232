"""Run every pattern's must-match and must-not-match examples (`jdscan rules test`).

The examples are part of the rules; running them needs the matchers, which this package
does not import (it stays free of spaCy). The caller passes anything that parses and
matches the way a `jdscan.Scanner` does.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from .validated import RuleSet


class ScannerLike(Protocol):
    """What running examples needs of a scanner: its rules, its pipeline and its judged
    hits (`jdscan.Scanner` is one)."""

    rules: RuleSet

    def nlp(self, text: str) -> Any: ...

    def hits(self, doc: Any, source: str = "body", text: str | None = None) -> list: ...

    def section_of(self, heading: str) -> str: ...

    def frame_of(self, text: str, start: int, end: int) -> str: ...


@dataclass(frozen=True)
class ExampleFailure:
    """An example that did not behave as its pattern promises."""

    rule_id: str
    file: str
    line: int | None
    key: str
    example: str
    expected: str  # "match" or "no_match"
    found: str  # what matched instead (or what matched when nothing should)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        verb = "should match" if self.expected == "match" else "should not match"
        what = "cue" if self.key.startswith("frames.") else "phrase"
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


def check_frame_examples(scanner: ScannerLike) -> list[ExampleFailure]:
    """Failures of the frames' examples: the words in braces of each `match` sentence stand
    in its frame, those of each `no_match` sentence do not."""
    failures = []
    for file, line, key, frame, expected, marked in scanner.rules.frame_examples:
        start = marked.index("{")
        end = marked.index("}") - 1
        text = marked.replace("{", "", 1).replace("}", "", 1)
        found = scanner.frame_of(text, start, end)
        if (found == frame) != (expected == "match"):
            failures.append(ExampleFailure(frame, file, line, key, marked, expected, f"read as {found}"))
    return failures


def run_all_examples(scanner: ScannerLike) -> tuple[int, list[ExampleFailure]]:
    """(number of examples run, failures) over every pattern group, section kind and frame."""
    total, failures = 0, []
    for kind, group, where, spec in pattern_specs(scanner):
        total += len(spec.examples.match) + len(spec.examples.no_match)
        failures.extend(check_examples(scanner, kind, group, where, spec))
    total += len(scanner.rules.section_examples) + len(scanner.rules.frame_examples)
    failures.extend(check_section_examples(scanner))
    failures.extend(check_frame_examples(scanner))
    return total, failures
