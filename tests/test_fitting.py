"""Fitted weights: deterministic fits, verdicts that are exact sums, calibration figures on
data where the answer is known, folds that keep near-duplicates together, and clear errors."""

from __future__ import annotations

import json
import math
from itertools import product

import numpy
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from jdscan.cli import EXIT_ERROR, EXIT_SUCCESS, app
from jdscan.errors import RuleError
from jdscan.evaluate.calibration import (
    at_coverage,
    expected_calibration_error,
    fit_temperature,
    fit_top_label,
    reliability,
    threshold_for,
)
from jdscan.evaluate.fit import softmax
from jdscan.evaluate.folds import grouped_folds, near_duplicate_groups
from jdscan.model import Evidence
from jdscan.ruleset import load_rules
from jdscan.score.fitted import FittedWeights, fitted_rank, length_term, top_label

from .conftest import ROOT
from .test_rule_validation import GOOD_ROLE

runner = CliRunner()

# A collections role, and ads written for this test: collections work, and other work.
COLLECTIONS = [
    "Call customers whose payments are overdue and agree a payment plan with each of them.",
    "You will work through arrears cases, agree payment plans and record account notes.",
    "Help customers in arrears get back on track with a payment plan they can keep.",
    "Agree a payment plan on every overdue account and follow up missed payments.",
]
OTHERS = [
    "Serve walk-in customers at the till and keep the shelves stocked in our shop.",
    "Visit clients across the region and close deals face to face; company car provided.",
    "Answer customer enquiries by phone and email and resolve complaints quickly.",
    "Run the monthly payroll, reconcile ledgers and prepare reports for the finance team.",
]


def labelled(tmp_path, extra_role="collections"):
    rows = [{"id": f"c{i}", "text": t, "label": extra_role} for i, t in enumerate(COLLECTIONS)]
    labels = ["retail", "field-sales", "customer-service", "other"]
    rows += [{"id": f"o{i}", "text": t, "label": lab} for i, (t, lab) in enumerate(zip(OTHERS, labels))]
    path = tmp_path / "labelled.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows * 2), encoding="utf-8")
    return path


@pytest.fixture
def my_rules(tmp_path):
    folder = tmp_path / "my-rules"
    folder.mkdir()
    (folder / "collections.yaml").write_text(GOOD_ROLE, encoding="utf-8")
    return folder


def fit_cli(*args):
    return runner.invoke(app, ["rules", "fit", *map(str, args)])


def test_fitting_twice_gives_the_same_file_and_changes_the_custom_role(tmp_path, my_rules):
    data = labelled(tmp_path)
    first = fit_cli(data, "--rules", my_rules, "--folds", "2", "--l2", "0.1")
    assert first.exit_code == EXIT_SUCCESS, first.output
    written = (my_rules / "weights.yaml").read_text()
    assert "wrote" in first.stderr and "labelled.jsonl" in written and "sha256" in written
    again = fit_cli(data, "--rules", my_rules, "--folds", "2", "--l2", "0.1", "--output", tmp_path / "again.yaml")
    assert again.exit_code == EXIT_SUCCESS and (tmp_path / "again.yaml").read_text() == written
    rules = load_rules([my_rules])
    fitted = rules.weights.weights["col-task-arrears"]
    assert fitted["collections"] > 2  # the hand weight was 2: the data say it counts for more
    from jdscan.scanner import Scanner

    scanner = Scanner([my_rules])
    verdict = scanner.classify(COLLECTIONS[0], title="Arrears Adviser")
    assert verdict.role == "collections" and verdict.confidence > 0.5
    assert any(e.rule_id == "col-task-arrears" and e.weight == round(fitted["collections"], 3)
               for e in verdict.evidence)
    # An ad without a title is weighed by the fit for such ads, written beside the first.
    assert rules.untitled is not None and "ads: untitled" in (my_rules / "untitled-weights.yaml").read_text()
    untitled = rules.untitled[0].weights["col-task-arrears"]["collections"]
    assert untitled != fitted["collections"]
    assert any(e.rule_id == "col-task-arrears" and e.weight == round(untitled, 3)
               for e in scanner.classify(COLLECTIONS[0]).evidence)


