"""The classify JSON contract: every verdict and error row the command writes validates
against the JSON Schema shipped in the package (`jdscan schema classify`), with the
contract's details: ids keep their JSON type, null titles stay null, error rows keep
their id, quoted sentences stay within 300 characters."""

from __future__ import annotations

import json

import jsonschema
import pytest
from typer.testing import CliRunner

from jdscan.cli import EXIT_SUCCESS, app
from jdscan.model import SCHEMA_VERSION

from .conftest import EXAMPLES
from .files import AD_LINES

runner = CliRunner()


@pytest.fixture(scope="module")
def validator():
    result = runner.invoke(app, ["schema", "classify", "--strict"])  # jdscan's own output: no unknown key
    assert result.exit_code == EXIT_SUCCESS
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def valid(validator, item: dict) -> dict:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(item)]
    assert not errors, errors
    return item


def classify(*args: str, stdin: str | None = None) -> list[dict]:
    result = runner.invoke(app, ["classify", *args, "--format", "jsonl"], input=stdin)
    assert result.exit_code in (0, 1, 2), result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_every_bundled_example_validates(validator):
    rows = classify(str(EXAMPLES), "--jobs", "1")
    assert len(rows) >= 10 and all(r["schema_version"] == SCHEMA_VERSION for r in rows)
    for row in rows:
        valid(validator, row)
    as_array = json.loads(runner.invoke(app, ["classify", str(EXAMPLES / "retail-store.txt"), "--format", "json"]).stdout)
    valid(validator, as_array)


def test_ids_keep_their_type_null_titles_stay_null_and_error_rows_keep_ids(validator, tmp_path):
    ads = tmp_path / "ads.jsonl"
    rows = [{"id": 42, "title": None, "text": AD_LINES[0]}, {"id": "a-7", "text": AD_LINES[1]},
            {"id": 0, "title": "Cashier", "text": AD_LINES[2]}, {"id": 9, "text": "   "},
            {"id": 10.5, "title": "", "text": AD_LINES[3]}]
    ads.write_text("".join(json.dumps(r) + "\n" for r in rows) + "{broken\n", encoding="utf-8")
    out = [valid(validator, r) for r in classify(str(ads))]
    assert [r["id"] for r in out] == [42, "a-7", 0, 9, 10.5, None]
    assert [r.get("title", "(error)") for r in out] == [None, None, "Cashier", "(error)", "", "(error)"]
    assert "is empty" in out[3]["error"] and "not valid JSON" in out[5]["error"]


def test_csv_ids_stay_text(validator, tmp_path):
    ads = tmp_path / "ads.csv"
    ads.write_text("id,title,text\n007,Cashier," + AD_LINES[2].replace(",", " ") + "\n,,\n", encoding="utf-8")
    out = [valid(validator, r) for r in classify(str(ads))]
    assert out[0]["id"] == "007" and out[0]["title"] == "Cashier"


def test_quoted_sentences_stay_within_300_characters(validator):
    # One run-on "sentence" (as stripped HTML gives), with matches in its middle and at its ends.
    filler = "and the team works on many things " * 12
    text = ("Handle customer complaints " + filler + "answer inbound calls from customers " + filler
            + "process refunds and returns")
    [row] = classify("-", stdin=text)
    valid(validator, row)
    sentences = [e["sentence"] for dims in row["evidence"].values() for items in dims.values() for e in items]
    assert sentences and max(map(len, sentences)) <= 300
    assert any(s.startswith("…") and s.endswith("…") for s in sentences)


def test_the_schema_catches_what_breaks_the_contract(validator):
    [row] = classify(str(EXAMPLES / "retail-store.txt"))
    valid(validator, row)
    item = next(e for dims in row["evidence"].values() for items in dims.values() for e in items)
    for breach in ({"sentence": "x" * 301}, {"source": "footer"}, {"extra": 1}):
        broken = json.loads(json.dumps(row))
        first = next(e for dims in broken["evidence"].values() for items in dims.values() for e in items)
        first.update(breach)
        assert not validator.is_valid(broken), breach
    assert item and not validator.is_valid({**row, "confidence": 1.5})
    assert not validator.is_valid({"schema_version": SCHEMA_VERSION, "path": "x", "error": "e"})  # no id key


def test_the_published_schema_accepts_a_later_minor_versions_fields_and_the_strict_one_does_not():
    [row] = classify(str(EXAMPLES / "retail-store.txt"))
    later = dict(row, schema_version="1.9", a_field_of_1_9=True)
    later["evidence"] = {role: {dim: [dict(item, added=1) for item in items] for dim, items in dims.items()}
                         for role, dims in row["evidence"].items()}
    schemas = {}
    for flag in ([], ["--strict"]):
        result = runner.invoke(app, ["schema", "classify", *flag])
        assert result.exit_code == EXIT_SUCCESS
        schemas[bool(flag)] = jsonschema.Draft202012Validator(json.loads(result.stdout))
    assert not list(schemas[False].iter_errors(later))
    assert list(schemas[True].iter_errors(later))
    assert not list(schemas[False].iter_errors({"schema_version": "1.9", "path": "x", "id": None, "error": "e"}))
    assert list(schemas[False].iter_errors({"schema_version": "1.9", "path": "x", "id": None}))  # still required
