"""Tables of ads as people export them: semicolon CSV as Excel writes it where the decimal
mark is a comma, column names in any case, TSV, JSON arrays, Excel workbooks; and the
formats jdscan does not read, with the converter to use."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jdscan.cli import EXIT_ERROR, EXIT_SUCCESS, app

from .files import make_odt

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


def test_rows_are_named_by_id_else_title_else_location(tmp_path):
    path = tmp_path / "ads.csv"
    path.write_text(f'id,title,text\nJS-1,Cashier,"{SHOP}"\n,Field Rep,"{FIELD}"\n,,"{SHOP}"\n', encoding="utf-8")
    table = runner.invoke(app, ["classify", str(path), "--format", "table"], env={"COLUMNS": "200"})
    rows = [line.split("  ")[0].strip() for line in table.stdout.splitlines()
            if any(role in line for role in (" retail ", " field-sales "))][:3]
    assert rows == ["JS-1", "Field Rep", f"{path}:4"], table.stdout
    markdown = runner.invoke(app, ["classify", str(path), "--format", "markdown"]).stdout
    assert f"| JS-1 ({path}:2) | Cashier |" in markdown and f"| {path}:4 |  |" in markdown


def test_explain_one_row_of_a_table_by_number_or_id(tmp_path):
    path = tmp_path / "ads.csv"
    path.write_text(f'id,title,text\nJS-1,Cashier,"{SHOP}"\nJS-2,Field Rep,"{FIELD}"\nJS-3,Empty,\n', encoding="utf-8")
    by_row = runner.invoke(app, ["explain", str(path), "--row", "3"], env={"COLUMNS": "120"})
    by_id = runner.invoke(app, ["explain", str(path), "--id", "JS-2"], env={"COLUMNS": "120"})
    assert by_row.exit_code == by_id.exit_code == EXIT_SUCCESS, by_row.output
    assert by_row.stdout == by_id.stdout and "visit customers" in by_row.stdout and "till" not in by_row.stdout
    several = runner.invoke(app, ["explain", str(path)])
    assert several.exit_code == EXIT_ERROR and "--row N or --id ID" in several.stderr
    missing = runner.invoke(app, ["explain", str(path), "--row", "9"])
    assert missing.exit_code == EXIT_ERROR and "no ad at row 9 among its 3" in missing.stderr
    empty = runner.invoke(app, ["explain", str(path), "--id", "JS-3"])
    assert empty.exit_code == EXIT_ERROR and f"{path}:4: field 'text' is empty" in empty.stderr


def test_an_html_page_that_declares_its_charset_is_not_a_guess(tmp_path):
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'
            f"<title>Vendeuse</title></head><body><h1>Caf\xe9 server</h1><p>{SHOP} Cr\xe8me \u20ac tips.</p>"
            "</body></html>").encode("cp1252")
    (tmp_path / "declared.html").write_bytes(page)
    (tmp_path / "undeclared.html").write_bytes(page.replace(b"charset=ISO-8859-1", b"x"))
    declared, undeclared = rows(str(tmp_path / "declared.html"), str(tmp_path / "undeclared.html"))
    assert declared["title"] == "Café server" and not any(w["code"] == "encoding-guessed" for w in declared["warnings"])
    assert any(w["code"] == "encoding-guessed" for w in undeclared["warnings"])
    lying = tmp_path / "lying.html"  # says UTF-8, is cp1252: read by detection, and warned
    lying.write_bytes(page.replace(b"charset=ISO-8859-1", b"charset=utf-8"))
    assert any(w["code"] == "encoding-guessed" for w in rows(str(lying))[0]["warnings"])


def test_pdf_control_characters_become_bullets_or_spaces(tmp_path):
    from jdscan.readers.office import pdf_document, printable

    from .files import make_pdf

    assert printable("Duties\n\x7f Answer calls\n\uf0b7 Take payments\nA\x01B") == \
        "Duties\n• Answer calls\n• Take payments\nA B"
    doc = pdf_document(make_pdf(["Duties", "\x95 Serve customers at the till", "\x7f Replenish stock"]), "ad.pdf")
    assert "\x7f" not in doc.body and "\x95" not in doc.body and "• Replenish stock" in doc.body


ODT_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
  xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.2">
 <office:body><office:text>
  <text:h text:outline-level="1">Caf\u00e9 Counter Assistant</text:h>
  <text:p>Join our bakery team.<text:s text:c="2"/>Weekend shifts.</text:p>
  <text:h text:outline-level="2">What you will do</text:h>
  <text:list><text:list-item><text:p>Serve walk-in customers at the counter</text:p></text:list-item>
   <text:list-item><text:p>Take payments at the till<text:line-break/>and replenish stock</text:p></text:list-item></text:list>
  <table:table><table:table-row><table:table-cell><text:p>Hours</text:p></table:table-cell>
   <table:table-cell><text:p>30 a week</text:p></table:table-cell></table:table-row></table:table>
 </office:text></office:body></office:document-content>"""


