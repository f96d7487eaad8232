"""Batch scoring: every output format, error rows, order, --jobs, --output, the library API."""

from __future__ import annotations

import csv
import io
import json
import os
import pickle

import pytest
from typer.testing import CliRunner

from jdscan.batch import classify_chunk, classify_stream
from jdscan.cli import app
from jdscan.cli.common import EXIT_ERROR, EXIT_FAIL, EXIT_SUCCESS
from jdscan.model import ReadError, Verdict
from jdscan.readers import read_inputs
from jdscan.report.batch_table import bar
from jdscan.report.rows import COLUMNS
from jdscan.text.document import Document

from .conftest import EXAMPLES, GOLDEN, ROOT
from .files import AD_LINES, make_docx, make_html, make_pdf

runner = CliRunner()
ROLES_OF_EXAMPLES = sorted(p.name.split("-")[0] for p in EXAMPLES.rglob("*") if p.is_file())


def run(*args: str, env: dict | None = None):
    return runner.invoke(app, list(args), env={"COLUMNS": "100", **(env or {})})


@pytest.fixture
def mixed_folder(tmp_path):
    """One ad in every supported format, plus the inputs a batch must survive."""
    ad = "\n".join(AD_LINES)
    (tmp_path / "a.txt").write_text(ad)
    (tmp_path / "b.md").write_text("# Retail Sales Assistant\nServe customers on the shop floor and run the till.\n")
    (tmp_path / "c.html").write_text(make_html("Field Sales Executive", AD_LINES[1:]))
    (tmp_path / "d.docx").write_bytes(make_docx("Field Sales Executive", AD_LINES[1:]))
    (tmp_path / "e.pdf").write_bytes(make_pdf(AD_LINES))
    (tmp_path / "f.csv").write_text(f'id,text\nrow1,"{AD_LINES[1]}"\n')
    (tmp_path / "g.jsonl").write_text(json.dumps({"id": "j1", "text": AD_LINES[1]}) + "\n")
    (tmp_path / "h.bin").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "i.txt").write_bytes(b"")
    (tmp_path / "j.txt").write_bytes(b"\xff\xfe\xfd not \xc3 valid \x80\x81 utf-8 \x9d")
    with (tmp_path / "k.txt").open("wb") as fh:
        fh.truncate(20_000_000)  # 20 MB (sparse: cheap to make)
    return tmp_path


def test_mixed_folder_one_row_each_exit_0_or_1_under_strict(mixed_folder):
    result = run("classify", str(mixed_folder), "--format", "jsonl")
    assert result.exit_code == EXIT_SUCCESS, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    names = [os.path.basename(r["path"]) for r in rows]
    assert names == ["a.txt", "b.md", "c.html", "d.docx", "e.pdf", "f.csv:2", "g.jsonl:1", "h.bin",
                     "i.txt", "j.txt", "k.txt"]
    roles = {os.path.basename(r["path"]): r.get("role") or r["error"] for r in rows}
    assert roles["a.txt"] == roles["c.html"] == roles["d.docx"] == roles["e.pdf"] == "field-sales"
    assert roles["b.md"] == "retail"
    assert "unsupported file type (.bin)" in roles["h.bin"]
    assert "empty" in roles["i.txt"]
    j = rows[names.index("j.txt")]  # not UTF-8: an error row, or read as cp1252 and flagged
    assert "UTF-8" in j.get("error", "") or "encoding-guessed" in {w["code"] for w in j["warnings"]}
    assert "over the 1,000,000-byte limit" in roles["k.txt"] and "--max-size" in roles["k.txt"]
    assert run("classify", str(mixed_folder), "--format", "jsonl", "--strict").exit_code == EXIT_FAIL


def test_every_input_in_error_is_exit_2():
    assert run("classify", "no/such/ad.txt", "also/missing.md").exit_code == EXIT_ERROR


def test_csv_output_one_row_per_input(tmp_path):
    src = tmp_path / "ads.jsonl"
    src.write_text("\n".join([json.dumps({"id": "x1", "title": "Retail", "text": AD_LINES[1]}),
                              "{broken", json.dumps({"id": "x3", "text": AD_LINES[3]})]) + "\n")
    result = run("classify", str(src), "--format", "csv")
    assert result.exit_code == EXIT_SUCCESS
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == COLUMNS and len(rows) == 3
    assert [r["id"] for r in rows] == ["x1", "", "x3"]
    assert rows[0]["role"] and float(rows[0]["confidence"]) <= 1 and not rows[0]["error"]
    assert rows[1]["role"] == "" and "not valid JSON" in rows[1]["error"]


