"""The words of an ad as lexicon terms: lemma 1- and 2-grams, the title's and the body's
apart, each counted with its strength in context (0 negated, a half hedged, as a rule's
hit is). What is not a word of the job is left out where it is read: masked numbers
(`****`), numbers, URLs and e-mail addresses (no token of them is alphabetic), single
letters, stop words on their own, and the boilerplate a job board adds ("show more").

Terms are keyed by lemma hashes, `(part, lemma)` or `(part, lemma, lemma)`, so a lexicon
is looked up without making strings; `term_text` names one for people and for fitting.
"""

from __future__ import annotations

from itertools import pairwise

import numpy
from spacy.attrs import IDX, IS_ALPHA, IS_STOP, LEMMA, LENGTH
from spacy.strings import StringStore
from spacy.tokens import Doc

from ..ruleset.lexicon import Lexicon
from ..score.words import Found, KeyedLexicon, keyed_lexicon, term_keys
from ..text.sentences import ALPHA, LEMMAS, LENGTHS, STOP, WORD_BITS
from .context import DocContext

TITLE, BODY = 0, 1
PARTS = ("title", "body")
BOILERPLATE = {("show", "more"), ("see", "more"), ("read", "more"), ("click", "here"), ("apply", "now")}
HEDGED = 0.5


def doc_terms(doc: Doc, ctx: DocContext | None, parts: list[tuple[int, int, int, int]],
              hedge: float = HEDGED) -> dict[tuple, list]:
    """Every term of the doc's parts ((part, first token, end token, shift) each), as
    [count, start, end]: the sum of its occurrences' strengths, and where the first one
    lies in its part's text (the doc's character offsets less `shift`). What a lexicon is
    fitted to; classifying looks up the lexicon's own terms (lexicon_terms)."""
    rows = list(zip(*(column.tolist() for column in _columns(doc))))  # as lexicon_terms reads them
    starts = set(ctx.sent_starts) if ctx is not None else set()
    judged = ctx.token_strengths(hedge) if ctx is not None else None
    strength = judged.tolist().__getitem__ if judged is not None else _plain
    skip = _boilerplate(doc.vocab.strings)
    terms: dict[tuple, list] = {}
    for part, lo, hi, shift in parts:
        for i in range(lo, hi):
            lemma, alpha, stop, length, idx = rows[i]
            if not alpha or length < 2:
                continue
            key = (part, lemma)
            if not stop:
                _count(terms, key, strength(i), idx - shift, idx + length - shift)
            j = i + 1
            if j < hi and j not in starts and rows[j][1] and rows[j][3] > 1 and not (stop and rows[j][2]):
                key = (part, lemma, rows[j][0])
                if key[1:] not in skip:
                    _count(terms, key, min(strength(i), strength(j)), idx - shift, rows[j][4] + rows[j][3] - shift)
    return terms


def _plain(i: int) -> float:
    return 1.0


def _count(terms: dict[tuple, list], key: tuple, strength: float, start: int, end: int) -> None:
    found = terms.get(key)
    if found is None:
        terms[key] = [strength, start, end]
    else:
        found[0] += strength


def term_text(key: tuple, strings: StringStore) -> str:
    """A term as people read it: `body:sales target`."""
    return PARTS[key[0]] + ":" + " ".join(strings[h] for h in key[1:])


def term_key(text: str, strings: StringStore) -> tuple:
    """The key of a term written as term_text writes it."""
    part, _, words = text.partition(":")
    return (PARTS.index(part), *(strings.add(w) for w in words.split(" ")))


def keyed(lexicon: Lexicon, strings: StringStore) -> KeyedLexicon:
    """The lexicon keyed by lemma hashes, for look-ups without strings."""
    def hashes(term: str) -> tuple[int, tuple]:
        key = term_key(term, strings)
        return key[0], key[1:]

    return keyed_lexicon(lexicon, hashes)


Piece = tuple[Doc, DocContext | None, list[tuple[int, int, int, int]]]  # doc, context, parts


