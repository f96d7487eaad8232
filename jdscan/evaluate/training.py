"""What one fit trains on: the labelled ads at some rows and, with `Untitled`, each of them
a second time without its title.

People give jdscan bodies alone (tables with no title column, pasted text), and weights
fitted to titled ads alone lean on the title: read without one, the same ads come out worse
than under weights that also saw them untitled (docs/accuracy.md has the figures). The
copies count at `weight` each; the lexicon's terms are still chosen, and their idf counted,
on the titled ads alone, so that a body term is not in twice as many ads for being read
twice."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy

from .features import Dataset
from .fit import Model, fit
from .words import Vocabulary, fit_with_words


@dataclass(frozen=True)
class Untitled:
    """The same ads as a titled dataset, row for row, read without their titles."""

    data: Dataset
    weight: float  # what each copy counts in a fit, against its titled original

    def subset(self, rows: numpy.ndarray) -> Untitled:
        return replace(self, data=self.data.subset(rows))


def joined(a: Dataset, b: Dataset) -> Dataset:
    """The ads of a, then those of b (same groups, roles and files)."""
    return Dataset(a.groups, a.roles, numpy.vstack([a.x, b.x]), numpy.concatenate([a.z, b.z]),
                   numpy.concatenate([a.y, b.y]), numpy.concatenate([a.file, b.file]), a.files,
                   a.ids + b.ids, a.texts + b.texts, a.directions + b.directions, a.facet_cues + b.facet_cues,
                   a.terms + b.terms, a.corpora + b.corpora)


class Training:
    """The ads a fit may train on: a titled dataset and, when given, its untitled copies
    (joined once; each fold then picks its rows)."""

    def __init__(self, data: Dataset, c: numpy.ndarray, untitled: Untitled | None = None):
        self.n = len(data.y)
        self.untitled = untitled
        if untitled is None:
            self.data, self.c = data, c
        else:
            self.data, self.c = joined(data, untitled.data), numpy.concatenate([c, c * untitled.weight])

    def fit(self, rows: numpy.ndarray, prior: Model, l2: float, lexicon: bool) -> tuple[Model, Vocabulary | None]:
        """(model, lexicon or None) fitted to the titled ads at `rows` and their copies."""
        both = rows if self.untitled is None else numpy.concatenate([rows, rows + self.n])
        if lexicon:
            return fit_with_words(self.data, both, self.c, prior, l2, vocab_rows=rows)
        d = self.data
        return fit(d.x[both], d.z[both], d.y[both], self.c[both], prior, l2), None
