"""Scanner: rules and pipeline built once; classify texts into Verdicts."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.tokens import Doc

from .context import ContextRules
from .document import Document
from .matcher import CompiledRules
from .model import OTHER, Verdict
from .nlp import build_pipeline
from .rules import RuleSet, load_rules
from .scoring import Hit, facet_totals, facets, rank, to_evidence
from .verdict_warnings import verdict_warnings

SENTENCE_CLIP = 300


class Scanner:
    """Build once (rules + spaCy pipeline), then classify many ads.

    Picklable: a worker process rebuilds it from the rule folders, which is cheap.
    """

    def __init__(self, rule_dirs: list[Path] | None = None):
        self.rule_dirs = list(rule_dirs) if rule_dirs else None
        self.rules: RuleSet = load_rules(self.rule_dirs)
        self.nlp = build_pipeline()
        self.compiled = CompiledRules(self.nlp, self.rules)
        self.context = ContextRules(self.nlp, self.rules.context)

    def __reduce__(self):
        return (Scanner, (self.rule_dirs,))

    def classify(self, text: str, title: str = "", *, path: str | None = None,
                 id: str | None = None) -> Verdict:
        """Classify one ad from its body text and (optional) title."""
        return self._verdict(self.nlp(text), self.nlp(title) if title else None, path, id)

    def classify_document(self, doc: Document) -> Verdict:
        """Classify a Document from a reader."""
        return self.classify(doc.body, doc.title, path=doc.source, id=doc.id)

    def classify_many(self, docs: Iterable[Document], batch_size: int = 64) -> Iterator[Verdict]:
        """Classify Documents in order, batching through nlp.pipe."""
        pairs = ((d.body, d) for d in docs)
        for body, d in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            title = self.nlp(d.title) if d.title else None
            yield self._verdict(body, title, d.source, d.id)

    def hits(self, doc: Doc, source: str = "body") -> list[Hit]:
        """Every match in a processed doc, judged for negation and hedging."""
        out = []
        matches = self.compiled(doc)
        ctx = self.context.prepare(doc) if matches else None
        text = doc.text  # built from the tokens on every access: once per doc
        for m in matches:
            if m.target.kind == "role" and not self._reads(m.target, source):
                continue
            negated, hedged = ctx.judge(m.start, m.end)
            span = doc[m.start:m.end]
            out.append(Hit(m.target, span.text, span.start_char, span.end_char,
                           _clip(doc, text, span, ctx.sentence(m.start)), source, negated, hedged))
        return out

    def _reads(self, target, source: str) -> bool:
        """A title is read by title patterns only; a body by all, title patterns where the
        role allows it."""
        if target.value != "title":
            return source == "body"
        return source == "title" or self.rules.roles[target.group].title_in_body

    def _verdict(self, body: Doc, title: Doc | None, path: str | None, id: str | None) -> Verdict:
        scoring = self.rules.context.scoring
        hits = (self.hits(title, "title") if title is not None else []) + self.hits(body)
        evidence = to_evidence([h for h in hits if h.target.kind == "role"], scoring)
        words = sum(1 for t in body if not (t.is_punct or t.is_space))
        ranking = rank(evidence, self.rules.roles, scoring, words)
        top = ranking[0]
        role_spec = self.rules.roles.get(top.role)
        facet = facets(facet_totals([h for h in hits if h.target.kind == "facet"], scoring),
                       role_spec, scoring)
        return Verdict(
            role=top.role,
            role_name=top.name,
            question=role_spec.question if role_spec else "",
            confidence=top.confidence,
            margin=round(top.confidence - ranking[1].confidence, 4) if len(ranking) > 1 else top.confidence,
            runner_up=ranking[1].role if len(ranking) > 1 else None,
            ranking=tuple(ranking),
            evidence=tuple(evidence),
            facets=facet,
            warnings=tuple(verdict_warnings(ranking, evidence, facet, self.rules.roles, scoring, words)),
            words=words,
            title=title.text if title is not None else "",
            path=path,
            id=id,
        )


def _clip(doc: Doc, text: str, span, bounds: tuple[int, int]) -> str:
    """The sentence around a match, clipped: stripped HTML can run a whole ad together."""
    first, last = doc[bounds[0]], doc[bounds[1] - 1]
    lo, hi = first.idx, last.idx + len(last.text)
    if hi - lo > SENTENCE_CLIP:
        mid = (span.start_char + span.end_char) // 2
        lo2 = max(lo, mid - SENTENCE_CLIP // 2)
        hi2 = min(hi, lo2 + SENTENCE_CLIP)
        return ("…" if lo2 > lo else "") + text[lo2:hi2].strip() + ("…" if hi2 < hi else "")
    return text[lo:hi]


__all__ = ["OTHER", "Scanner"]