def test_a_bad_labelled_file_is_exit_2_with_file_and_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "x", "label": "retail"}\nnot json\n{"text": "y", "label": "astronaut"}\n')
    result = fit_cli(bad)
    assert result.exit_code == EXIT_ERROR
    assert f"{bad}:2: not valid JSON" in result.stderr and f"{bad}:3: label 'astronaut'" in result.stderr
    missing = fit_cli(tmp_path / "none.jsonl")
    assert missing.exit_code == EXIT_ERROR and "no such file" in missing.stderr


def test_a_bad_prior_is_exit_2(tmp_path):
    result = runner.invoke(app, ["eval", "--cv", "2", str(labelled(tmp_path, "customer-service")), "--prior",
                                 "astronaut=1"])
    assert result.exit_code == EXIT_ERROR and "unknown roles ['astronaut']" in result.stderr


def test_a_bad_file_weight_is_exit_2_and_names_the_files(tmp_path):
    data = labelled(tmp_path, "customer-service")
    for spec in ("other.jsonl=0.5", "labelled.jsonl=heavy", "labelled.jsonl"):
        result = runner.invoke(app, ["eval", "--cv", "2", str(data), "--file-weight", spec])
        assert result.exit_code == EXIT_ERROR, spec
        assert f"--file-weight {spec!r}" in result.stderr and "(labelled.jsonl)" in result.stderr
        assert "try labelled.jsonl=0.5" in result.stderr


def test_a_file_weight_scales_its_ads_and_is_recorded(tmp_path, my_rules):
    from jdscan.fitting import parse_file_weights

    assert parse_file_weights(("data/a.jsonl=0.25", "b.jsonl=2"), ["a.jsonl", "b.jsonl"]) == [("a.jsonl", 0.25),
                                                                                             ("b.jsonl", 2.0)]
    data = labelled(tmp_path)
    plain = runner.invoke(app, ["eval", "--cv", "2", str(data), "--rules", str(my_rules), "--format", "json"])
    light = runner.invoke(app, ["eval", "--cv", "2", str(data), "--rules", str(my_rules), "--format", "json",
                                "--file-weight", f"{data}=0.01"])
    assert plain.exit_code == light.exit_code == EXIT_SUCCESS, light.output
    assert json.loads(light.stdout)["file_weights"] == {"labelled.jsonl": 0.01}
    assert json.loads(plain.stdout)["file_weights"] == {}
    out = tmp_path / "w" / "weights.yaml"
    out.parent.mkdir()
    fitted = fit_cli(data, "--rules", my_rules, "--folds", "2", "--no-lexicon", "--file-weight", f"{data}=0.5",
                     "--output", out)
    assert fitted.exit_code == EXIT_SUCCESS, fitted.output
    assert "--file-weight labelled.jsonl=0.5" in out.read_text() and "file_weights" in out.read_text()


def test_eval_cv_reports_held_out_figures_per_file(tmp_path):
    result = runner.invoke(app, ["eval", "--cv", "2", str(labelled(tmp_path, "customer-service")), "--format", "json"])
    assert result.exit_code == EXIT_SUCCESS, result.output
    report = json.loads(result.stdout)
    [figures] = report["files"]
    assert figures["file"] == "labelled.jsonl" and figures["ads"] == 16
    assert 0 <= figures["accuracy"] <= 1 and "ece" in figures and len(figures["coverage"]) == 6


def test_eval_cv_repeats_reports_each_figures_mean_and_range(tmp_path):
    path = labelled(tmp_path, "customer-service")
    result = runner.invoke(app, ["eval", "--cv", "2", "--repeats", "3", "--seed", "4", str(path), "--format", "json"])
    assert result.exit_code == EXIT_SUCCESS, result.output
    report = json.loads(result.stdout)
    assert report["seeds"] == [4, 5, 6] and [run["seed"] for run in report["runs"]] == [4, 5, 6]
    [figures] = report["files"]
    runs = [run["files"][0]["accuracy"] for run in report["runs"]]
    assert figures["accuracy"] == {"mean": round(sum(runs) / 3, 4), "low": min(runs), "high": max(runs)}
    assert figures["file"] == "labelled.jsonl" and figures["ads"] == 16
    # each run is what a single cross-validation with its seed gives
    single = runner.invoke(app, ["eval", "--cv", "2", "--seed", "5", str(path), "--format", "json"])
    assert json.loads(single.stdout)["files"] == report["runs"][1]["files"]


