"""Checks a Matcher token pattern against spaCy's pattern language, without importing spaCy."""

from __future__ import annotations

import re
from typing import Any

from .regexsafe import regex_problem

STRING_ATTRS = {
    "ORTH", "TEXT", "NORM", "LOWER", "LEMMA", "SHAPE", "POS", "TAG", "MORPH", "DEP",
    "ENT_TYPE", "ENT_IOB", "ENT_ID", "ENT_KB_ID", "PREFIX", "SUFFIX",
}
NUMBER_ATTRS = {"LENGTH"}
FLAG_ATTRS = {
    "IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE", "IS_PUNCT",
    "IS_SPACE", "IS_STOP", "IS_SENT_START", "LIKE_NUM", "LIKE_URL", "LIKE_EMAIL", "SPACY",
    "IS_BRACKET", "IS_QUOTE", "IS_LEFT_PUNCT", "IS_RIGHT_PUNCT", "IS_CURRENCY",
}
STRING_OPS = {"IN", "NOT_IN", "REGEX", "FUZZY", "INTERSECTS", "IS_SUBSET", "IS_SUPERSET"}
NUMBER_OPS = {"==", "!=", ">=", "<=", ">", "<", "IN", "NOT_IN"}
OP_RE = re.compile(r"^(!|\?|\+|\*|\{\d+\}|\{\d+,\d*\}|\{,\d+\})$")
MAX_REGEX = 200


def check_token_pattern(pattern: list[Any]) -> list[tuple[tuple, str, str]]:
    """Return (location, message, hint) for every problem in one token pattern."""
    problems: list[tuple[tuple, str, str]] = []
    for i, token in enumerate(pattern):
        if not isinstance(token, dict):
            problems.append(((i,), "a token must be a mapping such as {LOWER: call}",
                             "writing the token as {ATTRIBUTE: value}"))
            continue
        if not token:
            problems.append(((i,), "an empty token {} matches anything",
                             'giving it an attribute, or {OP: "?"} with one'))
        for key, value in token.items():
            problems.extend(((i, key) + loc, msg, hint) for loc, msg, hint in _check(key, value))
    return problems


def _check(key: Any, value: Any) -> list[tuple[tuple, str, str]]:
    if key == "OP":
        if isinstance(value, str) and OP_RE.match(value):
            return []
        return [((), f"unknown operator OP: {value!r}", 'one of "!", "?", "+", "*", "{n}", "{n,m}"')]
    if key == "_":
        return [] if isinstance(value, dict) else [((), "'_' takes a mapping", "{_: {attr: value}}")]
    if not isinstance(key, str) or key.upper() not in STRING_ATTRS | NUMBER_ATTRS | FLAG_ATTRS:
        return [((), f"unknown token attribute {key!r}", "LOWER, LEMMA, ORTH, IS_DIGIT, LIKE_NUM or OP")]
    if key != key.upper():
        return [((), f"token attributes are upper case, not {key!r}", f"{key.upper()}")]
    if key in FLAG_ATTRS:
        return [] if isinstance(value, bool) else [((), f"{key} takes true or false", f"{key}: true")]
    if key in NUMBER_ATTRS:
        return _check_value(value, int, NUMBER_OPS, key)
    return _check_value(value, str, STRING_OPS, key)


def _check_value(value: Any, kind: type, ops: set[str], key: str) -> list[tuple[tuple, str, str]]:
    if isinstance(value, kind) and not isinstance(value, bool):
        return []
    if not isinstance(value, dict):
        return [((), f"{key} takes a {kind.__name__} or a mapping of operators",
                 f"{key}: {{IN: [...]}}")]
    problems = []
    for op, arg in value.items():
        if op not in ops:
            problems.append(((op,), f"unknown operator {op!r} for {key}", ", ".join(sorted(ops))))
        elif op in {"IN", "NOT_IN", "INTERSECTS", "IS_SUBSET", "IS_SUPERSET"}:
            if not isinstance(arg, list) or not all(isinstance(a, kind) for a in arg):
                problems.append(((op,), f"{op} takes a list of {kind.__name__}s", f"{op}: [a, b]"))
        elif op == "REGEX":
            problems.extend(((op,) + loc, m, h) for loc, m, h in _check_regex(arg))
        elif not isinstance(arg, (int, str)):
            problems.append(((op,), f"{op} takes a single value", f"{op}: 3"))
    return problems


def _check_regex(arg: Any) -> list[tuple[tuple, str, str]]:
    if not isinstance(arg, str):
        return [((), "REGEX takes a string", "REGEX: '^sales?$'")]
    if len(arg) > MAX_REGEX:
        return [((), f"REGEX longer than {MAX_REGEX} characters", "a phrase list or IN: [...]")]
    try:
        re.compile(arg)
    except re.error as exc:
        return [((), f"REGEX does not compile: {exc}", "escaping special characters with \\")]
    problem = regex_problem(arg)
    return [((), *problem)] if problem else []
