"""Output formats: the table against saved output at a fixed width, the JSON contract."""

from __future__ import annotations

import json
import os

import pytest
from rich.console import Console
from typer.testing import CliRunner

from jdscan.cli import app
from jdscan.model import SCHEMA_VERSION
from jdscan.report.table import render_verdict

from .conftest import GOLDEN, ROOT

runner = CliRunner()
CASES = ["field-sales-territory.txt", "customer-service-mixed-signals.txt"]


@pytest.mark.parametrize("name", CASES)
def test_table_matches_saved_output(name, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = runner.invoke(app, ["classify", f"examples/{name}", "--format", "table"], env={"COLUMNS": "100"})
    assert result.exit_code == 0
    golden = GOLDEN / (name.rsplit(".", 1)[0] + ".table.txt")
    if os.environ.get("JDSCAN_UPDATE_GOLDEN"):
        golden.write_text(result.stdout)
    assert result.stdout == golden.read_text(), "table output changed: rerun with JDSCAN_UPDATE_GOLDEN=1 if intended"


CONTRACT = {"schema_version", "path", "id", "title", "role", "role_name", "question", "confidence",
            "margin", "runner_up", "ranking", "evidence", "facets", "warnings", "words", "sections",
            "needs_review", "decisions", "weights"}


def test_json_contract(scanner):
    text = (ROOT / "examples" / "customer-service-mixed-signals.txt").read_text()
    data = json.loads(json.dumps(scanner.classify(text, "Customer Service Representative").to_dict()))
    assert set(data) == CONTRACT and data["schema_version"] == SCHEMA_VERSION
    assert {r["role"] for r in data["ranking"]} == set(scanner.rules.roles)
    assert set(data["ranking"][0]) == {"role", "name", "score", "confidence", "dimensions", "took_over"}
    assert set(data["facets"]) == {"direction", "customer", "channel", "sales_level", "admin_load"}
    ev = data["evidence"]["customer-service"]["tasks"][0]
    assert set(ev) == {"rule_id", "text", "start", "end", "sentence", "source", "weight", "negated",
                       "hedged", "score", "section", "frame"}
    assert text[ev["start"]:ev["end"]] == ev["text"]
    assert {w["code"] for w in data["warnings"]} >= {"mixed-signals"}
    # Which weights scored it: the fit for titled ads, the fit for untitled ones, the hand-set.
    assert data["weights"] == "fitted" and scanner.classify(text).weights == "fitted-untitled"
    from jdscan.scanner import Scanner

    assert Scanner(weights=False).classify(text).weights == "hand"


def test_jsonl_one_line_per_input(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = runner.invoke(app, ["classify", "examples/retail-store.txt", "examples/other-receptionist.md",
                                 "--format", "jsonl"])
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and [json.loads(x)["role"] for x in lines] == ["retail", "other"]


def test_json_array_for_several(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = runner.invoke(app, ["classify", "examples/retail-store.txt", "examples/other-receptionist.md",
                                 "--format", "json"])
    assert [d["role"] for d in json.loads(result.stdout)] == ["retail", "other"]


def test_explain_matches_saved_output(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = runner.invoke(app, ["explain", "examples/retail-store.txt"], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    golden = GOLDEN / "explain-retail-store.txt"
    if os.environ.get("JDSCAN_UPDATE_GOLDEN"):
        golden.write_text(result.stdout)
    assert result.stdout == golden.read_text(), "explain output changed: rerun with JDSCAN_UPDATE_GOLDEN=1 if intended"


def test_repeated_cross_validation_table_matches_saved_output(tmp_path):
    from .test_fitting import labelled

    path = labelled(tmp_path, "customer-service")
    result = runner.invoke(app, ["eval", "--cv", "2", "--repeats", "2", str(path)], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    golden = GOLDEN / "eval-cv-repeats.txt"
    if os.environ.get("JDSCAN_UPDATE_GOLDEN"):
        golden.write_text(result.stdout)
    assert result.stdout == golden.read_text(), "eval output changed: rerun with JDSCAN_UPDATE_GOLDEN=1 if intended"


def test_explain_reads_stdin_and_refuses_a_folder():
    text = (ROOT / "examples" / "retention-saves.txt").read_text()
    result = runner.invoke(app, ["explain", "-"], input=text, env={"COLUMNS": "120"})
    assert result.exit_code == 0 and "rn-goal-keep" in result.stdout and "how the scores add up" in result.stdout
    folder = runner.invoke(app, ["explain", str(ROOT / "examples")])
    assert folder.exit_code == 2 and "explain takes one ad" in folder.stderr


def test_the_table_says_which_decision_decided(scanner):
    text = ("You will handle a high volume of inbound calls in our busy contact centre, following scripts, "
            "with average handle time targets. Resolve customer queries and complaints.")
    v = scanner.classify(text, "Customer Service Advisor")
    [first, *_] = v.decisions
    assert (first.rule_id, first.role, first.over) == ("call-centre-1", "call-centre", ("customer-service",))
    assert text[first.start:first.end] == first.text and first.text
    console = Console(width=160, color_system=None, record=True)
    console.print(render_verdict(v))
    shown = " ".join(console.export_text().split())
    assert f'call-centre over customer-service: "{first.text}" +' in shown
    data = v.to_dict()["decisions"][0]
    assert data["rule_id"] == "call-centre-1" and set(data["scores"]) >= {"call-centre", "customer-service"}


def test_the_table_says_when_the_fit_for_untitled_ads_weighed_the_ad(scanner):
    text = "You will answer customer calls and emails, resolve complaints and process refunds."
    console = Console(width=120, color_system=None, record=True)
    console.print(render_verdict(scanner.classify(text)))
    assert "title: none (weighed by the fit for ads without a title)" in console.export_text()
    console = Console(width=120, color_system=None, record=True)
    console.print(render_verdict(scanner.classify(text, "Customer Service Advisor")))
    assert "title: Customer Service Advisor" in console.export_text() and "title: none" not in console.export_text()
