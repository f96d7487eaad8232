"""Measuring the rules on labelled ads.

Owns reading labelled JSONL/CSV (`labelled`) and the metrics (`metrics`: accuracy,
macro-F1, per-role scores, confusion matrix, direction).

May import: `jdscan.errors`, `jdscan.model`. It scores verdicts it is given; the
commands' core (`jdscan.run`) does the classifying.
"""
