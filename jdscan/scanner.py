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

from .match.context import ContextRules, DocContext
from .match.hits import judge_matches, token_places, word_count
from .match.matcher import CompiledRules
from .match.terms import BODY, TITLE, Piece, batch_terms, every_term, keyed, term_text
from .model import OTHER, Verdict
from .ruleset.load import RuleSet, load_rules
from .score.decide import Weighing, decide, decisive_for_other
from .score.fitted import from_rules
from .score.hit import Hit
from .score.words import Found, KeyedLexicon
from .text.document import Document
from .text.joined import SEPARATOR, join, joinable, seam
from .text.outline import NO_SECTIONS, HeadingReader, Outline
from .text.pipeline import build_pipeline, unwrap
from .text.sentences import PARTS


class Reading(NamedTuple):
    """What the rules found in one ad, before any scoring."""

    document: Document
    hits: list[Hit]
    words: int  # words in the body
    outline: Outline
    # The lexicon's terms (a Found), or every term (key -> [count, start, end]) for a fit;
    # None when terms are not read.
    terms: Found | dict[tuple, list] | None = None


class Scanner:
    """Build once (rules + spaCy pipeline), then classify many ads.

    Picklable: a worker process rebuilds it from the rule folders, which is cheap.
    """

    def __init__(self, rule_dirs: list[Path] | None = None, bundled: bool = True,
                 model: str | None = None, weights: bool = True, review_below: float | None = None,
                 lexicon: bool = True):
        """Rules: the bundled set (unless `bundled` is false) with `rule_dirs` layered on,
        scored with their fitted weights file (unless `weights` is false: the hand-set
        weights). Pipeline: blank English, or the installed spaCy pipeline `model`. Verdicts
        less confident than `review_below` (default: the fit's threshold; 0 without a fit) are
        marked `needs_review`. `lexicon`: with fitted weights, the fitted words count too
        (when the rule folders have a lexicon file)."""
        self.rule_dirs = list(rule_dirs) if rule_dirs else None
        self.bundled = bundled
        self.model = model
        self.use_weights = weights
        self.review_below = review_below
        self.use_lexicon = lexicon
        self.rules: RuleSet = load_rules(self.rule_dirs, bundled, weights)
        self.nlp = build_pipeline(model)
        self.compiled = CompiledRules(self.nlp, self.rules)
        self.context = ContextRules(self.nlp, self.rules.context)
        sections = self.rules.sections
        self.headings = HeadingReader({s.kind: s.headings for s in sections.sections}) if sections else None
        self.section_weights = self.rules.section_weights()
        self.fitted = from_rules(self.rules)
        words = self.rules.lexicon if lexicon and self.fitted is not None else None
        self.lexicon = keyed(words, self.nlp.vocab.strings) if words is not None else None
        self.read_terms = self.lexicon is not None  # the lexicon's terms are read from each ad
        self.all_terms = False  # fitting sets it (and read_terms): every term, not the lexicon's alone
        self.scoring = self.rules.context.scoring
        if self.rules.weights is not None:  # count overlaps as the fit did
            self.scoring = self.scoring.model_copy(update={"overlaps": self.rules.weights.overlaps})
        self.weighing = self._weighing(self.fitted, self.lexicon, review_below, "fitted")
        # An ad read without a title is weighed by the fit for such ads, where the rules have one.
        self.untitled = self.weighing
        if self.fitted is not None and self.rules.untitled is not None:
            weights, words = self.rules.untitled
            untitled_words = keyed(words, self.nlp.vocab.strings) if words is not None and self.lexicon else None
            self.untitled = self._weighing(from_rules(self.rules, weights), untitled_words, review_below,
                                           "fitted-untitled")
        # Per source, the targets it does not read (by identity: hashing a Target per match
        # showed in profiles).
        targets = list(self.compiled.targets.values())
        # With fitted weights a group's copies for its `also` roles add nothing: it counts
        # for every role from its own role's hits.
        owners = self.fitted.owners if self.fitted is not None else None
        self._skip = {source: {id(t) for t in targets if t.kind == "role" and (
            not self._reads(t, source) or (owners is not None and owners.get(t.rule_id) != t.group))}
            for source in ("body", "title")}

    def _weighing(self, fitted, lexicon, review_below: float | None, name: str) -> Weighing:
        if review_below is None:
            review_below = fitted.review_below if fitted is not None else 0.0
        return Weighing(self.rules.roles, self.scoring, self.section_weights, fitted, lexicon, review_below,
                        decisive_for_other(self.rules.roles), name if fitted is not None else "hand")

    def __reduce__(self):
        return (Scanner, (self.rule_dirs, self.bundled, self.model, self.use_weights, self.review_below,
                          self.use_lexicon))

    def classify(self, text: str, title: str = "", *, path: str | None = None,
                 id: str | None = None) -> Verdict:
        """Classify one ad from its body text and (optional) title."""
        return self.classify_document(Document(path, title, text, id=id))

    def classify_document(self, doc: Document) -> Verdict:
        """Classify a Document from a reader."""
        return next(self.classify_many([doc]))

    def classify_many(self, docs: Iterable[Document], batch_size: int = 64) -> Iterator[Verdict]:
        """Classify Documents in order, batching through nlp.pipe."""
        weighing, untitled = self.weighing, self.untitled
        for reading in self.readings(docs, batch_size):
            yield decide(reading, weighing if reading.document.title else untitled)

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
            yield from self._with_terms([self._joined_reading(doc, d) if j else self._reading(doc, titles.get(id(d)), d)
                                         for doc, d, j in zip(docs, batch, joined)])

    def _with_terms(self, read: list[tuple[Reading, list[Piece], KeyedLexicon | None]]) -> list[Reading]:
        """Readings with their terms: the lexicon's, looked up for the whole batch at once, or
        every term (a fit's). `read`: each reading with the pieces its terms are read from and
        the lexicon that weighs it."""
        if not self.read_terms:
            return [reading for reading, _, _ in read]
        if self.all_terms or self.lexicon is None:
            return [reading._replace(terms=every_term(pieces)) for reading, pieces, _ in read]
        found = batch_terms([(pieces, lexicon or self.lexicon) for _, pieces, lexicon in read])
        return [reading._replace(terms=terms) for (reading, _, _), terms in zip(read, found)]

    def _joined_doc(self, d: Document) -> Doc:
        """The tokens of title, separator and body, each part marked for the sentencizer."""
        doc = self.nlp.make_doc(join(unwrap(d.title), unwrap(d.body)))
        doc.user_data[PARTS] = seam(doc, len(d.title))
        return doc

    def _joined_reading(self, doc: Doc, d: Document) -> tuple[Reading, list[Piece], KeyedLexicon | None]:
        title_end, body_start = doc.user_data[PARTS]
        matches = self.compiled(doc, (title_end, body_start))
        outline = self.outline(d.body)
        hits: list[Hit] = []
        ctx = self.context.prepare(doc) if matches or self.read_terms else None
        shift = len(d.title) + len(SEPARATOR)  # where the body starts in the joined text
        pieces = [(doc, ctx, [(TITLE, 0, title_end, 0), (BODY, body_start, len(doc), shift)])] if self.read_terms else []
        if matches:
            places = token_places(doc, join(d.title, d.body))
            hits = (judge_matches([m for m in matches if m.start < title_end], ctx, places, "title",
                                  0, self._skip["title"])
                    + judge_matches([m for m in matches if m.start >= body_start], ctx, places, "body",
                                    len(places.text) - len(d.body), self._skip["body"], outline))
        return Reading(d, hits, word_count(doc, body_start), outline), pieces, self.lexicon

    def term_counts(self, reading: Reading) -> dict[str, float]:
        """A reading's lexicon terms by name ("body:sales target") with their counts: what a
        lexicon is fitted to (read only when `read_terms` is set)."""
        strings = self.nlp.vocab.strings
        return {term_text(k, strings): v[0] for k, v in (reading.terms or {}).items() if v[0] > 0}

    def section_of(self, heading: str) -> str:
        """The kind of section a heading opens (`other` without a sections file)."""
        return self.headings.kind_of(heading) if self.headings is not None else "other"

    def judge_of(self, text: str, start: int, end: int) -> tuple[bool, bool, str]:
        """(negated, hedged, frame) of the characters text[start:end], read as a sentence of
        its own, as any match there would be judged."""
        doc = self.parse(text)
        span = doc.char_span(start, end, alignment_mode="expand")
        return self.context.prepare(doc).judge(span.start, span.end)

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
        return self._judged(doc, None, source, text, outline)

    def _judged(self, doc: Doc, ctx: DocContext | None, source: str, text: str | None,
                outline: Outline = NO_SECTIONS) -> list[Hit]:
        """hits(), with the doc's context when the caller has found it already."""
        matches = self.compiled(doc)
        if not matches:
            return []
        places = token_places(doc, doc.text if text is None else text)
        ctx = self.context.prepare(doc) if ctx is None else ctx
        return judge_matches(matches, ctx, places, source, 0, self._skip[source], outline)

    def _reads(self, target, source: str) -> bool:
        """A title is read by title patterns only; a body by all, title patterns where the
        role allows it."""
        if target.value != "title":
            return source == "body"
        return source == "title" or self.rules.roles[target.group].title_in_body

    def _reading(self, body: Doc, title: Doc | None, d: Document) -> tuple[Reading, list[Piece], KeyedLexicon | None]:
        # Each doc's context is found once, for its hits and its terms alike.
        outline = self.outline(d.body)
        body_ctx = self.context.prepare(body) if self.read_terms else None
        hits = self._judged(body, body_ctx, "body", d.body, outline)
        pieces = [(body, body_ctx, [(BODY, 0, len(body), 0)])] if self.read_terms else []
        if title is not None:
            title_ctx = self.context.prepare(title) if self.read_terms else None
            hits = self._judged(title, title_ctx, "title", d.title) + hits
            if self.read_terms:
                pieces.append((title, title_ctx, [(TITLE, 0, len(title), 0)]))
        lexicon = self.weighing.lexicon if title is not None else self.untitled.lexicon
        return Reading(d, hits, word_count(body), outline), pieces, lexicon


__all__ = ["OTHER", "Scanner"]