def test_repeats_without_cross_validation_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["eval", "--repeats", "3", str(labelled(tmp_path, "customer-service"))])
    assert result.exit_code == EXIT_ERROR
    assert "--repeats 3" in result.output and "try --cv 5 --repeats 3" in result.output


def test_repeated_figures_are_each_files_mean_lowest_and_highest():
    from jdscan.evaluate.calibration import AtCoverage
    from jdscan.evaluate.crossval import FileFigures
    from jdscan.evaluate.repeats import Spread, summarise

    def figures(name, accuracy, surest, direction):
        coverage = (AtCoverage(0.6, 0.5, surest),) if surest is not None else ()
        return FileFigures(name, 10, accuracy, accuracy / 2, 0.1, (), coverage, direction)

    runs = [[figures("a", 0.7, 0.9, 0.5), figures("b", 0.6, None, None)],
            [figures("a", 0.8, 0.8, None), figures("b", 0.9, None, None)]]
    a, b = summarise(runs)
    assert a.accuracy == pytest.approx(Spread(0.75, 0.7, 0.8)) and a.macro_f1 == pytest.approx(Spread(0.375, 0.35, 0.4))
    assert a.surest == pytest.approx(Spread(0.85, 0.8, 0.9))
    assert a.direction is None  # not labelled in every run's ads: no figure rather than a part of one
    assert b.file == "b" and b.accuracy.mean == pytest.approx(0.75) and b.surest is None


def test_a_role_replaced_after_the_fit_keeps_the_fit_for_what_it_still_has(tmp_path):
    from jdscan.ruleset.load import bundled_rules_dir

    folder = tmp_path / "rules"
    folder.mkdir()
    role = (bundled_rules_dir() / "retention.yaml").read_text()
    assert "- id: rn-title-retention" in role
    (folder / "retention.yaml").write_text(role.replace("- id: rn-title-retention", "- id: rn-title-mine"))
    rules = load_rules([folder])  # the bundled fit names rn-title-retention, which is gone: not an error
    for weights in (rules.weights, rules.untitled[0]):
        assert "rn-title-retention" not in weights.weights
        assert weights.weights.keys() < load_rules().weights.weights.keys()
    from jdscan.scanner import Scanner

    verdict = Scanner([folder]).classify("We keep customers who call to cancel.", title="Retention Advisor")
    mine = [e for e in verdict.evidence if e.rule_id == "rn-title-mine"]
    assert mine and mine[0].weight == rules.roles["retention"].title[0].weight  # its hand weight


@pytest.mark.parametrize("section, key", [("weights", "no-such-group"), ("precedence", "call-centre-9")])
def test_a_stale_weights_file_is_an_error_with_file_and_line(tmp_path, section, key):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "weights.yaml").write_text(f"kind: weights\ntemperature: 2\n{section}:\n  {key}:\n"
                                         "    retail: 1.0\n", encoding="utf-8")
    with pytest.raises(RuleError) as exc:
        load_rules([folder])
    assert "weights.yaml:4" in str(exc.value) and key in str(exc.value)


def test_a_frame_row_for_a_role_not_loaded_is_an_error_with_file_and_line(tmp_path):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "weights.yaml").write_text("kind: weights\ntemperature: 2\nframes:\n  company:\n    retail:\n"
                                         "      no-such-role: 1.0\n", encoding="utf-8")
    with pytest.raises(RuleError) as exc:
        load_rules([folder])
    assert "weights.yaml:6" in str(exc.value) and "frames.company.retail.no-such-role" in str(exc.value)


