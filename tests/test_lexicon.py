"""The fitted lexicon of words: what becomes a term (and what never does), the file it is
written to (byte-identical on a refit, errors with file and line), verdicts that stay exact
sums with a `words` term, and where people see it (the table, explain, --no-lexicon)."""

from __future__ import annotations

import json
import math
import re
from itertools import product

import pytest
from typer.testing import CliRunner

from jdscan.cli import EXIT_ERROR, EXIT_SUCCESS, app
from jdscan.errors import RuleError
from jdscan.evaluate.words import candidates
from jdscan.ruleset import bundled_rules_dir, load_rules
from jdscan.ruleset.lexicon import lexicon_yaml
from jdscan.text.document import Document

runner = CliRunner()
SERVICE = ["Answer customer enquiries by phone and email and resolve complaints for our customers.",
           "Help customers with orders, refunds and returns by phone, email and live chat.",
           "Resolve customer complaints and enquiries by email; keep account notes up to date."]
SALES = ["Visit clients across your territory and close deals face to face; company car provided.",
         "Win new business on the road: visit prospects, negotiate and close deals face to face.",
         "Drive to client sites across the region, present our range and close deals in person."]


def terms_of(scanner, text: str, title: str = "") -> dict[str, float]:
    from jdscan.text.document import Document

    scanner.read_terms = scanner.all_terms = True
    try:
        return scanner.term_counts(next(scanner.readings([Document(None, title, text)])))
    finally:
        scanner.read_terms, scanner.all_terms = scanner.lexicon is not None, False


def test_what_is_not_the_job_never_becomes_a_term(scanner):
    text = ("Call ****** now on 0800 123 456, see https://jobs.example.com/apply or write to hr@example.com. "
            "Show more. You will answer customer calls. There is no cold calling.")
    found = terms_of(scanner, text, "Customer Adviser")
    assert "title:customer" in found and "body:customer call" in found
    assert not [t for t in found if any(bad in t for bad in ("*", "0800", "http", "example", "@", "show more"))]
    assert "body:cold calling" not in found and "body:cold" not in found  # negated: counts nothing
    assert "body:the" not in found and "body:a" not in found  # stop words alone are no terms


def test_terms_need_three_ads_and_two_collections():
    terms = [{"body:till": 1}, {"body:till": 1}, {"body:till": 1, "body:rare": 1},
             {"body:board boilerplate": 1}, {"body:board boilerplate": 1}, {"body:board boilerplate": 1}]
    corpora = ["a", "b", "a", "c", "c", "c"]
    assert candidates(terms, corpora).terms == ["body:till"]
    # without known collections the guard cannot apply, and three ads suffice
    assert candidates(terms, [""] * 6).terms == ["body:board boilerplate", "body:till"]


def test_the_file_reads_back_as_written_and_a_bad_line_is_an_error(tmp_path):
    entries = {"body:close deal": (2.5, {"field-sales": 0.81, "internal-sales": -0.2, "other": 0.0}),
               "title:adviser": (1.75, {"customer-service": 0.4})}
    text = lexicon_yaml("any", {"command": "jdscan rules fit x.jsonl"}, (2.0, 3.0), entries)
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "lexicon.yaml").write_text(text)
    assert load_rules([folder]).lexicon is None  # no weights beside it: the fit it belongs to is not here
    (folder / "weights.yaml").write_text((bundled_rules_dir() / "weights.yaml").read_text())
    lexicon = load_rules([folder]).lexicon
    assert lexicon.scales == (2.0, 3.0)
    assert lexicon.entries == {"body:close deal": (2.5, (("field-sales", 0.81), ("internal-sales", -0.2))),
                               "title:adviser": (1.75, (("customer-service", 0.4),))}
    (folder / "lexicon.yaml").write_text(text.replace("customer-service 0.4", "nobody 0.4"))
    with pytest.raises(RuleError) as exc:
        load_rules([folder])
    line = text.splitlines().index("  title:adviser | 1.75 | customer-service 0.4") + 1
    assert f"lexicon.yaml:{line}: terms: not a term of the loaded roles" in str(exc.value)
    (folder / "lexicon.yaml").write_text(text.replace("| 1.75 |", "| 1..75 |"))  # a problem, not a crash
    with pytest.raises(RuleError) as exc:
        load_rules([folder])
    assert f"lexicon.yaml:{line}: terms: not a term of the loaded roles" in str(exc.value)


