"""`jdscan check`: does each ad draft read as the role it claims, clearly?

Owns the finding codes and their default severities (`codes`), findings and where they
point (`findings`), one function per check (`checks`), suppression in the draft
(`suppress`) and checking drafts into a CheckReport (`drafts`).

May import: `jdscan.scanner`, `jdscan.readers`, `jdscan.text.document`, `jdscan.model`,
`jdscan.ruleset`, `jdscan.limits`. Plain results only: `jdscan.report` renders them, the CLI prints.
"""
