"""Compile a RuleSet to spaCy matchers, and run them over a Doc."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from .rules import RuleSet
from .schema import PatternSpec


@dataclass(frozen=True)
class Target:
    """What a match key stands for: a role dimension or a facet value."""

    kind: str  # "role" or "facet"
    group: str  # role name, or facet name
    value: str  # dimension (or "title"), or facet value
    rule_id: str
    weight: float


@dataclass(frozen=True)
class RawMatch:
    target: Target
    start: int  # token offsets
    end: int


class CompiledRules:
    """Phrase patterns on lemmas (nearly free) and token patterns (costly: keep them few)."""

    def __init__(self, nlp: Language, ruleset: RuleSet):
        self.phrases = PhraseMatcher(nlp.vocab, attr="LEMMA")
        self.tokens = Matcher(nlp.vocab, validate=True)
        self.targets: dict[int, Target] = {}
        specs = [(Target("role", r, d, s.id, s.weight), s) for r, d, s in ruleset.role_targets()]
        specs += [(Target("facet", f, v, s.id, s.weight), s) for f, v, s in ruleset.facet_patterns()]
        for target, spec in specs:
            self._add(nlp, target, spec)

    def _add(self, nlp: Language, target: Target, spec: PatternSpec) -> None:
        key = f"{target.kind}:{target.group}:{target.rule_id}"
        self.targets[nlp.vocab.strings.add(key)] = target
        phrases = [p for p in spec.patterns if isinstance(p, str)]
        token_patterns = [p for p in spec.patterns if isinstance(p, list)]
        if phrases:
            # Only the lemmatizer is needed to turn a phrase into its lemma sequence.
            with nlp.select_pipes(enable=["jdscan_lemmatizer"]):
                self.phrases.add(key, list(nlp.pipe(phrases)))
        if token_patterns:
            self.tokens.add(key, token_patterns)

    def __call__(self, doc: Doc) -> list[RawMatch]:
        """Every match in the doc, once per (rule, start), in text order."""
        seen: set[tuple[int, int]] = set()
        found: list[RawMatch] = []
        for key, start, end in self._raw(doc):
            if (key, start) in seen:
                continue
            seen.add((key, start))
            found.append(RawMatch(self.targets[key], start, end))
        found.sort(key=lambda m: (m.start, m.end, m.target.rule_id))
        return found

    def _raw(self, doc: Doc) -> Iterator[tuple[int, int, int]]:
        yield from self.phrases(doc)
        if len(self.tokens):
            yield from self.tokens(doc)
