"""The spaCy pipeline: blank English, sentencizer, lemmas looked up from lower-case text.

spaCy's lookup lemmatizer is case-sensitive ("Returns" stays "Returns"), which loses
matches at sentence starts, in headings and in shouted titles. This component looks the
lemma up from `token.lower_` in the same spacy-lookups-data table, so lemmas are always
lower case and rule phrases match however the ad is cased.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

# Sentencizer boundaries: the default ones plus the bullets and pipes that stand between
# duties when an ad's list markup was stripped.
PUNCT_CHARS = [".", "!", "?", ";", "•", "·", "●", "▪", "|", "\u2022", "…"]

# Ads whose HTML was stripped run list items together: "order processingCustomer
# supportCreate invoices", "CRM.Handle". Zero-width infixes split such joins without
# changing the text, so evidence offsets still point into the original.
RUN_TOGETHER_INFIXES = [
    r"(?<=[a-z]{2})(?=[A-Z][a-z])",
    r"(?<=[A-Za-z]{2})\.(?=[A-Z][a-z])",
]


class LowerLemmatizer:
    """Sets token.lemma_ from a lookup table keyed by the lower-cased token."""

    def __init__(self, table):
        self.table = table
        self.cache: dict[int, str] = {}

    def __call__(self, doc: Doc) -> Doc:
        cache, table = self.cache, self.table
        for token in doc:
            lemma = cache.get(token.orth)
            if lemma is None:
                lower = token.lower_
                lemma = table.get(lower, lower).lower()
                # The table is not idempotent ("brokers" -> "broker" -> "broke",
                # "meetings" -> "meeting" -> "meet"): a second look-up sends a word and
                # its base form to the same lemma, so a phrase matches either form.
                lemma = cache[token.orth] = table.get(lemma, lemma).lower()
            token.lemma_ = lemma
        return doc


@Language.factory("jdscan_lemmatizer")
def make_lemmatizer(nlp: Language, name: str) -> LowerLemmatizer:
    return LowerLemmatizer(_lemma_table())


@lru_cache(maxsize=1)
def _lemma_table():
    from spacy.lookups import load_lookups

    return load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")


def build_pipeline() -> Language:
    """Build the default pipeline; call once per process (it loads the lemma table)."""
    nlp = spacy.blank("en")
    infixes = list(nlp.Defaults.infixes) + RUN_TOGETHER_INFIXES
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    nlp.add_pipe("sentencizer", config={"punct_chars": PUNCT_CHARS})
    nlp.add_pipe("jdscan_lemmatizer")
    return nlp
