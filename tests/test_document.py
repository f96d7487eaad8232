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
