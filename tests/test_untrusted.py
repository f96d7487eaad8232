"""Untrusted trees and hostile files, each done as the probe did it: real symlinks, FIFOs,
file names with control characters, deep JSON, .odt repeats, attribute floods, endless
stdin, NUL bytes, slow regexes and rule-file loops. Each test bounds time (and, where the
probe ran out of memory, memory) and asserts the neighbours' verdicts are there."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jdscan.cli import EXIT_ERROR, EXIT_SUCCESS, app

from .files import AD_LINES, make_odt

runner = CliRunner()
AD = "\n".join(AD_LINES)
SECRET = "AWS_SECRET=hunter2-do-not-publish"
ODT_REPEAT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>
<text:p>Serve customers<text:s text:c="{count}"/>at the till.</text:p></office:text></office:body>
</office:document-content>"""


def cli(args: list[str], cwd: Path, stdin=None, timeout: float = 120) -> tuple[subprocess.CompletedProcess, float, float]:
    """jdscan in a process of its own: (result, seconds, peak memory in MB)."""
    start = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "jdscan", *args], cwd=cwd, stdin=stdin or subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail(f"jdscan {' '.join(args)} ran past {timeout} s")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # peak of any child so far: an upper bound
    done = subprocess.CompletedProcess(args, proc.returncode, out, err)
    return done, time.monotonic() - start, usage.ru_maxrss / 1024


def csv_rows(text: str) -> dict[str, dict]:
    import csv
    import io

    return {row["path"]: row for row in csv.DictReader(io.StringIO(text))}


@pytest.fixture
def tree(tmp_path):
    """A pull request's tree: two honest drafts, a link out to a secret, a link within."""
    secret = tmp_path / "runner" / "secret.env"
    secret.parent.mkdir()
    secret.write_text(SECRET + "\nsecond line\n")
    drafts = tmp_path / "repo" / "drafts"
    drafts.mkdir(parents=True)
    (drafts / "good.md").write_text("---\nrole: field-sales\n---\n# Field Sales Executive\n" + AD)
    (drafts / "evil.md").symlink_to(Path("../../runner/secret.env"))
    (drafts / "also-good.md").symlink_to("good.md")
    return tmp_path / "repo"


def test_row1_a_link_out_of_the_tree_is_never_read(tree):
    for args in (["check", "drafts", "--format", "sarif"], ["check", "drafts/**/*.md", "--format", "sarif"],
                 ["classify", "drafts", "--format", "csv"], ["classify", "drafts/*.md", "--format", "json"]):
        done, _, _ = cli(args, tree)
        assert "hunter2" not in done.stdout + done.stderr, args
        assert "drafts/evil.md" in done.stdout and "outside the folder given" in done.stdout, args
        assert "drafts/also-good.md" in done.stdout and "drafts/good.md" in done.stdout
    rows = csv_rows(cli(["classify", "drafts", "--format", "csv"], tree)[0].stdout)
    assert rows["drafts/good.md"]["role"] == rows["drafts/also-good.md"]["role"] == "field-sales"
    assert rows["drafts/evil.md"]["error"] and not rows["drafts/evil.md"]["title"]
    named, _, _ = cli(["classify", "drafts/evil.md", "--format", "csv"], tree)  # given by name: read as given
    assert "hunter2" in named.stdout


def test_row2_a_file_name_cannot_forge_a_workflow_command(tmp_path):
    name = "x\n::error::pwned.md"
    (tmp_path / name).write_text(AD)
    (tmp_path / "ok.md").write_text(AD)
    for args in (["check", ".", "--format", "text", "--expect", "retail"],
                 ["check", ".", "--format", "github", "--expect", "retail"],
                 ["classify", ".", "--format", "csv", "--output", str(tmp_path.parent / "out.csv")],
                 ["classify", ".", "--format", "table"], ["classify", ".", "--format", "markdown"]):
        done, _, _ = cli(args, tmp_path)
        for line in (done.stdout + done.stderr).splitlines():
            if "github" in args and line.startswith(("::error ", "::warning ", "::notice ")):
                assert "\n" not in line and "::error::pwned" not in line
                continue
            assert not line.lstrip().startswith("::"), (args, line)
        shown = "x%0A%3A%3Aerror%3A%3Apwned" if "github" in args else "x\\n"  # GitHub's escapes, or ours
        assert "--output" in args or shown in done.stdout + done.stderr, args
    machine = json.loads(cli(["classify", ".", "--format", "json"], tmp_path)[0].stdout)
    assert {row["path"] for row in machine} == {f"./{name}", "./ok.md"} or \
        {row["path"] for row in machine} == {name, "ok.md"}  # JSON keeps the exact name