def lexicon_terms(pieces: list[Piece], lexicon: KeyedLexicon, hedge: float = HEDGED) -> list[Found]:
    """The terms the lexicon has in each piece (a doc, its context and its parts, as
    doc_terms takes them), counted as doc_terms counts them, found with array operations
    over all the pieces at once (a loop per token cost a third of an ad's time, and a few
    dozen array calls per ad a tenth of what is left)."""
    columns = [_columns(doc) for doc, _, _ in pieces]
    offsets = numpy.cumsum([0, *(len(c[0]) for c in columns)])
    lemma, alpha, stop, length, idx = (numpy.concatenate(c) for c in zip(*columns))
    n = len(lemma)
    if not n:
        none = numpy.zeros(0, dtype=numpy.int64)
        return [Found(none, none, numpy.zeros(0), none, none) for _ in pieces]
    part, shift, strength = numpy.full(n, -1), numpy.zeros(n, dtype=numpy.int64), numpy.ones(n)
    joined = numpy.ones(n, dtype=bool)  # token i and i + 1 may form a pair: same doc, part and sentence
    joined[offsets[1:] - 1] = False
    for (_, ctx, parts), at, size in zip(pieces, offsets.tolist(), numpy.diff(offsets).tolist()):
        for p, lo, hi, moved in parts:
            part[at + lo:at + hi], shift[at + lo:at + hi] = p, moved
        if ctx is not None:
            starts = numpy.array(ctx.sent_starts, dtype=numpy.int64)
            joined[starts[(starts > 0) & (starts < size)] + (at - 1)] = False
            judged = ctx.token_strengths(hedge)
            if judged is not None:
                strength[at:at + size] = judged
    joined[:-1] &= part[:-1] == part[1:]
    word = alpha & (length >= 2) & (part >= 0)
    one = numpy.flatnonzero(word & ~stop)
    two = numpy.flatnonzero(word[:-1] & word[1:] & joined[:-1] & ~(stop[:-1] & stop[1:]))
    first, last = numpy.concatenate([one, two]), numpy.concatenate([one, two + 1])
    hit, rows = lexicon.find(numpy.concatenate([term_keys(part[one], lemma[one], None),
                                                term_keys(part[two], lemma[two], lemma[two + 1])]))
    first, last = first[hit], last[hit]
    terms = len(lexicon.idf)
    cells = (numpy.searchsorted(offsets, first, side="right") - 1) * terms + rows  # piece x row
    counts = numpy.bincount(cells, weights=numpy.minimum(strength[first], strength[last]),
                            minlength=len(pieces) * terms)
    where = numpy.zeros(len(counts), dtype=numpy.int64)
    where[cells[::-1]] = numpy.arange(len(cells))[::-1]  # each term's first place: its hits come in text order
    present = numpy.flatnonzero(counts > 0)
    at_first, at_last = first[where[present]], last[where[present]]
    found = (present % terms, part[at_first], counts[present], idx[at_first] - shift[at_first],
             idx[at_last] + length[at_last] - shift[at_last])
    bounds = numpy.searchsorted(present // terms, numpy.arange(len(pieces) + 1)).tolist()
    return [Found(*(column[a:b] for column in found)) for a, b in pairwise(bounds)]


def batch_terms(items: list[tuple[list[Piece], KeyedLexicon]]) -> list[Found]:
    """The lexicon's terms of each item's pieces, as one Found an item; the pieces weighed by
    one lexicon are looked up together."""
    groups: dict[int, tuple[KeyedLexicon, list[tuple[int, Piece]]]] = {}
    for i, (pieces, lexicon) in enumerate(items):
        groups.setdefault(id(lexicon), (lexicon, []))[1].extend((i, piece) for piece in pieces)
    found: list[list[Found]] = [[] for _ in items]
    for lexicon, group in groups.values():
        for (i, _), terms in zip(group, lexicon_terms([piece for _, piece in group], lexicon)):
            found[i].append(terms)
    return [f[0] if len(f) == 1 else Found(*(numpy.concatenate(c) for c in zip(*f))) for f in found]


def every_term(pieces: list[Piece]) -> dict[tuple, list]:
    """Every term of the pieces, by key (doc_terms): what a fit reads."""
    terms: dict[tuple, list] = {}
    for doc, ctx, parts in pieces:
        terms.update(doc_terms(doc, ctx, parts))
    return terms


def _columns(doc: Doc) -> tuple[numpy.ndarray, ...]:
    """Each token's lemma id, whether alphabetic, whether a stop word, length, offset: from
    what jdscan's lemmatizer recorded where it ran (one column read instead of five)."""
    data = doc.user_data
    lemma, bits, length = data.get(LEMMAS), data.get(WORD_BITS), data.get(LENGTHS)
    if lemma is None or bits is None or length is None:
        cols = doc.to_array([LEMMA, IS_ALPHA, IS_STOP, LENGTH, IDX])
        return cols[:, 0], cols[:, 1] == 1, cols[:, 2] == 1, cols[:, 3].astype(numpy.int64), \
            cols[:, 4].astype(numpy.int64)
    return lemma, (bits & ALPHA) != 0, (bits & STOP) != 0, length, doc.to_array(IDX).astype(numpy.int64)


_SKIP: dict[int, set] = {}


def _boilerplate(strings: StringStore) -> set:
    key = id(strings)
    if key not in _SKIP:
        _SKIP[key] = {(strings.add(a), strings.add(b)) for a, b in BOILERPLATE}
    return _SKIP[key]
