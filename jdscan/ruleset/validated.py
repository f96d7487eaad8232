"""The validated rules: roles in load order, facet cues, context cues and sections."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..model import DIMENSIONS
from .generated import WeightsFile
from .lexicon import Lexicon
from .schema import ContextFile, FacetsFile, PatternSpec, RoleFile, SectionsFile

FACET_GROUPS = ("direction", "customer", "channel", "sales_level")
# What a context example's braces are judged for, besides a frame's name.
NEGATED, HEDGED, REACHED, CANCELLED = "negated", "hedged", "reached", "cancelled"


def pattern_groups(data: Any, path: tuple = ()) -> Iterator[tuple[tuple, dict]]:
    """(key path, mapping) for every pattern group (a mapping with `id` and `patterns`) in
    raw or dumped rule data, at any depth."""
    if isinstance(data, dict):
        if "id" in data and "patterns" in data:
            yield path, data
            return
        for key, value in data.items():
            yield from pattern_groups(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from pattern_groups(value, path + (i,))


def role_specs(role: RoleFile) -> Iterator[tuple[str, int, PatternSpec]]:
    """(dimension or "title", index, spec) for every pattern a role file writes."""
    for i, spec in enumerate(role.title):
        yield "title", i, spec
    for dim in DIMENSIONS:
        for i, spec in enumerate(getattr(role.dimensions, dim)):
            yield dim, i, spec


@dataclass
class RuleSet:
    roles: dict[str, RoleFile]
    facets: FacetsFile
    context: ContextFile
    locations: dict[str, tuple[str, int | None]] = field(default_factory=dict)
    role_sources: dict[str, str] = field(default_factory=dict)
    key_paths: dict[str, tuple] = field(default_factory=dict)  # pattern id -> its YAML key path
    file_lines: dict[str, dict[tuple, int]] = field(default_factory=dict)  # file -> {path: line}
    sections: SectionsFile | None = None  # None: ads are read without sections
    # (file, line, key, kind, "match" or "no_match", heading) of every sections example
    section_examples: list[tuple[str, int | None, str, str, str, str]] = field(default_factory=list)
    # (file, line, key, what, "match" or "no_match", sentence with braces) of every example of
    # the context file: `what` is a frame's name, NEGATED, HEDGED, REACHED or CANCELLED
    context_examples: list[tuple[str, int | None, str, str, str, str]] = field(default_factory=list)
    weights: WeightsFile | None = None  # None: the hand-set weights in the role files
    lexicon: Lexicon | None = None  # the fitted words, when the rule folders have a lexicon file
    # The fit for ads read without a title (`ads: untitled` files beside the weights file),
    # when the folder of the weights has one: (weights, lexicon or None).
    untitled: tuple[WeightsFile, Lexicon | None] | None = None

    def section_weights(self) -> dict[tuple[str, str], float]:
        """(section kind, dimension) -> what evidence there counts, where it is not 1."""
        if self.sections is None:
            return {}
        return {(kind, dim): w for kind, dims in self.sections.weights.items()
                for dim, w in dims.items() if w != 1}

    def line_of(self, rule_id: str, *more) -> tuple[str, int | None, str]:
        """(file, line, key) of a pattern group's id, or of a key below its group."""
        file, line = self.locations.get(rule_id, ("?", None))
        base = self.key_paths.get(rule_id, ())[:-1]
        path = base + tuple(more)
        found = self.file_lines.get(file, {}).get(path, line) if more else line
        return file, found, ".".join(map(str, path))

    def groups(self) -> Iterator[tuple[str, str, str, float, list[str]]]:
        """(group id, owner role, dimension or "title", hand weight, `also` roles) of every
        role pattern group."""
        for name, dim, spec in self.role_patterns():
            yield spec.id, name, dim, spec.weight, spec.also

    def role_patterns(self) -> Iterator[tuple[str, str, PatternSpec]]:
        """(role, dimension or "title", pattern spec) for every role pattern, as written."""
        for name, role in self.roles.items():
            for dim, _, spec in role_specs(role):
                yield name, dim, spec

    def role_targets(self) -> Iterator[tuple[str, str, PatternSpec]]:
        """Like role_patterns, plus a copy for every loaded role named in `also`."""
        for name, dim, spec in self.role_patterns():
            yield name, dim, spec
            for other in spec.also:
                if other in self.roles and other != name:
                    yield other, dim, spec

    def facet_patterns(self) -> Iterator[tuple[str, str, PatternSpec]]:
        """(facet, value, pattern spec) for every facet cue."""
        for facet in FACET_GROUPS:
            group = getattr(self.facets, facet)
            for fname, info in type(group).model_fields.items():
                for spec in getattr(group, fname):
                    yield facet, info.alias or fname, spec
        for spec in self.facets.admin:
            yield "admin", "admin", spec
