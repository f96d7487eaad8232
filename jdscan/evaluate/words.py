"""The lexicon's side of a fit: which terms may become evidence, and the ads as a sparse
matrix of term strengths (what score.words computes for one ad at classify time).

A term is a candidate when it is in at least MIN_ADS ads and in ads of at least
MIN_CORPORA collections (each labelled ad's `source` repository), so that no job board's
boilerplate becomes evidence; the fit then keeps the TOP_K terms per role that weigh most.
"""

from __future__ import annotations

from collections import defaultdict

import numpy

MIN_ADS = 3
MIN_CORPORA = 2
TOP_K = 400  # terms kept per role: a few thousand in all
SCALES = (2.0, 3.0)  # title, body: what a part's terms add up to at most, before weights
L2_WORDS = 1.0  # the pull of a term's weights towards 0


class Vocabulary:
    """Terms in a fixed order, with their idf (from the ads the fit reads)."""

    def __init__(self, terms: list[str], idf: numpy.ndarray):
        self.terms = terms
        self.idf = idf
        self.index = {t: i for i, t in enumerate(terms)}

    def subset(self, keep: numpy.ndarray) -> Vocabulary:
        return Vocabulary([self.terms[i] for i in keep], self.idf[keep])


def candidates(terms: list[dict[str, float]], corpora: list[str], min_ads: int = MIN_ADS,
               min_corpora: int = MIN_CORPORA) -> Vocabulary:
    """Every term seen in enough ads of enough collections, sorted, with its smoothed idf.
    Ads without a known collection count as one collection; when the ads name fewer than
    `min_corpora` collections in all, the guard cannot apply and terms need only min_ads."""
    min_corpora = min(min_corpora, len(set(corpora)))
    ads: dict[str, int] = defaultdict(int)
    where: dict[str, set[str]] = defaultdict(set)
    for found, corpus in zip(terms, corpora):
        for term in found:
            ads[term] += 1
            where[term].add(corpus)
    kept = sorted(t for t, n in ads.items() if n >= min_ads and len(where[t]) >= min_corpora)
    n = len(terms)
    idf = numpy.array([numpy.log((1 + n) / (1 + ads[t])) + 1 for t in kept])
    return Vocabulary(kept, idf)


def strengths(terms: list[dict[str, float]], vocab: Vocabulary, scales: tuple[float, float] = SCALES):
    """(ads, terms) sparse matrix: idf x log(1 + count), each part scaled to unit length,
    times its scale, over the vocabulary's terms only (as at classify time)."""
    from scipy.sparse import csr_matrix

    rows, cols, values = [], [], []
    for i, found in enumerate(terms):
        cells = [(vocab.index[t], numpy.log1p(c) * vocab.idf[vocab.index[t]], t.startswith("body:"))
                 for t, c in found.items() if t in vocab.index]
        for part in (False, True):
            mine = [(j, v) for j, v, body in cells if body == part]
            norm = float(numpy.sqrt(sum(v * v for _, v in mine)))
            for j, v in mine:
                rows.append(i)
                cols.append(j)
                values.append(scales[part] * v / norm)
    return csr_matrix((values, (rows, cols)), shape=(len(terms), len(vocab.terms)))


def top_terms(weights: numpy.ndarray, k: int = TOP_K) -> numpy.ndarray:
    """The terms (rows) among the k that weigh most, for or against, for any role; sorted."""
    keep: set[int] = set()
    for role in range(weights.shape[1]):
        order = numpy.argsort(-numpy.abs(weights[:, role]), kind="stable")[:k]
        keep.update(int(i) for i in order if weights[i, role] != 0)
    return numpy.array(sorted(keep), dtype=int)


def fit_with_words(data, rows: numpy.ndarray, c: numpy.ndarray, prior, l2: float, top_k: int = TOP_K,
                   vocab_rows: numpy.ndarray | None = None):
    """(model, vocabulary): the rules' weights and a lexicon fitted together to the ads at
    `rows`; the candidates' fit picks the top_k terms per role, which are fitted again alone
    (their strengths scaled over the kept terms, as at classify time). `vocab_rows`: the ads
    whose terms are candidates and give the idf (default: `rows`)."""
    from .fit import fit

    terms = [data.terms[i] for i in rows]
    chosen_from = rows if vocab_rows is None else vocab_rows
    vocab = candidates([data.terms[i] for i in chosen_from], [data.corpora[i] for i in chosen_from])
    x, z, y, c = data.x[rows], data.z[rows], data.y[rows], c[rows]
    if not vocab.terms:  # too few ads for any term to qualify: the rules' weights alone
        return fit(x, z, y, c, prior, l2), None
    # The candidates' fit only ranks terms: the groups' pruning waits for the final fit.
    model = fit(x, z, y, c, prior, l2, prune=0, w=strengths(terms, vocab), l2_words=L2_WORDS)
    vocab = vocab.subset(top_terms(model.words, top_k))
    return fit(x, z, y, c, prior, l2, w=strengths(terms, vocab), l2_words=L2_WORDS), vocab


def held_out_scores(model, vocab: Vocabulary | None, data, rows: numpy.ndarray) -> numpy.ndarray:
    """The scores of the ads at `rows` under a model (with its lexicon, when it has one)."""
    w = strengths([data.terms[i] for i in rows], vocab) if vocab is not None else None
    return model.scores(data.x[rows], data.z[rows], w)
