"""Scanner: rules and pipeline built once; classify texts into Verdicts."""

from __future__ import annotations

# spaCy is imported through spacy_import before anything else imports it: without its own
# CLI package, 0.4 s off every start.
from .text.spacy_import import import_spacy

import_spacy()

from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import NamedTuple

from spacy.tokens import Doc

from .match.context import ContextRules
from .match.hits import judge_matches, token_places, word_count
from .match.matcher import CompiledRules
from .model import OTHER, Verdict
from .ruleset.load import RuleSet, load_rules
from .score.facets import facet_totals, facets
from .score.fitted import fitted_evidence, fitted_rank, from_rules, strengths
from .score.hit import Hit
from .score.ranking import rank, to_evidence
from .score.verdict_warnings import encoding_warning, verdict_warnings
from .text.document import Document
from .text.joined import join, joinable, seam
from .text.outline import NO_SECTIONS, HeadingReader, Outline
from .text.pipeline import build_pipeline, unwrap
from .text.sentences import PARTS


class Reading(NamedTuple):
    """What the rules found in one ad, before any scoring."""

    document: Document
    hits: list[Hit]
    words: int  # words in the body
    outline: Outline


class Scanner:
    """Build once (rules + spaCy pipeline), then classify many ads.

    Picklable: a worker process rebuilds it from the rule folders, which is cheap.
    """

    def __init__(self, rule_dirs: list[Path] | None = None, bundled: bool = True,
                 model: str | None = None, weights: bool = True, review_below: float | None = None):
        """Rules: the bundled set (unless `bundled` is false) with `rule_dirs` layered on,
        scored with their fitted weights file (unless `weights` is false: the hand-set
        weights). Pipeline: blank English, or the installed spaCy pipeline `model`. Verdicts
        less confident than `review_below` (default: the fit's threshold; 0 without a fit) are
        marked `needs_review`."""
        self.rule_dirs = list(rule_dirs) if rule_dirs else None
        self.bundled = bundled
        self.model = model
        self.use_weights = weights
        self.review_below = review_below
        self.rules: RuleSet = load_rules(self.rule_dirs, bundled, weights)
        self.nlp = build_pipeline(model)
        self.compiled = CompiledRules(self.nlp, self.rules)
        self.context = ContextRules(self.nlp, self.rules.context)
        sections = self.rules.sections
        self.headings = HeadingReader({s.kind: s.headings for s in sections.sections}) if sections else None
        self.section_weights = self.rules.section_weights()
        self.fitted = from_rules(self.rules)
        self.scoring = self.rules.context.scoring
        if self.rules.weights is not None:  # count overlaps as the fit did
            self.scoring = self.scoring.model_copy(update={"overlaps": self.rules.weights.overlaps})
        if review_below is None:
            review_below = self.fitted.review_below if self.fitted is not None else 0.0
        self._review = review_below
        # Per source, the targets it does not read (by identity: hashing a Target per match
        # showed in profiles).
        targets = list(self.compiled.targets.values())
        # With fitted weights a group's copies for its `also` roles add nothing: it counts
        # for every role from its own role's hits.
        owners = self.fitted.owners if self.fitted is not None else None
        self._skip = {source: {id(t) for t in targets if t.kind == "role" and (
            not self._reads(t, source) or (owners is not None and owners.get(t.rule_id) != t.group))}
            for source in ("body", "title")}

    def __reduce__(self):
        return (Scanner, (self.rule_dirs, self.bundled, self.model, self.use_weights, self.review_below))

    def classify(self, text: str, title: str = "", *, path: str | None = None,
                 id: str | None = None) -> Verdict:
        """Classify one ad from its body text and (optional) title."""
        return self.classify_document(Document(path, title, text, id=id))

    def classify_document(self, doc: Document) -> Verdict:
        """Classify a Document from a reader."""
        return next(self.classify_many([doc]))

    def classify_many(self, docs: Iterable[Document], batch_size: int = 64) -> Iterator[Verdict]:
        """Classify Documents in order, batching through nlp.pipe."""
        for reading in self.readings(docs, batch_size):
            yield self._decide(reading)

    def readings(self, docs: Iterable[Document], batch_size: int = 64) -> Iterator[Reading]:
        """What the rules find in each Document, in order: its judged hits, word count and
        outline (what a verdict is decided from, and what weights are fitted to)."""
        it = iter(docs)
        while batch := list(islice(it, batch_size)):
            # A title and its body go through the pipeline as one doc: a title's own pass
            # (pipeline, four matchers, cue look-ups) cost a tenth of an ad's time.
            joined = [self.model is None and joinable(d.title, d.body) for d in batch]
            inputs = [self._joined_doc(d) if j else unwrap(d.body) for d, j in zip(batch, joined)]
            docs = self.nlp.pipe(inputs, batch_size=batch_size)
            apart = [d for d, j in zip(batch, joined) if d.title and not j]
            titles = dict(zip((id(d) for d in apart),
                              self.nlp.pipe([unwrap(d.title) for d in apart], batch_size=batch_size)))
            for doc, d, j in zip(docs, batch, joined):
                yield self._joined_reading(doc, d) if j else self._reading(doc, titles.get(id(d)), d)

    def _joined_doc(self, d: Document) -> Doc:
        """The tokens of title, separator and body, each part marked for the sentencizer."""
        doc = self.nlp.make_doc(join(unwrap(d.title), unwrap(d.body)))
        doc.user_data[PARTS] = seam(doc, len(d.title))
        return doc

    def _joined_reading(self, doc: Doc, d: Document) -> Reading:
        title_end, body_start = doc.user_data[PARTS]
        matches = self.compiled(doc, (title_end, body_start))
        outline = self.outline(d.body)
        hits: list[Hit] = []
        if matches:
            ctx = self.context.prepare(doc)
            places = token_places(doc, join(d.title, d.body))
            hits = (judge_matches([m for m in matches if m.start < title_end], ctx, places, "title",
                                  0, self._skip["title"])
                    + judge_matches([m for m in matches if m.start >= body_start], ctx, places, "body",
                                    len(places.text) - len(d.body), self._skip["body"], outline))
        return Reading(d, hits, word_count(doc, body_start), outline)

    def section_of(self, heading: str) -> str:
        """The kind of section a heading opens (`other` without a sections file)."""
        return self.headings.kind_of(heading) if self.headings is not None else "other"

    def outline(self, text: str) -> Outline:
        """The headings of a body and the sections they open (none without a sections file)."""
        return self.headings.read(text) if self.headings is not None else NO_SECTIONS

    def parse(self, text: str) -> Doc:
        """The processed doc of a text, hard line wraps read as spaces (offsets unchanged)."""
        return self.nlp(unwrap(text))

    def classify_texts(self, texts: Iterable[str | tuple[str, str]], batch_size: int = 64) -> Iterator[Verdict]:
        """Classify ad texts (or (title, text) pairs) in order: the call for a worker that
        is handed a partition of a larger corpus."""
        docs = (Document(None, *t) if isinstance(t, tuple) else Document(None, "", t) for t in texts)
        return self.classify_many(docs, batch_size)

    def hits(self, doc: Doc, source: str = "body", text: str | None = None,
             outline: Outline = NO_SECTIONS) -> list[Hit]:
        """Every match in a processed doc, judged for negation and hedging, with the section
        of `outline` it stands in. `text` is the doc's text when the caller has it (Doc.text
        rebuilds it from the tokens)."""
        matches = self.compiled(doc)
        if not matches:
            return []
        places = token_places(doc, doc.text if text is None else text)
        return judge_matches(matches, self.context.prepare(doc), places, source, 0, self._skip[source], outline)

    def _reads(self, target, source: str) -> bool:
        """A title is read by title patterns only; a body by all, title patterns where the
        role allows it."""
        if target.value != "title":
            return source == "body"
        return source == "title" or self.rules.roles[target.group].title_in_body

    def _reading(self, body: Doc, title: Doc | None, d: Document) -> Reading:
        outline = self.outline(d.body)
        hits = self.hits(body, "body", d.body, outline)
        if title is not None:
            hits = self.hits(title, "title", d.title) + hits
        return Reading(d, hits, word_count(body), outline)

    def _decide(self, reading: Reading) -> Verdict:
        d, hits, words, outline = reading
        scoring = self.scoring
        if self.fitted is not None:
            pairs = strengths(hits, scoring, self.section_weights, self.fitted.owners)
            evidence, sums = fitted_evidence(pairs, self.fitted)
            ranking, margin = fitted_rank(sums, self.fitted, self.rules.roles, scoring, words)
        else:
            evidence = to_evidence([h for h in hits if h.target.kind == "role"], scoring, self.section_weights)
            ranking = rank(evidence, self.rules.roles, scoring, words)
            margin = round(ranking[0].confidence - ranking[1].confidence, 4) if len(ranking) > 1 \
                else ranking[0].confidence
        top = ranking[0]
        role_spec = self.rules.roles.get(top.role)
        facet = facets(facet_totals([h for h in hits if h.target.kind == "facet"], scoring),
                       role_spec, scoring)
        return Verdict(
            role=top.role,
            role_name=top.name,
            question=role_spec.question if role_spec else "",
            confidence=top.confidence,
            margin=margin,
            runner_up=ranking[1].role if len(ranking) > 1 else None,
            ranking=tuple(ranking),
            evidence=tuple(evidence),
            facets=facet,
            warnings=tuple(verdict_warnings(ranking, evidence, facet, self.rules.roles, scoring, words,
                                            set(outline.kinds), margin)
                           + [w for w in [encoding_warning(d.encoding)] if w]),
            words=words,
            title=d.title if d.title_given else None,
            path=d.source,
            id=d.id,
            sections=tuple((h.kind, h.text, h.start) for h in outline.headings),
            needs_review=top.confidence < self._review,
        )


__all__ = ["OTHER", "Scanner"]
