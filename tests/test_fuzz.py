"""Fuzzing (hypothesis) of what reads untrusted bytes: every input reader, the command
line on stdin, and the rule loader. No exception escapes, no ad runs past the time limit,
and the same bytes give the same verdicts. Bounded: JDSCAN_FUZZ_EXAMPLES examples per
target (default 25, so CI runs it briefly); `python bench/fuzz.py` runs it for ten minutes."""

from __future__ import annotations

import io
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from jdscan.cli import app
from jdscan.errors import RuleError
from jdscan.model import ReadError
from jdscan.readers import ReadOptions, read_inputs
from jdscan.ruleset import bundled_rules_dir, load_rules
from jdscan.text.document import Document

from .files import AD_LINES, make_docx, make_odt, make_pdf

pytestmark = pytest.mark.fuzz
EXAMPLES = int(os.environ.get("JDSCAN_FUZZ_EXAMPLES", "25"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 25,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
SEEDS = {
    ".txt": "\n".join(AD_LINES).encode(),
    ".md": ("---\ntitle: Sales\nrole: retail\n---\n# Heading\n" + AD_LINES[1]).encode(),
    ".html": f"<html><body><h1>T</h1><ul><li>{AD_LINES[1]}</li></ul></body></html>".encode(),
    ".docx": make_docx("Sales", AD_LINES[1:]),
    ".pdf": make_pdf(AD_LINES),
    ".csv": b'id,title,text\n1,Sales,"' + AD_LINES[1].encode() + b'"\n2,,Answer calls\n',
    ".jsonl": b'{"id": 1, "text": "Answer calls"}\n{"text": "Sell", "title": null}\n',
    ".tsv": b"id\ttext\n1\t" + AD_LINES[1].encode() + b"\n2\tAnswer calls\n",
    ".json": b'[{"id": 1, "text": "Answer calls"}, {"id": "2", "text": "Sell", "title": "T"}]',
    ".odt": make_odt('<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:'
                     'opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
                     '<office:body><office:text><text:h text:outline-level="1">Sales</text:h><text:p>Serve'
                     '<text:s text:c="3"/>customers</text:p></office:text></office:body></office:document-content>'),
    ".rtf": b"{\\rtf1\\ansi {\\b Sales Assistant}\\par Serve customers at the till.\\par}",
}


def _table_seeds() -> dict[str, bytes]:
    """Workbook and Parquet seeds, where their extras are installed."""
    seeds = {}
    try:
        import openpyxl

        book = openpyxl.Workbook()
        book.active.append(["id", "text"])
        book.active.append([1, AD_LINES[1]])
        out = io.BytesIO()
        book.save(out)
        seeds[".xlsx"] = out.getvalue()
    except ImportError:
        pass
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq

        out = io.BytesIO()
        pq.write_table(pa.table({"id": [1, 2], "text": [AD_LINES[1], "Answer calls"]}), out)
        seeds[".parquet"] = out.getvalue()
    except ImportError:
        pass
    return seeds


SEEDS.update(_table_seeds())
TABLES = {".csv", ".tsv", ".jsonl", ".json", ".xlsx", ".parquet"}
LIMIT = 10.0  # seconds: no fuzzed ad comes near it; the readers' own limit is set to it


def mutate(seed: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    """Apply (position, delete, insert) edits: the usual byte-level fuzzing moves."""
    data = bytearray(seed)
    for pos, delete, insert in edits:
        at = pos % (len(data) + 1)
        data[at:at + delete] = insert
    return bytes(data)


EDITS = st.lists(st.tuples(st.integers(0, 1 << 16), st.integers(0, 64), st.binary(max_size=32)), max_size=8)


@FUZZ
@given(suffix=st.sampled_from(sorted(SEEDS)), edits=EDITS)
def test_readers_give_rows_never_exceptions(scanner, suffix, edits):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"ad{suffix}"
        path.write_bytes(mutate(SEEDS[suffix], edits))
        start = time.monotonic()
        items = list(read_inputs([str(path)], ReadOptions(time_limit=LIMIT)))
        again = list(read_inputs([str(path)], ReadOptions(time_limit=LIMIT)))
    assert items == again
    assert items and all(isinstance(i, (Document, ReadError)) for i in items)
    if suffix not in TABLES:
        assert len(items) == 1
    docs = [item for item in items if isinstance(item, Document)]
    assert all(d.body.strip() or d.title.strip() for d in docs)
    first = [(v.role, v.confidence) for v in scanner.classify_many(docs)]
    assert first == [(v.role, v.confidence) for v in scanner.classify_many(docs)]
    assert time.monotonic() - start < 2 * LIMIT
    assert not [i for i in items if isinstance(i, ReadError) and "time limit" in i.reason]


STDIN_SEED = ("---\ntitle: Sales\n---\n" + "\n".join(AD_LINES)).encode()


@FUZZ
@given(edits=EDITS, fmt=st.sampled_from(["json", "table", "csv"]))
def test_the_command_line_on_stdin_never_fails_and_is_deterministic(edits, fmt):
    data = mutate(STDIN_SEED, edits)
    start = time.monotonic()
    runs = [CliRunner().invoke(app, ["classify", "-", "--format", fmt, "--time-limit", str(LIMIT)], input=data)
            for _ in range(2)]
    assert time.monotonic() - start < 2 * LIMIT
    for run in runs:
        assert run.exit_code in (0, 2) and not (run.exception and not isinstance(run.exception, SystemExit)), \
            run.stderr
        assert "Traceback" not in run.stderr and "time limit" not in run.stdout
    assert runs[0].stdout == runs[1].stdout
    if fmt == "json":
        json.loads(runs[0].stdout)


RULE_FILE = (bundled_rules_dir() / "retail.yaml").read_text(encoding="utf-8")


@FUZZ
@given(edits=st.lists(st.tuples(st.integers(0, len(RULE_FILE)), st.integers(0, 40),
                                st.sampled_from(["", ":", "- ", "[", "]", "{", "}", "&a ", "*a", "!!python/object:os.system ",
                                                 "\n  ", "weight: -1", "OP: '+'", "REGEX: '(a+)+'", "\t", "'", "\""])),
                      max_size=6))
def test_rule_loader_validates_never_crashes(tmp_path_factory, edits):
    folder = tmp_path_factory.mktemp("rules")
    shutil.copytree(bundled_rules_dir(), folder, dirs_exist_ok=True)
    text = RULE_FILE
    for pos, delete, insert in edits:
        text = text[:pos] + insert + text[pos + delete:]
    (folder / "retail.yaml").write_text(text, encoding="utf-8")
    try:
        load_rules([folder], bundled=False)
    except RuleError as exc:
        assert exc.problems and all(p.file and p.message for p in exc.problems)
