"""--model: another spaCy pipeline (installed package or folder); never downloaded.
No trained pipeline is needed: the test saves a pipeline folder of its own."""

from __future__ import annotations

import json
import pickle

import spacy
from typer.testing import CliRunner

from jdscan.cli import EXIT_ERROR, app
from jdscan.model import Evidence, RoleScore
from jdscan.scanner import Scanner

from .conftest import EXAMPLES

runner = CliRunner()


def test_a_pipeline_that_is_not_installed_is_a_clear_error():
    result = runner.invoke(app, ["classify", str(EXAMPLES / "retail-store.txt"), "--model", "xx_no_such_pipeline"])
    assert result.exit_code == EXIT_ERROR
    assert "'xx_no_such_pipeline' is not installed, and jdscan never downloads one" in result.stderr


def test_a_pipeline_folder_gives_the_same_verdicts_on_the_examples(tmp_path, scanner):
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.to_disk(tmp_path / "pipeline")
    other = Scanner(model=str(tmp_path / "pipeline"))
    assert "jdscan_lemmatizer" in other.nlp.pipe_names
    for path in sorted(EXAMPLES.glob("*.*")):
        text = path.read_text()
        assert other.classify(text).role == scanner.classify(text).role, path.name
    result = runner.invoke(app, ["classify", str(EXAMPLES / "retail-store.txt"), "--model", str(tmp_path / "pipeline")])
    assert json.loads(result.stdout)["role"] == "retail"


def test_the_scanner_pickles_for_worker_processes(scanner):
    clone = pickle.loads(pickle.dumps(scanner))
    text = (EXAMPLES / "field-sales-territory.txt").read_text()
    assert clone.classify(text) == scanner.classify(text)


def test_a_verdict_survives_pickling_whole(scanner):
    verdict = scanner.classify((EXAMPLES / "customer-service-mixed-signals.txt").read_text(), "Advisor",
                               path="ad.txt", id="7")
    clone = pickle.loads(pickle.dumps(verdict))
    assert clone == verdict and clone.to_dict() == verdict.to_dict()
    assert type(clone.evidence[0]) is Evidence and type(clone.ranking[0]) is RoleScore
    assert clone.evidence[0].sentence == verdict.evidence[0].sentence