def test_evidence_in_a_frame_counts_its_groups_row_plus_the_frames(scanner):
    text = ("We are a leading contact centre outsourcer. You will answer customer calls and resolve "
            "complaints. Previous call centre experience is essential.")
    v = scanner.classify(text)
    framed = [e for e in v.evidence if e.frame != "duty" and e.dimension != "words"]
    assert {e.frame for e in framed} >= {"company", "requirement"}
    fitted = scanner.untitled.fitted  # an ad without a title: weighed by the fit for such ads
    rows, frames, owners = fitted.rows, fitted.frames, fitted.owners
    for e in framed:
        expected = dict(rows[e.rule_id]).get(e.role, 0.0) + dict(frames.get((e.frame, owners[e.rule_id]), ())).get(
            e.role, 0.0)
        assert e.weight == pytest.approx(expected, abs=1e-9), e


ROLES = {}


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["retail", "other", "field-sales"]), st.floats(-5, 5)), max_size=12),
       st.integers(0, 5000), st.floats(0.5, 5), st.floats(0.3, 2), st.floats(-1, 1))
def test_a_fitted_score_is_the_exact_sum_of_what_the_verdict_shows(items, words, temperature, slope, offset):
    rules = ROLES.setdefault("rules", load_rules())
    fitted = FittedWeights({}, {}, {"retail": 0.5, "other": -0.25}, {"other": 4.0}, temperature,
                           slope=slope, offset=offset)
    evidence = [Evidence(role, "tasks", f"r{i}", "x", 0, 1, "x", "body", 1.0, score=round(s, 4))
                for i, (role, s) in enumerate(items)]
    sums = {}
    for e in evidence:
        sums[e.role, e.dimension] = sums.get((e.role, e.dimension), 0.0) + e.score
    ranking, margin = fitted_rank(sums, fitted, rules.roles, rules.context.scoring, words)
    z = length_term(words, rules.context.scoring)
    raw = softmax(numpy.array([[r.score for r in ranking]]) / temperature)[0]
    assert margin == pytest.approx(raw[0] - raw[1], abs=2e-3)  # the model's lead, before the top is calibrated
    p = min(max(raw[0], 1e-9), 1 - 1e-9)
    mapped = 1 / (1 + math.exp(-(slope * math.log(p / (1 - p)) + offset)))
    floor = raw[1] / (sum(raw[1:]) + raw[1])  # never under the runner-up's scaled share
    assert ranking[0].confidence == pytest.approx(max(mapped, floor), abs=2e-3)
    for r in ranking:
        own = sum(e.score for e in evidence if e.role == r.role)
        base = fitted.bias.get(r.role, 0) + fitted.length.get(r.role, 0) * z
        assert r.score == pytest.approx(base + own, abs=2e-3)
        assert r.score == pytest.approx(base + sum(r.dimensions.values()), abs=2e-3)
    assert sum(r.confidence for r in ranking) == pytest.approx(1, abs=1e-3)
    assert [r.score for r in ranking] == sorted((r.score for r in ranking), reverse=True)
    assert [r.confidence for r in ranking[1:]] == sorted((r.confidence for r in ranking[1:]), reverse=True)


def test_the_scanners_scores_add_up_to_what_it_shows(scanner):
    held = 0
    for text, title in product(COLLECTIONS + OTHERS, ["", "Adviser"]):
        v = scanner.classify(text, title)
        fitted = (scanner.weighing if title else scanner.untitled).fitted
        z = length_term(v.words, scanner.scoring)
        rows = dict(fitted.precedence)
        hand = {g: w for g, _, _, w, _ in scanner.rules.groups()}
        for r in v.ranking:
            base = fitted.bias.get(r.role, 0) + fitted.length.get(r.role, 0) * z
            # The precedence rules that hold, each adding its fitted row.
            precedence = r.dimensions.get("precedence", 0.0)
            held += bool(precedence)
            assert precedence == pytest.approx(sum(dict(row).get(r.role, 0.0) for rule, row in rows.items()
                                                   if _holds(rule, v, hand, fitted.duties_only)), abs=0.01)
            # ... and the verdict's decisions say which rules, with those same parts
            assert precedence == pytest.approx(sum(dict(d.scores).get(r.role, 0.0) for d in v.decisions), abs=0.01)
            # The lexicon's words count as one term (its evidence shows the strongest terms only;
            # tests/test_lexicon.py checks that term is the sum over every term).
            words = r.dimensions.get("words", 0.0)
            assert r.score == pytest.approx(base + precedence + words + sum(
                e.score for e in v.evidence if e.role == r.role and e.dimension != "words"), abs=0.01)
    assert held, "no precedence rule held: the test cannot see the precedence term"


