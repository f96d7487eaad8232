"""The fit: a multinomial logistic regression on evidence strengths, regularised towards
the hand-set weights, so that a new rule works before any fit and a fit on few ads stays
near what the rules say.

    score(ad, role) = bias[role] + length[role] * z(ad) + sum_g x(ad, g) * W[g, role]
                      + sum_t w(ad, t) * V[t, role]        (the lexicon's terms, when fitted)
    p(role | ad) = softmax(score / T)

minimising  sum_ads c(ad) * -log p(label | ad)  +  l2 / 2 * |params - prior params|^2
                                                 +  l2_words / 2 * |V|^2

with c the class-prior weights. Rows of W that the rules tie to no role are the frames'
corrections (how much a role's evidence counts when it stands in a requirement, the
company's business, the offer, a career path or another team), pulled towards 0. SciPy's L-BFGS does the optimising (`pip install
jdscan[fit]`); classifying needs none of it. Deterministic: the same data, the same weights.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy

from ..errors import UsageError
from ..score.precedence import rules_of

PRUNE = 0.25  # smallest weight kept for a role the rules do not tie a group to


@dataclass(frozen=True)
class Model:
    weights: numpy.ndarray  # (groups, roles)
    bias: numpy.ndarray  # (roles,)
    length: numpy.ndarray  # (roles,)
    temperature: float  # the score scale of the fit: logits = score / temperature
    words: numpy.ndarray | None = None  # (terms, roles): the lexicon's weights, when fitted

    def scores(self, x: numpy.ndarray, z: numpy.ndarray, w=None) -> numpy.ndarray:
        """(ads, roles) scores: the exact sums a verdict shows. `w`: the ads' term strengths
        (a sparse matrix), when the model has a lexicon."""
        base = x @ self.weights + self.bias + numpy.outer(z, self.length)
        return base if w is None or self.words is None else base + w @ self.words


def softmax(logits: numpy.ndarray) -> numpy.ndarray:
    shifted = numpy.exp(logits - logits.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


def fit(x: numpy.ndarray, z: numpy.ndarray, y: numpy.ndarray, c: numpy.ndarray, prior: Model,
        l2: float, prune: float = PRUNE, w=None, l2_words: float = 1.0) -> Model:
    """The weights that minimise the regularised, class-weighted log loss. A group's weight
    for a role the rules do not tie it to is kept only when it reaches `prune`; the rest
    are fitted again without them, so a verdict lists what matters, not dozens of 0.01s. A
    column the rules tie to no role (a frame's) is a correction, not evidence: never pruned.
    `w`: the ads' lexicon term strengths (sparse), whose weights are fitted too."""
    n_groups, n_roles = prior.weights.shape
    n_words = 0 if w is None else w.shape[1]
    if n_words:
        prior = Model(prior.weights, prior.bias, prior.length, prior.temperature, numpy.zeros((n_words, n_roles)))
    free = numpy.ones(n_groups * n_roles + 2 * n_roles + n_words * n_roles, dtype=bool)
    model = _minimise(x, z, y, c, prior, l2, free, w, l2_words)
    if prune > 0:
        tied = prior.weights != 0
        tied[~tied.any(axis=1)] = True
        free[:n_groups * n_roles] = (tied | (numpy.abs(model.weights) >= prune)).ravel()
        model = _minimise(x, z, y, c, prior, l2, free, w, l2_words)
    return model


def _minimise(x, z, y, c, prior: Model, l2: float, free: numpy.ndarray, w=None, l2_words: float = 1.0) -> Model:
    try:
        from scipy.optimize import minimize
    except ImportError:
        raise UsageError("fitting weights needs SciPy (try `pip install 'jdscan[fit]'`)") from None
    n_groups, n_roles = prior.weights.shape
    t = prior.temperature
    start = _pack(prior)
    onehot = numpy.eye(n_roles)[y]
    # Groups are pulled towards the rules' hand-set weights, frame corrections (which the
    # rules tie to no role) as firmly towards 0: pulled as loosely as words, they fitted the
    # labelled files better and the unseen ads worse. A lexicon's terms are pulled towards 0.
    pull = numpy.full(len(start), l2)
    pull[n_groups * n_roles + 2 * n_roles:] = l2_words

    def loss(params: numpy.ndarray) -> tuple[float, numpy.ndarray]:
        m = _unpack(numpy.where(free, params, start), n_groups, n_roles, t)
        p = softmax(m.scores(x, z, w) / t)
        nll = -float(numpy.sum(c * numpy.log(numpy.maximum(p[numpy.arange(len(y)), y], 1e-300))))
        diff = (params - start) * free
        d_scores = (c[:, None] * (p - onehot)) / t
        parts = [(x.T @ d_scores).ravel(), d_scores.sum(axis=0), z @ d_scores]
        if w is not None:
            parts.append(numpy.asarray(w.T @ d_scores).ravel())
        return nll + float(pull @ (diff * diff)) / 2, (numpy.concatenate(parts) + pull * diff) * free

    found = minimize(loss, start, jac=True, method="L-BFGS-B", options={"maxiter": 2000, "gtol": 1e-7})
    return _unpack(numpy.where(free, found.x, start), n_groups, n_roles, t)


def _pack(m: Model) -> numpy.ndarray:
    words = [] if m.words is None else [m.words.ravel()]
    return numpy.concatenate([m.weights.ravel(), m.bias, m.length, *words])


def _unpack(params: numpy.ndarray, n_groups: int, n_roles: int, t: float) -> Model:
    k = n_groups * n_roles
    rest = params[k + 2 * n_roles:]
    return Model(params[:k].reshape(n_groups, n_roles), params[k:k + n_roles], params[k + n_roles:k + 2 * n_roles],
                 t, rest.reshape(-1, n_roles) if len(rest) else None)


def prior_model(rules, groups: list[str], roles: list[str]) -> Model:
    """The hand-set weights as a model: each group counts its weight for its own and its
    `also` roles; a precedence rule that holds adds 1 to its role and takes 1 from those it
    is over; `other` starts at `other_base` scaled by the length term."""
    scoring = rules.context.scoring
    col = {r: i for i, r in enumerate(roles)}
    row = {g: i for i, g in enumerate(groups)}
    w = numpy.zeros((len(groups), len(roles)))
    for gid, owner, _, weight, also in rules.groups():
        for role in {owner, *also}:
            if role in col:
                w[row[gid], col[role]] = weight
    for rule in rules_of(rules.roles):
        for role, weight in rule.prior_row(roles):
            if rule.id in row:
                w[row[rule.id], col[role]] = weight
    length = numpy.zeros(len(roles))
    length[col["other"]] = scoring.other_base
    return Model(w, numpy.zeros(len(roles)), length, scoring.temperature)
