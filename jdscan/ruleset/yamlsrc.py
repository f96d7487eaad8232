"""Safe YAML with line numbers: every key path maps to the line it stands on."""

from __future__ import annotations

from typing import Any

import yaml

Path_ = tuple[Any, ...]


class YamlProblem(Exception):
    def __init__(self, line: int | None, message: str, hint: str = ""):
        self.line, self.message, self.hint = line, message, hint
        super().__init__(message)


# libyaml's safe loader where PyYAML has it (ten times faster); the pure one otherwise.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(text: str) -> tuple[Any, dict[Path_, int]]:
    """Parse one YAML document; return the data and {key path: 1-based line}. Aliases are
    refused: rule files never need them, and they are how "billion laughs" documents blow
    up. Composing is safe (an alias is the same node again, nothing is copied); the walk
    that maps lines refuses a node met twice before anything is constructed."""
    loader = None
    try:
        loader = SafeLoader(text)
        node = loader.get_single_node()
        lines: dict[Path_, int] = {}
        if node is not None:
            _walk(node, (), lines, set())
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise YamlProblem(
            mark.line + 1 if mark else None,
            f"invalid YAML: {exc.problem or exc}",
            "checking the indentation and quoting on that line",
        ) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(None, f"invalid YAML: {exc}", "checking the file is YAML") from None
    finally:
        if loader is not None:
            loader.dispose()
    return data, lines


def _walk(node: yaml.Node, path: Path_, lines: dict[Path_, int], met: set[int]) -> None:
    """Every key path's line, refusing duplicate keys and aliases. Iterative, and an alias
    is looked for only among mappings and sequences (a repeated scalar cannot grow)."""
    lines.setdefault(path, node.start_mark.line + 1)
    stack = [(node, path)]
    while stack:
        node, path = stack.pop()
        if isinstance(node, yaml.MappingNode):
            seen: set[Any] = set()
            children = []
            for key_node, value_node in node.value:
                key, line = key_node.value, key_node.start_mark.line + 1
                if key in seen:
                    raise YamlProblem(line, f"key {key!r} appears twice in the same mapping",
                                      "removing or renaming one of them")
                seen.add(key)
                lines[path + (key,)] = line
                children.append((value_node, path + (key,), line))
        elif isinstance(node, yaml.SequenceNode):
            line = node.start_mark.line + 1
            children = [(item, path + (i,), line) for i, item in enumerate(node.value)]
        else:
            continue
        deeper = []
        for child, child_path, line in children:
            if not isinstance(child, yaml.ScalarNode):
                if id(child) in met:
                    raise YamlProblem(line, "YAML aliases (*name) are not allowed in rule files",
                                      "writing the repeated value out in full")
                met.add(id(child))
                deeper.append((child, child_path))
            lines.setdefault(child_path, child.start_mark.line + 1)
        stack.extend(reversed(deeper))  # popped in document order: the first alias is the one reported


def line_of(lines: dict[Path_, int], path: Path_) -> int | None:
    """The line of the longest known prefix of `path`."""
    for end in range(len(path), -1, -1):
        if tuple(path[:end]) in lines:
            return lines[tuple(path[:end])]
    return None
