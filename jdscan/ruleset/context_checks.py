"""Checks and examples of the context file in use: its share rules name loaded pattern
groups, and every example it carries, placed by file, line and key for `rules test`."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from ..errors import RuleProblem
from . import yamlsrc
from .schema import ContextFile
from .validated import CANCELLED, HEDGED, NEGATED, REACHED


def context_examples(parsed: list[tuple[str, BaseModel, dict]], context: ContextFile) -> Iterator[tuple]:
    """Every example of the context file in use (frames, negation, hedging, coordination,
    shares), with its file, line, key and what its braces are judged for: a frame's name,
    `negated`, `hedged`, `reached` (by a cue over a list) or `cancelled` (by a share)."""
    name, lines = context_source(parsed, context)
    marked = [(("frames", i), spec.frame, spec.examples) for i, spec in enumerate(context.frames)]
    marked += [((key,), what, cues.examples) for key, what, cues in
               (("negation", NEGATED, context.negation), ("hedge", HEDGED, context.hedge)) if cues.examples]
    if context.coordination is not None:
        marked.append((("coordination",), REACHED, context.coordination.examples))
    marked += [(("shares", i), CANCELLED, rule.examples) for i, rule in enumerate(context.shares)]
    for base, what, examples in marked:
        for expected in ("match", "no_match"):
            for j, sentence in enumerate(getattr(examples, expected)):
                path = (*base, "examples", expected, j)
                yield name, yamlsrc.line_of(lines, path), ".".join(map(str, path)), what, expected, sentence


def context_source(parsed: list[tuple[str, BaseModel, dict]], context: ContextFile) -> tuple[str, dict]:
    """(file name, key lines) of the context file in use."""
    return next((n, lines) for n, model, lines in parsed if model is context)


def share_problems(parsed: list[tuple[str, BaseModel, dict]], context: ContextFile,
                   groups: dict) -> Iterator[RuleProblem]:
    """A share rule names loaded pattern groups."""
    name, lines = context_source(parsed, context)
    for i, rule in enumerate(context.shares):
        for j, gid in enumerate(rule.groups):
            if gid not in groups:
                yield RuleProblem(name, yamlsrc.line_of(lines, ("shares", i, "groups", j)), f"shares.{i}.groups.{j}",
                                  f"no loaded pattern group has the id {gid!r}", "an id that `jdscan rules list` shows")
