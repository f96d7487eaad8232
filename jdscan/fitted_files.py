"""The files `jdscan rules fit` writes: the weights and the lexicon, each with its
provenance (the command that made it, the data files with sizes and hashes, the settings
and the cross-validated figures), so a refit of the same data gives the same bytes."""

from __future__ import annotations

from pathlib import Path

from .evaluate.crossval import FileFigures
from .evaluate.features import FRAME
from .evaluate.words import SCALES
from .fitting import DEFAULT_FOLDS, DEFAULT_L2, DEFAULT_UNTITLED, FitSettings, Fitted
from .scanner import Scanner
from .score.precedence import rules_of


def weights_text(fitted: Fitted, scanner: Scanner, paths: list[Path], settings: FitSettings) -> str:
    """The fitted weights file: provenance, temperature, review threshold, biases, length
    terms and one line per pattern group and role."""
    from .ruleset.weights import weights_yaml

    data, model = fitted.cv.data, fitted.model
    provenance = _provenance(fitted, paths, settings)
    roles = data.roles
    rows = {g: {r: float(model.weights[gi, ri]) for ri, r in enumerate(roles)} for gi, g in enumerate(data.groups)}
    rules = {r.id for r in rules_of(scanner.rules.roles)}
    frames: dict[str, dict[str, dict[str, float]]] = {}
    for g, row in rows.items():
        if g.startswith(FRAME + ":"):
            _, frame, role = g.split(":")
            frames.setdefault(frame, {})[role] = row
    return weights_yaml(
        fitted.ads, provenance, fitted.calibration, fitted.review_below, scanner.scoring.overlaps,
        {r: float(model.bias[i]) for i, r in enumerate(roles)},
        {r: float(model.length[i]) for i, r in enumerate(roles)},
        {g: row for g, row in rows.items() if g not in rules and not g.startswith(FRAME + ":")},
        {g: row for g, row in rows.items() if g in rules}, frames)


def lexicon_text(fitted: Fitted, paths: list[Path], settings: FitSettings) -> str:
    """The fitted lexicon file: provenance, the parts' scales, one line per term."""
    from .ruleset.lexicon import lexicon_yaml

    vocab, roles = fitted.vocabulary, fitted.cv.data.roles
    entries = {t: (float(vocab.idf[i]), {r: float(fitted.model.words[i, j]) for j, r in enumerate(roles)})
               for i, t in enumerate(vocab.terms)} if vocab is not None else {}
    return lexicon_yaml(fitted.ads, _provenance(fitted, paths, settings), SCALES, entries)


def _provenance(fitted: Fitted, paths: list[Path], settings: FitSettings) -> dict:
    from . import __version__

    return {
        "command": "jdscan rules fit " + " ".join(p.name for p in paths) + _flags(settings),
        "jdscan": __version__,
        "data": fitted.data_files,
        "prior": {k: round(v, 4) for k, v in fitted.cv.prior.items()},
        **({"file_weights": fitted.cv.file_weights} if fitted.cv.file_weights else {}),
        "l2": settings.l2, "folds": settings.folds, "seed": settings.seed, "untitled": settings.untitled,
        "cross_validated": {f.file: _brief(f) for f in fitted.cv.figures},
    }


def _flags(s: FitSettings) -> str:
    prior = s.prior if s.prior is None or "=" in s.prior or s.prior == "none" else Path(s.prior).name
    parts = [f" --prior {prior}" if prior else "", *(f" --file-weight {Path(w).name}" for w in s.file_weights),
             f" --l2 {s.l2:g}" if s.l2 != DEFAULT_L2 else "",
             f" --folds {s.folds}" if s.folds != DEFAULT_FOLDS else "", f" --seed {s.seed}" if s.seed else "",
             f" --untitled {s.untitled:g}" if s.untitled != DEFAULT_UNTITLED else "",
             "" if s.lexicon else " --no-lexicon"]
    return "".join(parts)


def _brief(f: FileFigures) -> dict:
    at60 = f.surest
    return {"ads": f.ads, "accuracy": round(f.accuracy, 4), "macro_f1": f.macro_f1, "ece": round(f.ece, 4),
            "accuracy_most_sure_60": None if at60 is None else round(at60, 4),
            "direction": None if f.direction is None else round(f.direction, 4)}
