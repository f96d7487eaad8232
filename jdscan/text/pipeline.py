"""The spaCy pipeline: blank English, sentencizer, lemmas looked up from lower-case text.

spaCy's lookup lemmatizer is case-sensitive ("Returns" stays "Returns"), which loses
matches at sentence starts, in headings and in shouted titles. This component looks the
lemma up from `token.lower_` in the same spacy-lookups-data table, so lemmas are always
lower case and rule phrases match however the ad is cased.
"""

from __future__ import annotations

import gzip
import json
import re
from functools import lru_cache
from pathlib import Path

import numpy
import spacy
from spacy.attrs import LEMMA, ORTH, SPACY
from spacy.lang.en import English
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from ..errors import UsageError
from .sentences import GLUED, LEMMAS, LENGTHS, WORD_BITS, ArraySentencizer, word_bits

# Sentencizer boundaries: the default ones plus the bullets and pipes that stand between
# duties when an ad's list markup was stripped.
PUNCT_CHARS = [".", "!", "?", ";", "•", "·", "●", "▪", "|", "\u2022", "…"]

# Ads whose HTML was stripped run list items together: "order processingCustomer
# supportCreate invoices", "CRM.Handle". Zero-width infixes split such joins without
# changing the text, so evidence offsets still point into the original.
RUN_TOGETHER_INFIXES = [
    r"(?<=[a-z]{2})(?=[A-Z][a-z])",
    r"(?<=[A-Za-z]{2})\.(?=[A-Z][a-z])",
    r"(?<=[A-Za-z]):-(?=[A-Za-z])",  # "Duties:-Answer calls"
]
# The same stripping leaves a list item's dash on the word before or after it ("Call
# centre experience- Typing speed", "Requirements: -Good English"): split off, the word
# can match, and a hedge window closes where the item does.
RUN_TOGETHER_SUFFIXES = [r"(?<=[A-Za-z]{2})-"]
RUN_TOGETHER_PREFIXES = [r"-(?=[A-Za-z]{2})"]


# A line break inside a sentence ("you will prepare\nquotes") is a hard wrap, not a break:
# spaCy would make the newline a token and no phrase could match across it. A break after
# sentence punctuation, before a capital, a bullet (lettered ones such as "a)", "(b)" or
# "o " included) or a blank line stays: it ends a sentence.
# The character before the break is checked in Python: a leading look-behind made the
# regex engine test every position of the text (4x slower).
HARD_WRAP = re.compile(r"\r?\n(?=[ \t]*(?![a-z][.)][ \t]|o[ \t]+[A-Z]|\([a-z0-9]{1,3}\)[ \t])[a-z(])")
ENDS_SENTENCE = frozenset(".!?:;")


def unwrap(text: str) -> str:
    """The text with hard line wraps turned into spaces of the same length."""
    return HARD_WRAP.sub(_unwrap_break, text) if "\n" in text else text


def _unwrap_break(m: re.Match) -> str:
    before = m.string[m.start() - 1] if m.start() else "\n"
    return m.group() if before in ENDS_SENTENCE or before.isspace() else " " * len(m.group())


class BlankEnglish(English):
    """spacy.blank("en") with the run-together infixes built in: setting them afterwards
    makes spaCy load its 2,700 tokenizer exceptions a second time (0.15 s of every start)."""

    lang = "en"

    class Defaults(English.Defaults):
        infixes = list(English.Defaults.infixes) + RUN_TOGETHER_INFIXES
        prefixes = list(English.Defaults.prefixes) + RUN_TOGETHER_PREFIXES
        suffixes = list(English.Defaults.suffixes) + RUN_TOGETHER_SUFFIXES


class LowerLemmatizer:
    """Sets lemmas from a lookup table keyed by the lower-cased token, and records each
    token's word bits for the sentencizer (see sentences.WORD_BITS).

    Works on arrays of orth ids (no Token objects): each distinct word form gets a row, once
    per process, in growing arrays of lemma ids and word bits, and a dict maps its orth id
    to that row; a doc is then one C-level look-up per token and two array indexings."""

    def __init__(self, table, vocab, boundaries: list[str]):
        self.table = table
        self.vocab = vocab
        self.strings = vocab.strings
        self.boundaries = frozenset(boundaries)
        self.cache: dict[int, int] = {}  # orth id -> row
        self.lemmas = numpy.zeros(1024, dtype=numpy.uint64)
        self.bits = numpy.zeros(1024, dtype=numpy.int64)
        self.lengths = numpy.zeros(1024, dtype=numpy.int64)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        cols = doc.to_array([ORTH, SPACY])
        orths = cols[:, 0].tolist()
        try:  # a C-level loop over the cache; a word seen for the first time fills it
            rows = self._rows(orths)
        except KeyError:
            for orth in dict.fromkeys(orths).keys() - self.cache.keys():
                self._add(orth)
            rows = self._rows(orths)
        lemmas = self.lemmas[rows]
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        data = doc.user_data
        data[LEMMAS], data[WORD_BITS], data[LENGTHS], data[GLUED] = \
            lemmas, self.bits[rows], self.lengths[rows], cols[:, 1] == 0
        return doc

    def _rows(self, orths: list[int]) -> numpy.ndarray:
        return numpy.fromiter(map(self.cache.__getitem__, orths), dtype=numpy.intp, count=len(orths))

    def _add(self, orth: int) -> None:
        row = len(self.cache)
        if row == len(self.lemmas):
            self.lemmas = numpy.resize(self.lemmas, 2 * row)
            self.bits = numpy.resize(self.bits, 2 * row)
            self.lengths = numpy.resize(self.lengths, 2 * row)
        text = self.strings[orth]
        lex = self.vocab[text]
        self.lemmas[row] = self.strings.add(self.lemma_of(text))
        self.bits[row] = word_bits(text, lex, self.boundaries)
        self.lengths[row] = len(text)
        self.cache[orth] = row

    def lemma_of(self, word: str) -> str:
        """The lemma this component gives a token of this text."""
        lower = word.lower()
        if lower in LEMMA_FIXES:
            return LEMMA_FIXES[lower]
        lemma = self.table.get(lower, lower).lower()
        # The table is not idempotent ("brokers" -> "broker" -> "broke", "meetings" ->
        # "meeting" -> "meet"): a second look-up sends a word and its base form to the
        # same lemma, so a phrase matches either form.
        return self.table.get(lemma, lemma).lower()


