"""Rule files as validated data: what counts as evidence for each role.

Owns the rule-file schema (`schema`), safe YAML with line numbers (`yamlsrc`), checking
token patterns against spaCy's pattern language without spaCy (`tokenspec`), finding,
reading and validating rule folders into a `RuleSet` (`load`, `validated`), the checks
across files (`cross_checks`), running every pattern's examples (`examples`) and the
generated format reference (`reference`).

May import: `jdscan.errors`, `jdscan.model`, pydantic, PyYAML. Never spaCy, so that
`jdscan rules validate` stays fast; running examples takes the matchers as an argument.
"""

from .load import bundled_rules_dir, load_rules
from .validated import RuleSet

__all__ = ["RuleSet", "bundled_rules_dir", "load_rules"]