def test_markdown_output_with_summary():
    result = run("classify", str(EXAMPLES), "--format", "markdown")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("| ad | title | role |") and lines[1].startswith("|---|")
    assert len([line for line in lines[2:] if line.startswith("| ") and ".txt" in line or ".md |" in line]) >= 9
    assert "## Summary" in result.stdout and f"{len(ROLES_OF_EXAMPLES)} inputs" in result.stdout


def test_batch_table_matches_saved_output(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = run("classify", "examples", "missing.txt", "--format", "table")
    golden = GOLDEN / "batch.table.txt"
    if os.environ.get("JDSCAN_UPDATE_GOLDEN"):
        golden.write_text(result.stdout)
    assert result.stdout == golden.read_text(), "batch table changed: rerun with JDSCAN_UPDATE_GOLDEN=1 if intended"


def test_output_file(tmp_path):
    out = tmp_path / "out.jsonl"
    result = run("classify", str(EXAMPLES), "--format", "jsonl", "--output", str(out))
    assert result.exit_code == EXIT_SUCCESS and result.stdout == ""
    assert len(out.read_text().splitlines()) == len(ROLES_OF_EXAMPLES)


def test_output_file_that_cannot_be_written(tmp_path):
    result = run("classify", str(EXAMPLES), "--output", str(tmp_path / "no" / "such" / "dir" / "x.csv"))
    assert result.exit_code == EXIT_ERROR and "cannot write the output" in result.stderr


def test_json_is_an_array_for_several_and_an_object_for_one():
    several = json.loads(run("classify", str(EXAMPLES), "--format", "json").stdout)
    assert isinstance(several, list) and len(several) == len(ROLES_OF_EXAMPLES)
    one = json.loads(run("classify", str(EXAMPLES / "retail-store.txt"), "--format", "json").stdout)
    assert isinstance(one, dict) and one["role"] == "retail"


@pytest.mark.parametrize("size, ok", [("500KB", True), ("2mb", True), ("1.5GB", True), ("20000", True),
                                      ("lots", False), ("0", False), ("-3MB", False)])
def test_max_size_values(size, ok):
    result = run("classify", str(EXAMPLES / "retail-store.txt"), "--max-size", size)
    assert result.exit_code == (EXIT_SUCCESS if ok else EXIT_ERROR)
    if not ok:
        assert "is not a size" in result.stderr


def test_jobs_2_gives_the_same_rows_in_the_same_order(scanner):
    items = [Document(f"ad-{i}", "", f"{AD_LINES[1 + i % 3]} Item {i}.") for i in range(150)]
    items.insert(70, ReadError("broken", "unreadable"))
    one = list(classify_stream(scanner, items, jobs=1))
    two = list(classify_stream(scanner, items, jobs=2))
    assert len(one) == len(two) == 151
    assert [(r.source if isinstance(r, ReadError) else (r.path, r.role, r.confidence)) for r in one] == \
           [(r.source if isinstance(r, ReadError) else (r.path, r.role, r.confidence)) for r in two]
    assert isinstance(two[70], ReadError)


def test_an_ad_the_pipeline_fails_on_is_an_error_row(scanner, monkeypatch):
    docs = [Document("ok", "", AD_LINES[1]), Document("too-long", "", "x " * 100), Document("ok2", "", AD_LINES[2])]
    monkeypatch.setattr(scanner.nlp, "max_length", 120)
    rows = list(classify_stream(scanner, docs))
    assert [type(r).__name__ for r in rows] == ["Verdict", "ReadError", "Verdict"]
    assert "could not be classified" in rows[1].reason


def test_library_api_classify_texts(scanner):
    verdicts = list(scanner.classify_texts([AD_LINES[1], ("Retail Sales Assistant", "Serve customers in our store.")]))
    assert [v.role for v in verdicts] == ["field-sales", "retail"] and all(isinstance(v, Verdict) for v in verdicts)
    clone = pickle.loads(pickle.dumps(scanner))
    assert [v.role for v in clone.classify_texts([AD_LINES[1]])] == ["field-sales"]


def test_read_and_classify_stream_lazily(tmp_path, scanner):
    src = tmp_path / "rows.jsonl"
    src.write_text("".join(json.dumps({"text": AD_LINES[1 + i % 3]}) + "\n" for i in range(300)))
    stream = classify_stream(scanner, read_inputs([str(src)]))
    first = next(stream)  # nothing forces the whole file to be read first
    assert isinstance(first, Verdict) and sum(1 for _ in stream) == 299


def test_bar_chart_in_eighths():
    assert bar(1.0, 4) == "████" and bar(0.0, 4) == "" and bar(0.5, 3) == "█▌"


def _die(chunk, scanner=None, transform=None, limit=None):
    os._exit(9)  # what the kernel's OOM killer does to a worker


def test_workers_that_always_die_give_an_error_row_per_ad(scanner, monkeypatch):
    from jdscan import batch

    monkeypatch.setattr(batch, "classify_chunk", _die)
    items = [Document(f"ad-{i}", "", AD_LINES[1]) for i in range(200)]
    results = list(classify_stream(scanner, items, jobs=2))  # ends: each chunk is tried twice, no more
    assert [r.source for r in results] == [d.source for d in items]
    assert all(isinstance(r, ReadError) and "stopped twice" in r.reason for r in results)


def test_rendering_in_workers_gives_the_same_output(scanner):
    from jdscan.report import prepare_line, prepare_row

    items = [Document(f"ad-{i}", "", f"{AD_LINES[1 + i % 3]} Item {i}.") for i in range(140)]
    items.insert(5, ReadError("broken", "unreadable"))
    plain = list(classify_stream(scanner, items, jobs=1))
    for prepare in (prepare_line, prepare_row):
        rendered = list(classify_stream(scanner, items, jobs=2, transform=prepare))
        assert rendered == [prepare(r) for r in plain]
    assert rendered[5].role is None and rendered[0].role == plain[0].role


FORMULAS = ['=HYPERLINK("http://example.com","click")', "+1+1", "-2+3", "@SUM(A1)"]


@pytest.mark.parametrize("flag, escaped", [(None, True), ("--escape-formulas", True), ("--keep-formulas", False)])
def test_csv_cells_that_would_run_as_formulas_are_neutralised(tmp_path, flag, escaped):
    ads = tmp_path / "ads.jsonl"
    ads.write_text("".join(json.dumps({"id": f"@{i}", "title": title, "text": AD_LINES[0]}) + "\n"
                           for i, title in enumerate(FORMULAS)), encoding="utf-8")
    result = runner.invoke(app, ["classify", str(ads), "--format", "csv", *([flag] if flag else [])])
    assert result.exit_code == EXIT_SUCCESS, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))  # as Python's csv reads it back
    assert [r["title"] for r in rows] == [("'" + t if escaped else t) for t in FORMULAS]
    assert [r["id"] for r in rows] == [("'" if escaped else "") + f"@{i}" for i in range(len(FORMULAS))]
    assert all(r["role"] and not r["role"].startswith("'") for r in rows)  # plain cells untouched


