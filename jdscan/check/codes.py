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
# code -> (a name people read, distinct from the id as SARIF asks; what to do about it), for
# SARIF rules' `name`, `fullDescription` and `help`, which code-scanning dashboards show.
HELP: dict[str, tuple[str, str]] = {
    "role-mismatch": ("RoleMismatch", ("jdscan reads the draft as another front-line role than the one it claims "
                      "(--expect, front matter `role:` or the configuration's globs). Say more plainly what the "
                      "hire will do for the claimed role, or claim the role the draft describes; `jdscan explain "
                      "FILE` shows the evidence for each.")),
    "ambiguous": ("AmbiguousRole", ("The two strongest roles are closer than the ambiguity margin (--margin). "
                  "Make the draft say which job it is: its decisive duties (where the work happens, the "
                  "channel, whether selling is the job) settle it.")),
    "low-confidence": ("LowConfidence", ("The verdict's confidence is under --min-confidence: the draft says too "
                       "little, or too much of several roles. Describe the duties, setting and measures of the "
                       "role it claims.")),
    "mixed-signals": ("MixedSignals", ("A service role carries a core sales element (targets, commission), or a "
                      "sales role none. Keep it if it is meant, with a reason (`<!-- jdscan-disable mixed-signals "
                      "-- why -->`), or reword the draft.")),
    "missing-dimension": ("MissingDimension", ("The draft never covers a dimension its role needs (the role's rule "
                          "file lists them: a sales role its measures, a call-centre role its setting). Add a "
                          "sentence about it.")),
    "title-mismatch": ("TitleMismatch", ("The title names another role than the body describes. Retitle the "
                       "draft, or make the body match the title.")),
    "unknown-role": ("UnknownRole", ("The draft claims a role the loaded rules do not define. Claim one that "
                     "`jdscan rules list` shows, or load the rules that define it (--rules).")),
    "unreadable": ("UnreadableDraft", ("The draft could not be read (missing, empty, binary, too large, or not "
                   "in a format jdscan reads). The message says what was wrong and what to try.")),
    "bad-suppression": ("BadSuppression", ("A jdscan-disable comment or front matter `jdscan: ignore` names an "
                        "unknown code, or (with --require-reason) gives no reason after `--`. Fix the code's "
                        "spelling, or give the reason.")),
}
FindingCode = Literal["role-mismatch", "ambiguous", "low-confidence", "mixed-signals",
                      "missing-dimension", "title-mismatch", "unknown-role", "unreadable",
                      "bad-suppression"]