# spacy-lookups-data's table reads some job-ad nouns as forms of other words ("crew" as
# the past of "crow", "ground" of "grind", "data" as plural of "datum"): a rule written
# for the noun would never match. These words keep their own lemma.
LEMMA_FIXES = {
    "crew": "crew", "crews": "crew", "ground": "ground", "premises": "premises", "data": "data",
    "media": "media", "goods": "goods", "customs": "customs", "founded": "found", "broker": "broker",
    "brokers": "broker", "logistics": "logistics", "fed": "feed", "grounds": "ground",
}

PLAIN = re.compile(r"[a-z]+(?: [a-z]+)*\Z")


def plain_words(phrase: str, exceptions) -> list[str] | None:
    """The tokens of a phrase of lower-case ASCII words between single spaces, none of them
    one of the tokenizer's `exceptions` ("cannot", "gonna"): spaCy's English tokenizer
    splits such a phrase at its spaces and nowhere else. None for any other phrase."""
    if not PLAIN.match(phrase):
        return None
    words = phrase.split(" ")
    return None if any(w in exceptions for w in words) else words


@Language.factory("jdscan_sentencizer")
def make_sentencizer(nlp: Language, name: str) -> ArraySentencizer:
    return ArraySentencizer(nlp.vocab, PUNCT_CHARS)


@Language.factory("jdscan_lemmatizer")
def make_lemmatizer(nlp: Language, name: str) -> LowerLemmatizer:
    return LowerLemmatizer(_lemma_table(), nlp.vocab, PUNCT_CHARS)


@lru_cache(maxsize=1)
def _lemma_table():
    """spacy-lookups-data's English lemma table as a dict: read straight from its file
    (0.02 s) rather than through spaCy's Lookups registry (0.17 s of every start)."""
    try:
        from importlib.util import find_spec

        # Found, not imported: the package's own import (3 ms) is not needed to read its file.
        spec = find_spec("spacy_lookups_data")
        if spec is None or spec.origin is None:
            raise OSError("spacy-lookups-data is not installed")
        path = Path(spec.origin).parent / "data" / "en_lemma_lookup.json.gz"
        # Decompressed whole and parsed from bytes: a quarter faster than a text stream.
        return json.loads(gzip.decompress(path.read_bytes()))
    except (OSError, ValueError):  # another layout of the package: spaCy's own way
        from spacy.lookups import load_lookups

        return load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")


def build_pipeline(model: str | None = None) -> Language:
    """Build the pipeline once per process: blank English, or an installed trained spaCy
    pipeline (a package name or a folder) when `model` is given. Never downloads."""
    if model is None:
        nlp = BlankEnglish()
        # spaCy's 1M-character cap guards a parser's memory; this pipeline has none, and the
        # readers' --max-size is the limit that users set.
        nlp.max_length = 10**9
    else:
        nlp = _load_model(model)
        _add_run_together_rules(nlp)
    nlp.add_pipe("jdscan_lemmatizer")  # first: it records the word bits the sentencizer reads
    if not {"parser", "senter", "sentencizer"} & set(nlp.pipe_names):
        nlp.add_pipe("jdscan_sentencizer")
    return nlp


def _add_run_together_rules(nlp: Language) -> None:
    """A trained pipeline's tokenizer gets the splits BlankEnglish has in its Defaults."""
    defaults, tokenizer = nlp.Defaults, nlp.tokenizer
    tokenizer.infix_finditer = compile_infix_regex([*defaults.infixes, *RUN_TOGETHER_INFIXES]).finditer
    tokenizer.prefix_search = compile_prefix_regex([*defaults.prefixes, *RUN_TOGETHER_PREFIXES]).search
    tokenizer.suffix_search = compile_suffix_regex([*defaults.suffixes, *RUN_TOGETHER_SUFFIXES]).search


def _load_model(model: str) -> Language:
    # Lemmas come from jdscan's own look-up (the rules are written against them); NER is
    # not used by the bundled rules and is the slowest component.
    try:
        return spacy.load(model, exclude=["lemmatizer", "ner"])
    except OSError:
        raise UsageError(
            f"spaCy pipeline {model!r} is not installed, and jdscan never downloads one "
            "(try installing its package with pip first, or leave --model out for the "
            "built-in pipeline)") from None
