"""The spaCy pipeline: blank English with jdscan's token splits, lemmas looked up from
lower-case text (lemmatizer.py), sentence boundaries from arrays (sentences.py).
"""

from __future__ import annotations

import re

import spacy
from spacy.lang.en import English
from spacy.language import Language
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from ..errors import UsageError
from .lemmatizer import LowerLemmatizer, lemma_table
from .sentences import ArraySentencizer

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
    return LowerLemmatizer(lemma_table(), nlp.vocab, PUNCT_CHARS)


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
