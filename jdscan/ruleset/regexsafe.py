"""Rule regexes that cannot blow up: judged by Python's own regex parser, and matched
only on tokens of bounded length.

A backtracking engine takes exponential time on a repeat inside a repeat (`(a+)+`) or on
an alternation whose branches can match the same text under a repeat (`(a|a)+`,
`(ab|a.)+`): one long token can then stall a batch. Both shapes are found in the parse
tree (not by a regex over the pattern's text, which misses `((a))+`-style nesting), and
every REGEX is compiled with a guard that lets it look at a token of at most
MAX_TOKEN characters, so even a slow pattern has a bounded input.
"""

from __future__ import annotations

import re

try:  # Python 3.11 renamed the parser's module; the tree it builds is the same
    import re._constants as C
    import re._parser as sre_parse
except ImportError:  # pragma: no cover (Python 3.10)
    import sre_constants as C
    import sre_parse

MAX_TOKEN = 64  # characters: no word of an ad is longer; a REGEX never sees a longer token
REPEATS = {C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", C.MAX_REPEAT)}
# The characters a branch's first-character sets are compared on: ASCII and a few others.
ALPHABET = [chr(i) for i in range(128)] + list("éßΩ中\u00a0\u2028")
EMPTY = ""  # in a first set: the branch can match the empty string
LEADING_FLAGS = re.compile(r"^(?:\(\?[aiLmsux]+\))*")
NESTED = (("REGEX has a nested quantifier, a repeat inside a repeat (like (a+)+), which can backtrack "
           "without end"), "one repeat, such as a+ instead of (a+)+, or IN: [...] for a list of words")
AMBIGUOUS = (("REGEX repeats an alternation whose branches can match the same text (like (a|a)+ or "
              "(ab|a.)+), which can backtrack without end"),
             "branches that start differently, or a character class such as [\\w-]+")


def regex_problem(pattern: str) -> tuple[str, str] | None:
    """(message, hint) when a REGEX could backtrack without end; None when it is safe."""
    try:
        tree = sre_parse.parse(pattern)
    except re.error:
        return None  # compiling it says what is wrong
    return _walk(list(tree), inside_repeat=False)


def bounded(pattern: str) -> str:
    """The pattern as it is matched: the same search, on tokens of at most MAX_TOKEN
    characters (a longer token never matches). Global flags stay in front."""
    flags = LEADING_FLAGS.match(pattern).group(0)
    return rf"{flags}\A(?=[\s\S]{{0,{MAX_TOKEN}}}\Z)[\s\S]*?(?:{pattern[len(flags):]})"


def _walk(items: list, inside_repeat: bool) -> tuple[str, str] | None:
    for op, av in items:
        if op in REPEATS and av[1] > 1:
            if inside_repeat:
                return NESTED
            found = _walk(list(av[2]), inside_repeat=True)
        elif op is C.BRANCH:
            if inside_repeat and _overlapping(av[1]):
                return AMBIGUOUS
            found = next(filter(None, (_walk(list(b), inside_repeat) for b in av[1])), None)
        else:
            found = next(filter(None, (_walk(list(sub), inside_repeat) for sub in _children(op, av))), None)
        if found:
            return found
    return None


def _children(op, av) -> list:
    if op is C.SUBPATTERN:
        return [av[-1]]
    if op in REPEATS:
        return [av[2]]
    if op in (C.ASSERT, C.ASSERT_NOT):
        return [av[1]]
    if op is getattr(C, "ATOMIC_GROUP", None):
        return [av]
    if op is C.GROUPREF_EXISTS:
        return [b for b in av[1:] if b]
    return []


def _overlapping(branches: list) -> bool:
    seen: set[str] = set()
    for branch in branches:
        first = _first(branch)
        if first & seen:
            return True
        seen |= first
    return False


def _first(items) -> frozenset[str]:
    """The characters a sequence can start with (EMPTY: it can match nothing)."""
    first: set[str] = set()
    for op, av in items:
        chars = _first_of(op, av)
        first |= chars - {EMPTY}
        if EMPTY not in chars:
            return frozenset(first)
    return frozenset(first | {EMPTY})


def _first_of(op, av) -> frozenset[str]:
    if op is C.LITERAL:
        return frozenset({chr(av), chr(av).lower(), chr(av).upper()})
    if op is C.NOT_LITERAL:
        return frozenset(ALPHABET) - {chr(av)}
    if op is C.ANY:
        return frozenset(ALPHABET)
    if op is C.IN:
        return frozenset(c for c in ALPHABET if _in_set(c, av))
    if op in REPEATS:
        inner = _first(av[2])
        return inner | {EMPTY} if av[0] == 0 else inner
    if op is C.BRANCH:
        return frozenset().union(*(_first(b) for b in av[1]))
    if op is C.SUBPATTERN:
        return _first(av[-1])
    if op is getattr(C, "ATOMIC_GROUP", None):
        return _first(av)
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return frozenset({EMPTY})
    return frozenset(ALPHABET) | {EMPTY}  # back-references and the rest: anything


def _word(char: str) -> bool:
    return char.isalnum() or char == "_"


CATEGORIES = {  # category: (test, negated)
    C.CATEGORY_DIGIT: (str.isdigit, False), C.CATEGORY_NOT_DIGIT: (str.isdigit, True),
    C.CATEGORY_WORD: (_word, False), C.CATEGORY_NOT_WORD: (_word, True),
    C.CATEGORY_SPACE: (str.isspace, False), C.CATEGORY_NOT_SPACE: (str.isspace, True),
}


def _in_set(char: str, items) -> bool:
    negate = any(op is C.NEGATE for op, _ in items)
    hit = any(_member(char, op, av) for op, av in items if op is not C.NEGATE)
    return hit != negate


def _member(char: str, op, av) -> bool:
    if op is C.LITERAL:
        return char.lower() == chr(av).lower()
    if op is C.RANGE:
        return any(av[0] <= ord(c) <= av[1] for c in {char, char.lower(), char.upper()} if len(c) == 1)
    if op is C.CATEGORY and av in CATEGORIES:
        test, negated = CATEGORIES[av]
        return test(char) != negated
    return True  # anything else: assume it may match
