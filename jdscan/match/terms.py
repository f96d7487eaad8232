"""The words of an ad as lexicon terms: lemma 1- and 2-grams, the title's and the body's
apart, each counted with its strength in context (0 negated, a half hedged, as a rule's
hit is). What is not a word of the job is left out where it is read: masked numbers
(`****`), numbers, URLs and e-mail addresses (no token of them is alphabetic), single
letters, stop words on their own, and the boilerplate a job board adds ("show more").

Terms are keyed by lemma hashes, `(part, lemma)` or `(part, lemma, lemma)`, so a lexicon
is looked up without making strings; `term_text` names one for people and for fitting.
"""

from __future__ import annotations

from spacy.attrs import IDX, IS_ALPHA, IS_STOP, LEMMA, LENGTH
from spacy.strings import StringStore
from spacy.tokens import Doc

from ..ruleset.lexicon import Lexicon
from ..score.words import KeyedLexicon, keyed_lexicon
from .context import DocContext

TITLE, BODY = 0, 1
PARTS = ("title", "body")
BOILERPLATE = {("show", "more"), ("see", "more"), ("read", "more"), ("click", "here"), ("apply", "now")}
HEDGED = 0.5


def doc_terms(doc: Doc, ctx: DocContext | None, parts: list[tuple[int, int, int, int]],
              wanted: dict | set | None = None, hedge: float = HEDGED) -> dict[tuple, list]:
    """Every term of the doc's parts ((part, first token, end token, shift) each), or only
    those in `wanted`, as [count, start, end]: the sum of its occurrences' strengths, and
    where the first one lies in its part's text (the doc's character offsets less `shift`)."""
    rows = doc.to_array([LEMMA, IS_ALPHA, IS_STOP, LENGTH, IDX]).tolist()
    starts = set(ctx.sent_starts) if ctx is not None else set()
    judged = ctx.token_strengths(hedge) if ctx is not None else None
    strength = judged.__getitem__ if judged is not None else _plain
    skip = _boilerplate(doc.vocab.strings)
    terms: dict[tuple, list] = {}
    for part, lo, hi, shift in parts:
        for i in range(lo, hi):
            lemma, alpha, stop, length, idx = rows[i]
            if not alpha or length < 2:
                continue
            key = (part, lemma)
            if not stop and (wanted is None or key in wanted):
                _count(terms, key, strength(i), idx - shift, idx + length - shift)
            j = i + 1
            if j < hi and j not in starts and rows[j][1] and rows[j][3] > 1 and not (stop and rows[j][2]):
                key = (part, lemma, rows[j][0])
                if (wanted is None or key in wanted) and key[1:] not in skip:
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
    """The lexicon keyed as doc_terms keys terms, for look-ups without strings."""
    return keyed_lexicon(lexicon, lambda term: term_key(term, strings))


_SKIP: dict[int, set] = {}


def _boilerplate(strings: StringStore) -> set:
    key = id(strings)
    if key not in _SKIP:
        _SKIP[key] = {(strings.add(a), strings.add(b)) for a, b in BOILERPLATE}
    return _SKIP[key]
