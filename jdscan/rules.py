"""Find, read and validate rule files into a RuleSet. No spaCy here: validation stays fast."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from pydantic import BaseModel, ValidationError

from . import yamlsrc
from .errors import RuleError, RuleProblem
from .model import DIMENSIONS
from .schema import (
    MAX_PHRASE, MAX_TOKENS, ContextFile, FacetsFile, PatternSpec, RoleFile, RuleFileModel,
)
from .tokenspec import check_token_pattern

MAX_RULE_FILE_BYTES = 2_000_000


@dataclass
class RuleSet:
    """Validated rules: roles in load order, the facet cues and the context cues."""

    roles: dict[str, RoleFile]
    facets: FacetsFile
    context: ContextFile
    locations: dict[str, tuple[str, int | None]] = field(default_factory=dict)
    role_sources: dict[str, str] = field(default_factory=dict)

    def role_patterns(self) -> Iterator[tuple[str, str, PatternSpec]]:
        """(role, dimension or "title", pattern spec) for every role pattern, as written."""
        for name, role in self.roles.items():
            for spec in role.title:
                yield name, "title", spec
            for dim in DIMENSIONS:
                for spec in getattr(role.dimensions, dim):
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
        f = self.facets
        groups = {
            "direction": f.direction.model_dump(by_alias=True),
            "customer": f.customer.model_dump(by_alias=True),
            "channel": f.channel.model_dump(by_alias=True),
            "sales_level": f.sales_level.model_dump(by_alias=True),
        }
        for facet, values in groups.items():
            attr = getattr(f, facet)
            for value, fname in zip(values, type(attr).model_fields):
                for spec in getattr(attr, fname):
                    yield facet, value, spec
        for spec in f.admin:
            yield "admin", "admin", spec


def bundled_rules_dir() -> Path:
    """The rules shipped with jdscan: inside the wheel, or the repo's top-level rules/."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "rules", here.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise RuleError([RuleProblem(str(here / "rules"), None, "", "bundled rules are missing",
                                 "reinstalling jdscan")])


def find_rule_files(folder: Path) -> list[Path]:
    """Every .yaml/.yml file in a folder, sorted, so load order is stable."""
    if not folder.is_dir():
        raise RuleError([RuleProblem(str(folder), None, "", "not a folder of rule files",
                                     "--rules pointing at a folder that holds .yaml files")])
    return sorted(p for p in folder.iterdir() if p.suffix in {".yaml", ".yml"} and p.is_file())


def load_rules(folders: list[Path] | None = None) -> RuleSet:
    """Load and validate rule folders (default: the bundled rules); raise RuleError listing
    every problem. A later folder's role replaces an earlier role of the same name."""
    problems: list[RuleProblem] = []
    parsed: list[tuple[str, BaseModel, dict]] = []
    for folder in folders or [bundled_rules_dir()]:
        try:
            files = find_rule_files(folder)
        except RuleError as exc:
            problems.extend(exc.problems)
            continue
        for path in files:
            model, lines, found = read_rule_file(path)
            problems.extend(found)
            if model is not None:
                parsed.append((str(path), model, lines))
    ruleset = _assemble(parsed, problems)
    if problems:
        raise RuleError(problems)
    return ruleset


