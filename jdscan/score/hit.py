"""What scoring weighs: a Target (what a match key stands for) and a Hit (a judged match).

The matchers build these and the scorer reads them; they live here, below both, so that
scoring never imports the matchers (and with them spaCy).
"""

from __future__ import annotations

from typing import NamedTuple

DUTY = "duty"  # the frame of what this hire will do (match/frames.py)


class Target(NamedTuple):
    """What a match key stands for: a role dimension or a facet value."""

    kind: str  # "role" or "facet"
    group: str  # role name, or facet name
    value: str  # dimension (or "title"), or facet value
    rule_id: str
    weight: float


class Hit(NamedTuple):
    """A match with its place in the text and its context judgement (a tuple: an ad has
    hundreds, and a frozen dataclass costs several times more to build)."""

    target: Target
    text: str
    start: int
    end: int
    sentence: str
    source: str
    negated: bool
    hedged: bool
    section: str = "other"  # the kind of section it stands in; "title" for the title
    frame: str = DUTY  # whose statement it is part of (match/frames.py)
