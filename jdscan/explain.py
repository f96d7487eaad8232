"""`jdscan explain`: the evidence sentence by sentence, and how it adds up to the verdict."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Evidence, Verdict
from .scanner import Scanner
from .text.sentences import trimmed


@dataclass(frozen=True)
class ExplainedMatch:
    evidence: Evidence
    tokens: tuple[tuple[str, str], ...]  # (text, lemma) of each token in the match


@dataclass(frozen=True)
class ExplainedSentence:
    source: str  # "title" or "body"
    start: int
    end: int
    text: str
    matches: tuple[ExplainedMatch, ...]
    tokens: tuple[tuple[str, str], ...] = ()  # (text, lemma) of every token, when asked for


@dataclass(frozen=True)
class Explanation:
    verdict: Verdict
    sentences: tuple[ExplainedSentence, ...]  # only those with role evidence
    skipped: int  # sentences with none


def explain(scanner: Scanner, text: str, title: str = "", tokens: bool = False) -> Explanation:
    """Classify an ad and group its role evidence by sentence, with tokens and lemmas.
    `tokens`: every sentence, with the lemma of each of its tokens (what rule phrases are
    matched against), those without evidence too."""
    verdict = scanner.classify(text, title)
    sentences: list[ExplainedSentence] = []
    skipped = 0
    for source, source_text in (("title", title), ("body", text)):
        if not source_text:
            continue
        doc = scanner.parse(source_text)
        evidence = [e for e in verdict.evidence if e.source == source]
        for sent in doc.sents:
            inside = [e for e in evidence if sent.start_char <= e.start < sent.end_char]
            if not inside and not tokens:
                skipped += 1
                continue
            matches = tuple(ExplainedMatch(e, _tokens(doc, e)) for e in inside)
            lo, hi = trimmed(doc.text, sent.start_char, sent.end_char)
            every = tuple((t.text, t.lemma_) for t in sent if not t.is_space) if tokens else ()
            if tokens and not every:
                continue
            sentences.append(ExplainedSentence(source, lo, hi, doc.text[lo:hi], matches, every))
    return Explanation(verdict, tuple(sentences), skipped)


def _tokens(doc, ev: Evidence) -> tuple[tuple[str, str], ...]:
    span = doc.char_span(ev.start, ev.end, alignment_mode="expand")
    return tuple((t.text, t.lemma_) for t in span) if span is not None else ()