def read_rule_file(path: Path) -> tuple[BaseModel | None, dict, list[RuleProblem]]:
    """Parse and validate one file; return the model (or None) and every problem in it."""
    name = str(path)
    try:
        raw = path.read_bytes()
        if len(raw) > MAX_RULE_FILE_BYTES:
            return None, {}, [RuleProblem(name, None, "", f"file is over {MAX_RULE_FILE_BYTES} bytes",
                                          "splitting it into several rule files")]
        data, lines = yamlsrc.load(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return None, {}, [RuleProblem(name, None, "", "not UTF-8 text", "saving it as UTF-8")]
    except OSError as exc:
        return None, {}, [RuleProblem(name, None, "", f"cannot read: {exc.strerror}", "")]
    except yamlsrc.YamlProblem as exc:
        return None, {}, [RuleProblem(name, exc.line, "", exc.message, exc.hint)]
    return validate_data(name, data, lines)


def validate_data(name: str, data: Any, lines: dict) -> tuple[BaseModel | None, dict, list[RuleProblem]]:
    """Validate parsed YAML against the schema for its `kind`."""
    if not isinstance(data, dict):
        return None, lines, [RuleProblem(name, 1, "", "a rule file must be a mapping of keys",
                                         "starting the file with `kind: role`")]
    kind = data.get("kind")
    model_cls = RuleFileModel.get(kind) if isinstance(kind, str) else None
    if model_cls is None:
        return None, lines, [RuleProblem(
            name, yamlsrc.line_of(lines, ("kind",)), "kind",
            f"expected one of {', '.join(RuleFileModel)}, got {kind!r}", "kind: role")]
    try:
        model = model_cls.model_validate(data)
    except ValidationError as exc:
        return None, lines, [_problem(name, lines, model_cls, e) for e in exc.errors()]
    problems = list(_pattern_problems(name, lines, data))
    return (None if problems else model), lines, problems


HINTS = {
    "missing": "adding `{key}:`",
    "string_pattern_mismatch": "lower-case words joined by hyphens, such as cs-task-returns",
    "greater_than": "a weight above 0 and at most 10",
    "less_than_equal": "a weight above 0 and at most 10",
    "float_type": "a number such as 1.5",
    "int_type": "a whole number such as 5",
    "too_short": "adding at least one item",
    "list_type": "a YAML list (lines starting with `- `)",
    "dict_type": "a mapping of `key: value` lines",
    "model_type": "a mapping of `key: value` lines",
    "string_type": "a quoted string",
}


def _problem(name: str, lines: dict, model_cls: type[BaseModel], err: dict) -> RuleProblem:
    loc = tuple(err["loc"])
    key = ".".join(str(part) for part in loc)
    line = yamlsrc.line_of(lines, loc)
    if err["type"] == "extra_forbidden":
        allowed = _allowed_keys(model_cls, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        hint = f"`{close[0]}`" if close else "one of: " + ", ".join(allowed)
        return RuleProblem(name, line, key, "unknown key", hint)
    hint = HINTS.get(err["type"], "").format(key=loc[-1] if loc else "")
    got = "" if err["type"] == "missing" else f", got {err.get('input')!r:.60}"
    return RuleProblem(name, line, key, f"{err['msg']}{got}", hint)


def _allowed_keys(model_cls: type[BaseModel], loc: tuple) -> list[str]:
    """The keys the schema allows at a location, for 'did you mean' hints."""
    current: Any = model_cls
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", {})
        match = next((f for n, f in fields.items() if part in (n, f.alias)), None)
        if match is None:
            return []
        current = match.annotation
        while getattr(current, "__args__", None) and not hasattr(current, "model_fields"):
            current = current.__args__[0]
    fields = getattr(current, "model_fields", {})
    return [f.alias or n for n, f in fields.items()]


def _pattern_problems(name: str, lines: dict, data: Any, path: tuple = ()) -> Iterator[RuleProblem]:
    """Check each item of every `patterns:` list: a phrase or a valid token pattern."""
    if isinstance(data, dict):
        if "id" in data and isinstance(data.get("patterns"), list):
            for i, item in enumerate(data["patterns"]):
                yield from _item_problems(name, lines, path + ("patterns", i), item)
            return
        for key, value in data.items():
            yield from _pattern_problems(name, lines, value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _pattern_problems(name, lines, value, path + (i,))


def _item_problems(name: str, lines: dict, path: tuple, item: Any) -> Iterator[RuleProblem]:
    key = ".".join(map(str, path))
    if isinstance(item, str):
        if not item.strip() or len(item) > MAX_PHRASE:
            yield RuleProblem(name, yamlsrc.line_of(lines, path), key,
                              f"a phrase must have 1 to {MAX_PHRASE} characters",
                              "a short phrase such as `handle complaint`")
        return
    if not isinstance(item, list) or not item or len(item) > MAX_TOKENS:
        yield RuleProblem(name, yamlsrc.line_of(lines, path), key,
                          f"expected a phrase or a list of 1 to {MAX_TOKENS} token dicts",
                          "`handle complaint` or [{LEMMA: handle}, {LOWER: complaints}]")
        return
    for loc, message, hint in check_token_pattern(item):
        full = path + loc
        yield RuleProblem(name, yamlsrc.line_of(lines, full), ".".join(map(str, full)), message, hint)


def _assemble(parsed: list[tuple[str, BaseModel, dict]], problems: list[RuleProblem]) -> RuleSet | None:
    roles: dict[str, RoleFile] = {}
    sources: dict[str, str] = {}
    facets = context = None
    for name, model, lines in parsed:
        if isinstance(model, RoleFile):
            roles[model.role] = model  # a later folder overrides a bundled role by name
            sources[model.role] = name
        elif isinstance(model, FacetsFile):
            facets = model
        elif isinstance(model, ContextFile):
            context = model
    for kind, found in (("facets", facets), ("context", context)):
        if found is None and not problems:
            problems.append(RuleProblem("rules", None, "", f"no `kind: {kind}` file was found",
                                        f"keeping the bundled {kind}.yaml in the rule folder"))
    if not roles and not problems:
        problems.append(RuleProblem("rules", None, "", "no role files were found",
                                    "adding a file with `kind: role`"))
    locations = _locations(parsed, sources, problems)
    problems.extend(_precedence_problems(roles, sources, parsed))
    if problems:
        return None
    return RuleSet(roles, facets, context, locations, sources)


def _locations(parsed, sources, problems) -> dict[str, tuple[str, int | None]]:
    """Map every pattern id to its file and line; a repeated id is a problem."""
    seen: dict[str, tuple[str, int | None]] = {}
    for name, model, lines in parsed:
        if isinstance(model, RoleFile) and sources.get(model.role) != name:
            continue  # overridden: its ids no longer take part
        for path, pid in _ids(model.model_dump(by_alias=True)):
            line = yamlsrc.line_of(lines, path)
            if pid in seen:
                other = "%s:%s" % seen[pid]
                problems.append(RuleProblem(name, line, ".".join(map(str, path)),
                                            f"duplicate id {pid!r}, already used at {other}",
                                            "giving each pattern its own id"))
            else:
                seen[pid] = (name, line)
    return seen


def _ids(data: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    if isinstance(data, dict):
        if "id" in data and "patterns" in data:
            yield path + ("id",), data["id"]
            return
        for key, value in data.items():
            yield from _ids(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _ids(value, path + (i,))


def _precedence_problems(roles: dict[str, RoleFile], sources: dict[str, str], parsed) -> Iterator[RuleProblem]:
    """`precedence.over` must name known roles; `precedence.when` this role's pattern ids."""
    lines_of = {name: lines for name, _, lines in parsed}
    for name, role in roles.items():
        file, lines = sources[name], lines_of[sources[name]]
        yield from _also_problems(name, role, roles, file, lines)
        own = {spec.id for _, _, spec in _own_patterns(role)}
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
    for dim, i, spec in _indexed(role):
        for j, other in enumerate(spec.also):
            if other in roles and other != name:
                continue
            path = ("title", i, "also", j) if dim == "title" else ("dimensions", dim, i, "also", j)
            yield RuleProblem(file, yamlsrc.line_of(lines, path), ".".join(map(str, path)),
                              f"{other!r} is not another loaded role",
                              "one of: " + ", ".join(r for r in roles if r != name))


def _indexed(role: RoleFile) -> Iterator[tuple[str, int, PatternSpec]]:
    for i, spec in enumerate(role.title):
        yield "title", i, spec
    for dim in DIMENSIONS:
        for i, spec in enumerate(getattr(role.dimensions, dim)):
            yield dim, i, spec


def _own_patterns(role: RoleFile) -> Iterator[tuple[str, str, PatternSpec]]:
    return RuleSet({role.role: role}, None, None).role_patterns()  # type: ignore[arg-type]
