"""What `jdscan check` reports about a draft: findings with a stable code, a severity, a
message that says what to change, and the place in the file that causes it."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Evidence, Verdict
from ..text.document import Document
from .codes import Severity


@dataclass(frozen=True)
class Location:
    line: int
    column: int
    text: str = ""  # the sentence or title there, for the message and SARIF snippets


@dataclass(frozen=True)
class Finding:
    path: str
    code: str
    severity: Severity
    message: str
    location: Location
    related: tuple[Location, ...] = field(default=())  # further sentences behind it

    def to_dict(self) -> dict:
        return {"path": self.path, "line": self.location.line, "column": self.location.column,
                "severity": self.severity, "code": self.code, "message": self.message,
                "related": [{"line": r.line, "column": r.column, "text": r.text} for r in self.related]}


def locate(doc: Document, ev: Evidence) -> Location:
    """Where the sentence that holds a piece of evidence starts in the draft's file."""
    if ev.source == "title":
        return Location(doc.title_line, 1, doc.title)
    head = ev.sentence.lstrip("… \t\r\n")[:40]
    found = doc.body.rfind(head, 0, ev.start + len(head)) if head else -1
    line, column = doc.position(found if found >= 0 else ev.start)
    return Location(line, column, ev.sentence)


def strongest(verdict: Verdict, role: str, dimension: str | None = None, n: int = 3) -> list[Evidence]:
    """The role's strongest counted evidence, one per sentence, strongest first."""
    seen, out = set(), []
    for ev in verdict.evidence_for(role, dimension):
        if ev.sentence not in seen:
            seen.add(ev.sentence)
            out.append(ev)
        if len(out) == n:
            break
    return out


def quote(text: str, width: int = 80) -> str:
    text = " ".join(text.split())
    return f'"{text}"' if len(text) <= width else f'"{text[:width - 1]}…"'


def a_or_an(word: str) -> str:
    return f"an {word}" if word[:1].lower() in "aeiou" else f"a {word}"
