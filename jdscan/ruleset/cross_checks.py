"""Checks across rule files: unique ids, and references to other roles and patterns."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel

from ..errors import RuleProblem
from ..model import DIMENSIONS
from . import yamlsrc
from .context_checks import context_examples, share_problems
from .generated import LexiconFile, WeightsFile
from .lexicon import read_lexicon
from .schema import ContextFile, ExtendFile, FacetsFile, RoleFile, SectionsFile
from .validated import RuleSet, pattern_groups, role_specs


def assemble(parsed: list[tuple[str, BaseModel, dict]], problems: list[RuleProblem]) -> RuleSet | None:
    roles: dict[str, RoleFile] = {}
    sources: dict[str, str] = {}
    facets = context = sections = weights = lexicon = None
    weights_at: tuple[str, dict] = ("", {})
    untitled: dict[str, tuple] = {}  # kind -> (model, file, lines) of the last `ads: untitled` file
    stale_ok = False
    for name, model, lines in parsed:
        if isinstance(model, (RoleFile, ExtendFile)) and weights is not None:
            stale_ok = True  # roles changed after the fit: what it does not know keeps hand weights
        if isinstance(model, RoleFile):
            roles[model.role] = model  # a later folder overrides a bundled role by name
            sources[model.role] = name
        elif isinstance(model, ExtendFile):
            _extend(roles, model, name, lines, problems)
        elif isinstance(model, FacetsFile):
            facets = model
        elif isinstance(model, ContextFile):
            context = model
        elif isinstance(model, SectionsFile):
            sections = model if sections is None else merge_sections(sections, model)
        elif isinstance(model, (WeightsFile, LexiconFile)) and model.ads == "untitled":
            untitled[model.kind] = (model, name, lines)
        elif isinstance(model, WeightsFile):
            weights, weights_at = model, (name, lines)  # a later folder's fit replaces an earlier one
            stale_ok = False
        elif isinstance(model, LexiconFile):
            lexicon = (model, name, lines)
    for kind, found in (("facets", facets), ("context", context)):
        if found is None and not problems:
            problems.append(RuleProblem("rules", None, "", f"no `kind: {kind}` file was found",
                                        f"keeping the bundled {kind}.yaml in the rule folder"))
    if not roles and not problems:
        problems.append(RuleProblem("rules", None, "", "no role files were found",
                                    "adding a file with `kind: role`"))
    locations, key_paths = _locations(parsed, sources, problems)
    if not problems:  # a broken file would make every reference to its role look wrong
        problems.extend(_precedence_problems(roles, sources, parsed))
        problems.extend(share_problems(parsed, context, locations))
        if weights is not None and stale_ok:
            weights = _known_weights(weights, roles, locations)
        elif weights is not None:
            problems.extend(_weights_problems(weights, *weights_at, roles, locations))
    words = None
    if lexicon is not None and weights is not None and Path(lexicon[1]).parent != Path(weights_at[0]).parent:
        lexicon = None  # a lexicon counts with the weights it was fitted with, from the same folder
    if lexicon is not None and weights is not None and not problems:
        words, found = read_lexicon(*lexicon, set(roles) | {"other"})
        problems.extend(found)
    untitled_fit = _untitled(untitled, weights_at[0], roles, locations, problems, stale_ok) \
        if weights is not None and not problems else None
    if problems:
        return None
    file_lines = {name: lines for name, _, lines in parsed}
    return RuleSet(roles, facets, context, locations, sources, key_paths, file_lines, sections,
                   list(_section_examples(parsed)), list(context_examples(parsed, context)), weights, words,
                   untitled_fit)


def _untitled(found: dict[str, tuple], weights_file: str, roles: dict[str, RoleFile], groups: dict,
              problems: list[RuleProblem], stale_ok: bool = False):
    """The fit for ads without a title, where the weights file's folder has one (fitted with
    those weights; from another folder it would pair with weights it was not fitted with)."""
    folder = Path(weights_file).parent
    if "weights" not in found or Path(found["weights"][1]).parent != folder:
        return None
    weights, name, lines = found["weights"]
    if stale_ok:
        weights = _known_weights(weights, roles, groups)
    else:
        problems.extend(_weights_problems(weights, name, lines, roles, groups))
    words = None
    if "lexicon" in found and Path(found["lexicon"][1]).parent == folder:
        words, more = read_lexicon(*found["lexicon"], set(roles) | {"other"})
        problems.extend(more)
    return weights, words


def _known_weights(weights: WeightsFile, roles: dict[str, RoleFile], groups: dict) -> WeightsFile:
    """A fit from an earlier folder, without what the later folders' roles no longer have."""
    known = set(roles) | {"other"}
    return weights.model_copy(update={
        "bias": {r: v for r, v in weights.bias.items() if r in known},
        "length": {r: v for r, v in weights.length.items() if r in known},
        "weights": {g: {r: v for r, v in row.items() if r in known}
                    for g, row in weights.weights.items() if g in groups},
        "precedence": {p: {r: v for r, v in row.items() if r in known}
                       for p, row in weights.precedence.items() if p in _precedence_ids(roles)},
        "frames": {f: {owner: {r: v for r, v in row.items() if r in known}
                       for owner, row in table.items() if owner in roles}
                   for f, table in weights.frames.items()}})


