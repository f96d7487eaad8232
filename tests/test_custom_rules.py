"""User rule folders: a new role, extending, overriding and replacing bundled rules.
The role and the extension are the YAML blocks of docs/custom-rules.md, so the doc stays true."""

from __future__ import annotations

import re
import shutil

import pytest
from typer.testing import CliRunner

from jdscan.cli import EXIT_ERROR, EXIT_SUCCESS, app
from jdscan.errors import RuleError
from jdscan.ruleset import bundled_rules_dir, load_rules
from jdscan.scanner import Scanner

from .conftest import ROOT

runner = CliRunner()
BLOCKS = re.findall(r"```yaml\n(.*?)```", (ROOT / "docs" / "custom-rules.md").read_text(), re.DOTALL)
COLLECTIONS, EXTEND = BLOCKS[0], BLOCKS[1]
AD = """Collections Advisor

Join our collections team. You will call customers with overdue accounts, agree a payment
plan that works for them and record an income and expenditure assessment in the account
notes. You are firm but fair. We measure your recovery rate and promise to pay figures.
"""


@pytest.fixture
def my_rules(tmp_path):
    folder = tmp_path / "my-rules"
    folder.mkdir()
    (folder / "collections.yaml").write_text(COLLECTIONS)
    (folder / "retail-extra.yaml").write_text(EXTEND)
    return folder


def test_new_role_is_listed_validated_tested_and_wins(my_rules):
    listed = runner.invoke(app, ["rules", "list", "--rules", str(my_rules)], env={"COLUMNS": "160"})
    assert "collections.yaml" in listed.stdout and "retail.yaml" in listed.stdout
    assert runner.invoke(app, ["rules", "validate", str(my_rules)]).stdout.startswith("ok: 9 roles")
    tested = runner.invoke(app, ["rules", "test", str(my_rules)])
    assert tested.exit_code == EXIT_SUCCESS, tested.stdout
    verdict = Scanner([my_rules]).classify(AD.split("\n", 1)[1], "Collections Advisor")
    assert verdict.role == "collections"


def test_extend_adds_patterns_to_a_bundled_role(my_rules):
    rules = load_rules([my_rules])
    ids = [s.id for s in rules.roles["retail"].dimensions.tasks]
    assert "my-retail-click-collect" in ids and "rt-task-till" in ids
    assert rules.locations["my-retail-click-collect"][0].endswith("retail-extra.yaml")


def test_override_replaces_a_bundled_role(tmp_path):
    folder = tmp_path / "override"
    folder.mkdir()
    retail = (bundled_rules_dir() / "retail.yaml").read_text()
    (folder / "retail.yaml").write_text(retail.replace("name: Retail / face to face", "name: Shops"))
    rules = load_rules([folder])
    assert rules.roles["retail"].name == "Shops" and rules.role_sources["retail"].startswith(str(folder))


def test_no_bundled_rules_needs_a_complete_set(my_rules, tmp_path):
    (my_rules / "retail-extra.yaml").unlink()
    with pytest.raises(RuleError, match="no `kind: facets` file"):
        load_rules([my_rules], bundled=False)
    full = tmp_path / "full"
    shutil.copytree(bundled_rules_dir(), full)
    (full / "collections.yaml").write_text(COLLECTIONS)
    assert "collections" in load_rules([full], bundled=False).roles


def test_extending_an_unknown_role_is_a_clear_error(tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "x.yaml").write_text(EXTEND.replace("role: retail", "role: astronaut"))
    result = runner.invoke(app, ["rules", "validate", str(folder)])
    assert result.exit_code == EXIT_ERROR
    assert f"{folder / 'x.yaml'}:2: role: extends 'astronaut', which no earlier file defines" in result.stderr
