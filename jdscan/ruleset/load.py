"""Find, read and validate rule files into a RuleSet. No spaCy here: validation stays fast."""

from __future__ import annotations

import difflib
import errno
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import RuleError, RuleProblem
from . import yamlsrc
from .cross_checks import assemble
from .generated import LexiconFile, WeightsFile
from .schema import MAX_PHRASE, MAX_TOKENS, ContextFile, ExtendFile, FacetsFile, RoleFile, SectionsFile
from .tokenspec import check_token_pattern
from .validated import RuleSet, pattern_groups

RuleFileModel = {"role": RoleFile, "extend": ExtendFile, "facets": FacetsFile, "context": ContextFile,
                 "sections": SectionsFile, "weights": WeightsFile, "lexicon": LexiconFile}

__all__ = ["RuleSet", "bundled_rules_dir", "load_rules", "read_rule_file"]

MAX_RULE_FILE_BYTES = 2_000_000


def bundled_rules_dir() -> Path:
    """The rules shipped with jdscan: inside the wheel, or the repo's top-level rules/."""
    package = Path(__file__).resolve().parents[1]
    for candidate in (package / "rules", package.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise RuleError([RuleProblem(str(package / "rules"), None, "", "bundled rules are missing",
                                 "reinstalling jdscan")])


def find_rule_files(folder: Path) -> list[Path]:
    """Every .yaml/.yml file in a folder, sorted, so load order is stable."""
    if not folder.is_dir():
        raise RuleError([RuleProblem(str(folder), None, "", "not a folder of rule files",
                                     "--rules pointing at a folder that holds .yaml files")])
    found = sorted(p for p in folder.iterdir() if p.suffix in {".yaml", ".yml"})
    problems = [RuleProblem(str(p), None, "", why, "a regular .yaml file, or removing the entry")
                for p in found if (why := _not_regular(p))]
    if problems:  # a rule file that is silently skipped would change verdicts unnoticed
        raise RuleError(problems)
    return found


def _not_regular(path: Path) -> str | None:
    """Why a rule file's entry cannot be read as one (None: it can)."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "is a symbolic link loop (it leads back to itself)"
        return f"cannot be read: {exc.strerror or exc}"
    return None if stat.S_ISREG(mode) else "is not a regular file (a folder, pipe or device named like a rule file)"


def load_rules(folders: list[Path] | None = None, bundled: bool = True, weights: bool = True) -> RuleSet:
    """Load and validate the bundled rules (unless `bundled` is false) and then each folder
    in order; raise RuleError listing every problem. In a later folder, a role of the same
    name replaces the earlier one, a `kind: extend` file adds patterns to it, and a facets,
    context or weights file replaces the earlier one. `weights=False` leaves fitted
    weights files out (fitting anew must not depend on an old fit)."""
    problems: list[RuleProblem] = []
    parsed: list[tuple[str, BaseModel, dict]] = []
    given = ([bundled_rules_dir()] if bundled else []) + list(folders or [])
    order = list({p.resolve(): p for p in given}.values())  # a folder given twice loads once
    if not order:
        raise RuleError([RuleProblem("rules", None, "", "no rule folders to load",
                                     "--rules DIR, or leave the bundled rules on")])
    for folder in order:
        try:
            files = find_rule_files(folder)
        except RuleError as exc:
            problems.extend(exc.problems)
            continue
        for path in files:
            model, lines, found = read_rule_file(path)
            problems.extend(found)
            if not weights and isinstance(model, (WeightsFile, LexiconFile)):
                continue
            if model is not None:
                parsed.append((str(path), model, lines))
    ruleset = assemble(parsed, problems)
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


def _pattern_problems(name: str, lines: dict, data: Any) -> Iterator[RuleProblem]:
    """Check each item of every `patterns:` list: a phrase or a valid token pattern."""
    for path, group in pattern_groups(data):
        if isinstance(group["patterns"], list):  # anything else: the schema reported it
            for i, item in enumerate(group["patterns"]):
                yield from _item_problems(name, lines, path + ("patterns", i), item)


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
