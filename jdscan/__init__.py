"""jdscan: which front-line customer-facing role does a job ad really describe, and why."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["Scanner", "Verdict", "__version__", "classify"]


def __getattr__(name: str):
    # Lazy, so `import jdscan` (and `jdscan --help`) does not pay for importing spaCy.
    if name == "Scanner":
        from .scanner import Scanner

        return Scanner
    if name == "Verdict":
        from .model import Verdict

        return Verdict
    raise AttributeError(name)


_default = None


def classify(text: str, title: str = ""):
    """Classify one ad with the bundled rules (the Scanner is built once per process)."""
    global _default
    if _default is None:
        from .scanner import Scanner

        _default = Scanner()
    return _default.classify(text, title)
