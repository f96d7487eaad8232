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


def _refuse_aliases(text: str) -> None:
    """Rule files never need aliases, and they are how "billion laughs" documents blow
    up: refuse them from the event stream, before anything is composed."""
    for event in yaml.parse(text, Loader=SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            raise YamlProblem(event.start_mark.line + 1,
                              "YAML aliases (*name) are not allowed in rule files",
                              "writing the repeated value out in full")


def load(text: str) -> tuple[Any, dict[Path_, int]]:
    """Parse one YAML document; return the data and {key path: 1-based line}."""
    loader = None
    try:
        _refuse_aliases(text)
        loader = SafeLoader(text)
        node = loader.get_single_node()
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
    lines: dict[Path_, int] = {}
    if node is not None:
        _walk(node, (), lines)
    return data, lines


def _walk(node: yaml.Node, path: Path_, lines: dict[Path_, int]) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                raise YamlProblem(
                    key_node.start_mark.line + 1,
                    f"key {key!r} appears twice in the same mapping",
                    "removing or renaming one of them",
                )
            seen.add(key)
            lines[path + (key,)] = key_node.start_mark.line + 1
            _walk(value_node, path + (key,), lines)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, path + (i,), lines)


def line_of(lines: dict[Path_, int], path: Path_) -> int | None:
    """The line of the longest known prefix of `path`."""
    for end in range(len(path), -1, -1):
        if tuple(path[:end]) in lines:
            return lines[tuple(path[:end])]
    return None
