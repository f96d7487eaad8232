"""Every error jdscan raises on purpose, with the words a user sees."""

from __future__ import annotations

from typing import NamedTuple


class JdscanError(Exception):
    """Base class: something the user can fix (bad rules, bad input, bad flags)."""


class RuleProblem(NamedTuple):
    """One problem in one rule file, located as precisely as the YAML allows."""

    file: str
    line: int | None
    key: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        text = f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"
        return f"{text} (try {self.hint})" if self.hint else text


class RuleError(JdscanError):
    """One or more rule files are invalid; carries every problem found, not just the first."""

    def __init__(self, problems: list[RuleProblem]):
        self.problems = list(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the rule files"
        super().__init__(head + ":\n" + "\n".join(f"  {p}" for p in self.problems))


class InputError(JdscanError):
    """An input could not be read as an ad."""

    def __init__(self, source: str, reason: str, hint: str = "", id=None):
        self.source = source
        self.reason = reason
        self.hint = hint
        self.id = id  # the ad's id, when the input got as far as naming it
        super().__init__(f"{source}: {self.detail}")

    @property
    def detail(self) -> str:
        """The reason with its hint, for an error row."""
        return self.reason + (f" (try {self.hint})" if self.hint else "")


class UsageError(JdscanError):
    """A flag, option or labelled-data file is not what the command needs."""


def json_problem(exc, where: str = "column") -> str:
    """What a JSONDecodeError says, and where: "Expecting value at column 9"; its message
    may end in "at" already ("Invalid control character at"), not to be said twice."""
    place = f"{where} {exc.colno if where == 'column' else exc.lineno}"
    return f"{exc.msg} {place}" if exc.msg.endswith(" at") else f"{exc.msg} at {place}"
