"""Sentence boundaries as spaCy's Sentencizer sets them, from arrays and a per-word cache.

The Sentencizer builds a Token object per token; on a batch of ads that cost as much as
lemmatizing. The rule is the same: after a boundary character (".", "!", a bullet ...),
the next token that is neither punctuation nor a boundary character starts a sentence.
"""

from __future__ import annotations

import numpy
from spacy.attrs import ORTH, SENT_START
from spacy.tokens import Doc

WORD, BOUNDARY, PUNCT = 0, 1, 2


class ArraySentencizer:
    def __init__(self, vocab, punct_chars: list[str]):
        self.vocab = vocab
        self.boundaries = {vocab.strings.add(c) for c in punct_chars}
        self.kinds: dict[int, int] = {}  # orth id -> WORD, BOUNDARY or PUNCT

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        kinds, kind_of = self.kinds, self._kind
        flags, seen = [], False
        for orth in doc.to_array(ORTH).tolist():
            kind = kinds.get(orth)
            if kind is None:
                kind = kind_of(orth)
            if kind == WORD and seen:
                flags.append(1)
                seen = False
            else:
                flags.append(-1)
                seen = seen or kind == BOUNDARY
        flags[0] = 1
        # -1 ("not a start") as spaCy stores it: uint64, wrapped.
        doc.from_array([SENT_START], numpy.array(flags, dtype="int64").astype("uint64").reshape(-1, 1))
        return doc

    def _kind(self, orth: int) -> int:
        kind = BOUNDARY if orth in self.boundaries else PUNCT if self.vocab[orth].is_punct else WORD
        self.kinds[orth] = kind
        return kind