def _holds(rule, v, hand: dict[str, float], duties_only: bool = False) -> bool:
    """A precedence rule holds when its groups' plain evidence for its own role, at hand
    weight (fitted score / fitted weight = strength), reaches min_score."""
    plain = [e for e in v.evidence if e.role == rule.role and e.rule_id in rule.when and not e.hedged and e.weight
             and (e.frame == "duty" or not duties_only)]
    return sum(e.score / e.weight * hand[e.rule_id] for e in plain) >= rule.min_score


def test_calibration_figures_where_the_answer_is_known():
    rng = numpy.random.RandomState(0)
    confidence = rng.uniform(0.3, 1.0, 20000)
    correct = (rng.uniform(size=confidence.size) < confidence).astype(float)  # calibrated by construction
    assert expected_calibration_error(confidence, correct) < 0.01
    assert expected_calibration_error(numpy.full(100, 0.9), numpy.zeros(100)) == pytest.approx(0.9)
    bins = reliability(confidence, correct)
    assert [float(b.low) for b in bins] == [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] and sum(b.ads for b in bins) == 20000
    kept = at_coverage(numpy.array([0.9, 0.8, 0.7, 0.6]), numpy.array([1.0, 1.0, 0.0, 0.0]), (0.5, 1.0))
    assert [(a.threshold, a.accuracy) for a in kept] == [(0.8, 1.0), (0.6, 0.5)]
    assert threshold_for(numpy.array([0.9, 0.8, 0.7, 0.6]), numpy.array([1.0, 1.0, 1.0, 0.0]), 0.9) == 0.7


def test_the_top_label_map_that_made_the_outcomes_is_found_again():
    rng = numpy.random.RandomState(2)
    confidence = rng.uniform(0.2, 0.99, 20000)
    logit = numpy.log(confidence / (1 - confidence))
    correct = (rng.uniform(size=confidence.size) < 1 / (1 + numpy.exp(-(0.6 * logit + 0.3)))).astype(float)
    slope, offset = fit_top_label(confidence, correct)
    assert slope == pytest.approx(0.6, abs=0.05) and offset == pytest.approx(0.3, abs=0.05)
    assert fit_top_label(confidence, (rng.uniform(size=confidence.size) < confidence).astype(float)) == \
        pytest.approx((1.0, 0.0), abs=0.05)  # already calibrated: left alone


def test_the_temperature_that_made_the_labels_is_found_again():
    rng = numpy.random.RandomState(1)
    scores = rng.normal(0, 3, size=(5000, 4))
    probs = softmax(scores / 2.0)
    y = numpy.array([rng.choice(4, p=p) for p in probs])
    assert fit_temperature(scores, y) == pytest.approx(2.0, rel=0.1)


def test_near_duplicates_share_a_fold_and_folds_are_deterministic():
    base = " ".join(f"word{i}" for i in range(60))
    texts = [base, base.replace("word30", "changed"), "something else entirely " * 10,
             " ".join(f"term{i}" for i in range(60)), " ".join(f"other{i}" for i in range(60))]
    groups = near_duplicate_groups(texts)
    assert groups[0] == groups[1] and len(set(groups)) == 4
    twice = near_duplicate_groups(texts * 2, seed=7)
    folds = grouped_folds(twice, [0, 0, 1, 1, 2] * 2, 3, seed=7)
    assert folds[0] == folds[1] == folds[5] == folds[6]  # copies and near-copies together
    assert folds.tolist() == grouped_folds(near_duplicate_groups(texts * 2, seed=7), [0, 0, 1, 1, 2] * 2, 3,
                                           seed=7).tolist()


