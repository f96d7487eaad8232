"""The commands' core: plain functions that return plain results. No printing, no exiting."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .batch import classify_stream
from .model import OTHER
from .readers import ReadOptions, read_inputs
from .resume import skip_done
from .scanner import Scanner
from .text.document import Document

if TYPE_CHECKING:
    from .evaluate.metrics import EvalReport


def classify_inputs(scanner: Scanner, paths: list[str | Path], stdin: bytes | None = None,
                    options: ReadOptions | None = None, jobs: int = 1,
                    transform: Callable | None = None, skip: Counter | None = None) -> Iterator:
    """Every input (files, folders, globs, tabular rows, `-`) as a Verdict or an error row
    (or what `transform` makes of it), in input order, streamed. `skip`: paths already
    done, each as often as done (--resume), left out before they are read further."""
    items = read_inputs(paths, options, stdin)
    if skip:
        items = skip_done(items, skip)
    return classify_stream(scanner, items, jobs, transform)


def labels_of(scanner: Scanner) -> list[str]:
    """Every label the loaded rules can give, `other` included."""
    return list(scanner.rules.roles) + ([] if OTHER in scanner.rules.roles else [OTHER])


def evaluate_file(scanner: Scanner, path: Path, body_only: bool = False) -> EvalReport:
    """Classify every labelled ad in a JSONL/CSV file and score the verdicts."""
    # Imported here: classifying is the common start, and it needs none of the evaluation.
    from .evaluate.labelled import read_labelled
    from .evaluate.metrics import evaluate

    labels = labels_of(scanner)
    ads = read_labelled(path, set(labels))
    docs = (Document(ad.id, "" if body_only else ad.title, ad.text, id=ad.id) for ad in ads)
    return evaluate(zip(ads, scanner.classify_many(docs)), labels, body_only)
