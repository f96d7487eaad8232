"""jdscan's own import graph, read from the source with `ast` (nothing is imported).

Every import counts, at module level or inside a function (a lazy import is still a
dependency); a package's `__init__` counts only where a module names the package itself.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent / "jdscan"


@dataclass
class Module:
    name: str  # dotted, "jdscan.score.ranking"
    path: Path
    tree: ast.Module
    internal: set[str] = field(default_factory=set)  # jdscan modules it imports
    eager: set[str] = field(default_factory=set)  # those imported at module level
    external: set[str] = field(default_factory=set)  # top-level names of other packages

    @property
    def package(self) -> str:
        """The subpackage it belongs to ("score"), or its own name at the top level ("scanner")."""
        return self.name.split(".")[1] if self.name.count(".") >= 1 else ""

    @property
    def lines(self) -> int:
        return len(self.path.read_text(encoding="utf-8").splitlines())


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _resolve(mod: str, is_init: bool, level: int, target: str | None) -> str:
    base = mod.split(".")
    if not is_init:
        base = base[:-1]
    base = base[: len(base) - (level - 1)] if level > 1 else base
    return ".".join(base + ([target] if target else []))


def load_modules() -> dict[str, Module]:
    """Every module of the jdscan package with what it imports."""
    modules = {}
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        name = module_name(path)
        modules[name] = Module(name, path, ast.parse(path.read_text(encoding="utf-8")))
    for mod in modules.values():
        top_level = set(map(id, mod.tree.body))
        for node in ast.walk(mod.tree):
            for name in _imported(mod, node, modules):
                _add(mod, name, modules, eager=id(node) in top_level)
    return modules


def _imported(mod: Module, node: ast.AST, modules: dict[str, Module]) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if not isinstance(node, ast.ImportFrom):
        return []
    is_init = mod.path.name == "__init__.py"
    source = _resolve(mod.name, is_init, node.level, node.module) if node.level else node.module or ""
    return [f"{source}.{a.name}" if f"{source}.{a.name}" in modules else source for a in node.names]


def _add(mod: Module, name: str, modules: dict[str, Module], eager: bool) -> None:
    if name == "jdscan" or name.startswith("jdscan."):
        while name not in modules:  # `from jdscan.x import y` where y is a name, not a module
            name = name.rpartition(".")[0]
        if name != mod.name:
            mod.internal.add(name)
            if eager:
                mod.eager.add(name)
    else:
        mod.external.add(name.split(".")[0])


def closure(modules: dict[str, Module], start: str) -> set[str]:
    """Every jdscan module `start` may import, directly or through others, lazy imports
    included, with the packages Python runs on the way (importing jdscan.a.b runs
    jdscan/a/__init__.py first; of such a package only its module-level imports count)."""
    seen: dict[str, bool] = {}  # module -> reached only as a package run on the way
    todo = [(start, False)]
    while todo:
        name, on_the_way = todo.pop()
        mod = modules[name]
        deps = [(d, False) for d in (mod.eager if on_the_way else mod.internal)]
        for dep, way in deps + [(p, True) for p in _parents(name, modules)]:
            if dep not in seen or (seen[dep] and not way):
                seen[dep] = way
                todo.append((dep, way))
    seen.pop(start, None)
    return set(seen)


def _parents(name: str, modules: dict[str, Module]) -> set[str]:
    parts = name.split(".")
    return {".".join(parts[:i]) for i in range(1, len(parts)) if ".".join(parts[:i]) in modules}


def cycles(modules: dict[str, Module]) -> list[list[str]]:
    """Import cycles among jdscan's modules (Tarjan's strongly connected components)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(modules[v].internal):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for name in sorted(modules):
        if name not in index:
            visit(name)
    return found
