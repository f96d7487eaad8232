"""Text from the input, made safe to show a person: it can neither steer a terminal nor a
CI log.

A file name, an id, a title or a quoted sentence may hold terminal escapes (ESC[2J clears
the screen, ESC]0;...BEL retitles the window), line breaks that forge an output line, C1
controls, bidirectional overrides that reorder what is shown, or a `::` that a GitHub
runner reads as a workflow command at the start of a line. Every such character is shown
as a visible escape instead (`\\n`, `\\x1b`, `\\u202e`, and a colon that would start or
double a `::` as `\\x3a`). Machine formats (JSON, CSV, Parquet, SARIF) keep the exact text;
only what people read goes through here.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text

NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# C0 controls, DEL, C1 controls; Unicode line and paragraph separators and the
# bidirectional marks, embeddings, overrides and isolates (what "Trojan Source" uses).
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]|(?:^|(?<=:)):")


def visible(text: object) -> str:
    """`text` with every character that could steer a terminal or a log shown as an escape."""
    text = "" if text is None else str(text)
    return UNSAFE.sub(_escape, text) if UNSAFE.search(text) else text


def plain(text: object, style: str = "") -> Text:
    """visible(text) as a Rich Text: shown as written, never read as Rich markup."""
    from rich.text import Text  # here: the CLI's error path imports this module without Rich

    return Text(visible(text), style=style)


def _escape(match: re.Match) -> str:
    char = match.group(0)
    if char in NAMED:
        return NAMED[char]
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def visible_map(text: str) -> tuple[str, list[int]]:
    """visible(text), and where each of text's offsets (and its end) lands in it, so that
    spans found in the text can be marked in what is shown."""
    at: list[int] = []
    out: list[str] = []
    length = done = 0  # length of what is shown so far; offset of text done so far
    for match in UNSAFE.finditer(text):
        at.extend(range(length, length + match.start() - done))
        length += match.start() - done
        at.append(length)
        escaped = _escape(match)
        out += [text[done:match.start()], escaped]
        length += len(escaped)
        done = match.end()
    at.extend(range(length, length + len(text) - done + 1))
    return "".join(out) + text[done:], at
