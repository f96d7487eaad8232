"""An interrupted batch keeps what it did, is never mistaken for complete, and goes on
with --resume to the same output as one uninterrupted run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from jdscan.cli import EXIT_ERROR, EXIT_SUCCESS, app
from jdscan.cli.common import EXIT_INTERRUPTED

from .files import AD_LINES, wait_for_size

runner = CliRunner()


def ads_file(folder, n: int, name: str = "ads.jsonl"):
    path = folder / name
    path.write_text("".join(json.dumps({"id": i, "text": AD_LINES[1 + i % 3] + " " + AD_LINES[1 + (i + 1) % 3]})
                            + "\n" for i in range(n)) + "not json\n", encoding="utf-8")
    return path


def classify(*args: str):
    return runner.invoke(app, ["classify", *args])


@pytest.mark.parametrize("fmt, flags", [("csv", ()), ("jsonl", ()), ("csv", ("--bom",))])
def test_a_torn_partial_file_resumes_to_what_one_run_writes(tmp_path, fmt, flags):
    ads = ads_file(tmp_path, 40)
    whole = tmp_path / f"whole.{fmt}"
    assert classify(str(ads), "--format", fmt, "--output", str(whole), "-j", "1", *flags).exit_code == EXIT_SUCCESS
    expected = whole.read_bytes()
    assert not (tmp_path / f"whole.{fmt}.partial").exists()  # renamed once complete
    out = tmp_path / f"out.{fmt}"
    lines = expected.splitlines(keepends=True)
    (tmp_path / f"out.{fmt}.partial").write_bytes(b"".join(lines[:15]) + lines[15][:20])  # killed mid-line
    result = classify(str(ads), "--format", fmt, "--output", str(out), "--resume", "-j", "1", *flags)
    assert result.exit_code == EXIT_SUCCESS, result.output
    assert "14 results already in" in result.stderr or "15 results already in" in result.stderr
    assert expected.startswith(b"\xef\xbb\xbfpath,") == bool(flags)  # one mark, at the start only
    assert out.read_bytes() == expected and not (tmp_path / f"out.{fmt}.partial").exists()


def test_resume_needs_a_line_format_and_an_output(tmp_path):
    ads = ads_file(tmp_path, 2)
    result = classify(str(ads), "--format", "json", "--output", str(tmp_path / "o.json"), "--resume")
    assert result.exit_code == EXIT_ERROR and "csv or jsonl" in result.stderr
    fresh = classify(str(ads), "--format", "csv", "--output", str(tmp_path / "o.csv"), "--resume")
    assert fresh.exit_code == EXIT_SUCCESS and "classifying every input" in fresh.stderr


def test_ctrl_c_keeps_what_was_done_and_resume_finishes_it(tmp_path):
    ads = ads_file(tmp_path, 1500)
    whole = tmp_path / "whole.jsonl"
    assert classify(str(ads), "--format", "jsonl", "--output", str(whole), "-j", "1").exit_code == EXIT_SUCCESS
    out, partial = tmp_path / "out.jsonl", tmp_path / "out.jsonl.partial"
    proc = subprocess.Popen([sys.executable, "-m", "jdscan", "classify", str(ads), "--format", "jsonl",
                             "--output", str(out), "-j", "1"], stderr=subprocess.PIPE, text=True)
    wait_for_size(partial, 20_000)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == EXIT_INTERRUPTED, stderr
    assert "interrupted after" in stderr and "run again with --resume" in stderr
    assert partial.exists() and not out.exists()  # never mistaken for a complete file
    done = sum(1 for _ in partial.open(encoding="utf-8"))
    assert 0 < done < 1501
    result = classify(str(ads), "--format", "jsonl", "--output", str(out), "--resume", "-j", "1")
    assert result.exit_code == EXIT_SUCCESS, result.output
    assert out.read_bytes() == whole.read_bytes()


def test_a_failed_run_leaves_no_output_in_place_of_an_old_one(tmp_path, monkeypatch):
    ads = ads_file(tmp_path, 3)
    out = tmp_path / "out.csv"
    out.write_text("an older complete file\n", encoding="utf-8")

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("jdscan.report.csvout.CsvWriter.close", boom)
    result = classify(str(ads), "--format", "csv", "--output", str(out))
    assert result.exit_code != EXIT_SUCCESS
    assert out.read_text(encoding="utf-8") == "an older complete file\n"  # not replaced by a torn one
    assert (tmp_path / "out.csv.partial").exists() and os.path.getsize(tmp_path / "out.csv.partial") > 0


def _multiline_ads(folder) -> object:
    """Ads whose titles hold line breaks and quotes: each CSV record spans several lines."""
    path = folder / "multi.jsonl"
    path.write_text("".join(json.dumps({"id": i, "title": f'Sales "Adviser"\nline two\r\nline {i}',
                                        "text": AD_LINES[1 + i % 3]}) + "\n" for i in range(40)), encoding="utf-8")
    return path


def _finish(ads, out, fmt):
    done = runner.invoke(app, ["classify", str(ads), "--format", fmt, "--output", str(out), "--resume"])
    assert done.exit_code == EXIT_SUCCESS, done.output
    return out.read_bytes()


@pytest.mark.parametrize("cut", ["inside a quoted cell", "after a whole record", "inside the header", "empty"])
def test_resume_cuts_csv_at_record_boundaries_and_writes_a_missing_header(tmp_path, cut):
    ads = _multiline_ads(tmp_path)
    whole = tmp_path / "whole.csv"
    assert runner.invoke(app, ["classify", str(ads), "--format", "csv", "--output", str(whole)]).exit_code == 0
    data = whole.read_bytes()
    header_end = data.index(b"\r\n") + 2
    record = data.rindex(b"\r\n", 0, data.index(b"multi.jsonl:3,")) + 2  # the third record's start
    at = {"inside a quoted cell": data.index(b"line two", record) + 4, "after a whole record": record,
          "inside the header": header_end // 2, "empty": 0}[cut]
    out = tmp_path / "out.csv"
    (tmp_path / "out.csv.partial").write_bytes(data[:at])
    assert _finish(ads, out, "csv") == data


def test_resume_cuts_a_torn_jsonl_record(tmp_path):
    ads = _multiline_ads(tmp_path)
    whole = tmp_path / "whole.jsonl"
    assert runner.invoke(app, ["classify", str(ads), "--format", "jsonl", "--output", str(whole)]).exit_code == 0
    data = whole.read_bytes()
    out = tmp_path / "out.jsonl"
    (tmp_path / "out.jsonl.partial").write_bytes(data[:data.index(b"\n", 2000) + 40])
    assert _finish(ads, out, "jsonl") == data


def test_a_full_disk_is_one_line_exit_2_and_the_partial_file_resumes(tmp_path, monkeypatch):
    import errno

    from jdscan.report import csvout

    ads = ads_file(tmp_path, 300)
    whole = tmp_path / "whole.csv"
    assert runner.invoke(app, ["classify", str(ads), "--format", "csv", "--output", str(whole)]).exit_code == 0
    written = {"n": 0}
    real = csvout.CsvWriter.write

    def filling(self, row):
        written["n"] += 1
        if written["n"] > 120:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, row)

    out = tmp_path / "out.csv"
    monkeypatch.setattr(csvout.CsvWriter, "write", filling)
    full = runner.invoke(app, ["classify", str(ads), "--format", "csv", "--output", str(out)])
    assert full.exit_code == EXIT_ERROR and full.exception is None or isinstance(full.exception, SystemExit)
    lines = full.stderr.strip().splitlines()
    assert len(lines) == 1 and "No space left on device" in lines[0] and "out.csv.partial" in lines[0], lines
    monkeypatch.setattr(csvout.CsvWriter, "write", real)
    resumed = runner.invoke(app, ["classify", str(ads), "--format", "csv", "--output", str(out), "--resume"])
    assert resumed.exit_code == EXIT_SUCCESS and out.read_bytes() == whole.read_bytes()


def test_a_second_run_on_the_same_output_is_refused_at_once(tmp_path):
    ads = ads_file(tmp_path, 3000)
    out = tmp_path / "out.csv"
    command = [sys.executable, "-m", "jdscan", "classify", str(ads), "--format", "csv", "-j", "1", "--output", str(out)]
    first = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    partial = tmp_path / "out.csv.partial"
    wait_for_size(partial, 2000, 60)
    second = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert second.returncode == EXIT_ERROR and "being written by another jdscan run" in second.stderr
    assert "Traceback" not in second.stderr
    _, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    rows = out.read_text().splitlines()
    assert len(rows) == 3002 and rows[0].startswith("path,")  # the header, 3,000 ads and the bad line
