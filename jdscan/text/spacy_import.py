"""Import spaCy without importing its command line.

`import spacy` runs `from .cli.info import info` for the `spacy.info()` helper, and the
CLI package pulls in weasel, requests, httpx and more: about 0.4 s of a 1.1 s import, on
every jdscan start. While spaCy imports, `spacy.cli` is a stand-in whose `info` loads the
real one on first use; the stand-ins leave sys.modules straight after, so any later
`import spacy.cli` gets the real package. Nothing of spaCy's own behaviour changes.
"""

from __future__ import annotations

import importlib
import sys
import types

STUBS = ("spacy.cli", "spacy.cli.info")


def import_spacy():
    """spaCy, imported (once) without its command line."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    cli = types.ModuleType("spacy.cli")
    info = types.ModuleType("spacy.cli.info")
    info.info = _real_info
    cli.info = info
    cli.__getattr__ = _real_cli_attribute  # spacy.cli.<anything else>: the real package
    cli.__path__ = []  # a package, so `from .cli.info import info` resolves to the stand-in
    sys.modules.update({"spacy.cli": cli, "spacy.cli.info": info})
    try:
        spacy = importlib.import_module("spacy")
    finally:
        for name in STUBS:
            if sys.modules.get(name) in (cli, info):
                del sys.modules[name]
    if not hasattr(spacy, "cli"):  # `spacy.cli.x` still works, through the stand-in
        spacy.cli = cli
    return spacy


def _real_cli_attribute(name: str):
    if name.startswith("__"):
        raise AttributeError(name)
    return getattr(importlib.import_module("spacy.cli"), name)


def _real_info(*args, **kwargs):
    from spacy.cli.info import info

    return info(*args, **kwargs)
