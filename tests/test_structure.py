"""Ads as they are written: list items and headings end sentences, so negation, hedging and
proximity stay inside the item, in every format and bullet style."""

from __future__ import annotations

import pytest

from jdscan.readers import read_inputs

from .files import make_docx, make_html

BULLETS = ["-", "*", "–", "—", "o", "✓", ">", "•", "·", "1.", "a)", "(b)", ""]
ITEMS = ["No experience needed", "Sales targets and commission", "Answer customer calls"]


def listed(bullet: str, items=ITEMS) -> str:
    return "We are hiring advisors for our team.\n\n" + "\n".join(f"{bullet} {i}".strip() for i in items)


def sales_hits(scanner, text: str):
    doc = scanner.parse(text)
    # "no sales targets" is a pattern of its own (evidence of no selling): not what is judged here
    return [h for h in scanner.hits(doc, "body", text)
            if "targets" in h.text.lower() and not h.text.lower().startswith("no ")]


@pytest.mark.parametrize("bullet", BULLETS, ids=[b or "no-marker" for b in BULLETS])
def test_a_negated_item_does_not_negate_the_next(scanner, bullet):
    hits = sales_hits(scanner, listed(bullet))
    assert hits and not any(h.negated for h in hits), [(h.text, h.sentence) for h in hits]
    assert scanner.classify(listed(bullet)).facets.sales_level == "core"


@pytest.mark.parametrize("bullet", ["-", "*", "–", "1."])
def test_a_hedged_item_does_not_hedge_the_next(scanner, bullet):
    text = listed(bullet, ["Retail experience desirable", "Sales targets and commission"])
    hits = sales_hits(scanner, text)
    assert hits and not any(h.hedged for h in hits)


def test_within_one_item_negation_still_counts(scanner):
    hits = sales_hits(scanner, listed("-", ["No sales targets or commission", "Answer customer calls"]))
    assert hits and all(h.negated for h in hits)


def test_the_quoted_sentence_is_the_item_without_the_next_bullet(scanner):
    text = listed("-")
    [sentence] = {h.sentence for h in sales_hits(scanner, text)}
    assert sentence == "Sales targets and commission"


@pytest.mark.parametrize("heading", ["Responsibilities:", "RESPONSIBILITIES", "What you will do", "## Duties"])
def test_a_heading_line_is_a_sentence_of_its_own(scanner, heading):
    text = f"No experience needed\n{heading}\nSales targets and commission"
    sentences = [s.text.strip() for s in scanner.parse(text).sents]
    assert heading.strip() in sentences or heading.strip("# ") in " ".join(sentences)
    assert "Sales targets and commission" in sentences


def test_run_together_headings_and_items_from_stripped_html(scanner):
    text = ("We support our continued growth.Responsibilities:Answer calls in a timely manner"
            "Perform mail duties and keep logsMaintain customer records")
    sentences = [s.text for s in scanner.parse(text).sents]
    assert sentences == ["We support our continued growth.", "Responsibilities:", "Answer calls in a timely manner",
                         "Perform mail duties and keep logs", "Maintain customer records"]


def test_a_hard_wrapped_sentence_stays_one_sentence(scanner):
    text = "You will answer customer calls and\nhandle complaints with care."
    assert len(list(scanner.parse(text).sents)) == 1


def _verdict_from(tmp_path, name: str, content, scanner):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    [doc] = list(read_inputs([path]))
    return scanner.classify_document(doc)


@pytest.mark.parametrize("fmt", ["txt", "md", "html", "docx"])
def test_list_items_in_every_format(tmp_path, scanner, fmt):
    title, lead = "Customer Advisor", "We are hiring advisors for our team."
    content = {
        "txt": f"{title}\n\n{lead}\n\n" + "\n".join(f"- {i}" for i in ITEMS) + "\n",
        "md": f"# {title}\n\n{lead}\n\n" + "\n".join(f"* {i}" for i in ITEMS) + "\n",
        "html": make_html(title, [lead, *ITEMS]),
        "docx": make_docx(title, [lead, *ITEMS]),
    }[fmt]
    verdict = _verdict_from(tmp_path, f"ad.{fmt}", content, scanner)
    sales = [e for e in verdict.evidence if "targets" in e.text.lower()]
    assert sales and not any(e.negated for e in sales), [(e.text, e.sentence) for e in sales]
    assert verdict.facets.sales_level == "core"
