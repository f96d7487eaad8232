"""The command line through Typer's CliRunner, with exact exit codes."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from jdscan.cli import EXIT_ERROR, EXIT_FAIL, EXIT_SUCCESS, app

from .conftest import EXAMPLES, ROOT

runner = CliRunner()


def run(*args, input=None, env=None):
    return runner.invoke(app, list(args), input=input, env={"COLUMNS": "100", **(env or {})})


def test_classify_one_file_json_by_default_when_not_a_terminal():
    result = run("classify", str(EXAMPLES / "retail-store.txt"))
    assert result.exit_code == EXIT_SUCCESS, result.output
    assert json.loads(result.stdout)["role"] == "retail"


def test_classify_stdin():
    text = (EXAMPLES / "call-centre-outbound.txt").read_text()
    result = run("classify", "-", "--format", "json", input=text)
    assert result.exit_code == EXIT_SUCCESS
    data = json.loads(result.stdout)
    assert data["role"] == "call-centre" and data["path"] == "<stdin>"


def test_classify_folder_gives_one_result_per_file():
    result = run("classify", str(EXAMPLES), "--format", "jsonl")
    assert result.exit_code == EXIT_SUCCESS
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    files = sorted(p for p in EXAMPLES.rglob("*") if p.suffix in {".txt", ".md"})
    assert [d["path"] for d in lines] == [str(p) for p in files]


def test_missing_file_alone_is_a_usage_error():
    result = run("classify", "no/such/ad.txt")
    assert result.exit_code == EXIT_ERROR
    assert json.loads(result.stdout)["error"].startswith("no such file or folder")


def test_a_bad_input_in_a_batch_is_an_error_row_and_exit_0_or_1_under_strict(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    args = ["classify", str(EXAMPLES / "retail-store.txt"), str(empty), "--format", "jsonl"]
    result = run(*args)
    assert result.exit_code == EXIT_SUCCESS
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows[0]["role"] == "retail" and "empty" in rows[1]["error"]
    assert run(*args, "--strict").exit_code == EXIT_FAIL


def test_broken_rules_exit_2_with_file_and_line(tmp_path):
    (tmp_path / "bad.yaml").write_text("kind: role\nrole: Bad Name\n")
    result = run("classify", str(EXAMPLES / "retail-store.txt"), "--rules", str(tmp_path))
    assert result.exit_code == EXIT_ERROR
    assert f"{tmp_path / 'bad.yaml'}:2: role:" in result.stderr


def test_unknown_format_is_a_usage_error():
    result = run("classify", str(EXAMPLES / "retail-store.txt"), "--format", "xml")
    assert result.exit_code == EXIT_ERROR


def test_version_and_help():
    assert run("--version").stdout.startswith("jdscan ")
    result = run("--help")
    assert result.exit_code == EXIT_SUCCESS and "Exit codes" in result.stdout


@pytest.fixture
def labelled(tmp_path):
    """Our own examples as a labelled JSONL file: the label is in the file name."""
    path = tmp_path / "labelled.jsonl"
    with path.open("w") as fh:
        for ad in sorted(EXAMPLES.glob("*.*")):
            label = next(r for r in ("customer-service", "internal-sales", "call-centre", "retail",
                                     "field-sales", "retention", "internal-service", "other")
                         if ad.name.startswith(r))
            fh.write(json.dumps({"id": ad.stem, "text": ad.read_text(), "label": label,
                                 "direction": "outbound" if "outbound" in ad.name else None}) + "\n")
    return path


def test_eval_json(labelled):
    result = run("eval", str(labelled), "--format", "json", "--errors")
    assert result.exit_code == EXIT_SUCCESS, result.output
    report = json.loads(result.stdout)
    assert report["n"] == 9 and report["accuracy"] == 1.0 and report["errors"] == []
    assert report["direction"] == {"accuracy": 1.0, "n": 1}
    assert len(report["confusion"]["matrix"]) == 8


def test_eval_table(labelled):
    result = run("eval", str(labelled), "--body-only")
    assert result.exit_code == EXIT_SUCCESS
    assert "9 ads, body only (titles ignored): accuracy" in result.stdout
    assert "int-sal" in result.stdout and "int-ser" in result.stdout


def test_eval_bad_rows_exit_2_naming_every_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "x", "label": "retail"}\nnot json\n{"text": "y", "label": "astronaut"}\n')
    result = run("eval", str(path))
    assert result.exit_code == EXIT_ERROR
    assert f"{path}:2: not valid JSON" in result.stderr and f"{path}:3: label 'astronaut'" in result.stderr


def test_cli_module_is_the_only_place_that_prints():
    for module in (ROOT / "jdscan").rglob("*.py"):
        if module.parent.name in ("cli", "report"):  # the CLI layer (tests/test_layout.py: the stricter wall)
            continue
        source = module.read_text()
        assert "print(" not in source and "sys.exit" not in source and "typer.Exit" not in source, module


def test_the_console_command_runs_the_app_and_keeps_its_exit_codes(tmp_path):
    # `python -m jdscan` goes through run(), the console script's entry point (it manages
    # the collector around start-up); CliRunner above calls the Typer app directly.
    import subprocess
    import sys

    def jdscan(*args):
        return subprocess.run([sys.executable, "-m", "jdscan", *args], capture_output=True,
                              text=True, check=False, cwd=tmp_path)

    ok = jdscan("classify", str(EXAMPLES / "retail-store.txt"), "--format", "json")
    assert ok.returncode == EXIT_SUCCESS, ok.stderr
    assert json.loads(ok.stdout)["role"] == "retail"
    missing = jdscan("classify", "no-such-ad.txt")
    assert missing.returncode == EXIT_ERROR and "no such file" in json.loads(missing.stdout)["error"]


def test_the_collector_is_back_on_once_the_scanner_is_built():
    import gc

    from jdscan.cli.common import _scanner, pause_gc_for_startup

    pause_gc_for_startup()
    try:
        assert not gc.isenabled()
        _scanner(None)
        assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()


COMMANDS = [["classify"], ["explain"], ["eval"], ["check"], ["schema"], ["rules", "list"], ["rules", "show"],
            ["rules", "validate"], ["rules", "test"], ["rules", "reference"], ["rules", "fit"]]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_help_shows_metavars_people_read_and_the_exit_codes(command):
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "250"})
    assert result.exit_code == EXIT_SUCCESS
    python_types = re.findall(r"<(?:str|int|float|bool|path|Path|list\[[^\]]*\])>", result.stdout)
    assert not python_types, python_types
    assert "Exit codes:" in result.stdout


def test_the_main_help_names_every_exit_code():
    text = " ".join(runner.invoke(app, ["--help"], env={"COLUMNS": "250"}).stdout.split())  # as wrapped
    assert all(code in text for code in ("0 success", "`check` found what fails it", "2 usage", "130 interrupted"))


def test_choices_take_any_case_and_global_options_come_after_the_command(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.jdscan]\nreview_below = 1.0\n', encoding="utf-8")
    ad = str(EXAMPLES / "customer-service-mixed-signals.txt")  # confidence 0.93: under 1.0, to review
    result = runner.invoke(app, ["classify", ad, "--format", "CSV", "--config", str(tmp_path / "pyproject.toml")])
    assert result.exit_code == EXIT_SUCCESS, result.output
    assert result.stdout.startswith("path,") and result.stdout.splitlines()[1].endswith(",yes,")  # config read
    before = runner.invoke(app, ["--config", str(tmp_path / "pyproject.toml"), "classify", ad, "--format", "csv"])
    assert before.stdout == result.stdout
    draft = str(EXAMPLES / "drafts" / "field-sales-ambiguous.md")
    assert runner.invoke(app, ["check", draft, "--expect", "Field-Sales", "--fail-on", "ERROR"]).exit_code == EXIT_SUCCESS
    version = runner.invoke(app, ["classify", "--version"])
    assert version.exit_code == EXIT_SUCCESS and version.stdout.startswith("jdscan ")


def _commands(group, path=()):
    """(command path, click command) for every command of the app."""
    import click
    for name, command in group.commands.items():
        yield path + (name,), command
        if isinstance(command, click.Group):
            yield from _commands(command, path + (name,))


def test_every_help_text_shows_what_it_says_brackets_included():
    """Help is plain text: "needs jdscan[fit]" must not lose its brackets to markup."""
    import typer.main
    group = typer.main.get_command(app)
    shown = 0
    for path, command in _commands(group):
        result = runner.invoke(app, [*path, "--help"], terminal_width=400)
        assert result.exit_code == EXIT_SUCCESS, path
        flat = " ".join(result.output.split())
        texts = [command.help or ""] + [p.help or "" for p in command.params]
        for text in texts:
            for bracketed in re.findall(r"\S*\[[^\]\s]*\]\S*", text):
                shown += 1
                assert bracketed in flat, (path, bracketed)
    assert shown >= 3  # jdscan[fit], jdscan[dask], jdscan[parquet] at least


def test_a_verdict_that_needs_review_says_so_in_the_table(monkeypatch):
    monkeypatch.chdir(ROOT)
    unsure = runner.invoke(app, ["classify", "examples/drafts/field-sales-ambiguous.md", "--format", "table"])
    sure = runner.invoke(app, ["classify", "examples/retail-store.txt", "--format", "table"])
    assert unsure.exit_code == sure.exit_code == EXIT_SUCCESS
    assert "needs review" in unsure.output and "needs review" not in sure.output
    both = runner.invoke(app, ["classify", "examples/drafts/field-sales-ambiguous.md", "examples/retail-store.txt",
                               "--format", "table"], env={"COLUMNS": "160"})
    lines = {line.split()[0]: line for line in both.output.splitlines() if line.strip().startswith("examples/")}
    assert " yes " in lines["examples/drafts/field-sales-ambiguous.md"]
    assert " yes " not in lines["examples/retail-store.txt"]
    assert "review" in both.output.splitlines()[1]  # the column's header


def test_explain_tokens_shows_every_sentences_lemmas(tmp_path):
    ad = tmp_path / "ad.txt"
    ad.write_text("Our crew work on the ground floor.\nServe customers at the till.\n", encoding="utf-8")
    plain = runner.invoke(app, ["explain", str(ad)], env={"COLUMNS": "200"})
    shown = runner.invoke(app, ["explain", str(ad), "--tokens"], env={"COLUMNS": "200"})
    assert plain.exit_code == shown.exit_code == EXIT_SUCCESS
    assert "lemmas:" not in plain.output and "crew/crew" not in plain.output
    assert "lemmas: Our/our crew/crew work/work on/on the/the ground/ground floor/floor ./." in shown.output
    assert "customers/customer" in shown.output


@pytest.mark.parametrize("width", [80, 100, 110, 140])
def test_narrow_terminals_cut_no_count_and_break_no_draft_name(width, monkeypatch):
    monkeypatch.chdir(ROOT)
    listed = runner.invoke(app, ["rules", "list"], env={"COLUMNS": str(width)}).output
    header = listed.splitlines()[1].split()
    assert header[:9] == ["role", "title", "goal", "tasks", "mindset", "sales", "admin", "measures", "setting"]
    checked = runner.invoke(app, ["check", "examples/drafts", "--format", "table"], env={"COLUMNS": str(width)})
    names = {line.strip() for line in checked.output.splitlines()}
    assert "examples/drafts/customer-service-mismatch.md" in names and "examples/drafts/field-sales-ambiguous.md" in names