def labelled(tmp_path):
    rows = [{"id": f"s{i}{k}", "text": t, "label": "customer-service", "source": f"corpus-{k}@x:y"}
            for i, t in enumerate(SERVICE) for k in range(2)]
    rows += [{"id": f"f{i}{k}", "text": t, "label": "field-sales", "source": f"corpus-{k}@x:y"}
             for i, t in enumerate(SALES) for k in range(2)]
    path = tmp_path / "labelled.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def fitted(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("lexicon")
    folder = tmp / "rules"
    folder.mkdir()
    data = labelled(tmp)
    done = runner.invoke(app, ["rules", "fit", str(data), "--folds", "2", "--output", str(folder / "weights.yaml")])
    assert done.exit_code == EXIT_SUCCESS, done.output
    again = runner.invoke(app, ["rules", "fit", str(data), "--folds", "2", "--output", str(tmp / "again.yaml")])
    assert again.exit_code == EXIT_SUCCESS
    return folder, tmp


def test_a_refit_writes_the_same_lexicon_byte_for_byte(fitted):
    folder, tmp = fitted
    assert (folder / "lexicon.yaml").read_bytes() == (tmp / "lexicon.yaml").read_bytes()
    text = (folder / "lexicon.yaml").read_text()
    assert "kind: lexicon" in text and "labelled.jsonl" in text and "sha256" in text
    assert "body:close deal |" in text and "field-sales" in text


def test_a_verdict_with_a_lexicon_is_still_an_exact_sum(fitted):
    from jdscan.scanner import Scanner
    from jdscan.score.fitted import length_term
    from jdscan.score.words import word_scores

    folder, _ = fitted
    scanner = Scanner([folder])
    assert scanner.lexicon is not None
    assert scanner.untitled.lexicon is not None and scanner.untitled.fitted is not scanner.fitted
    for text, title in product(SERVICE + SALES + ["Close deals with clients by phone."], ["", "Adviser"]):
        v = scanner.classify(text, title)
        reading = next(scanner.readings([Document(None, title, text)]))
        w = scanner.weighing if title else scanner.untitled  # an untitled ad: the fit for such ads
        every, _ = word_scores(reading.terms, w.lexicon, (title, text))
        z = length_term(v.words, scanner.scoring)
        for r in v.ranking:
            words = r.dimensions.get("words", 0.0)
            assert words == pytest.approx(every.get(r.role, 0.0), abs=0.002)
            base = w.fitted.bias.get(r.role, 0) + w.fitted.length.get(r.role, 0) * z
            rules = sum(e.score for e in v.evidence if e.role == r.role and e.dimension != "words")
            assert r.score == pytest.approx(base + r.dimensions.get("precedence", 0.0) + words + rules, abs=0.01)
        shown = [e for e in v.evidence if e.dimension == "words"]
        assert all((title if e.source == "title" else text)[e.start:e.end] == e.text and e.rule_id == "lexicon"
                   for e in shown)
    assert math.isclose(sum(scanner.lexicon.scales), 5.0)


def test_the_table_and_explain_show_the_words_and_no_lexicon_leaves_them_out(fitted, tmp_path):
    folder, _ = fitted
    ad = tmp_path / "ad.txt"
    ad.write_text("Field Sales Executive\n\n" + SALES[0])
    env = {"COLUMNS": "160", "NO_COLOR": "1"}
    table = runner.invoke(app, ["classify", str(ad), "--rules", str(folder), "--format", "table"], env=env)
    words_row = [line for line in table.stdout.splitlines() if line.lstrip().startswith("words")]
    assert words_row and re.search(r'words +[+-]\d+\.\d: "[a-z ]+" \d', words_row[0]), table.stdout
    explained = runner.invoke(app, ["explain", str(ad), "--rules", str(folder)], env=env)
    assert " words " in explained.stdout and words_row[0].strip() in explained.stdout
    plain = runner.invoke(app, ["classify", str(ad), "--rules", str(folder), "--format", "json", "--no-lexicon"])
    verdict = json.loads(plain.stdout)
    assert all("words" not in r["dimensions"] for r in verdict["ranking"])
    assert not [role for role, dims in verdict["evidence"].items() if "words" in dims]
    with_words = json.loads(runner.invoke(app, ["classify", str(ad), "--rules", str(folder), "--format", "json"]).stdout)
    assert [e for dims in with_words["evidence"].values() for e in dims.get("words", []) if e["rule_id"] == "lexicon"]