def test_tabs_and_carriage_returns_start_formulas_too():
    from jdscan.report.csvout import neutralise

    # Titles are stripped when read; an id or a path can still start with them.
    assert [neutralise(v) for v in ("\tx", "\rx", "x=1", "", 0.5, None)] == ["'\tx", "'\rx", "x=1", "", 0.5, None]


def test_a_cell_that_is_a_number_is_no_formula_and_keeps_its_value():
    from jdscan.report.csvout import neutralise

    numbers = ["-42", "+44", "-0.5", "-.5", "+1e3", "-2E-7"]
    assert [neutralise(v) for v in numbers] == numbers
    assert [neutralise(v) for v in ("-2+3", "-A1", "+44 20 7946", "-1e", "--1")] == \
        ["'-2+3", "'-A1", "'+44 20 7946", "'-1e", "'--1"]


def test_a_killed_worker_costs_a_retry_not_the_run(scanner):
    import multiprocessing
    import signal

    docs = [Document(f"ad-{i}", "", AD_LINES[1 + i % 3] + " " + AD_LINES[1 + (i + 1) % 3], id=str(i))
            for i in range(1200)]
    undisturbed = [(v.path, v.role, v.confidence) for v in classify_stream(scanner, docs, jobs=2)]
    got, killed = [], 0
    for n, v in enumerate(classify_stream(scanner, docs, jobs=2)):
        got.append((v.path, getattr(v, "role", None), getattr(v, "confidence", None)))
        if n in (100, 700):  # twice: the second time in the pool that replaced the first
            workers = multiprocessing.active_children()
            if workers:
                os.kill(workers[0].pid, signal.SIGKILL)
                killed += 1
    assert killed == 2
    assert got == undisturbed  # one row per input, in order, the same verdicts