def test_needs_review_below_the_threshold_and_counted_in_summaries(tmp_path):
    from jdscan.scanner import Scanner

    strict = Scanner(review_below=1.0)
    assert strict.classify(OTHERS[0]).needs_review
    assert not Scanner(review_below=0.0).classify(OTHERS[0]).needs_review
    ads = tmp_path / "ads.jsonl"
    ads.write_text("".join(json.dumps({"text": t}) + "\n" for t in OTHERS), encoding="utf-8")
    result = runner.invoke(app, ["classify", str(ads), "--format", "markdown", "--review-below", "1"])
    assert "4 to review" in result.stdout
    csv_out = runner.invoke(app, ["classify", str(ads), "--format", "csv", "--review-below", "0"])
    assert csv_out.stdout.splitlines()[0].endswith("needs_review,error")
    assert math.isfinite(float(csv_out.stdout.splitlines()[1].split(",")[4]))


def test_the_command_lines_l2_default_is_the_libraries():
    from jdscan.cli.common import L2Opt
    from jdscan.fitting import DEFAULT_L2, FitSettings

    assert L2Opt.default == DEFAULT_L2 == FitSettings().l2


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(-30, 30), min_size=2, max_size=8), st.floats(0.05, 10), st.floats(-10, 10))
def test_the_calibrated_top_role_stays_the_top_role(scores, slope, offset):
    """A confidence map fitted on few ads can push the top role's confidence under its
    runner-up's (0.03 against 0.49): the ranking and the confidences must agree."""
    from jdscan.evaluate.calibration import Calibration

    probs = Calibration(1.0, slope, offset).probabilities(numpy.array([scores]))[0]
    top = int(softmax(numpy.array([scores]))[0].argmax())
    assert probs[top] >= probs.max() - 1e-12
    assert probs.sum() == pytest.approx(1)
    ranked = sorted(softmax(numpy.array([scores]))[0], reverse=True)
    one = top_label(list(ranked), slope, offset)
    assert one[0] >= max(one[1:]) - 1e-12 and sum(one) == pytest.approx(1)


def test_a_fit_never_replaces_the_shipped_weights_and_warns_when_roles_are_thin(tmp_path):
    from jdscan.ruleset.load import bundled_rules_dir

    shipped = bundled_rules_dir() / "weights.yaml"
    before = shipped.read_bytes()
    tour = str(ROOT / "docs" / "tour" / "ads.csv")
    result = runner.invoke(app, ["rules", "fit", tour, "--rules", str(bundled_rules_dir())])
    assert result.exit_code == EXIT_ERROR and "rules jdscan ships" in result.output and "--rules my-rules/" in result.output
    assert shipped.read_bytes() == before
    result = runner.invoke(app, ["rules", "fit", tour, "--output", str(tmp_path / "weights.yaml")])
    assert result.exit_code == EXIT_SUCCESS, result.output
    assert "warning: under 30 labelled ads of" in result.stderr and "retail (1)" in result.stderr


def test_frames_can_count_in_the_score_where_the_context_says_so(tmp_path):
    """scoring.frames_count: the fit writes a correction row per frame and role, and the
    weights file with them loads and scores."""
    from jdscan.ruleset.load import bundled_rules_dir
    from jdscan.scanner import Scanner

    folder = tmp_path / "rules"
    folder.mkdir()
    context = (bundled_rules_dir() / "context.yaml").read_text(encoding="utf-8")
    (folder / "context.yaml").write_text(context.replace("frames_count: false", "frames_count: true"), encoding="utf-8")
    tour = str(ROOT / "docs" / "tour" / "ads.csv")
    result = runner.invoke(app, ["rules", "fit", tour, "--rules", str(folder), "--no-lexicon"])
    assert result.exit_code == EXIT_SUCCESS, result.output
    written = yaml.safe_load((folder / "weights.yaml").read_text(encoding="utf-8"))
    assert set(written["frames"]) == {"requirement", "company", "offer", "path", "others"}
    assert set(written["frames"]["company"]) >= {"call-centre", "retail", "other"}
    scanner = Scanner([folder])
    assert scanner.fitted.duties_only and scanner.context.framed_words
    v = scanner.classify("We are a leading contact centre outsourcer. You will serve customers at the till.")
    assert any(e.frame == "company" for e in v.evidence)


