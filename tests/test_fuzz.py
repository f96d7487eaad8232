"""Fuzzing (hypothesis) of what reads untrusted bytes: the input readers and the rule
loader. Bounded: JDSCAN_FUZZ_EXAMPLES examples per target (default 25, so CI runs it
briefly); run longer with, say, JDSCAN_FUZZ_EXAMPLES=5000 python -m pytest -m fuzz."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jdscan.errors import RuleError
from jdscan.model import ReadError
from jdscan.readers import read_inputs
from jdscan.ruleset import bundled_rules_dir, load_rules
from jdscan.text.document import Document

from .files import AD_LINES, make_docx, make_pdf

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
}


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
def test_readers_give_rows_never_exceptions(suffix, edits):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"ad{suffix}"
        path.write_bytes(mutate(SEEDS[suffix], edits))
        items = list(read_inputs([str(path)]))
    assert items and all(isinstance(i, (Document, ReadError)) for i in items)
    if suffix not in {".csv", ".jsonl"}:
        assert len(items) == 1
    for item in items:
        if isinstance(item, Document):
            assert item.body.strip() or item.title.strip()


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