def _precedence_ids(roles: dict[str, RoleFile]) -> set[str]:
    return {f"{name}-{k}" for name, role in roles.items() for k in range(1, len(role.precedence) + 1)}


def _weights_problems(weights: WeightsFile, name: str, lines: dict, roles: dict[str, RoleFile],
                      groups: dict) -> Iterator[RuleProblem]:
    """A fitted weights file names only loaded roles and pattern groups: fitted to other
    rules, its numbers would mean something else."""
    known = set(roles) | {"other"}
    refit = "`jdscan rules fit` again, or removing the weights file"
    for key, mapping in (("bias", weights.bias), ("length", weights.length)):
        for role in mapping:
            if role not in known:
                yield RuleProblem(name, yamlsrc.line_of(lines, (key, role)), f"{key}.{role}",
                                  f"no loaded role is called {role!r}", refit)
    rule_ids = _precedence_ids(roles)
    for key, table, ids, what in (("weights", weights.weights, groups, "pattern group has the id"),
                                  ("precedence", weights.precedence, rule_ids, "role has the precedence rule")):
        for gid, row in table.items():
            if gid not in ids:
                yield RuleProblem(name, yamlsrc.line_of(lines, (key, gid)), f"{key}.{gid}",
                                  f"no loaded {what} {gid!r}", refit)
            for role in row:
                if role not in known:
                    yield RuleProblem(name, yamlsrc.line_of(lines, (key, gid, role)),
                                      f"{key}.{gid}.{role}", f"no loaded role is called {role!r}", refit)
    for frame, table in weights.frames.items():
        for owner, row in table.items():
            for path in [(owner,)] * (owner not in roles) + [(owner, r) for r in row if r not in known]:
                yield RuleProblem(name, yamlsrc.line_of(lines, ("frames", frame, *path)),
                                  ".".join(("frames", frame, *path)), f"no loaded role is called {path[-1]!r}", refit)


def _section_examples(parsed: list[tuple[str, BaseModel, dict]]) -> Iterator[tuple]:
    """Every heading example of every sections file, with its file, line and key."""
    for name, model, lines in parsed:
        if not isinstance(model, SectionsFile):
            continue
        for i, spec in enumerate(model.sections):
            for expected in ("match", "no_match"):
                for j, heading in enumerate(getattr(spec.examples, expected)):
                    path = ("sections", i, "examples", expected, j)
                    yield (name, yamlsrc.line_of(lines, path), ".".join(map(str, path)), spec.kind, expected,
                           heading)


def merge_sections(base: SectionsFile, more: SectionsFile) -> SectionsFile:
    """A later sections file adds its heading phrases (and their examples) to each kind and
    replaces the weights it gives, one by one."""
    specs = {spec.kind: spec for spec in base.sections}
    for spec in more.sections:
        old = specs.get(spec.kind)
        specs[spec.kind] = spec if old is None else old.model_copy(update={
            "headings": old.headings + [h for h in spec.headings if h not in old.headings],
            "examples": old.examples.model_copy(update={
                "match": old.examples.match + spec.examples.match,
                "no_match": old.examples.no_match + spec.examples.no_match})})
    weights = {kind: dict(dims) for kind, dims in base.weights.items()}
    for kind, dims in more.weights.items():
        weights.setdefault(kind, {}).update(dims)
    return base.model_copy(update={"sections": list(specs.values()), "weights": weights})