def test_row3_escapes_in_names_and_text_never_reach_the_terminal(tmp_path):
    text = "\x1b[2J\x1b]0;owned\x07Sales Assistant\n" + AD.replace("territory", "terri\x1b[31mtory\x9b")
    (tmp_path / "clear\x1b[2J.txt").write_text(text)
    (tmp_path / "title\x1b]0;x\x07.txt").write_text(AD)
    for args in (["classify", ".", "--format", "table"], ["classify", "clear\x1b[2J.txt", "--format", "table"],
                 ["explain", "clear\x1b[2J.txt"], ["classify", ".", "--format", "markdown"],
                 ["check", ".", "--format", "text", "--expect", "retail"],
                 ["check", ".", "--format", "github", "--expect", "retail"],
                 ["check", ".", "--format", "table", "--expect", "retail"]):
        done, _, _ = cli(args, tmp_path)
        assert done.returncode in (0, 1), (args, done.stderr)
        shown = done.stdout + done.stderr
        assert not {"\x1b", "\x07", "\x9b"} & set(shown), args
        assert "\\x1b" in shown, args
    machine = cli(["classify", "clear\x1b[2J.txt", "--format", "json"], tmp_path)[0].stdout
    assert json.loads(machine)["path"] == "clear\x1b[2J.txt"  # machine formats keep the exact text


def test_row4_deep_json_and_odt_repeats_cost_their_row_only(tmp_path):
    deep = "[" * 1000 + "]" * 1000
    lines = [{"id": 1, "text": AD}, None, {"id": 3, "text": AD}]
    (tmp_path / "ads.jsonl").write_text("\n".join(json.dumps(r) if r else '{"id": 2, "text": ' + deep + "}"
                                                   for r in lines) + "\n")
    (tmp_path / "spaces.odt").write_bytes(make_odt(ODT_REPEAT.format(count="2000000000")))
    (tmp_path / "many.odt").write_bytes(make_odt(ODT_REPEAT.format(count="many")))
    (tmp_path / "zz-neighbour.txt").write_text(AD)
    done, seconds, peak_mb = cli(["classify", ".", "--format", "csv", "--output", "out.csv"], tmp_path)
    assert done.returncode == EXIT_SUCCESS and "Traceback" not in done.stderr
    assert seconds < 60 and peak_mb < 1500, (seconds, peak_mb)
    rows = csv_rows((tmp_path / "out.csv").read_text())
    assert "nested too deeply" in rows["ads.jsonl:2"]["error"]
    assert "over" in rows["spaces.odt"]["error"] or "more than" in rows["spaces.odt"]["error"]
    assert "not a number" in rows["many.odt"]["error"]
    assert all(rows[p]["role"] == "field-sales" for p in ("ads.jsonl:1", "ads.jsonl:3", "zz-neighbour.txt"))
    # --resume from a partial that stops before the bad row goes on past it, to the same bytes
    whole = (tmp_path / "out.csv").read_bytes()
    (tmp_path / "out.csv").unlink()
    (tmp_path / "out.csv.partial").write_bytes(b"".join(whole.splitlines(keepends=True)[:2]))
    resumed, _, _ = cli(["classify", ".", "--format", "csv", "--output", "out.csv", "--resume"], tmp_path)
    assert resumed.returncode == EXIT_SUCCESS and (tmp_path / "out.csv").read_bytes() == whole


def test_row5_an_attribute_flood_is_linear_and_keeps_its_neighbours(tmp_path):
    attrs = " ".join(f"data-a{i}=x" for i in range(200_000))
    page = f"<html><body><h1>Sales Assistant</h1><div {attrs}>Serve customers at the till in our store.</div></body></html>"
    (tmp_path / "flood.html").write_text(page)
    (tmp_path / "big.html").write_text(page * 6)  # 12 MB: needs --max-size 20MB
    (tmp_path / "zz-neighbour.txt").write_text(AD)
    done, seconds, _ = cli(["classify", ".", "--format", "csv", "--max-size", "20MB"], tmp_path)
    assert done.returncode == EXIT_SUCCESS and seconds < 60, seconds
    rows = csv_rows(done.stdout)
    assert rows["flood.html"]["title"] == rows["big.html"]["title"] == "Sales Assistant"
    assert rows["flood.html"]["role"] == "retail" and rows["zz-neighbour.txt"]["role"] == "field-sales"


SLOW_RULE = r"""kind: extend
role: retail
dimensions:
  tasks:
    - id: slow-long-words
      weight: 1
      patterns: [[{LOWER: {REGEX: '\w*\w*\w*\w*\w*\d'}}]]
      examples:
        match: ["Shift a1 starts early."]
        no_match: ["Serve customers."]
"""


def test_row5_an_ad_past_the_time_limit_is_an_error_row_and_its_neighbours_go_on(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "slow.yaml").write_text(SLOW_RULE)  # five repeats in a row: legal, but slow on long words
    (tmp_path / "a.txt").write_text(AD)
    (tmp_path / "b-slow.txt").write_text(AD + "\n" + " ".join(["a" * 64] * 20))  # ~2 s a word
    (tmp_path / "c.txt").write_text(AD)
    for jobs in ("1", "2"):
        done, seconds, _ = cli(["classify", "a.txt", "b-slow.txt", "c.txt", "--rules", str(rules),
                                "--time-limit", "1", "--format", "csv", "-j", jobs], tmp_path)
        assert done.returncode == EXIT_SUCCESS and seconds < 40, (seconds, done.stderr)
        rows = csv_rows(done.stdout)
        assert "1-second time limit" in rows["b-slow.txt"]["error"]
        assert rows["a.txt"]["role"] == rows["c.txt"]["role"] == "field-sales"


