"""The finding codes of `jdscan check`, with their default severity and meaning. No imports
of our own: `jdscan --help` lists them without loading the rest."""

from __future__ import annotations

from typing import Literal

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}

# code -> (default severity, one-line description for --help, README and SARIF rules)
CODES: dict[str, tuple[Severity, str]] = {
    "role-mismatch": ("error", "The draft reads as another role than the one it claims."),
    "ambiguous": ("warning", "Two roles are too close to call: the margin is under the threshold."),
    "low-confidence": ("warning", "The verdict's confidence is under the threshold."),
    "mixed-signals": ("warning", "A service role with a core sales element, or a sales role with none."),
    "missing-dimension": ("warning", "The draft never covers a dimension its role needs."),
    "title-mismatch": ("warning", "The title names another role than the body describes."),
    "unknown-role": ("error", "The draft claims a role the loaded rules do not define."),
    "unreadable": ("error", "The draft could not be read."),
    "bad-suppression": ("warning", "A jdscan-disable comment or `jdscan: ignore` names an unknown code."),
}
FindingCode = Literal["role-mismatch", "ambiguous", "low-confidence", "mixed-signals",
                      "missing-dimension", "title-mismatch", "unknown-role", "unreadable",
                      "bad-suppression"]
