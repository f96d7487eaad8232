"""Compile a RuleSet to spaCy matchers, and run them over a Doc."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import product
from operator import itemgetter
from typing import NamedTuple

from spacy.attrs import LEMMA, LOWER
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from ..ruleset.regexsafe import bounded
from ..ruleset.schema import PatternSpec
from ..ruleset.validated import RuleSet
from ..score.hit import Target
from ..text.pipeline import plain_words
from .proximity import ProximityMatcher, as_proximity, token_values
from .senses import compound_starts, in_sense, sense_words


class RawMatch(NamedTuple):  # dozens per ad: a tuple is cheaper to build than a dataclass
    target: Target
    start: int  # token offsets
    end: int


MAX_EXPANSION = 2000
OPTIONAL = {"?": 1, "{0,1}": 1, "{0,2}": 2, "{0,3}": 3}


def _bounded_regexes(token: dict) -> dict:
    """A token pattern whose REGEX values only look at tokens of bounded length."""
    return {key: {op: bounded(arg) if op == "REGEX" else arg for op, arg in value.items()}
            if isinstance(value, dict) and key != "_" else value for key, value in token.items()}


def expand_pattern(pattern: list[dict]) -> tuple[str, list[list[str]]] | None:
    """(attribute, sequences): the exact value sequences a token pattern matches when every
    token tests one attribute, LOWER or LEMMA, against a string or an IN list, optionally
    repeated 0..n times. A PhraseMatcher then does the Matcher's job almost for free.
    None for anything else (wildcards, other attributes, too many sequences)."""
    tested = [token_values(token) for token in pattern]
    if any(t is None for t in tested) or len({attr for attr, _ in tested}) != 1:
        return None
    attr = tested[0][0]
    sequences: list[list[str]] = [[]]
    for token, (_, values) in zip(pattern, tested):
        repeats = _repeats(token.get("OP"))
        if repeats is None:
            return None
        sequences = [seq + list(extra) for seq in sequences for n in repeats
                     for extra in product(values, repeat=n)]
        if len(sequences) > MAX_EXPANSION:
            return None
    return attr, [seq for seq in sequences if seq]


def split_guard(pattern: list[dict]) -> tuple[list[dict], str, list[str]] | None:
    """(the tokens before it, attribute, excluded words) when a pattern ends in a token that
    only rules words out ({"LOWER": {"NOT_IN": [...]}}, no OP): "meet clients", not "meet
    client needs". None for any other pattern."""
    if len(pattern) < 2 or "OP" in pattern[-1] or len(pattern[-1]) != 1:
        return None
    [(attr, value)] = pattern[-1].items()
    if attr not in ("LOWER", "LEMMA") or not isinstance(value, dict) or set(value) != {"NOT_IN"}:
        return None
    return pattern[:-1], attr, list(value["NOT_IN"])


def _repeats(op) -> range | None:
    if op is None:
        return range(1, 2)
    return range(OPTIONAL[op] + 1) if op in OPTIONAL else None


