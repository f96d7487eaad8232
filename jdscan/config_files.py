"""Finding the configuration file, black's way: the nearest `.jdscan.yaml`, or
pyproject.toml with a `[tool.jdscan]` section, from the working directory upwards.

Apart from `jdscan.config` so that a start with no configuration (the usual case) does
not build the settings' validators: 6-10 ms of every command.
"""

from __future__ import annotations

from pathlib import Path

from .errors import UsageError

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]


def find_config(start: Path) -> Path | None:
    """The nearest .jdscan.yaml, or pyproject.toml with a [tool.jdscan] section."""
    for folder in [start, *start.parents]:
        if (folder / ".jdscan.yaml").is_file():
            return folder / ".jdscan.yaml"
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "jdscan" in read_toml(pyproject).get("tool", {}):
            return pyproject
    return None


def read_toml(path: Path) -> dict:
    """A TOML file as a dict; unreadable or broken TOML is a UsageError."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"{path}: cannot read it as TOML ({exc}) (try fixing the syntax)") from None
