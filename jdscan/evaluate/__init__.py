"""Measuring the rules on labelled ads, and fitting their weights to them.

Owns reading labelled JSONL/CSV (`labelled`), the metrics (`metrics`: accuracy, macro-F1,
per-role scores, confusion matrix, direction), how often each warning fires and is right
(`warnings`), labelled ads as numbers (`features`), the fit (`fit`: regularised multinomial
logistic regression; SciPy, an optional extra), calibration (`calibration`), grouped folds
(`folds`) and cross-validation (`crossval`).

May import: `jdscan.errors`, `jdscan.model`, `jdscan.score`, `jdscan.text.document`, NumPy,
and SciPy only inside the fit. It scores what it is given; the commands' core (`jdscan.run`,
`jdscan.fitting`) does the reading and classifying.
"""
