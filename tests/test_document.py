"""Where the title comes from: front matter, a Markdown heading, or a short first line."""

from __future__ import annotations

import pytest

from jdscan.errors import InputError
from jdscan.text.document import split_document


def test_front_matter_title_and_meta():
    doc = split_document("---\ntitle: Cashier\nrole: retail\n---\nServe customers at the till.\n", "a.md")
    assert doc.title == "Cashier" and doc.meta["role"] == "retail"
    assert doc.body.strip() == "Serve customers at the till."
    assert doc.body_offset == len("---\ntitle: Cashier\nrole: retail\n---\n")


def test_markdown_heading():
    doc = split_document("# Field Sales Executive\n\nVisit clients.", "a.md")
    assert doc.title == "Field Sales Executive" and doc.body.strip() == "Visit clients."


def test_short_first_line():
    doc = split_document("Customer Service Advisor\nHelp customers by phone.", "a.txt")
    assert doc.title == "Customer Service Advisor" and doc.body == "Help customers by phone."


@pytest.mark.parametrize("text", [
    "You will help customers by phone and email every day.\nMore text.",
    "A single line ad with no title",
])
def test_no_title_when_the_first_line_is_a_sentence_or_alone(text):
    doc = split_document(text, "a.txt")
    assert doc.title == "" and doc.body == text


def test_body_offset_points_into_the_source():
    text = "\n\nRetail Assistant\nServe customers."
    doc = split_document(text, "a.txt")
    assert text[doc.body_offset:] == doc.body


def test_bad_front_matter_is_a_clear_error():
    with pytest.raises(InputError, match="front matter is invalid"):
        split_document("---\ntitle: [unclosed\n---\nbody\n", "a.md")


@pytest.mark.parametrize("first", ["Acme Widgets Ltd", "Leeds, West Yorkshire", "Posted 12 March 2026", "Remote"])
def test_an_employer_place_or_date_above_the_title_is_not_the_title(first):
    text = f"{first}\nCustomer Service Advisor\n\nHelp customers by phone and email."
    doc = split_document(text, "a.txt")
    assert doc.title == "Customer Service Advisor" and doc.title_line == 2
    assert doc.body.strip() == "Help customers by phone and email."
    assert text[doc.body_offset:] == doc.body


def test_a_title_line_above_an_employer_stays_the_title():
    doc = split_document("Customer Service Advisor\nAcme Widgets Ltd\n\nHelp customers.", "a.txt")
    assert doc.title == "Customer Service Advisor" and doc.body.startswith("Acme Widgets Ltd")


@pytest.mark.parametrize("label", ["Job Title:", "Position:", "Role -", "Vacancy:", "JOB TITLE:"])
def test_a_labelled_title_line_near_the_top(label):
    text = f"Acme Widgets Ltd\nLeeds\n{label} Field Sales Executive\nSalary: 30,000\n\nVisit clients across the region."
    doc = split_document(text, "a.txt")
    assert doc.title == "Field Sales Executive" and doc.title_line == 3
    assert "Field Sales Executive" not in doc.body  # not read twice
    assert len(doc.body) == len(text) and doc.body.endswith("Visit clients across the region.")


def test_a_labelled_sentence_is_not_a_title():
    doc = split_document("Role: to help our customers every day.\nMore text.\nAnd more.", "a.txt")
    assert doc.title == ""
