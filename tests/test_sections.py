"""Sections: headings found in every style and format, named by the rules' heading phrases,
carried by every piece of evidence, and weighed (legal boilerplate counts nothing)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from jdscan.cli import EXIT_ERROR, EXIT_SUCCESS, app
from jdscan.errors import RuleError
from jdscan.readers import read_inputs
from jdscan.ruleset import load_rules
from jdscan.text.outline import HeadingReader

from .files import make_docx

RULES = load_rules()
READER = HeadingReader({s.kind: s.headings for s in RULES.sections.sections})
EXAMPLES = [(kind, expected, heading) for _, _, _, kind, expected, heading in RULES.section_examples]


def headings(text: str) -> list[tuple[str, str]]:
    return [(h.text, h.kind) for h in READER.read(text).headings]


@pytest.mark.parametrize("line, kind", [
    ("Key Responsibilities:", "duties"), ("REQUIREMENTS", "requirements"), ("## About us", "company"),
    ("Job Description", "duties"), ("Skills and Experience", "requirements"), ("**Benefits**", "benefits"),
    ("How to apply:", "apply"), ("Equal Opportunity Employer", "legal"), ("OUR TEAM", "other"),
    ("Working with us:", "other"),
])
def test_a_heading_line_in_each_style(line, kind):
    found = headings(f"Intro text here.\n{line}\nSome words follow.")
    assert [k for _, k in found] == [kind], found


@pytest.mark.parametrize("line", [
    "Customer service experience", "Answer customer calls and emails.", "- Handle complaints",
    "You will have excellent communication skills and a positive attitude.",
])
def test_list_items_and_sentences_are_not_headings(line):
    assert headings(f"Intro text here.\n{line}\nSome words follow.") == []


def test_a_heading_glued_to_the_text_before_it():
    text = "We support our continued growth.Responsibilities:Answer calls in a timely mannerRequirements:Patience"
    assert headings(text) == [("Responsibilities", "duties"), ("Requirements", "requirements")]


def test_text_before_the_first_heading_is_other():
    outline = READER.read("About the job.\nDuties:\nAnswer calls.")
    assert outline.kind_at(0) == "other" and outline.kind_at(len("About the job.\nDuties:\nAn")) == "duties"


@pytest.mark.parametrize("kind, expected, heading", EXAMPLES, ids=[f"{k}-{e}-{h}" for k, e, h in EXAMPLES])
def test_section_examples(kind, expected, heading):
    assert (READER.kind_of(heading) == kind) == (expected == "match")


AD = ("We are a friendly team in Leeds.\n\n{h}Responsibilities\n- Answer customer calls\n- Handle complaints\n\n"
      "{h}Requirements\n- Call centre experience preferred\n\n{h}Equal Opportunity\n"
      "We welcome customers and applicants of every background.\n")


@pytest.mark.parametrize("fmt", ["txt", "md", "html", "docx"])
def test_evidence_carries_its_section_in_every_format(tmp_path, scanner, fmt):
    if fmt == "html":
        content = ("<html><body><h1>Customer Advisor</h1><p>We are a friendly team in Leeds.</p>"
                   "<h2>Responsibilities</h2><ul><li>Answer customer calls</li><li>Handle complaints</li></ul>"
                   "<h3>Requirements</h3><ul><li>Call centre experience preferred</li></ul>"
                   "<h2>Equal Opportunity</h2><p>We welcome customers and applicants of every background.</p>"
                   "</body></html>")
    elif fmt == "docx":
        content = make_docx("Customer Advisor", [])
        import io

        import docx

        document = docx.Document(io.BytesIO(content))
        document.add_paragraph("We are a friendly team in Leeds.")
        for heading, lines in (("Responsibilities", ["Answer customer calls", "Handle complaints"]),
                               ("Requirements", ["Call centre experience preferred"]),
                               ("Equal Opportunity", ["We welcome customers and applicants of every background."])):
            document.add_heading(heading, level=2)
            for line in lines:
                document.add_paragraph(line, style="List Bullet")
        out = io.BytesIO()
        document.save(out)
        content = out.getvalue()
    else:
        content = ("Customer Advisor\n\n" if fmt == "txt" else "# Customer Advisor\n\n") + \
            AD.format(h="## " if fmt == "md" else "")
    path = tmp_path / f"ad.{fmt}"
    path.write_bytes(content) if isinstance(content, bytes) else path.write_text(content, encoding="utf-8")
    [doc] = list(read_inputs([path]))
    verdict = scanner.classify_document(doc)
    sections = {e.text: e.section for e in verdict.evidence}
    assert sections["Answer customer calls"] == "duties" and sections["Handle complaints"] == "duties"
    assert sections["Call centre"] == "requirements"
    assert [k for k, _, _ in verdict.sections] == ["duties", "requirements", "legal"]
    legal = [e for e in verdict.evidence if e.section == "legal"]
    assert legal and all(e.score == 0 for e in legal)  # boilerplate says nothing about the role


def test_an_ad_without_headings_has_no_sections(scanner):
    verdict = scanner.classify("Answer customer calls and handle complaints from our office in Leeds.")
    assert verdict.sections == () and {e.section for e in verdict.evidence} == {"other"}


def test_check_names_the_duties_heading_when_none_reads_as_the_role(tmp_path, monkeypatch):
    draft = tmp_path / "draft.md"
    draft.write_text("---\ntitle: Retail Assistant\nrole: retail\n---\nJoin our friendly shop in Leeds.\n\n"
                     "Responsibilities:\n- Prepare the weekly rota\n- Order stationery\n- Keep the filing up to date\n"
                     "- Book meeting rooms\n- Greet visitors\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(draft), "--format", "json"])
    [checked] = json.loads(result.stdout)["drafts"]
    messages = [f["message"] for f in checked["findings"]
                if f["code"] == "missing-dimension" and "tasks" in f["message"]]
    assert messages and "say what the person does day to day" in messages[0]
    assert "never does" not in messages[0], messages[0]


def sections_folder(tmp_path, kind: str, headings: str, match: str, more: str = ""):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "sections.yaml").write_text(
        f"kind: sections\nsections:\n  - kind: {kind}\n    headings: [{headings}]\n"
        f"    examples: {{match: [{match}], no_match: [\"About us\"]}}\n{more}", encoding="utf-8")
    return folder


def test_a_user_sections_file_adds_headings_and_replaces_weights(tmp_path, scanner):
    folder = sections_folder(tmp_path, "duties", '"your mission"', '"Your Mission:"',
                             "weights:\n  requirements: {setting: 0.25}\n")
    rules = load_rules([folder])
    reader = HeadingReader({s.kind: s.headings for s in rules.sections.sections})
    assert reader.kind_of("Your Mission:") == "duties" and reader.kind_of("Responsibilities") == "duties"
    assert rules.section_weights()[("requirements", "setting")] == 0.25
    assert rules.section_weights()[("legal", "tasks")] == 0  # the bundled weights stay


def test_a_broken_sections_file_is_reported_with_file_and_line(tmp_path):
    folder = sections_folder(tmp_path, "perks", '"perks"', '"Perks"')
    with pytest.raises(RuleError) as exc:
        load_rules([folder])
    assert "sections.yaml:3" in str(exc.value) and "sections.0.kind" in str(exc.value)
    result = CliRunner().invoke(app, ["rules", "validate", str(folder)])
    assert result.exit_code == EXIT_ERROR


def test_rules_test_runs_the_section_examples(tmp_path):
    folder = sections_folder(tmp_path, "benefits", '"goodies"', '"Goodies", "Treats"')
    result = CliRunner().invoke(app, ["rules", "test", str(folder)])
    assert result.exit_code != EXIT_SUCCESS
    assert "sections.yaml:5: sections.0.examples.match.1: benefits should match 'Treats' (opens other" in result.stdout
