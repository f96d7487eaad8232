"""Findings a draft turns off itself: `<!-- jdscan-disable CODE -- why -->` comments and
front matter `jdscan: {ignore: [CODE]}`."""

from __future__ import annotations

import re

from ..text.document import Document
from .codes import CODES
from .findings import Finding, Location

# <!-- jdscan-disable CODE[, CODE] [-- why] -->; no code: every finding.
DISABLE = re.compile(r"^jdscan-disable(?:\s+(?!--)(.*?))?(?:\s+--(?:\s.*)?)?$", re.DOTALL)


def suppressions(doc: Document) -> tuple[set[str], list[Finding]]:
    """Codes a draft turns off (`<!-- jdscan-disable CODE ... -->`, front matter
    `jdscan: {ignore: [...]}`; no code: all), and findings for unknown codes."""
    named: list[tuple[str, int]] = []  # (code, the line that names it)
    lines = doc.comment_lines or (doc.title_line,) * len(doc.comments)
    for comment, line in zip(doc.comments, lines):
        m = DISABLE.match(comment)
        if m:
            named += [(code, line) for code in (m.group(1) or "all").replace(",", " ").split()]
    options = doc.meta.get("jdscan")
    if isinstance(options, dict) and isinstance(options.get("ignore"), list):
        named += [(str(c), doc.directive_line) for c in options["ignore"]]
    known = set(CODES) | {"all"}
    bad = [Finding(doc.source or "<stdin>", "bad-suppression", "warning",
                   f"jdscan-disable names an unknown code {code!r} (try one of: {', '.join(CODES)})",
                   Location(line, 1)) for code, line in sorted(set(named), key=lambda n: (n[1], n[0]))
           if code not in known]
    return {code for code, _ in named}, bad
