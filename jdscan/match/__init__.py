"""Matching rules against a parsed ad: compiled matchers and judged hits.

Owns compiling a RuleSet to spaCy's matchers (`matcher`), proximity patterns
(`proximity`), negation and hedging around a match (`context`) and placing matches in the
text and judging them (`hits`), which gives the Hits that scoring weighs.

May import: `jdscan.text`, `jdscan.ruleset`, `jdscan.score.hit` and `jdscan.score.words` (the types it builds),
`jdscan.model`, spaCy and NumPy.
"""