def _fifo(path: Path) -> None:
    os.mkfifo(path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_row6_fifos_and_devices_are_error_rows_not_hangs(tmp_path):
    for suffix in (".csv", ".jsonl", ".json", ".xlsx", ".parquet", ".txt", ".html"):
        _fifo(tmp_path / f"pipe{suffix}")
    (tmp_path / "zz-neighbour.txt").write_text(AD)
    done, seconds, _ = cli(["classify", ".", "--format", "csv"], tmp_path, timeout=60)
    rows = csv_rows(done.stdout)
    assert done.returncode == EXIT_SUCCESS and seconds < 60
    for suffix in (".csv", ".jsonl", ".json", ".xlsx", ".parquet", ".txt", ".html"):
        assert "not a regular file (it is a named pipe)" in rows[f"pipe{suffix}"]["error"], suffix
    assert rows["zz-neighbour.txt"]["role"] == "field-sales"
    os.symlink("/dev/zero", tmp_path / "zero.xlsx")
    named, seconds, peak_mb = cli(["classify", "zero.xlsx", "--format", "csv"], tmp_path, timeout=60)
    assert "character device" in named.stdout and peak_mb < 1500 and seconds < 60


def test_row7_endless_stdin_is_refused_at_the_limit(tmp_path):
    with open("/dev/zero", "rb") as zero:
        done, seconds, peak_mb = cli(["classify", "-", "--format", "json"], tmp_path, stdin=zero, timeout=60)
    assert done.returncode == EXIT_ERROR and "over the 1,000,000-byte limit" in done.stdout
    assert "Traceback" not in done.stderr and seconds < 60 and peak_mb < 1500


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".jsonl", ".json", ".parquet"])
def test_row8_a_nul_byte_makes_its_row_an_error_not_its_file(tmp_path, suffix):
    rows = [{"id": "1", "text": AD}, {"id": "2", "text": "bad \x00 cell"}, {"id": "3", "text": AD}]
    path = tmp_path / f"ads{suffix}"
    if suffix in (".csv", ".tsv"):
        sep = "," if suffix == ".csv" else "\t"
        path.write_bytes(("id" + sep + "text\n" + "".join(f'{r["id"]}{sep}"{r["text"]}"\n' for r in rows)).encode())
    elif suffix == ".jsonl":  # a raw NUL inside a string, as a careless export writes it
        path.write_bytes(b"".join(json.dumps(r).replace("\\u0000", "\x00").encode() + b"\n" for r in rows))
    elif suffix == ".json":
        path.write_text(json.dumps(rows))
    else:
        pa = pytest.importorskip("pyarrow")
        import pyarrow.parquet as pq

        pq.write_table(pa.Table.from_pylist(rows), path)
    done = runner.invoke(app, ["classify", str(path), "--format", "jsonl"])
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["id"] for r in out] == ["1", "2", "3"], out
    assert out[0]["role"] == out[2]["role"] == "field-sales" and "NUL byte" in out[1]["error"]


@pytest.mark.parametrize("regex", [r"^((a+))+$", r"(a|a)+", r"(\w|\w)+", r"(ab|a.)*x"])
def test_row9_regexes_that_can_backtrack_without_end_are_rule_errors(tmp_path, regex):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "slow.yaml").write_text(SLOW_RULE.replace(r"\w*\w*\w*\w*\w*\d", regex.replace("'", "''")))
    done = runner.invoke(app, ["rules", "validate", str(rules)])
    assert done.exit_code == EXIT_ERROR
    assert f"{rules / 'slow.yaml'}:7:" in done.stderr and "backtrack without end" in done.stderr and "(try " in done.stderr


def test_row9_a_regex_never_sees_a_token_past_the_bound(tmp_path):
    from jdscan.scanner import Scanner

    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "slow.yaml").write_text(SLOW_RULE)
    scanner = Scanner([rules])
    start = time.monotonic()
    verdict = scanner.classify(" ".join(["a" * 5000 + "1"] * 50), "")  # would take hours unbounded
    assert time.monotonic() - start < 10
    assert not [e for e in verdict.evidence if e.rule_id == "slow-long-words"]
    assert [e for e in scanner.classify("Shift a1 starts early.", "").evidence if e.rule_id == "slow-long-words"]


def test_row10_a_rule_file_loop_is_an_error_naming_it(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "a.yaml").symlink_to("b.yaml")
    (rules / "b.yaml").symlink_to("a.yaml")
    done = runner.invoke(app, ["rules", "validate", str(rules)])
    assert done.exit_code == EXIT_ERROR
    assert f"{rules / 'a.yaml'}: is a symbolic link loop" in done.stderr
    assert f"{rules / 'b.yaml'}: is a symbolic link loop" in done.stderr