def test_an_odt_reads_headings_lists_and_tables_in_order(tmp_path):
    from jdscan.readers.opendoc import odt_document

    doc = odt_document(make_odt(ODT_CONTENT), "ad.odt", 1_000_000)
    assert doc.title == "Café Counter Assistant"
    assert doc.body.splitlines() == ["Join our bakery team.  Weekend shifts.", "## What you will do",
                                     "• Serve walk-in customers at the counter", "• Take payments at the till",
                                     "and replenish stock", "Hours | 30 a week"]
    (tmp_path / "ad.odt").write_bytes(make_odt(ODT_CONTENT))
    (tmp_path / "broken.odt").write_bytes(make_odt("<not xml"))
    good, broken = rows(str(tmp_path / "ad.odt"), str(tmp_path / "broken.odt"))
    assert good["role"] == "retail" and "not a readable .odt file" in broken["error"]


def test_an_rtf_ad(tmp_path):
    pytest.importorskip("striprtf", reason="the rtf extra (striprtf) is not installed")
    rtf = (r"{\rtf1\ansi{\fonttbl\f0\fswiss Helvetica;}\f0\pard Caf\'e9 Counter Assistant\par"
           r"\pard\bullet  Serve walk-in customers at the counter\par"
           r"\bullet  Take payments at the till and replenish stock; keep displays tidy\par}")
    (tmp_path / "ad.rtf").write_text(rtf, encoding="ascii")
    [row] = rows(str(tmp_path / "ad.rtf"))
    assert row["title"] == "Café Counter Assistant" and row["role"] == "retail"


def test_a_csv_in_a_guessed_encoding_warns_as_a_text_file_does(tmp_path):
    path = tmp_path / "legacy.csv"
    path.write_bytes(f'id,text\n1,"Caf\xe9 team: {SHOP}"\n'.encode("cp1252"))
    [row] = rows(str(path))
    assert "encoding-guessed" in {w["code"] for w in row["warnings"]}
    utf8 = tmp_path / "utf8.csv"
    utf8.write_text(f'id,text\n1,"Café team: {SHOP}"\n', encoding="utf-8")
    assert "encoding-guessed" not in {w["code"] for w in rows(str(utf8))[0]["warnings"]}


def test_a_csv_row_is_located_by_its_record_number_as_a_spreadsheet_shows_it(tmp_path):
    path = tmp_path / "ads.csv"
    path.write_text(f'id,text\na,"{SHOP}\nsecond line\nthird line"\n\nb,"{FIELD}"\nc,\n', encoding="utf-8")
    out = rows(str(path))
    # the header is record 1; a cell's line breaks do not count; a blank record (3) is skipped
    # but counted, as a spreadsheet's row is
    assert [(r["id"], r["path"].rpartition(":")[2]) for r in out] == [("a", "2"), ("b", "4"), ("c", "5")]
    result = runner.invoke(app, ["explain", str(path), "--row", "4"])
    assert result.exit_code == EXIT_SUCCESS and "visit customers" in result.output


@pytest.mark.parametrize("content, name, said", [
    ("id,body\n1,x\n", "ads.csv", "has no column 'text'"),
    ('{"id": 1, "text": null}\n', "ads.jsonl", "field 'text' is null"),
    ('{"id": 1, "text": "a\\u0001b", "x": [}\n', "bad.jsonl", "1 could not be read, the first"),
])
def test_explain_says_why_a_table_gives_no_ad(tmp_path, content, name, said):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["explain", str(path), "--id", "1"])
    assert result.exit_code == EXIT_ERROR
    assert said in result.output and " at at " not in result.output
    assert ("among its" in result.output) == name.startswith("bad")  # the row is unreadable, not missing