def test_a_users_weights_without_a_lexicon_leave_the_bundled_lexicon_out(tmp_path):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "weights.yaml").write_text((bundled_rules_dir() / "weights.yaml").read_text())
    assert load_rules([folder]).lexicon is None  # the bundled lexicon was fitted with other weights


def test_a_fit_to_stdout_needs_no_lexicon_or_an_output(tmp_path):
    done = runner.invoke(app, ["rules", "fit", str(labelled(tmp_path))])
    assert done.exit_code == EXIT_ERROR and "--no-lexicon --untitled 0" in done.stderr
    assert runner.invoke(app, ["rules", "fit", str(labelled(tmp_path)), "--no-lexicon"]).exit_code == EXIT_ERROR
    alone = runner.invoke(app, ["rules", "fit", str(labelled(tmp_path)), "--no-lexicon", "--untitled", "0"])
    assert alone.exit_code == EXIT_SUCCESS and alone.stdout.startswith("# Generated by `jdscan rules fit`")
    assert "kind: weights\nprovenance:" in alone.stdout  # no `ads:` line: the fit for any ad


def test_the_bundled_rules_load_with_their_lexicon():
    rules = load_rules()
    if not (bundled_rules_dir() / "lexicon.yaml").exists():
        pytest.skip("no lexicon is bundled")
    assert rules.lexicon is not None and len(rules.lexicon.entries) > 100


def test_classifying_finds_the_lexicons_terms_as_the_fit_counts_them(scanner):
    """lexicon_terms (arrays, at classify time) agrees with doc_terms (what a fit reads),
    counts, hedges, negations and first places included."""
    from jdscan.match.terms import term_text
    from jdscan.text.document import Document

    assert scanner.lexicon is not None
    strings, names = scanner.nlp.vocab.strings, set(scanner.lexicon.names)
    for title, text in [("Customer Service Adviser", SERVICE[0] + " " + SERVICE[1]),
                        ("Field Sales Executive", SALES[0] + " You may not need to close deals by phone.")]:
        doc = Document(None, title, text)
        fast = next(scanner.readings([doc])).terms
        scanner.all_terms = True
        try:
            every = next(scanner.readings([doc])).terms
        finally:
            scanner.all_terms = False
        slow = {term_text(k, strings): v for k, v in every.items() if term_text(k, strings) in names and v[0] > 0}
        got = {scanner.lexicon.names[r]: [c, s, e] for r, c, s, e in
               zip(fast.rows.tolist(), fast.counts.tolist(), fast.starts.tolist(), fast.ends.tolist())}
        assert got == slow and got


def test_a_batch_finds_each_ads_terms_as_the_ad_read_alone(scanner):
    """Terms are looked up for a whole batch at once (each lexicon's ads together): an ad's
    terms, counts and places do not depend on the ads beside it."""
    import numpy

    from jdscan.text.document import Document

    docs = [Document(None, "Customer Service Adviser", SERVICE[0]), Document(None, "", SALES[0]),
            Document(None, "Sales", ""), Document(None, "Field Sales Executive", SALES[0] + " " + SERVICE[1]),
            Document(None, "", SERVICE[1] + " Not sales."),
            # Two ads without a title, read together: no term runs from one into the next.
            Document(None, "", "We value every customer"), Document(None, "", "service matters here")]
    together = [r.terms for r in scanner.readings(docs)]
    for doc, found in zip(docs, together):
        alone = next(scanner.readings([doc])).terms
        assert all(numpy.array_equal(a, b) for a, b in zip(found, alone)), doc
    assert len(together[0].rows) and len(together[1].rows)


def test_the_fit_for_untitled_ads_counts_only_beside_the_weights_it_was_fitted_with(tmp_path):
    bundled = bundled_rules_dir()
    assert load_rules().untitled is not None
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "weights.yaml").write_text((bundled / "weights.yaml").read_text())
    assert load_rules([folder]).untitled is None  # the bundled one pairs with the bundled weights only
    untitled = (bundled / "untitled-weights.yaml").read_text()
    (folder / "untitled-weights.yaml").write_text(untitled)
    weights, words = load_rules([folder]).untitled
    assert weights.ads == "untitled" and words is None  # no untitled lexicon in this folder
    (folder / "untitled-weights.yaml").write_text(untitled.replace("\n  field-sales:", "\n  astronaut:", 1))
    with pytest.raises(RuleError) as exc:
        load_rules([folder])
    assert "untitled-weights.yaml:" in str(exc.value) and "no loaded role is called 'astronaut'" in str(exc.value)
