"""Tables of ads as people export them: semicolon CSV as Excel writes it where the decimal
mark is a comma, column names in any case, TSV, JSON arrays, Excel workbooks; and the
formats jdscan does not read, with the converter to use."""

from __future__ import annotations

import json
import sys

import pytest
from typer.testing import CliRunner

from jdscan.cli import EXIT_ERROR, EXIT_SUCCESS, app

runner = CliRunner()

FIELD = "You will visit customers across your territory; win new business face to face, and close deals."
SHOP = "Serve customers on the shop floor, work the till and replenish stock; keep displays tidy."


def rows(*args: str) -> list[dict]:
    result = runner.invoke(app, ["classify", *args, "--format", "jsonl"])
    assert result.exit_code in (EXIT_SUCCESS, 1, EXIT_ERROR), result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_a_semicolon_csv_as_excel_writes_it(tmp_path):
    # Excel's "CSV UTF-8" where the list separator is ';': a BOM, CRLF line ends, quotes
    # around cells that hold the separator.
    text = f'ID;Title;Text\r\n7;Vendeur terrain;"{FIELD}"\r\n8;Caissière;"{SHOP}"\r\n'
    path = tmp_path / "export.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    out = rows(str(path))
    assert [r.get("error") for r in out] == [None, None]
    assert [(r["id"], r["title"], r["role"]) for r in out] == [("7", "Vendeur terrain", "field-sales"),
                                                                ("8", "Caissière", "retail")]
    forced = rows(str(path), "--delimiter", ",")  # told wrong: one column, and the message says so
    assert len(forced) == 1 and "has no column 'text'" in forced[0]["error"] and "--text-field" in forced[0]["error"]


def test_column_names_match_whatever_their_case_and_an_exact_match_wins(tmp_path):
    path = tmp_path / "ads.csv"
    path.write_text(f'Text,TITLE,Id\n"{SHOP}",Cashier,a1\n', encoding="utf-8")
    [row] = rows(str(path))
    assert (row["id"], row["title"], row["role"]) == ("a1", "Cashier", "retail")
    both = tmp_path / "both.csv"
    both.write_text(f'TEXT,text\nnot this one,"{SHOP}"\n', encoding="utf-8")
    assert rows(str(both))[0]["role"] == "retail"
    clash = tmp_path / "clash.csv"
    clash.write_text(f'TEXT,Text\nx,"{SHOP}"\n', encoding="utf-8")
    [error] = rows(str(clash))
    assert "2 columns called 'text'" in error["error"]
    lines = tmp_path / "ads.jsonl"
    lines.write_text(json.dumps({"TEXT": SHOP, "Title": "Cashier", "ID": 5}) + "\n", encoding="utf-8")
    [row] = rows(str(lines))
    assert (row["id"], row["title"]) == (5, "Cashier")


def test_tsv_and_a_pipe_delimited_file(tmp_path):
    tsv = tmp_path / "ads.tsv"
    tsv.write_text(f"id\ttext\nt1\t{FIELD}\n", encoding="utf-8")
    pipe = tmp_path / "ads.csv"
    pipe.write_text(f"id|text\np1|{SHOP}\n", encoding="utf-8")
    assert [(r["id"], r["role"]) for r in rows(str(tsv), str(pipe))] == [("t1", "field-sales"), ("p1", "retail")]
    assert rows(str(pipe), "--delimiter", "|")[0]["id"] == "p1"
    bad = runner.invoke(app, ["classify", str(pipe), "--delimiter", "||"])
    assert bad.exit_code == EXIT_ERROR and "not one character" in bad.stderr


def test_a_json_array_of_ads(tmp_path):
    path = tmp_path / "ads.json"
    path.write_text(json.dumps([{"id": 1, "text": FIELD}, "not an object", {"Text": SHOP, "title": None}]),
                    encoding="utf-8")
    out = rows(str(path))
    assert [r["path"] for r in out] == [f"{path}:1", f"{path}:2", f"{path}:3"]
    assert out[0]["id"] == 1 and "not an object" in out[1]["error"] and out[2]["title"] is None
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"text": SHOP}), encoding="utf-8")
    assert rows(str(one))[0]["role"] == "retail"
    broken = tmp_path / "broken.json"
    broken.write_text("[{", encoding="utf-8")
    assert "not valid JSON" in rows(str(broken))[0]["error"]


def test_an_excel_workbook_written_by_openpyxl(tmp_path):
    openpyxl = pytest.importorskip("openpyxl", reason="the xlsx extra (openpyxl) is not installed")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Job ID", "Job Title", "Description"])
    sheet.append([101, "Field Sales Executive", FIELD])
    sheet.append([None, None, None])  # an empty row is skipped, as in a CSV
    sheet.append([102, "Cashier", SHOP])
    sheet.append([103, "Empty", None])
    path = tmp_path / "ats-export.xlsx"
    book.save(path)
    out = rows(str(path), "--text-field", "description", "--id-field", "job id", "--title-field", "JOB TITLE")
    assert [(r["path"], r["id"]) for r in out] == [(f"{path}:2", 101), (f"{path}:4", 102), (f"{path}:5", 103)]
    assert [r.get("role") for r in out[:2]] == ["field-sales", "retail"] and "is empty" in out[2]["error"]


def test_an_excel_workbook_without_openpyxl_says_what_to_install(tmp_path, monkeypatch):
    path = tmp_path / "ads.xlsx"
    path.write_bytes(b"PK\x03\x04 not really")
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # as if it were not installed
    [row] = rows(str(path))
    assert "needs openpyxl" in row["error"] and "jdscan[xlsx]" in row["error"]


@pytest.mark.parametrize("suffix, converter", [(".doc", "--convert-to docx"), (".xls", "--convert-to xlsx")])
def test_old_office_formats_name_a_converter(tmp_path, suffix, converter):
    path = tmp_path / f"old{suffix}"
    path.write_bytes(b"\xd0\xcf\x11\xe0 old office file")
    [row] = rows(str(path))
    assert "cannot read" in row["error"] and converter in row["error"]
