"""Lemmas looked up from lower-case text, in spacy-lookups-data's English table.

spaCy's lookup lemmatizer is case-sensitive ("Returns" stays "Returns"), which loses
matches at sentence starts, in headings and in shouted titles. This component looks the
lemma up from the lower-cased word in the same table, so lemmas are always lower case and
rule phrases match however the ad is cased.
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from pathlib import Path

import numpy
from spacy.attrs import ID, LEMMA, ORTH, SPACY
from spacy.tokens import Doc

from .sentences import GLUED, LEMMAS, LENGTHS, WORD_BITS, word_bits


class LowerLemmatizer:
    """Sets lemmas from a lookup table keyed by the lower-cased token, and records each
    token's word bits for the sentencizer (see sentences.WORD_BITS).

    Works on arrays (no Token objects): each distinct word form gets a row, once per
    process, in growing arrays of lemma ids, word bits and lengths. Where the vocab has no
    vectors, a lexeme's rank (spaCy's index into a vectors table, unused without one) holds
    its row, so a doc's rows are one column of `Doc.to_array`; otherwise a dict maps orth
    ids to rows."""

    def __init__(self, table, vocab, boundaries: list[str]):
        self.table = table
        self.vocab = vocab
        self.strings = vocab.strings
        self.boundaries = frozenset(boundaries)
        self.cache: dict[int, int] = {}  # orth id -> row
        self.orths = numpy.zeros(1024, dtype=numpy.uint64)
        self.lemmas = numpy.zeros(1024, dtype=numpy.uint64)
        self.bits = numpy.zeros(1024, dtype=numpy.int64)
        self.lengths = numpy.zeros(1024, dtype=numpy.int64)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        cols = doc.to_array([ORTH, SPACY, ID])
        rows = self._ranked(cols) if not self.vocab.vectors.shape[0] else self._looked_up(cols[:, 0])
        lemmas = self.lemmas[rows]
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        data = doc.user_data
        data[LEMMAS], data[WORD_BITS], data[LENGTHS], data[GLUED] = \
            lemmas, self.bits[rows], self.lengths[rows], cols[:, 1] == 0
        return doc

    def _ranked(self, cols: numpy.ndarray) -> numpy.ndarray:
        """Rows from the lexemes' ranks; a word seen for the first time (its rank is spaCy's
        OOV_RANK), or with a rank something else set, is given its row and rank."""
        orths, rows = cols[:, 0], cols[:, 2]
        known = rows < len(self.cache)
        if known.all():
            fresh = self.orths[rows] != orths
            if not fresh.any():
                return rows.astype(numpy.intp)
        else:
            fresh = ~known
            fresh[known] = self.orths[rows[known]] != orths[known]
        unranked = orths[fresh].tolist()
        for orth in set(unranked):
            self.vocab[orth].rank = self.cache[orth] if orth in self.cache else self._add(orth)
        rows[fresh] = [self.cache[orth] for orth in unranked]
        return rows.astype(numpy.intp)

    def _looked_up(self, orths: numpy.ndarray) -> numpy.ndarray:
        keys = orths.tolist()
        try:  # a C-level loop over the cache; a word seen for the first time fills it
            return numpy.fromiter(map(self.cache.__getitem__, keys), dtype=numpy.intp, count=len(keys))
        except KeyError:  # (not `keys - cache.keys()`: that walks the whole cache, ~3 ms an ad)
            for orth in [orth for orth in dict.fromkeys(keys) if orth not in self.cache]:
                self._add(orth)
            return numpy.fromiter(map(self.cache.__getitem__, keys), dtype=numpy.intp, count=len(keys))

    def _add(self, orth: int) -> int:
        row = len(self.cache)
        if row == len(self.lemmas):
            for name in ("orths", "lemmas", "bits", "lengths"):
                setattr(self, name, numpy.resize(getattr(self, name), 2 * row))
        text = self.strings[orth]
        lex = self.vocab[text]
        self.orths[row] = orth
        self.lemmas[row] = self.strings.add(self.lemma_of(text))
        self.bits[row] = word_bits(text, lex, self.boundaries)
        self.lengths[row] = len(text)
        self.cache[orth] = row
        return row

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

@lru_cache(maxsize=1)
def lemma_table():
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