class CompiledRules:
    """Phrase patterns on lemmas and on word forms (nearly free), and token patterns (the
    costly part: only what a phrase cannot say goes to the Matcher)."""

    def __init__(self, nlp: Language, ruleset: RuleSet):
        self.phrases = PhraseMatcher(nlp.vocab, attr="LEMMA")
        self.forms = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.tokens = Matcher(nlp.vocab, validate=True)
        self.near = ProximityMatcher(nlp.vocab)
        self.targets: dict[int, Target] = {}
        # Phrase keys whose match must be followed by a token the pattern allows: key ->
        # (the rule's own key, attribute id, hashes of the excluded words).
        self.guards: dict[int, tuple[int, int, frozenset[int]]] = {}
        # Rule keys whose matches must be read in a sense: key -> (words that rule it out,
        # words one of which it needs, window), words as hashes of lemmas and forms.
        self.senses: dict[int, tuple[frozenset[int], frozenset[int], int]] = {}
        specs = [(Target("role", r, d, s.id, s.weight), s) for r, d, s in ruleset.role_targets()]
        specs += [(Target("facet", f, v, s.id, s.weight), s) for f, v, s in ruleset.facet_patterns()]
        phrase_keys = _phrase_lemmas(nlp, {p for _, s in specs for p in s.patterns if isinstance(p, str)})
        for target, spec in specs:
            self._add(nlp, target, spec, phrase_keys)
        self.rule_ids = {key: target.rule_id for key, target in self.targets.items()}

    def _add(self, nlp: Language, target: Target, spec: PatternSpec, phrase_keys: dict[str, list[int]]) -> None:
        key = f"{target.kind}:{target.group}:{target.rule_id}"
        self.targets[nlp.vocab.strings.add(key)] = target
        if spec.sense is not None:
            self.senses[nlp.vocab.strings[key]] = sense_words(nlp, spec.sense)
        token_patterns, forms = [], []
        lemmas = [phrase_keys[p] for p in spec.patterns if isinstance(p, str)]
        for n, pattern in enumerate(p for p in spec.patterns if isinstance(p, list)):
            if self._add_guarded(nlp, key, f"{key}:guard{n}", pattern):
                continue
            expanded = expand_pattern(pattern)
            near = as_proximity(pattern) if expanded is None else None
            if near is not None:
                self.near.add(nlp.vocab.strings[key], near)
                continue
            if expanded is None:
                token_patterns.append([_bounded_regexes(token) for token in pattern])
                continue
            attr, sequences = expanded
            target = forms if attr == "LOWER" else lemmas
            target.extend(_keys_of(nlp.vocab.strings, words, attr) for words in sequences)
        if lemmas:
            self.phrases.add(key, lemmas)
        if forms:
            self.forms.add(key, forms)
        if token_patterns:
            self.tokens.add(key, token_patterns)

    def _add_guarded(self, nlp: Language, owner: str, name: str, pattern: list[dict]) -> bool:
        """A pattern with a last token that only excludes words goes to the PhraseMatchers
        under a key of its own; `_checked` tests the next token (the Matcher, which it would
        otherwise need, costs ~0.4 ms an ad per pattern)."""
        guard = split_guard(pattern)
        expanded = expand_pattern(guard[0]) if guard else None
        if expanded is None:
            return False
        attr, sequences = expanded
        strings = nlp.vocab.strings
        matcher = self.forms if attr == "LOWER" else self.phrases
        matcher.add(name, [_keys_of(strings, words, attr) for words in sequences])
        excluded = frozenset(_keys_of(strings, guard[2], guard[1]))
        self.guards[strings[name]] = (strings[owner], LEMMA if guard[1] == "LEMMA" else LOWER, excluded)
        return True

    def __call__(self, doc: Doc, seam: tuple[int, int] | None = None) -> list[RawMatch]:
        """Every match in the doc, once per (rule, start), in text order. `seam`: tokens
        [a, b) that join two parts of the doc; no match may touch them."""
        first: dict[tuple[int, int], int] = {}
        inner = compound_starts(doc)
        for key, start, end in self._raw(doc):
            if seam is not None and start < seam[1] and end > seam[0]:
                continue
            if start in inner:
                continue
            if key in self.senses and not in_sense(doc, start, end, *self.senses[key]):
                continue
            first.setdefault((key, start), end)
        # Sorted as plain tuples (no key function): by place, then rule id, then the order
        # found, which is what a stable sort on (start, end, rule id) gives.
        rule_ids, targets, make = self.rule_ids, self.targets, tuple.__new__  # a named tuple's __new__ is a Python call
        order = sorted([(start, end, rule_ids[key], i, key) for i, ((key, start), end) in enumerate(first.items())])
        return [make(RawMatch, (targets[key], start, end)) for start, end, _, _, key in order]

    def _raw(self, doc: Doc) -> list[tuple[int, int, int]]:
        found = self._checked(doc, self.phrases(doc))
        if len(self.forms):
            found += self._checked(doc, self.forms(doc))
        found += self.near(doc)
        if len(self.tokens):
            found += self.tokens(doc)
        return found

    def _checked(self, doc: Doc, matches: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
        """Phrase matches, a guarded one only where a token follows that its pattern allows
        (then with that token, as the Matcher would match it)."""
        if self.guards.keys().isdisjoint(map(itemgetter(0), matches)):  # most ads: no guarded match
            return matches
        return list(self._guarded(doc, matches))

    def _guarded(self, doc: Doc, matches: list[tuple[int, int, int]]) -> Iterator[tuple[int, int, int]]:
        for key, start, end in matches:
            guard = self.guards.get(key)
            if guard is None:
                yield key, start, end
            elif end < len(doc):
                owner, attr, excluded = guard
                token = doc[end]
                if (token.lemma if attr == LEMMA else token.lower) not in excluded:
                    yield owner, start, end + 1


# PhraseMatcher.add takes, besides Docs, the sequence of attribute hashes a Doc would give
# (it re-adds its patterns that way when unpickled). Phrases are given so: building ~1,600
# pattern Docs made a lexeme for every rule word, 0.15 s of every start.


def _phrase_lemmas(nlp: Language, phrases: set[str]) -> dict[str, list[int]]:
    """Every phrase as the lemma hashes of its tokens, as the pipeline would give them.
    Phrases of plain lower-case words need no tokenizer; the rest go through it."""
    lemmatizer = nlp.get_pipe("jdscan_lemmatizer")
    strings, exceptions = nlp.vocab.strings, nlp.tokenizer.rules
    keys, rest = {}, []
    for phrase in phrases:
        words = plain_words(phrase, exceptions)
        if words is None:
            rest.append(phrase)
        else:
            keys[phrase] = [strings.add(lemmatizer.lemma_of(w)) for w in words]
    with nlp.select_pipes(enable=["jdscan_lemmatizer"]):
        for phrase, doc in zip(rest, nlp.pipe(rest)):
            keys[phrase] = doc.to_array(LEMMA).tolist()
    return keys


def _keys_of(strings, words: list[str], attr: str) -> list[int]:
    """The hashes a pattern Doc of these words would carry: exact lemmas, or lower forms."""
    return [strings.add(w if attr == "LEMMA" else w.lower()) for w in words]
