"""Batch feedback as a person at a terminal sees it: a progress bar in ads (a CSV's rows,
not its lines) that ends at 100%, and a closing summary on stderr that says what was
written where and what failed."""

from __future__ import annotations

import csv
import os
import pty
import re
import select
import subprocess
import sys

from typer.testing import CliRunner

from jdscan.cli import EXIT_SUCCESS, app

from .files import AD_LINES

runner = CliRunner()


def run_in_terminal(args: list[str], cwd) -> str:
    """Run jdscan with stdout and stderr on a pseudo-terminal; return what it showed."""
    master, slave = pty.openpty()
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm", "NO_COLOR": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "jdscan", *args], stdin=subprocess.DEVNULL, stdout=slave,
                            stderr=slave, cwd=cwd, env=env)
    os.close(slave)
    shown = b""
    while True:
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the terminal closed with the process
                break
            if not chunk:
                break
            shown += chunk
        elif proc.poll() is not None:
            break
    proc.wait(timeout=300)
    os.close(master)
    assert proc.returncode == EXIT_SUCCESS, shown.decode(errors="replace")[-2000:]
    return shown.decode("utf-8", errors="replace")


def test_a_3000_row_csv_shows_a_bar_in_ads_that_ends_at_100_percent(tmp_path):
    path = tmp_path / "ads.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "text"])
        for i in range(3000):
            # A line break inside every cell: a bar that counted lines would end at 50%.
            writer.writerow([i, AD_LINES[1 + i % 3] + "\n" + AD_LINES[1 + (i + 1) % 3]])
    shown = run_in_terminal(["classify", "ads.csv", "--format", "csv", "--output", "out.csv", "-j", "2"], tmp_path)
    assert re.search(r"3000/3000\s+100%", shown), shown[-1500:]
    assert "/6001" not in shown and "/6000" not in shown
    assert "jdscan: 3,000 inputs read: 3,000 verdicts" in shown and "written to out.csv" in shown
    with (tmp_path / "out.csv").open(newline="", encoding="utf-8") as fh:
        assert sum(1 for _ in csv.DictReader(fh)) == 3000


def test_a_run_to_a_file_says_what_failed_on_stderr(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("\n".join(AD_LINES), encoding="utf-8")
    rows = tmp_path / "rows.csv"
    rows.write_text("id,text\n1,a,b\n2,c,d,e\n3,fine text here\n", encoding="utf-8")
    result = runner.invoke(app, ["classify", str(good), str(tmp_path / "missing.txt"), str(rows),
                                 "--format", "jsonl", "--output", str(tmp_path / "out.jsonl"), "--review-below", "0"])
    assert result.exit_code == EXIT_SUCCESS  # not --strict: failures are reported, not fatal
    lines = result.stderr.splitlines()
    assert lines[0] == f"jdscan: 5 inputs read: 2 verdicts, 3 errors; written to {tmp_path / 'out.jsonl'}"
    assert f"  2 x row has N fields, the header has N: {rows}:2, {rows}:3" in lines
    assert f"  1 x no such file or folder: {tmp_path / 'missing.txt'}" in lines


def test_one_ad_to_the_terminal_gets_no_closing_summary(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("\n".join(AD_LINES), encoding="utf-8")
    result = runner.invoke(app, ["classify", str(good), "--format", "json"])
    assert result.exit_code == EXIT_SUCCESS and result.stderr == ""
