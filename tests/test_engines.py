"""The engine-neutral step (issue 19, part 1): a partition of ads in, one typed verdict row
per ad out, in order, with the single-process verdicts; the Scanner built once per process."""

from __future__ import annotations

import json

import pytest

from jdscan.engines import COLUMNS, SCHEMA, classify_partition, classify_records, worker_scanner

from .files import AD_LINES

RECORDS = [{"id": 7, "title": "Field Sales Executive", "text": " ".join(AD_LINES[1:])},
           {"id": "b", "text": "Serve walk-in customers at the till and replenish stock on the shop floor."},
           {"id": 9, "text": "   "},
           {"text": "Answer customer calls and emails about orders, returns and refunds."}]


def test_records_give_one_typed_row_each_with_the_scanners_verdicts(scanner):
    rows = classify_records(RECORDS, scanner=scanner)
    assert [tuple(r) for r in rows] == [COLUMNS] * 4
    assert [r["id"] for r in rows] == ["7", "b", "9", None]
    for record, row in zip(RECORDS, rows):
        if not record["text"].strip():
            assert "is empty" in row["error"] and row["role"] is None and row["needs_review"] is None
            continue
        verdict = scanner.classify(record["text"], record.get("title") or "")
        assert (row["role"], row["confidence"], row["words"]) == (verdict.role, verdict.confidence, verdict.words)
        confidences = json.loads(row["confidences"])
        assert confidences[verdict.role] == verdict.confidence and set(json.loads(row["evidence"])) <= set(confidences)


def test_a_pandas_partition_gives_a_frame_of_the_schema(scanner):
    pandas = pytest.importorskip("pandas", reason="pandas (in the test-engines extra) is not installed")
    frame = classify_partition(pandas.DataFrame(RECORDS), scanner=scanner)
    assert list(frame.columns) == list(COLUMNS) and len(frame) == len(RECORDS)
    assert str(frame["confidence"].dtype) == "Float64" and str(frame["words"].dtype) == "Int64"
    assert frame["role"].tolist()[:2] == [r["role"] for r in classify_records(RECORDS[:2], scanner=scanner)]
    assert frame["error"].isna().tolist() == [True, True, False, True]
    assert frame["title"][0] == "Field Sales Executive" and frame["title"][1] is pandas.NA  # not "nan"


def test_the_scanner_is_built_once_per_process():
    assert worker_scanner() is worker_scanner()
    assert dict(SCHEMA)["confidence"] == "float64" and dict(SCHEMA)["needs_review"] == "bool"


def test_a_scanner_spec_rebuilds_the_scanner_it_was_taken_from(tmp_path, scanner):
    import pickle

    from jdscan.engines import ScannerSpec
    from jdscan.scanner import Scanner

    assert ScannerSpec.of(scanner) == ScannerSpec()
    strict = Scanner(review_below=0.99, weights=False)
    spec = ScannerSpec.of(strict)
    assert spec == ScannerSpec(review_below=0.99, weights=False) and len(pickle.dumps(spec)) < 300
    rebuilt = spec.build()
    assert (rebuilt.review_below, rebuilt.use_weights, rebuilt.rule_dirs) == (0.99, False, None)
    assert worker_scanner(spec) is worker_scanner(spec) is not worker_scanner()


def test_an_arrow_batch_gives_a_batch_of_the_arrow_schema(scanner):
    pyarrow = pytest.importorskip("pyarrow", reason="pyarrow is not installed (pip install 'jdscan[parquet]')")
    from jdscan.engines import arrow_schema

    batch = pyarrow.RecordBatch.from_pylist([{**r, "id": None if "id" not in r else str(r["id"])} for r in RECORDS])
    out = classify_partition(batch, scanner=scanner)
    assert out.schema == arrow_schema() and out.num_rows == len(RECORDS)
    assert out.column("role").to_pylist() == [r["role"] for r in classify_records(RECORDS, scanner=scanner)]
