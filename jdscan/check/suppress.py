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
    codes: set[str] = set()
    for comment in doc.comments:
        m = DISABLE.match(comment)
        if m:
            codes |= set((m.group(1) or "all").replace(",", " ").split())
    options = doc.meta.get("jdscan")
    if isinstance(options, dict) and isinstance(options.get("ignore"), list):
        codes |= {str(c) for c in options["ignore"]}
    unknown = sorted(codes - set(CODES) - {"all"})
    bad = [Finding(doc.source or "<stdin>", "bad-suppression", "warning",
                   f"jdscan-disable names an unknown code {code!r} (try one of: {', '.join(CODES)})",
                   Location(doc.title_line, 1)) for code in unknown]
    return codes, bad
