"""Labelled ads as numbers a linear model can be fitted to: per ad, the strength of each
pattern group's evidence (what it counted before any weight), whether each precedence
rule holds (1 or 0), the length term, the label, which file it came from, and its facet
cue totals (for the direction it would get)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy

from ..model import OTHER
from ..score.facets import facet_totals
from ..score.fitted import length_term, strengths
from ..score.hit import DUTY
from ..score.precedence import holding, rules_of
from ..text.document import Document

FRAME = "frame"  # the prefix of a frame column's id


@dataclass
class Dataset:
    groups: list[str]  # pattern group ids, precedence rule ids, then frame ids: the columns of x
    roles: list[str]  # labels, the classes
    x: numpy.ndarray  # (ads, groups) evidence strengths; 1 where a precedence rule holds; per
    # frame other than `duty` and role, the strength of that role's evidence in that frame
    z: numpy.ndarray  # (ads,) the length term
    y: numpy.ndarray  # (ads,) label index
    file: numpy.ndarray  # (ads,) index into `files`
    files: list[str]
    ids: list[str]
    texts: list[str]
    directions: list[str | None]  # gold direction, where labelled
    facet_cues: list[dict]  # facet cue totals, for the direction a predicted role would get
    terms: list[dict[str, float]]  # lexicon terms ("body:sales target") and counts per ad
    corpora: list[str]  # the collection each ad was drawn from (a lexicon term needs two)

    def subset(self, rows: numpy.ndarray) -> Dataset:
        pick = rows.tolist()
        return Dataset(self.groups, self.roles, self.x[rows], self.z[rows], self.y[rows], self.file[rows],
                       self.files, [self.ids[i] for i in pick], [self.texts[i] for i in pick],
                       [self.directions[i] for i in pick], [self.facet_cues[i] for i in pick],
                       [self.terms[i] for i in pick], [self.corpora[i] for i in pick])


def group_ids(rules) -> list[str]:
    """Every role pattern group, in rule-file order."""
    return list(dict.fromkeys(gid for gid, *_ in rules.groups()))


def frame_ids(rules) -> list[str]:
    """A column per frame other than `duty` and per role, `frame:<frame>:<role>`, where
    frames count in the score (`frames_count`)."""
    if not rules.context.scoring.frames_count:
        return []
    frames = dict.fromkeys(f.frame for f in rules.context.frames if f.frame != DUTY)
    return [frame_id(f, r) for f in frames for r in rules.roles]


def frame_id(frame: str, role: str) -> str:
    return f"{FRAME}:{frame}:{role}"


def role_names(rules) -> list[str]:
    return list(rules.roles) + ([] if OTHER in rules.roles else [OTHER])


def build_dataset(scanner, labelled: Iterable[tuple[str, object]], files: list[str], terms: bool = True) -> Dataset:
    """Read every labelled ad ((file, LabelledAd) pairs) with the scanner and turn its
    evidence into strengths per group; with `terms`, every word term of each ad too (what a
    lexicon is fitted to: collecting them is a good part of reading an ad)."""
    rules, scoring = scanner.rules, scanner.scoring
    precedence = rules_of(rules.roles)
    groups, roles = group_ids(rules) + [r.id for r in precedence] + frame_ids(rules), role_names(rules)
    column = {g: i for i, g in enumerate(groups)}
    owners = {gid: owner for gid, owner, *_ in rules.groups()}
    frames_count = scoring.frames_count
    pairs = list(labelled)
    docs = (Document(ad.id, ad.title, ad.text, id=ad.id) for _, ad in pairs)
    x = numpy.zeros((len(pairs), len(groups)))
    z, cues, found = numpy.zeros(len(pairs)), [], []
    if terms:
        scanner.read_terms = scanner.all_terms = True
    for i, reading in enumerate(scanner.readings(docs)):
        found.append(scanner.term_counts(reading) if terms else {})
        counted = strengths(reading.hits, scoring, scanner.section_weights, owners)
        for hit, strength in counted:
            x[i, column[hit.target.rule_id]] += strength
            if hit.frame != DUTY and frames_count:
                x[i, column[frame_id(hit.frame, hit.target.group)]] += strength
        for rule in holding(counted, precedence, frames_count):
            x[i, column[rule.id]] = 1.0
        z[i] = length_term(reading.words, scoring)
        cues.append(facet_totals([h for h in reading.hits if h.target.kind == "facet"], scoring))
    index = {r: i for i, r in enumerate(roles)}
    return Dataset(groups, roles, x, z, numpy.array([index[ad.label] for _, ad in pairs], dtype=int),
                   numpy.array([files.index(f) for f, _ in pairs], dtype=int), files,
                   [ad.id for _, ad in pairs], [ad.text for _, ad in pairs],
                   [ad.direction for _, ad in pairs], cues, found, [ad.corpus for _, ad in pairs])


def prior_weights(data: Dataset, prior: dict[str, float] | None) -> numpy.ndarray:
    """Row weights that give each file's labels the `prior` mix (None: as they are), each
    file keeping its size: train.jsonl is mostly `other`, a real stream of ads is not."""
    weights = numpy.ones(len(data.y))
    if not prior:
        return weights
    target = numpy.array([prior.get(r, 0.0) for r in data.roles])
    for f in range(len(data.files)):
        rows = data.file == f
        counts = numpy.bincount(data.y[rows], minlength=len(data.roles)).astype(float)
        present = target * (counts > 0)
        if present.sum() == 0:
            continue
        share = present / present.sum()
        per_row = numpy.divide(share * rows.sum(), counts, out=numpy.zeros_like(counts), where=counts > 0)
        weights[rows] = per_row[data.y[rows]]
    return weights


def label_mix(labels: Iterable[str]) -> dict[str, float]:
    """The share of each label."""
    labels = list(labels)
    return {label: labels.count(label) / len(labels) for label in sorted(set(labels))} if labels else {}