def test_a_checkouts_own_rules_are_refitted_only_when_named_with_output():
    from jdscan.errors import UsageError
    from jdscan.fitting import fit_target
    from jdscan.ruleset.load import bundled_rules_dir

    bundled = bundled_rules_dir()
    installed = bundled.resolve() == (ROOT / "jdscan" / "rules").resolve()
    with pytest.raises(UsageError):
        fit_target(None, [bundled])  # the default place: never
    if installed:  # a wheel: never, however named
        with pytest.raises(UsageError):
            fit_target(bundled / "weights.yaml", None)
    else:  # a source checkout, whatever its folder is called: as its maintainers refit
        assert fit_target(bundled / "weights.yaml", None) == bundled / "weights.yaml"


def _tiny(terms: list[dict], y: list[int]):
    from jdscan.evaluate.features import Dataset

    n = len(y)
    return Dataset(["g"], ["a", "other"], numpy.ones((n, 1)), numpy.zeros(n), numpy.array(y), numpy.zeros(n, dtype=int),
                   ["f.jsonl"], [str(i) for i in range(n)], [""] * n, [None] * n, [{}] * n, terms, ["s1", "s2"] * (n // 2))


def test_untitled_copies_are_fitted_to_but_never_qualify_a_term():
    from jdscan.evaluate.fit import Model
    from jdscan.evaluate.training import Training, Untitled

    # "body:rare" is in two ads: read twice each (with and without the title), still two ads.
    titled = _tiny([{"title:a": 1, "body:rare": 1}, {"title:a": 1, "body:rare": 1}, {"body:common": 1},
                    {"body:common": 1}, {"body:common": 1, "title:a": 1}, {"body:x": 1}], [0, 0, 1, 1, 0, 1])
    bodies = _tiny([{k: v for k, v in t.items() if k.startswith("body:")} for t in titled.terms], titled.y.tolist())
    c = numpy.arange(1.0, 7.0)
    training = Training(titled, c, Untitled(bodies, 0.5))
    assert len(training.data.y) == 12 and training.c.tolist() == c.tolist() + (c * 0.5).tolist()
    prior = Model(numpy.zeros((1, 2)), numpy.zeros(2), numpy.zeros(2), 1.0)
    _, vocab = training.fit(numpy.arange(6), prior, 1.0, lexicon=True)
    assert vocab is not None and "body:rare" not in vocab.terms and "title:a" in vocab.terms
    assert Training(titled, c).data is titled  # no copies: the ads as they are


def test_the_untitled_weight_is_recorded_and_body_only_cv_judges_the_copies(tmp_path, my_rules):
    from jdscan.cli.common import UntitledOpt
    from jdscan.fitting import DEFAULT_UNTITLED, FitSettings

    assert UntitledOpt.default == DEFAULT_UNTITLED == FitSettings().untitled
    rows = [{"id": f"t{i}", "title": "Collections Agent", "text": t, "label": "collections"}
            for i, t in enumerate(COLLECTIONS)]
    rows += [{"id": f"o{i}", "title": "Role", "text": t, "label": "other"} for i, t in enumerate(OTHERS)]
    data = tmp_path / "titled.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in rows * 2), encoding="utf-8")
    cv = ["eval", "--cv", "2", str(data), "--rules", str(my_rules), "--format", "json", "--no-lexicon"]
    runs = {args: runner.invoke(app, cv + list(args)) for args in [("--body-only",), ("--untitled", "0", "--body-only")]}
    assert all(r.exit_code == EXIT_SUCCESS for r in runs.values()), [r.output for r in runs.values()]
    reports = {args: json.loads(r.stdout) for args, r in runs.items()}
    assert reports[("--body-only",)]["untitled"] == 1.0 and reports[("--untitled", "0", "--body-only")]["untitled"] == 0
    assert all(r["body_only"] is True for r in reports.values())
    out = tmp_path / "w" / "weights.yaml"
    out.parent.mkdir()
    fitted = fit_cli(data, "--rules", my_rules, "--folds", "2", "--no-lexicon", "--untitled", "0.5", "--output", out)
    assert fitted.exit_code == EXIT_SUCCESS, fitted.output
    provenance = yaml.safe_load(out.read_text())["provenance"]
    assert "--untitled 0.5" in provenance["command"] and provenance["untitled"] == 0.5
