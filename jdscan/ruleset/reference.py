"""The rule file format reference (docs/rules.md), generated from the schema so it cannot
drift: `jdscan rules reference > docs/rules.md`; a test fails when the file is stale."""

from __future__ import annotations

import typing

from annotated_types import Ge, Gt, Le, MaxLen, MinLen
from pydantic import BaseModel, StringConstraints

from .schema import (
    ContextFile,
    Coordination,
    CueExamples,
    CueSet,
    Dimensions,
    Examples,
    FacetsFile,
    FrameExamples,
    FrameSpec,
    PatternSpec,
    Precedence,
    RoleFile,
    Scoring,
    SectionsFile,
    SectionSpec,
    Sense,
    ShareRule,
)

MODELS = [RoleFile, Dimensions, PatternSpec, Examples, Sense, Precedence, FacetsFile, ContextFile, CueSet,
          CueExamples, Coordination, ShareRule, FrameSpec, FrameExamples, Scoring, SectionsFile, SectionSpec]
NAMES = {"PatternSpec": "pattern group", "Examples": "examples", "Precedence": "precedence rule",
         "Dimensions": "dimensions", "CueSet": "cue set", "Scoring": "scoring",
         "FrameSpec": "frame", "FrameExamples": "frame examples", "Sense": "sense",
         "CueExamples": "cue examples", "Coordination": "coordination", "ShareRule": "share rule",
         "SectionsFile": "sections file", "SectionSpec": "section",
         "DirectionCues": "direction cues", "CustomerCues": "customer cues",
         "ChannelCues": "channel cues", "SalesLevelCues": "sales level cues"}

HEADER = """# Rule file reference

Generated from jdscan's schema (`jdscan/ruleset/schema.py`) by `jdscan rules reference`; do not
edit by hand. A test fails when this file and the schema disagree.

Rule folders hold `.yaml` files told apart by `kind:`: one file per role (`kind: role`),
files that add patterns to a role (`kind: extend`), one `kind: facets`, one `kind: context`
and, optionally, `kind: sections` (the headings that divide an ad). Unknown keys are errors.
Patterns use spaCy's pattern language: a string is a phrase matched on lemmas (so
"handle complaint" also matches "Handling complaints"); a list of token dicts is a
spaCy `Matcher` pattern (attributes in upper case; `LEMMA` values are jdscan's
lower-case lemmas). A token pattern that only lists words (`LOWER`) or lemmas (`LEMMA`),
with optional tokens at most, is compiled into a phrase matcher, which is much faster.
"""


def rule_reference() -> str:
    """The whole reference as Markdown."""
    return HEADER + "".join(_section(model) for model in MODELS)


def _section(model: type[BaseModel]) -> str:
    doc = " ".join((model.__doc__ or "").strip().split("\n\n")[0].split())
    lines = [f"\n## {NAMES.get(model.__name__, model.__name__)}\n", f"\n{doc}\n" if doc else "",
             "\n| key | type | required | default | limits | meaning |\n|---|---|---|---|---|---|\n"]
    for name, info in model.model_fields.items():
        required = "yes" if info.is_required() else "no"
        default = "" if info.is_required() else f"`{_default(info.default)}`"
        meaning = (info.description or "").replace("|", "\\|")
        lines.append(f"| `{info.alias or name}` | {_type(info.annotation)} | {required} | {default} "
                     f"| {_limits(info.metadata)} | {meaning} |\n")
    return "".join(lines)


def _type(annotation) -> str:
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is list:
        return "list of " + _type(args[0]) if args else "list"
    if origin is dict:
        return f"mapping of {_type(args[0])} to {_type(args[1])}" if args else "mapping"
    if origin is typing.Literal:
        return "one of " + ", ".join(f"`{a}`" for a in args)
    if origin is typing.Annotated:
        return _annotated(args)
    if type(None) in args:  # X | None
        return " or ".join(_type(a) for a in args if a is not type(None)) + " (or none)"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return NAMES.get(annotation.__name__, annotation.__name__)
    return {str: "text", float: "number", int: "whole number", bool: "true/false"}.get(annotation, "any")


def _annotated(args) -> str:
    if any(isinstance(m, StringConstraints) and m.pattern and m.pattern.startswith("^[a-z]") for m in args[1:]):
        return "id (lower-case words joined by hyphens)"
    return _type(args[0])


def _limits(metadata) -> str:
    parts = []
    kinds = ((Gt, "gt", ">"), (Ge, "ge", ">="), (Le, "le", "<="),
             (MinLen, "min_length", "at least"), (MaxLen, "max_length", "at most"))
    for m in metadata:
        if isinstance(m, StringConstraints):
            if m.pattern:
                parts.append("lower-case words joined by hyphens")
            if m.min_length:
                parts.append(f"at least {m.min_length} character")
            if m.max_length:
                parts.append(f"at most {m.max_length} characters")
        for kind, attr, label in kinds:
            if isinstance(m, kind):
                parts.append(f"{label} {getattr(m, attr)}")
    return ", ".join(parts)


def _default(value) -> str:
    if isinstance(value, BaseModel):
        return "see below"
    return "true" if value is True else "false" if value is False else repr(value) if value != "" else '""'