LIBREOFFICE = Path(__file__).resolve().parent / "data" / "libreoffice"  # made once by LibreOffice 7.4 from the tour's CSV


@pytest.mark.parametrize("name", ["ads.ods", "ads.xlsx"])
def test_a_libreoffice_spreadsheet_gives_the_verdicts_of_its_csv(name):
    if name.endswith(".xlsx"):
        pytest.importorskip("openpyxl", reason="the xlsx extra (openpyxl) is not installed")
    tour = Path(__file__).resolve().parent.parent / "docs" / "tour" / "ads.csv"
    expected, got = rows(str(tour)), rows(str(LIBREOFFICE / name))
    strip = ("path", "schema_version")
    assert [{k: v for k, v in r.items() if k not in strip} for r in got] == \
        [{k: v for k, v in r.items() if k not in strip} for r in expected]
    assert [r["path"].rpartition(":")[2] for r in got] == [r["path"].rpartition(":")[2] for r in expected]


def ods(rows_xml: str) -> bytes:
    from .files import make_odt

    return make_odt(
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
        f'<table:table table:name="Ads">{rows_xml}</table:table>'
        '<table:table table:name="Other"><table:table-row><table:table-cell><text:p>text</text:p>'
        '</table:table-cell></table:table-row></table:table></office:spreadsheet></office:body>'
        '</office:document-content>')


def cell(text: str = "", repeat: int = 1, number: str | None = None) -> str:
    rep = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    if number is not None:
        return f'<table:table-cell office:value-type="float" office:value="{number}"{rep}><text:p>{number}</text:p></table:table-cell>'
    return f'<table:table-cell{rep}>' + (f"<text:p>{text}</text:p>" if text else "") + "</table:table-cell>"


def test_an_ods_reads_numbers_repeats_and_a_padded_sheet_as_calc_shows_them(tmp_path):
    header = f"<table:table-row>{cell('ID')}{cell('Text')}{cell(repeat=1000)}</table:table-row>"
    body = (f"<table:table-row>{cell(number='7')}{cell(SHOP)}{cell(repeat=1022)}</table:table-row>"
            f'<table:table-row table:number-rows-repeated="3">{cell()}{cell()}</table:table-row>'
            f'<table:table-row table:number-rows-repeated="2">{cell(number="8")}{cell(FIELD)}</table:table-row>'
            f"<table:table-row>{cell(number='9.5')}{cell()}</table:table-row>"
            f'<table:table-row table:number-rows-repeated="1048000">{cell(repeat=1024)}</table:table-row>')
    path = tmp_path / "calc.ods"
    path.write_bytes(ods(header + body))
    out = rows(str(path))
    assert [(r["path"].rpartition(":")[2], r["id"]) for r in out] == [("2", 7), ("6", 8), ("7", 8), ("8", 9.5)]
    assert [r.get("role") for r in out[:3]] == ["retail", "field-sales", "field-sales"]
    assert "is empty" in out[3]["error"]  # only the second sheet has text there: the first sheet is read
    from jdscan.readers.counting import rows_in

    assert rows_in(path) == 4  # a progress bar's total: what the reader gives


def test_an_ods_that_is_not_one_is_an_error_row_and_the_batch_goes_on(tmp_path, monkeypatch):
    bad = tmp_path / "bad.ods"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    good = tmp_path / "good.txt"
    good.write_text(SHOP, encoding="utf-8")
    out = rows(str(bad), str(good))
    assert "is not a readable .ods file" in out[0]["error"] and out[1]["role"] == "retail"
    monkeypatch.setattr("jdscan.readers.calc.MAX_REPEAT", 40)  # 10,000 in use: the same path, sooner
    copies = tmp_path / "copies.ods"
    copies.write_bytes(ods(f"<table:table-row>{cell('text')}</table:table-row>"
                           f'<table:table-row table:number-rows-repeated="20000">{cell(SHOP)}</table:table-row>'
                           f"<table:table-row>{cell(FIELD)}</table:table-row>"))
    result = runner.invoke(app, ["classify", str(copies), "--format", "csv", "--jobs", "1"])
    lines = result.stdout.splitlines()
    assert len(lines) == 1 + 40 + 1 + 1 and "repeats one row 20,000 times" in lines[-2]
    assert lines[-1].startswith(f"{copies}:20002,")  # the row after the copies keeps its number
