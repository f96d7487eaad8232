"""Hostile inputs and rule files: a clear error row or a correct result, never a traceback,
a hang or a silent drop; N inputs give N rows."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from jdscan.batch import classify_stream
from jdscan.cli import app
from jdscan.cli.common import EXIT_FAIL, EXIT_SUCCESS
from jdscan.model import ReadError, Verdict
from jdscan.ruleset import load_rules
from jdscan.text.document import Document

from .files import AD_LINES, make_pdf_without_text, make_zip_bomb

runner = CliRunner()
AD = "\n".join(AD_LINES)
WORDS = ["customer", "sales", "call", "store", "help", "answer", "visit", "the", "a", "of", "and", "we", "you", "will"]


def prose(n_words: int, seed: int = 0) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) for _ in range(n_words))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[Path, int]:
    """Every hostile input of the robustness issue, and how many rows they must give."""
    d = tmp_path_factory.mktemp("hostile")
    files = {
        "empty.txt": b"", "blank.txt": b" \n\t \n", "nul.txt": b"Sell\x00things" * 50,
        "image.png": b"\x89PNG\r\n\x1a\n" + bytes(200), "archive.zip": make_zip_bomb(2_000_000),
        "archive-as-text.txt": make_zip_bomb(2_000_000), "bad-utf8.txt": b"Caf\xc3 \xff\xfe\xfd ok",
        "utf16-bom.txt": AD.encode("utf-16"), "utf16-nobom.txt": AD.encode("utf-16-le"),
        "one-line-5mb.txt": (prose(100_000) + " ").encode() * 9, "nested.html": (b"<div>" * 10_000) + b"Sell" + (b"</div>" * 10_000),
        "bomb.docx": make_zip_bomb(60_000_000), "corrupt.docx": b"PK\x03\x04" + bytes(100),
        "scan.pdf": make_pdf_without_text(), "missing-text.csv": b"id,body\n1,Sell things\n",
        "ragged.csv": b"id,text\n1,Sell things in store\n2\n3,Answer calls,extra\n",
        "big-cell.csv": b"id,text\n1," + (prose(200_000, 1) + " ").encode() * 11 + b"\n2,Answer calls\n",
        "malformed.jsonl": b'{"text": "Sell"}\n{"text": \n{"text": "Answer calls"}\n',
    }
    for name, data in files.items():
        (d / name).write_bytes(data)
    block = prose(200_000) + "\n"
    with (d / "huge-50mb.txt").open("w") as fh:
        for _ in range(50):
            fh.write(block)
    (d / "loop").symlink_to(d, target_is_directory=True)
    (d / "self.txt").symlink_to(d / "self.txt")
    # rows: one per file, tabular files one per row (missing-text.csv: one for the file).
    expected = len(files) + 1 + 2 - 4 + 1 + 3 + 2 + 3
    return d, expected


def test_hostile_folder_one_row_per_input(hostile):
    folder, expected = hostile
    result = runner.invoke(app, ["classify", str(folder), "--format", "jsonl", "-j", "1"])
    assert result.exit_code == EXIT_SUCCESS, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == expected
    by_name = {Path(r["path"]).name: r for r in rows}
    errors = {name: r["error"] for name, r in by_name.items() if "error" in r}
    assert "binary" in errors["nul.txt"] and "unsupported" in errors["image.png"]
    assert "binary" in errors["archive-as-text.txt"] and "zip bomb" in errors["bomb.docx"]
    assert "not a valid zip" in errors["corrupt.docx"] and "no text layer" in errors["scan.pdf"]
    assert "over the 1,000,000-byte limit" in errors["one-line-5mb.txt"] and "over" in errors["huge-50mb.txt"]
    assert "no column 'text'" in errors["missing-text.csv"] and "not followed" in errors["loop"]
    assert "empty" in errors["empty.txt"] and "empty" in errors["blank.txt"]
    assert by_name["utf16-bom.txt"]["role"] == by_name["utf16-nobom.txt"]["role"] == "field-sales"
    assert "role" in by_name["nested.html"]
    assert "over the 1,000,000 limit" in by_name["big-cell.csv:2"]["error"] and "role" in by_name["big-cell.csv:3"]
    assert "not valid JSON" in by_name["malformed.jsonl:2"]["error"] and "role" in by_name["malformed.jsonl:3"]
    strict = runner.invoke(app, ["classify", str(folder), "--format", "csv", "--strict"])
    assert strict.exit_code == EXIT_FAIL and len(strict.stdout.splitlines()) == expected + 1


def test_a_long_single_line_is_classified_when_the_limit_allows(tmp_path):
    path = tmp_path / "line.txt"
    path.write_text(prose(250_000, 2))  # about 1.2 MB, no line break
    result = runner.invoke(app, ["classify", str(path), "--format", "json", "--max-size", "2MB"])
    assert result.exit_code == EXIT_SUCCESS and json.loads(result.stdout)["role"]


def test_one_hundred_thousand_patterns_load_and_match(tmp_path):
    groups = []
    for g in range(500):
        phrases = ", ".join(f'"marker {g} {i} word"' for i in range(200))
        groups.append(f"    - id: many-{g}\n      weight: 1\n      patterns: [{phrases}]\n"
                      f"      examples:\n        match: [\"a marker {g} 7 word\"]\n        no_match: [\"none\"]\n")
    head = ("kind: role\nrole: many\nname: Many\nquestion: Q?\ndescription: Many patterns.\n"
            "direction: none\nsales_levels: [none]\ndimensions:\n  tasks:\n")
    for part in range(10):
        text = (head if part == 0 else "kind: extend\nrole: many\ndimensions:\n  tasks:\n")
        (tmp_path / f"part{part}.yaml").write_text(text + "".join(groups[part * 50:(part + 1) * 50]))
    from jdscan.scanner import Scanner

    rules = load_rules([tmp_path])
    assert sum(len(s.patterns) for role, _, s in rules.role_targets() if role == "many") == 100_000
    scanner = Scanner([tmp_path])
    verdict = scanner.classify("We see marker 499 199 word and marker 0 0 word here, twice over.")
    assert {e.rule_id for e in verdict.evidence if e.role == "many"} == {"many-499", "many-0"}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.text(max_size=200), st.just(""), st.sampled_from(AD_LINES)), max_size=150))
def test_n_inputs_give_n_rows_in_order(scanner, texts):
    items = [Document(f"ad-{i}", "", t) if t.strip() else ReadError(f"ad-{i}", "empty")
             for i, t in enumerate(texts)]
    rows = list(classify_stream(scanner, items))
    assert len(rows) == len(items)
    assert [r.source if isinstance(r, ReadError) else r.path for r in rows] == [f"ad-{i}" for i in range(len(items))]
    assert all(isinstance(r, Verdict) for r, i in zip(rows, items) if isinstance(i, Document))
