"""The commands' core: plain functions that return plain results. No printing, no exiting."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .document import Document
from .evaluate import EvalReport, evaluate
from .labelled import read_labelled
from .model import OTHER, Verdict
from .readers.text import ReadError, read_all
from .scanner import Scanner


def classify_inputs(scanner: Scanner, paths: list[Path], stdin: bytes | None = None) -> Iterator[Verdict | ReadError]:
    """Every input (files, folders, `-`) as a Verdict or an error row, in input order."""
    for item in read_all(paths, stdin):
        yield item if isinstance(item, ReadError) else scanner.classify_document(item)


def labels_of(scanner: Scanner) -> list[str]:
    """Every label the loaded rules can give, `other` included."""
    return list(scanner.rules.roles) + ([] if OTHER in scanner.rules.roles else [OTHER])


def evaluate_file(scanner: Scanner, path: Path, body_only: bool = False) -> EvalReport:
    """Classify every labelled ad in a JSONL/CSV file and score the verdicts."""
    labels = labels_of(scanner)
    ads = read_labelled(path, set(labels))
    docs = (Document(ad.id, "" if body_only else ad.title, ad.text, id=ad.id) for ad in ads)
    return evaluate(zip(ads, scanner.classify_many(docs)), labels, body_only)
