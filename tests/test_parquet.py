"""Parquet in and out (issue 19): only the columns asked for are read, a row at a time's
worth of memory; every row gives one output row, in order, error rows included; the output
has the typed schema, a row group per few thousand rows, and stays readable when cut short."""

from __future__ import annotations

import io
import os
import pty
import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from jdscan.cli import app
from jdscan.readers import ReadOptions, read_inputs
from jdscan.readers.rows import Fields

from .files import AD_LINES, mixed_ads

pa = pytest.importorskip("pyarrow", reason="pyarrow is not installed (pip install 'jdscan[parquet]')")
pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed (pip install 'jdscan[parquet]')")

from jdscan.report.typed import arrow_schema  # after the skips

runner = CliRunner()


def _write(path, columns: dict, **kwargs):
    pq.write_table(pa.table(columns), path, **kwargs)
    return path


def test_rows_are_ads_located_by_their_number(tmp_path):
    path = _write(tmp_path / "ads.parquet", {"Ad_ID": [7, 8, 9], "Title": ["Field Sales", None, "Till"],
                                            "Text": [" ".join(AD_LINES[1:]), "", None],
                                            "salary": [1.0, 2.0, 3.0]})
    items = list(read_inputs([path], ReadOptions(fields=Fields("text", "ad_id", "title"))))
    assert [i.source for i in items] == [f"{path}:1", f"{path}:2", f"{path}:3"]
    assert items[0].id == 7 and items[0].title == "Field Sales" and items[0].body.startswith("You will visit")
    assert [type(i).__name__ for i in items] == ["Document", "ReadError", "ReadError"]
    assert "is empty" in items[1].reason and items[1].id == 8 and items[2].id == 9


def test_a_missing_text_column_is_one_error_row_naming_the_columns(tmp_path):
    path = _write(tmp_path / "ads.parquet", {"body": ["Serve customers."], "id": [1]})
    (item,) = read_inputs([path])
    assert "has no column 'text' (columns: body, id; try --text-field" in item.reason


def test_binary_text_is_read_as_utf8_and_a_broken_file_is_an_error_row(tmp_path):
    path = _write(tmp_path / "ads.parquet", {"text": [b"Serve customers at the till, caf\xc3\xa9 included."]})
    (doc,) = read_inputs([path])
    assert doc.body.endswith("café included.")
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"PAR1 not really")
    (item,) = read_inputs([broken])
    assert "cannot be read as Parquet" in item.reason and "try checking the file is Parquet" in item.reason


def test_classify_to_parquet_has_one_typed_row_per_input_row(tmp_path, monkeypatch):
    monkeypatch.setattr("jdscan.report.parquet.ROWS_PER_GROUP", 40)
    ads = mixed_ads(100)
    src = _write(tmp_path / "ads.parquet", {k: [ad[k] for ad in ads] for k in ("id", "title", "text")})
    out = tmp_path / "verdicts.parquet"
    result = runner.invoke(app, ["classify", str(src), "--format", "parquet", "--output", str(out), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert re.search(r"100 inputs read: 98 verdicts, (.* )?2 errors; written to", result.stderr)
    table = pq.read_table(out)
    assert table.schema == arrow_schema() and pq.ParquetFile(out).metadata.num_row_groups == 3
    assert table.column("path").to_pylist() == [f"{src}:{n}" for n in range(1, 101)]
    assert table.column("id").to_pylist() == [ad["id"] for ad in ads]
    csv_run = runner.invoke(app, ["classify", str(src), "--format", "csv", "--jobs", "1"])
    roles = [line.split(",")[3] for line in csv_run.stdout.splitlines()[1:]]
    assert [r or "" for r in table.column("role").to_pylist()] == roles


def test_parquet_goes_to_a_pipe_but_not_to_a_terminal(tmp_path):
    src = _write(tmp_path / "ads.parquet", {"text": [" ".join(AD_LINES[1:])]})
    piped = runner.invoke(app, ["classify", str(src), "-f", "parquet"])
    assert piped.exit_code == 0 and pq.read_table(io.BytesIO(piped.stdout_bytes)).num_rows == 1
    terminal, stdout = pty.openpty()
    try:
        shown = subprocess.run([sys.executable, "-m", "jdscan", "classify", str(src), "-f", "parquet"], check=False,
                               stdout=stdout,
                               stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True, timeout=120)
    finally:
        os.close(stdout)
        os.close(terminal)
    assert shown.returncode == 2 and "not text for a terminal (try --output verdicts.parquet)" in shown.stderr


def test_a_run_cut_short_leaves_a_readable_partial_file():
    from jdscan.report.parquet import ParquetWriter
    from jdscan.report.typed import COLUMNS

    out = io.BytesIO()
    writer = ParquetWriter(out, rows_per_group=2)
    for n in range(3):
        writer.write(dict.fromkeys(COLUMNS) | {"path": f"row {n}", "needs_review": False})
    writer.interrupted()
    assert pq.read_table(io.BytesIO(out.getvalue())).column("path").to_pylist() == ["row 0", "row 1", "row 2"]


def test_explain_takes_a_row_of_a_parquet_file(tmp_path):
    src = _write(tmp_path / "ads.parquet", {"id": ["a", "b"], "text": ["Serve customers at the till.",
                                                                     " ".join(AD_LINES[1:])]})
    result = runner.invoke(app, ["explain", str(src), "--row", "2"], terminal_width=100)
    assert result.exit_code == 0 and "field-sales" in result.stdout


def test_without_pyarrow_parquet_says_what_to_install(tmp_path, monkeypatch):
    src = tmp_path / "ads.parquet"
    src.write_bytes(b"PAR1")
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    (item,) = read_inputs([src])
    assert "reading one needs pyarrow" in item.reason and "pip install 'jdscan[parquet]'" in item.reason
    result = runner.invoke(app, ["classify", str(src), "-f", "parquet", "-o", str(tmp_path / "v.parquet")])
    assert result.exit_code == 2 and "--format parquet needs pyarrow (try `pip install 'jdscan[parquet]'`)" in result.stderr
    assert not (tmp_path / "v.parquet.partial").exists()


def test_a_folder_an_engine_wrote_is_its_part_files_in_order(tmp_path):
    folder = tmp_path / "ads.parquet"  # Spark names the folder as a file
    folder.mkdir()
    for n, texts in enumerate([["Serve customers at the till."], ["Answer customer calls.", "Sell by phone."]]):
        _write(folder / f"part-{n:05}-c0.snappy.parquet", {"text": texts})
        (folder / f".part-{n:05}-c0.snappy.parquet.crc").write_bytes(b"crc")
    for marker in ("_SUCCESS", "_committed_123", "_started_123", "_common_metadata"):
        (folder / marker).write_bytes(b"")
    items = list(read_inputs([folder]))
    assert [i.source.rpartition("/")[2] for i in items] == \
        ["part-00000-c0.snappy.parquet:1", "part-00001-c0.snappy.parquet:1", "part-00001-c0.snappy.parquet:2"]
    assert all(type(i).__name__ == "Document" for i in items)
