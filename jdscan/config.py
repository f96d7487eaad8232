"""Configuration, black's way: `[tool.jdscan]` in pyproject.toml (only where the section
exists) or a `.jdscan.yaml`, found from the working directory upwards; its values become
the command line's defaults, and flags override them."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .check.codes import FindingCode
from .config_files import find_config, read_toml
from .errors import UsageError

__all__ = ["CheckConfig", "Config", "default_map", "find_config", "load_config"]


class CheckConfig(BaseModel):
    """`jdscan check` settings: `[tool.jdscan.check]`, or `check:` in .jdscan.yaml."""

    model_config = ConfigDict(extra="forbid")

    expect: dict[str, str] = Field(default={}, description=(
        "Expected role by glob, relative to the config file, first match wins: "
        "{\"drafts/sales/*.md\" = \"internal-sales\"}. Front matter `role:` and --expect win over it."))
    fail_on: Literal["error", "warning", "never"] = Field(default="error", description="--fail-on.")
    ambiguous_margin: float | None = Field(default=None, ge=0, le=1, description=(
        "Margin under which a draft is ambiguous (default: the rules' ambiguous_margin)."))
    min_confidence: float = Field(default=0.5, ge=0, le=1, description="Confidence under which a verdict is low-confidence.")
    require_reason: bool = Field(default=False, description=(
        "A jdscan-disable without a reason after `--` is not applied, and is a bad-suppression (--require-reason)."))
    severity: dict[FindingCode, Literal["error", "warning", "info", "off"]] = Field(default={}, description=(
        "Severity per finding code, or off: {mixed-signals = \"error\", missing-dimension = \"off\"}."))


class Config(BaseModel):
    """What a configuration file may set. Relative paths are relative to the file."""

    model_config = ConfigDict(extra="forbid")

    rules: list[str] = Field(default=[], description="Rule folders layered on the bundled rules.")
    bundled_rules: bool = Field(default=True, description="Load the bundled rules first.")
    model: str | None = Field(default=None, description="An installed spaCy pipeline.")
    review_below: float | None = Field(default=None, ge=0, le=1, description=(
        "Verdicts less confident than this need review (default: the fitted weights' threshold)."))
    lexicon: bool = Field(default=True, description=(
        "With fitted weights, the fitted lexicon of words counts too (`--lexicon/--no-lexicon`)."))
    time_limit: float | None = Field(default=None, ge=0, description=(
        "`--time-limit` of classify and check: seconds one ad may take to read or classify (0: no limit)."))
    dask: str | None = Field(default=None, description=(
        "`jdscan classify --dask`: the address of a Dask scheduler to classify on (tcp://host:8786)."))
    check: CheckConfig = Field(default=CheckConfig(), description="`jdscan check` settings.")


def load_config(path: Path) -> Config:
    """Read and validate one configuration file; a bad value is a UsageError."""
    raw = read_toml(path).get("tool", {}).get("jdscan", {}) if path.suffix == ".toml" else _read_yaml(path)
    where = f"{path} [tool.jdscan]" if path.suffix == ".toml" else str(path)
    try:
        return Config.model_validate(raw or {})
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'top level'}: {e['msg']}"
                             for e in exc.errors())
        keys = ", ".join(Config.model_fields)
        raise UsageError(f"{where}: {problems} (try the keys {keys})") from None


def default_map(config: Config, base: Path) -> dict[str, Any]:
    """The config as Click default values for every command that takes them."""
    common: dict[str, Any] = {"bundled": config.bundled_rules}
    if config.rules:
        common["rules"] = [str((base / r).resolve()) for r in config.rules]
    with_model = {**common, "model": config.model} if config.model else common
    folders = {"folders": common["rules"]} if "rules" in common else {}
    bundled = {"bundled": config.bundled_rules}
    check = {**with_model, "fail_on": config.check.fail_on, "min_confidence": config.check.min_confidence,
             "require_reason": config.check.require_reason}
    if config.check.ambiguous_margin is not None:
        check["margin"] = config.check.ambiguous_margin
    classify = {**with_model, "review_below": config.review_below} if config.review_below is not None else with_model
    if config.dask:
        classify = {**classify, "dask": config.dask}
    off = {"lexicon": False} if not config.lexicon else {}
    classify, check, with_model = {**classify, **off}, {**check, **off}, {**with_model, **off}
    if config.time_limit is not None:
        classify, check = {**classify, "time_limit": config.time_limit}, {**check, "time_limit": config.time_limit}
    return {
        "classify": classify, "eval": with_model, "explain": with_model, "check": check,
        "rules": {"list": common, "show": common, "validate": {**folders, **bundled},
                  "test": {**folders, **bundled}, "fit": common},
    }


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise UsageError(f"{path}: cannot read it as YAML ({exc}) (try fixing the syntax)") from None
