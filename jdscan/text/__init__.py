"""Text and its structure: what jdscan reads before it matches anything.

Owns documents (`document`: a title, a body, front matter and where the body starts),
importing spaCy (`spacy_import`), the pipeline (`pipeline`: blank English, sentencizer,
lower-cased lookup lemmas), sentence boundaries on arrays (`sentences`) and a title and
body parsed as one doc (`joined`).

May import: `jdscan.errors`, spaCy, PyYAML (front matter). `document` imports no spaCy,
since every reader builds Documents.
"""
