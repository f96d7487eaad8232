"""spaCy's tokenizer with a cache that keeps working: the same tokens, read per chunk of
text from a dict.

spaCy's tokenizer caches each whitespace-delimited chunk's tokens, but for the rest of a
doc it stops caching once a special case has occurred in it (a newline is one, and most
ads have one early), and it holds at most 10,000 chunks. An ad's chunks then go through
the prefix, suffix and infix searches again at every reading: most of its time. Here each
chunk is tokenized by spaCy's tokenizer once, alone, and its tokens (orth ids, trailing
spaces, the norms special cases set) are kept; a doc is built from the orth ids.

A chunk is a run of non-space characters with the single space after it, or a run of
whitespace: how spaCy's own loop cuts a text (a space right after a word is that token's
trailing space, any other whitespace a token of its own).
"""

from __future__ import annotations

import re
from itertools import chain

from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

CHUNKS = re.compile(r"\S+ ?|\s+")
CACHE_SIZE = 100_000  # chunks; cleared when full (a stream of new ads brings new chunks)


class CachedTokenizer:
    """Called as spaCy's tokenizer is (text -> Doc), with the same result."""

    def __init__(self, tokenizer: Tokenizer, size: int = CACHE_SIZE):
        self.tokenizer = tokenizer
        self.vocab = tokenizer.vocab
        self.size = size
        self.orths: dict[str, tuple[int, ...]] = {}
        self.spaces: dict[str, tuple[bool, ...]] = {}
        self.norms: dict[str, tuple[tuple[int, str], ...]] = {}  # only chunks with a special norm

    @property
    def rules(self):
        """The tokenizer's special cases, as spaCy's Tokenizer.rules."""
        return self.tokenizer.rules

    def __call__(self, text: str) -> Doc:
        chunks = CHUNKS.findall(text)
        try:  # C-level loops over the cache; a chunk seen for the first time fills it
            orths = list(chain.from_iterable(map(self.orths.__getitem__, chunks)))
        except KeyError:
            self._learn(chunks)
            orths = list(chain.from_iterable(map(self.orths.__getitem__, chunks)))
        spaces = list(chain.from_iterable(map(self.spaces.__getitem__, chunks)))
        doc = Doc(self.vocab, words=orths, spaces=spaces)
        if not self.norms.keys().isdisjoint(chunks):
            self._set_norms(doc, chunks)
        return doc

    def _learn(self, chunks: list[str]) -> None:
        new = set(chunks).difference(self.orths)
        if len(self.orths) + len(new) > self.size:
            self.orths, self.spaces, self.norms = {}, {}, {}
            new = set(chunks)
        for chunk in new:
            doc = self.tokenizer(chunk)
            self.orths[chunk] = tuple(t.orth for t in doc)
            self.spaces[chunk] = tuple(bool(t.whitespace_) for t in doc)
            norms = tuple((i, t.norm_) for i, t in enumerate(doc) if t.norm != t.lex.norm)
            if norms:
                self.norms[chunk] = norms

    def _set_norms(self, doc: Doc, chunks: list[str]) -> None:
        """The norms special cases give their tokens ("n't" -> "not"), as spaCy's tokenizer
        sets them."""
        i = 0
        for chunk in chunks:
            for k, norm in self.norms.get(chunk, ()):
                doc[i + k].norm_ = norm
            i += len(self.orths[chunk])