def _extend(roles: dict[str, RoleFile], ext: ExtendFile, name: str, lines: dict,
            problems: list[RuleProblem]) -> None:
    """Add an extend file's pattern groups to the role it names."""
    base = roles.get(ext.role)
    if base is None:
        problems.append(RuleProblem(name, yamlsrc.line_of(lines, ("role",)), "role",
                                    f"extends {ext.role!r}, which no earlier file defines",
                                    "one of: " + ", ".join(roles) if roles else "a role file first"))
        return
    dims = {d: getattr(base.dimensions, d) + getattr(ext.dimensions, d) for d in DIMENSIONS}
    roles[ext.role] = base.model_copy(update={
        "title": base.title + ext.title,
        "dimensions": base.dimensions.model_copy(update=dims),
    })


def _locations(parsed, sources, problems) -> tuple[dict[str, tuple[str, int | None]], dict[str, tuple]]:
    """Map every pattern id to its file and line; a repeated id is a problem."""
    seen: dict[str, tuple[str, int | None]] = {}
    paths: dict[str, tuple] = {}
    # Only the last facets and context files take part; earlier ones were replaced.
    last = {type(m): n for n, m, _ in parsed if isinstance(m, (FacetsFile, ContextFile))}
    for name, model, lines in parsed:
        if isinstance(model, RoleFile) and sources.get(model.role) != name:
            continue  # overridden: its ids no longer take part
        if isinstance(model, (FacetsFile, ContextFile)) and last[type(model)] != name:
            continue
        for group_path, group in pattern_groups(model.model_dump(by_alias=True)):
            path, pid = group_path + ("id",), group["id"]
            line = yamlsrc.line_of(lines, path)
            if pid in seen:
                other = "{}:{}".format(*seen[pid])
                problems.append(RuleProblem(name, line, ".".join(map(str, path)),
                                            f"duplicate id {pid!r}, already used at {other}",
                                            "giving each pattern its own id"))
            else:
                seen[pid] = (name, line)
                paths[pid] = path
    return seen, paths


def _precedence_problems(roles: dict[str, RoleFile], sources: dict[str, str], parsed) -> Iterator[RuleProblem]:
    """`precedence.over` must name known roles; `precedence.when` this role's pattern ids."""
    lines_of = {name: lines for name, _, lines in parsed}
    for name, role in roles.items():
        file, lines = sources[name], lines_of[sources[name]]
        yield from _also_problems(name, role, roles, file, lines)
        own = {spec.id for _, _, spec in role_specs(role)}
        for k, rule in enumerate(role.precedence):
            for i, other in enumerate(rule.over):
                if other not in roles or other == name:
                    path = ("precedence", k, "over", i)
                    yield RuleProblem(file, yamlsrc.line_of(lines, path), ".".join(map(str, path)),
                                      f"{other!r} is not another loaded role",
                                      "one of: " + ", ".join(r for r in roles if r != name))
            for i, pid in enumerate(rule.when):
                if pid not in own:
                    path = ("precedence", k, "when", i)
                    yield RuleProblem(file, yamlsrc.line_of(lines, path), ".".join(map(str, path)),
                                      f"{pid!r} is not a pattern id of {name}",
                                      "the id of one of this role's own patterns")


def _also_problems(name, role, roles, file, lines) -> Iterator[RuleProblem]:
    """`also` must name other loaded roles."""
    for dim, i, spec in role_specs(role):
        for j, other in enumerate(spec.also):
            if other in roles and other != name:
                continue
            path = ("title", i, "also", j) if dim == "title" else ("dimensions", dim, i, "also", j)
            yield RuleProblem(file, yamlsrc.line_of(lines, path), ".".join(map(str, path)),
                              f"{other!r} is not another loaded role",
                              "one of: " + ", ".join(r for r in roles if r != name))


