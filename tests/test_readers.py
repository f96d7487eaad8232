"""Every reader, encodings, and the batch contract: one row per input, in a stable order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jdscan.model import ReadError
from jdscan.readers import ReadOptions, count_inputs, read_inputs
from jdscan.readers.decode import decode
from jdscan.readers.tabular import Fields
from jdscan.text.document import Document

from .files import AD_LINES, make_docx, make_html, make_pdf, make_pdf_without_text, make_zip_bomb

AD = "\n".join(AD_LINES)


def read(*paths, **options) -> list:
    return list(read_inputs([str(p) for p in paths], ReadOptions(**options)))


def one(path, **options):
    [item] = read(path, **options)
    return item


def test_text_and_markdown(tmp_path):
    (tmp_path / "a.txt").write_text(AD)
    (tmp_path / "b.md").write_text("---\ntitle: Inside Sales\n---\nCall customers and close deals.\n")
    a, b = read(tmp_path / "a.txt", tmp_path / "b.md")
    assert a.title == "Field Sales Executive" and a.body.startswith("You will visit")
    assert b.title == "Inside Sales" and b.body.strip() == "Call customers and close deals."


def test_html_strips_tags_and_keeps_reading_order(tmp_path):
    path = tmp_path / "ad.html"
    path.write_text(make_html("Field Sales Executive", AD_LINES[1:]))
    doc = one(path)
    assert doc.title == "Field Sales Executive"
    assert "cold calling" not in doc.body and "Home" not in doc.body  # script and nav dropped
    lines = [line for line in doc.body.splitlines() if line]
    assert lines[0] == AD_LINES[1] and lines[1] == "• " + AD_LINES[2] and lines[2] == "• " + AD_LINES[3]


@pytest.mark.parametrize("page, title, body_starts", [
    ("<body><h2>Sales Assistant</h2><p>Serve customers at the till.</p></body>", "Sales Assistant", "Serve"),
    ("<body><h3>Sales Assistant</h3><p>Serve customers at the till.</p></body>", "Sales Assistant", "Serve"),
    ("<body><p>We are a garden centre.</p><h2>Duties</h2><p>Serve customers.</p></body>", "", "We are"),
    ("<head><title>Jobs</title></head><body><h2>Sales Assistant</h2><p>Serve.</p></body>", "Jobs", "## Sales"),
])
def test_an_html_page_without_h1_or_title_is_titled_by_the_heading_that_opens_it(tmp_path, page, title, body_starts):
    (tmp_path / "ad.html").write_text(f"<html>{page}</html>")
    doc = one(tmp_path / "ad.html")
    assert doc.title == title and doc.body.startswith(body_starts)


def test_html_deep_nesting(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text("<div>" * 10_000 + "Sell our products in store" + "</div>" * 10_000)
    assert one(path).body == "Sell our products in store"


def test_docx_paragraphs_tables_and_title(tmp_path):
    path = tmp_path / "ad.docx"
    path.write_bytes(make_docx("Field Sales Executive", AD_LINES[1:], [["Salary", "£30,000"]]))
    doc = one(path)
    assert doc.title == "Field Sales Executive"
    assert doc.body.splitlines() == AD_LINES[1:] + ["Salary | £30,000"]


@pytest.mark.parametrize("content, reason", [
    (b"PK\x03\x04 this is not really a zip", "not a valid zip archive"),
    (b"plain text renamed to .docx", "not a valid zip archive"),
])
def test_corrupt_docx_is_an_error_row(tmp_path, content, reason):
    path = tmp_path / "bad.docx"
    path.write_bytes(content)
    item = one(path)
    assert isinstance(item, ReadError) and reason in item.reason and item.source == str(path)


def test_docx_zip_bomb_is_refused_before_inflating(tmp_path):
    path = tmp_path / "bomb.docx"
    path.write_bytes(make_zip_bomb(60_000_000))
    item = one(path)
    assert isinstance(item, ReadError) and "zip bomb" in item.reason and "--max-size" in item.reason


def test_pdf_text_layer(tmp_path):
    path = tmp_path / "ad.pdf"
    path.write_bytes(make_pdf(AD_LINES))
    doc = one(path)
    assert doc.title == "Field Sales Executive" and "territory" in doc.body


def test_pdf_without_text_layer_says_ocr(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_pdf_without_text())
    item = one(path)
    assert isinstance(item, ReadError) and "no text layer" in item.reason and "OCR" in item.reason


def test_jsonl_rows_with_fields_and_a_malformed_line(tmp_path):
    path = tmp_path / "ads.jsonl"
    rows = [json.dumps({"ref": "a1", "headline": "Retail", "body": "Serve customers in store."}),
            '{"ref": "a2", "body": "broken',
            json.dumps(["not", "an", "object"]),
            "",
            json.dumps({"ref": "a4", "body": "Answer calls from customers."})]
    path.write_text("\n".join(rows) + "\n")
    items = read(path, fields=Fields("body", "ref", "headline"))
    assert [type(i).__name__ for i in items] == ["Document", "ReadError", "ReadError", "Document"]
    assert items[0].id == "a1" and items[0].title == "Retail" and items[0].source == f"{path}:1"
    assert items[1].source == f"{path}:2" and "not valid JSON" in items[1].reason
    assert "not an object" in items[2].reason and items[3].source == f"{path}:5"
    assert items[3].title == ""  # a row may leave its title out


def test_jsonl_default_fields_are_optional(tmp_path):
    path = tmp_path / "ads.jsonl"
    path.write_text(json.dumps({"text": "Serve customers in store."}) + "\n")
    doc = one(path)
    assert doc.id is None and doc.title == ""


def test_text_field_must_be_present(tmp_path):
    path = tmp_path / "ads.jsonl"
    path.write_text(json.dumps({"body": "Serve customers."}) + "\n")
    item = one(path)
    assert isinstance(item, ReadError) and "no field 'text'" in item.reason and "--text-field" in item.reason


def test_csv_rows_ragged_and_multiline(tmp_path):
    path = tmp_path / "ads.csv"
    path.write_text('id,title,text\n1,Retail,"Serve customers\nin store."\n2,Sales\n3,CS,"Answer, calls",extra\n'
                    "4,CS,Answer the phone.\n")
    items = read(path)
    assert [type(i).__name__ for i in items] == ["Document", "ReadError", "ReadError", "Document"]
    assert items[0].body == "Serve customers\nin store." and items[0].source == f"{path}:2"
    # located by record (the header is 1), not by line: the first ad's cell holds a line break
    assert items[1].source == f"{path}:3" and "2 fields, the header has 3" in items[1].reason
    assert items[3].source == f"{path}:5" and items[3].id == "4"


def test_csv_without_the_text_column(tmp_path):
    path = tmp_path / "ads.csv"
    path.write_text("id,description\n1,Serve customers\n")
    item = one(path)
    assert isinstance(item, ReadError) and "no column 'text'" in item.reason and "--text-field" in item.reason
    assert isinstance(one(path, fields=Fields("description")), Document)


def test_csv_cell_over_the_limit(tmp_path):
    path = tmp_path / "ads.csv"
    path.write_text("text\n" + "word " * 3000 + "\nSell in store.\n")
    items = read(path, max_bytes=10_000)
    assert isinstance(items[0], ReadError) and "over the 10,000 limit" in items[0].reason
    assert isinstance(items[1], Document)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252"])
def test_encodings(tmp_path, encoding):
    path = tmp_path / "ad.txt"
    path.write_bytes(("Café Sales Advisor\nSell our crème brûlée to customers in store, café-style.\n")
                     .encode(encoding))
    doc = one(path)
    assert doc.title == "Café Sales Advisor" and "crème brûlée" in doc.body


def test_cp1252_is_reported_as_a_guess():
    text, encoding = decode("Résumé: sell to customers.".encode("cp1252"), "x")
    assert text == "Résumé: sell to customers." and encoding == "cp1252"


def test_bytes_that_only_look_like_a_utf16_bom():
    text, encoding = decode(b"\xff\xfe Sales Advisor: sell to customers in store", "x")
    assert encoding == "cp1252" and text.startswith("ÿþ Sales")


def test_utf8_with_a_broken_byte_is_still_utf8():
    text, encoding = decode("Café — sell".encode() + b"\xff to customers", "x")
    assert text.startswith("Café — sell") and "\ufffd" in text and encoding.startswith("utf-8")


@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\t\n", "empty"),
    ("nul.txt", b"Sell\x00\x01\x02 things" * 10, "binary"),
    ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00", "unsupported file type (.png)"),
    ("noise", bytes(range(128, 256)) * 40, "neither UTF-8"),
])
def test_unreadable_inputs_are_error_rows(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    item = one(path)
    assert isinstance(item, ReadError) and reason in item.reason and "try" in item.reason


def test_size_limit_and_raising_it(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(AD + "\n" + "More about the role. " * 2000)
    item = one(path, max_bytes=20_000)
    assert isinstance(item, ReadError) and "over the 20,000-byte limit" in item.reason
    assert isinstance(one(path, max_bytes=100_000), Document)


def test_folder_is_walked_recursively_in_a_stable_order(tmp_path):
    for rel in ["b/z.txt", "b/a.md", "a.txt", ".hidden/x.txt", ".DS_Store", "c/d/e.html"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("Sell to customers in store every day.")
    sources = [i.source for i in read(tmp_path)]
    assert sources == [str(tmp_path / r) for r in ["a.txt", "b/a.md", "b/z.txt", "c/d/e.html"]]


def test_symlink_loop_does_not_hang(tmp_path):
    (tmp_path / "ad.txt").write_text("Sell to customers in store every day.")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")
    items = read(tmp_path)
    assert [type(i).__name__ for i in items] == ["Document", "ReadError", "ReadError"]
    assert "not followed" in items[1].reason and "cannot be read" in items[2].reason


def test_unreadable_file_is_an_error_row(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text("Sell to customers in store every day.")

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("jdscan.readers.text.os.open", denied)  # root reads a chmod 000 file
    item = one(path)
    assert isinstance(item, ReadError) and "Permission denied" in item.reason


def test_globs_missing_paths_and_stdin(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ["one.txt", "two.txt", "skip.md"]:
        Path(name).write_text("Sell to customers in store every day.")
    items = list(read_inputs(["*.txt", "nothing-*.txt", "missing.txt", "-"], stdin=b"Answer calls."))
    assert [i.source for i in items] == ["one.txt", "two.txt", "nothing-*.txt", "missing.txt", "<stdin>"]
    assert "matches no files" in items[2].reason and "no such file" in items[3].reason


def test_count_inputs_for_the_progress_bar(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "rows.jsonl").write_text('{"text": "a"}\n{"text": "b"}\n{"text": "c"}\n')
    (tmp_path / "rows.csv").write_text("text\na\nb\n")
    assert count_inputs([str(tmp_path)]) == 1 + 3 + 2
    (tmp_path / "multiline.csv").write_text("id;text\n1;\"two\nlines\"\n\n2;b\n")  # a cell's line break is no row
    assert count_inputs([str(tmp_path / "multiline.csv")]) == 2


def test_every_row_in_order_for_a_mixed_folder(tmp_path):
    (tmp_path / "1.txt").write_text(AD)
    (tmp_path / "2.jsonl").write_text('{"text": "a"}\nnot json\n{"text": "b"}\n')
    (tmp_path / "3.pdf").write_bytes(make_pdf_without_text())
    items = read(tmp_path)
    assert [i.source for i in items] == [str(tmp_path / "1.txt"), f"{tmp_path / '2.jsonl'}:1",
                                         f"{tmp_path / '2.jsonl'}:2", f"{tmp_path / '2.jsonl'}:3",
                                         str(tmp_path / "3.pdf")]


@pytest.mark.parametrize("name, content", [("empty.jsonl", "\n\n"), ("header-only.csv", "id,text\n"),
                                           ("empty.csv", "")])
def test_a_table_without_rows_is_one_error_row(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content)
    item = one(path)
    assert isinstance(item, ReadError) and ("no rows" in item.reason or "empty" in item.reason)


def test_a_json_error_says_where_once():
    import json as json_module

    from jdscan.errors import json_problem

    messages = []
    for text in ('{"text": "a\x01b"}', '{"text": }'):
        try:
            json_module.loads(text)
        except json_module.JSONDecodeError as exc:
            messages.append(json_problem(exc))
    assert messages == ["Invalid control character at column 12", "Expecting value at column 10"]
