"""`jdscan rules list|show|validate|test` through CliRunner, with exact exit codes."""

from __future__ import annotations

import shutil

from typer.testing import CliRunner

from jdscan.cli import EXIT_ERROR, EXIT_FAIL, EXIT_SUCCESS, app
from jdscan.ruleset import bundled_rules_dir

runner = CliRunner()
ENV = {"COLUMNS": "140"}


def copy_rules(tmp_path):
    folder = tmp_path / "rules"
    shutil.copytree(bundled_rules_dir(), folder)
    return folder


def test_list_names_every_role_and_its_file():
    result = runner.invoke(app, ["rules", "list"], env=ENV)
    assert result.exit_code == EXIT_SUCCESS
    for role in ("call-centre", "customer-service", "field-sales", "internal-sales", "internal-service",
                 "other", "retail", "retention"):
        assert f"{role}.yaml" in result.stdout


def test_list_as_markdown_is_the_roles_table(tmp_path):
    result = runner.invoke(app, ["rules", "list", "--format", "markdown"])
    assert result.exit_code == EXIT_SUCCESS
    lines = result.stdout.splitlines()
    assert lines[0] == "| role | name | the question it answers | what marks it |"
    assert len(lines) == 2 + 8 and "| `retention` | Customer retention | How can I keep" in result.stdout
    folder = copy_rules(tmp_path)
    role = folder / "retention.yaml"
    role.write_text(role.read_text().replace("description: >-", "description: >-\n  Saves | win-backs."))
    piped = runner.invoke(app, ["rules", "list", "--format", "markdown", "--no-bundled-rules", "--rules", str(folder)])
    assert piped.exit_code == EXIT_SUCCESS and "Saves \\| win-backs." in piped.stdout  # a pipe cannot end the cell


def test_show_a_role_and_an_unknown_one():
    result = runner.invoke(app, ["rules", "show", "retention"], env=ENV)
    assert result.exit_code == EXIT_SUCCESS
    assert "rn-goal-keep" in result.stdout and "How can I keep this customer from leaving?" in result.stdout
    missing = runner.invoke(app, ["rules", "show", "astronaut"], env=ENV)
    assert missing.exit_code == EXIT_ERROR and "no role 'astronaut'" in missing.stderr


def test_validate_ok_and_broken(tmp_path):
    ok = runner.invoke(app, ["rules", "validate"])
    assert ok.exit_code == EXIT_SUCCESS and ok.stdout.startswith("ok: 8 roles")
    folder = copy_rules(tmp_path)
    (folder / "retail.yaml").write_text("kind: role\nrole: retail\nname: Retail\nwieght: 2\n")
    bad = runner.invoke(app, ["rules", "validate", str(folder)])
    assert bad.exit_code == EXIT_ERROR
    assert f"{folder / 'retail.yaml'}:4: wieght: unknown key" in bad.stderr


def test_test_passes_on_the_bundled_rules():
    result = runner.invoke(app, ["rules", "test"])
    assert result.exit_code == EXIT_SUCCESS
    assert result.stdout.strip().splitlines()[-1].endswith(" passed, 0 failed")


def test_test_reports_a_failing_example_with_file_and_line(tmp_path):
    folder = copy_rules(tmp_path)
    path = folder / "retention.yaml"
    path.write_text(path.read_text().replace('"Reduce churn."', '"Sell more phones."'))
    result = runner.invoke(app, ["rules", "test", str(folder)])
    assert result.exit_code == EXIT_FAIL
    line = next(x for x in result.stdout.splitlines() if "rn-goal-keep" in x)
    assert line.startswith(f"{path}:") and "should match 'Sell more phones.'" in line
    assert ": dimensions.goal.0.examples.match.1: " in line and "(nothing matched; its lemmas: Sell/sell more/much phones/phone ./.; try " in line
    example_line = next(i for i, text in enumerate(path.read_text().splitlines(), 1) if "Sell more phones" in text)
    assert line.startswith(f"{path}:{example_line}:")
    assert result.stdout.strip().endswith("passed, 1 failed")


def test_docs_rules_md_is_generated_from_the_schema():
    from jdscan.ruleset.reference import rule_reference

    from .conftest import ROOT

    assert (ROOT / "docs" / "rules.md").read_text() == rule_reference(), \
        "docs/rules.md is stale: run `jdscan rules reference > docs/rules.md`"


def test_reference_command_prints_it():
    result = runner.invoke(app, ["rules", "reference"])
    assert result.exit_code == EXIT_SUCCESS and result.stdout.startswith("# Rule file reference")
    assert "| `weight` | number | yes |" in result.stdout
