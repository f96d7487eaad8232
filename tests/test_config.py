"""Configuration: [tool.jdscan] in pyproject.toml or .jdscan.yaml become the CLI's defaults."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from jdscan.cli import EXIT_ERROR, EXIT_SUCCESS, app

from .conftest import ROOT

runner = CliRunner()
COLLECTIONS = re.findall(r"```yaml\n(.*?)```", (ROOT / "docs" / "custom-rules.md").read_text(), re.DOTALL)[0]


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "my").mkdir()
    (tmp_path / "my" / "collections.yaml").write_text(COLLECTIONS)
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")  # found from the working directory upwards
    return tmp_path


def roles_listed(*args) -> str:
    result = runner.invoke(app, [*args, "rules", "list"], env={"COLUMNS": "200"})
    assert result.exit_code == EXIT_SUCCESS, result.output
    return result.stdout


def test_pyproject_section_sets_rule_folders(project):
    (project / "pyproject.toml").write_text('[tool.jdscan]\nrules = ["my"]\n')
    assert "collections" in roles_listed()


def test_dot_jdscan_yaml_sets_rule_folders(project):
    (project / ".jdscan.yaml").write_text("rules: [my]\n")
    assert "collections" in roles_listed()


def test_a_pyproject_without_the_section_is_ignored(project):
    (project / "pyproject.toml").write_text('[tool.black]\nline-length = 88\n')
    assert "collections" not in roles_listed()


def test_flags_override_the_config(project):
    (project / "pyproject.toml").write_text('[tool.jdscan]\nrules = ["my"]\n')
    result = runner.invoke(app, ["rules", "list", "--rules", str(ROOT / "rules")], env={"COLUMNS": "200"})
    assert result.exit_code == EXIT_SUCCESS and "collections" not in result.stdout


def test_explicit_config_file(project, tmp_path):
    other = tmp_path / "elsewhere.yaml"
    other.write_text(f"rules: [{project / 'my'}]\n")
    other = other.rename(tmp_path / ".jdscan.yaml")
    assert "collections" in roles_listed("--config", str(other))


@pytest.mark.parametrize("text, fragment", [
    ('[tool.jdscan]\nrulez = ["my"]\n', "rulez: Extra inputs are not permitted"),
    ('[tool.jdscan]\nbundled_rules = "perhaps"\n', "bundled_rules: Input should be a valid boolean"),
    ('[tool.jdscan\n', "cannot read it as TOML"),
])
def test_a_bad_config_is_a_clear_error(project, text, fragment):
    (project / "pyproject.toml").write_text(text)
    result = runner.invoke(app, ["rules", "list"])
    assert result.exit_code == EXIT_ERROR
    assert fragment in result.stderr and "pyproject.toml" in result.stderr