def _deadly(chunk, scanner=None, transform=None, limit=None):
    """classify_chunk, but the worker dies on the chunk that holds ad-70 (module level: it pickles)."""
    if any(getattr(item, "source", "") == "ad-70" for item in chunk):
        os._exit(9)  # as the kernel's OOM killer would end the worker
    return REAL_CLASSIFY_CHUNK(chunk, scanner, transform, limit)


REAL_CLASSIFY_CHUNK = classify_chunk


def test_a_chunk_that_kills_its_worker_twice_becomes_error_rows(scanner, monkeypatch):
    from jdscan import batch

    docs = [Document(f"ad-{i}", "", AD_LINES[1 + i % 3], id=str(i)) for i in range(200)]
    monkeypatch.setattr(batch, "classify_chunk", _deadly)
    results = list(batch.classify_stream(scanner, docs, jobs=2))
    assert [r.path if isinstance(r, Verdict) else r.source for r in results] == [d.source for d in docs]
    lost = [r for r in results if isinstance(r, ReadError)]
    assert [r.source for r in lost] == [f"ad-{i}" for i in range(64, 128)]  # its chunk of 64, no more
    assert all("stopped twice" in r.reason and r.id is not None for r in lost)


def test_csv_output_reads_back_in_pandas_as_written(tmp_path):
    pandas = pytest.importorskip("pandas", reason="pandas (in the test-engines extra) is not installed")
    ads = tmp_path / "ads.jsonl"
    ads.write_text("".join(json.dumps(row) + "\n" for row in [
        {"id": "a1", "title": '=HYPERLINK("http://example.com","x")', "text": AD_LINES[1]},
        {"id": "a2", "title": "Shop, floor; \"quoted\"\nnew line", "text": AD_LINES[2]},
    ]) + "{broken\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert runner.invoke(app, ["classify", str(ads), "--format", "csv", "--output", str(out)]).exit_code == EXIT_SUCCESS
    frame = pandas.read_csv(out, dtype=str, keep_default_na=False)
    assert list(frame.columns) == COLUMNS and len(frame) == 3
    assert frame["title"].tolist()[:2] == ["'=HYPERLINK(\"http://example.com\",\"x\")", "Shop, floor; \"quoted\"\nnew line"]
    as_json = [json.loads(line) for line in runner.invoke(app, ["classify", str(ads), "--format", "jsonl"]).stdout.splitlines()]
    assert frame["role"].tolist()[:2] == [row["role"] for row in as_json[:2]] and "not valid JSON" in frame["error"][2]
    assert frame["role"].tolist()[0] == "field-sales"
    assert pandas.to_numeric(frame["confidence"][:2]).between(0, 1).all()


def test_a_runs_own_output_in_the_folder_it_scans_is_never_an_input(tmp_path):
    (tmp_path / "ad.txt").write_text(AD_LINES[1])
    out = tmp_path / "verdicts.csv"
    for _ in range(2):  # the second run finds the first one's output, and its own partial file
        done = runner.invoke(app, ["classify", str(tmp_path), "--format", "csv", "--output", str(out)])
        assert done.exit_code == EXIT_SUCCESS
        rows = list(csv.DictReader(io.StringIO(out.read_text(), newline="")))
        assert [r["path"] for r in rows] == [str(tmp_path / "ad.txt")]


def test_an_output_that_is_a_folder_is_refused_before_any_work(tmp_path):
    done = runner.invoke(app, ["classify", str(tmp_path), "--format", "csv", "--output", str(tmp_path)])
    assert done.exit_code == EXIT_ERROR and "is a folder" in done.stderr and not done.stdout
