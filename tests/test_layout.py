"""The walls between jdscan's subpackages, read from the source (tests/imports.py).

- Each subpackage's docstring says what it may import (the backticked `jdscan...` names
  after "May import:"); its modules import nothing else of jdscan.
- `ruleset` and `score` (and the readers, the metrics, documents) never reach spaCy.
- `cli` is the only package that imports Typer, prints or exits; nothing imports it.
- Only `cli` and `report` import Rich. No import cycles; no module over 250 lines.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .imports import Module, closure, cycles, load_modules

MODULES = load_modules()
SUBPACKAGES = sorted({m.package for m in MODULES.values() if m.path.name == "__init__.py" and m.package})
SPACY_FREE = ["jdscan.ruleset", "jdscan.score", "jdscan.readers", "jdscan.evaluate", "jdscan.text.document",
              "jdscan.model", "jdscan.errors", "jdscan.summary", "jdscan.config",
              "jdscan.config_files"]
SPACY = {"spacy", "thinc", "spacy_lookups_data"}
MAX_LINES = 250


def _in(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def _members(package: str) -> list:
    return [m for m in MODULES.values() if _in(m.name, package)]


def may_import(package: str) -> list[str] | None:
    """The jdscan modules a subpackage's docstring allows (None: anything)."""
    doc = ast.get_docstring(MODULES[f"jdscan.{package}"].tree) or ""
    said = re.search(r"May import:(.*?)(?:\n\s*\n|$)", doc, re.DOTALL)
    if said is None:
        return None
    return re.findall(r"`(jdscan(?:\.\w+)*)`", said.group(1))


@pytest.mark.parametrize("package", SUBPACKAGES)
def test_each_subpackage_says_what_it_owns_and_may_import(package):
    doc = ast.get_docstring(MODULES[f"jdscan.{package}"].tree)
    assert doc, f"jdscan/{package}/__init__.py has no docstring"
    assert "May import:" in doc or package == "cli", \
        f"jdscan/{package}/__init__.py: say what it may import ('May import: `jdscan.model`, ...')"


@pytest.mark.parametrize("package", [p for p in SUBPACKAGES if p != "cli"])
def test_subpackages_import_only_what_their_docstring_allows(package):
    allowed = may_import(package)
    assert allowed is not None
    own = f"jdscan.{package}"
    wrong = sorted((m.name, dep) for m in _members(own) for dep in m.internal
                   if not _in(dep, own) and not any(dep == a or (a != "jdscan" and _in(dep, a)) for a in allowed))
    assert not wrong, f"{package} imports what its docstring does not allow: {wrong}"


@pytest.mark.parametrize("package", SPACY_FREE)
def test_no_spacy_below_the_matchers(package):
    reached = {}
    for mod in _members(package):
        for name in [mod.name, *closure(MODULES, mod.name)]:
            for ext in MODULES[name].external & SPACY:
                reached.setdefault(mod.name, []).append(f"{name} imports {ext}")
    assert not reached, f"{package} reaches spaCy: {reached}"


def test_no_spacy_when_imported():
    """The same wall, as Python sees it: importing them leaves spaCy unloaded; so does
    importing the CLI (spaCy loads when a command needs it, not for `jdscan --help`)."""
    code = ("import sys, importlib\n"
            f"for name in {sorted(m.name for p in [*SPACY_FREE, 'jdscan.cli'] for m in _members(p))!r}:\n"
            "    importlib.import_module(name)\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_only_the_cli_imports_typer_and_nothing_imports_the_cli():
    typer = sorted(m.name for m in MODULES.values() if m.external & {"typer", "click"} and not _in(m.name, "jdscan.cli"))
    assert not typer, f"outside jdscan.cli, these import Typer: {typer}"
    upward = sorted((m.name, dep) for m in MODULES.values() if not _in(m.name, "jdscan.cli")
                    and m.name != "jdscan.__main__" for dep in m.internal if _in(dep, "jdscan.cli"))
    assert not upward, f"these import the CLI: {upward}"


def test_only_the_cli_and_the_renderers_import_rich():
    rich = sorted(m.name for m in MODULES.values()
                  if "rich" in m.external and not (_in(m.name, "jdscan.cli") or _in(m.name, "jdscan.report")))
    assert not rich, f"these import Rich: {rich}"


PRINTS = {"print", "exit", "quit", "input", "breakpoint"}
STREAMS = {("sys", "stdout"), ("sys", "stderr"), ("sys", "exit"), ("os", "_exit")}


def _prints(tree: ast.Module) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in PRINTS:
            found.append(f"line {node.lineno}: {node.func.id}()")
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                and (node.value.id, node.attr) in STREAMS:
            found.append(f"line {node.lineno}: {node.value.id}.{node.attr}")
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "Console":
            found.append(f"line {node.lineno}: a Console of its own")
    return found


def test_only_the_cli_prints_or_exits():
    """Renderers write to the stream or console they are handed; the core returns results."""
    found = {m.name: _prints(m.tree) for m in MODULES.values()
             if not _in(m.name, "jdscan.cli") and m.name != "jdscan.__main__"}
    found = {k: v for k, v in found.items() if v}
    assert not found, f"outside jdscan.cli, these print, exit or open a stream: {found}"


def test_the_wall_tests_can_see_a_breach():
    """The checks above find what they look for (so an empty result means something)."""
    tree = ast.parse("import sys\nprint('x')\nsys.stdout.write('y')\nConsole()\n")
    assert len(_prints(tree)) == 3
    assert may_import("score") == ["jdscan.model", "jdscan.ruleset"]
    assert "jdscan.scanner" in closure(MODULES, "jdscan.check.drafts")
    assert any("spacy" in MODULES[n].external for n in closure(MODULES, "jdscan.check.drafts"))


def test_no_import_cycles():
    assert cycles(MODULES) == []
    a, b = (Module(n, Path(n), ast.parse("")) for n in ("jdscan.a", "jdscan.b"))
    a.internal, b.internal = {"jdscan.b"}, {"jdscan.a"}
    assert cycles({"jdscan.a": a, "jdscan.b": b}) == [["jdscan.a", "jdscan.b"]]


def test_no_module_is_too_long():
    long = {m.name: m.lines for m in MODULES.values() if m.lines > MAX_LINES}
    assert not long, f"split these modules (over {MAX_LINES} lines): {long}"
