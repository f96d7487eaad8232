"""From judged hits to a verdict's numbers: pure functions, no spaCy.

Owns what scoring weighs (`hit`: Target, Hit), evidence scores and the ranking of roles
with precedence and confidence (`ranking`), facets (`facets`) and the warnings a verdict
carries (`verdict_warnings`).

May import: `jdscan.model`, `jdscan.ruleset`. Never spaCy: scoring is tested, and can be
fitted, on plain numbers.
"""

from .facets import facet_totals, facets
from .hit import Hit, Target
from .ranking import other_base, rank, to_evidence, weigh
from .verdict_warnings import encoding_warning, verdict_warnings

__all__ = ["Hit", "Target", "encoding_warning", "facet_totals", "facets", "other_base", "rank",
           "to_evidence", "verdict_warnings", "weigh"]
