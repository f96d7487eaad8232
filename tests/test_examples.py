"""Every bundled example gets the role its file name promises, in the table and in JSON."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from jdscan.cli import app

from .conftest import EXAMPLES

ROLES = ("customer-service", "internal-sales", "call-centre", "retail", "field-sales", "retention",
         "internal-service", "other")
FILES = sorted(p for p in EXAMPLES.glob("*.*") if p.suffix in {".txt", ".md"})
runner = CliRunner()


def expected(path) -> str:
    return next(r for r in ROLES if path.name.startswith(r + "-"))


def test_there_is_an_example_per_role_and_a_mixed_one():
    assert {expected(p) for p in FILES} == set(ROLES)
    assert any("mixed-signals" in p.name for p in FILES)


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_example_verdict_json_and_table(path):
    result = runner.invoke(app, ["classify", str(path), "--format", "json"])
    assert json.loads(result.stdout)["role"] == expected(path)
    table = runner.invoke(app, ["classify", str(path), "--format", "table"], env={"COLUMNS": "120"})
    assert f"({expected(path)})  confidence" in table.stdout


def test_mixed_signals_example_is_flagged(scanner):
    text = (EXAMPLES / "customer-service-mixed-signals.txt").read_text()
    verdict = scanner.classify(text)
    assert verdict.role == "customer-service"
    assert "mixed-signals" in {w.code for w in verdict.warnings}
