"""The core of `jdscan rules fit` and `jdscan eval --cv`: labelled files in, fitted weights
and cross-validated figures out. No printing, no exiting."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy

from .errors import UsageError
from .evaluate.calibration import Calibration, fit_calibration, threshold_for
from .evaluate.crossval import FileFigures, file_figures, out_of_fold
from .evaluate.features import Dataset, build_dataset, prior_weights, role_names
from .evaluate.fit import Model, prior_model
from .evaluate.labelled import read_labelled
from .evaluate.repeats import Repeated, summarise
from .evaluate.training import Training, Untitled
from .evaluate.weighting import parse_file_weights, parse_prior
from .evaluate.words import Vocabulary
from .scanner import Scanner
from .score.facets import facets

DEFAULT_L2 = 40.0  # as the command line's --l2 default (cli.common.L2Opt)
DEFAULT_FOLDS = 5
DEFAULT_UNTITLED = 1.0  # as the command line's --untitled default (cli.common.UntitledOpt)
# Labelled ads of a role below which its fitted weights rest on too few examples to trust
# (docs/accuracy.md): the fit warns, and the role's weights stay near the rules' own.
FEW_ADS = 30


@dataclass(frozen=True)
class FitSettings:
    prior: str | None = None  # a labelled file whose label mix is the prior, "none", or role=share,...
    l2: float = DEFAULT_L2
    folds: int = DEFAULT_FOLDS
    seed: int = 0
    body_only: bool = False
    lexicon: bool = True  # fit a lexicon of words with the weights
    file_weights: tuple[str, ...] = ()  # "FILE=WEIGHT": how much each ad of a labelled file counts
    untitled: float = DEFAULT_UNTITLED  # what each ad's copy without its title counts (0: no copies)


@dataclass
class CrossValidation:
    settings: FitSettings
    prior: dict[str, float]
    file_weights: dict[str, float]  # labelled file name -> how much each of its ads counts
    figures: list[FileFigures]
    scores: numpy.ndarray = field(repr=False)  # held-out scores, for calibrating a final fit
    data: Dataset = field(repr=False)
    weights: numpy.ndarray = field(repr=False)  # class-prior weight per ad
    untitled: Untitled | None = field(default=None, repr=False)  # the ads again without titles

    def to_dict(self) -> dict:
        s = self.settings
        return {"folds": s.folds, "seed": s.seed, "l2": s.l2, "body_only": s.body_only, "untitled": s.untitled,
                "prior": {k: round(v, 4) for k, v in self.prior.items()},
                "file_weights": self.file_weights,
                "files": [f.to_dict() for f in self.figures]}


@dataclass
class Fitted:
    model: Model
    calibration: Calibration
    review_below: float
    cv: CrossValidation
    data_files: list[dict]
    vocabulary: Vocabulary | None = None  # the lexicon's terms, when one was fitted
    untitled: Fitted | None = None  # the fit for ads without a title (--untitled)
    ads: str = "any"  # which ads this fit is for: "any", or "untitled" (the second fit's)


def load_dataset(scanner: Scanner, paths: list[Path], body_only: bool = False, terms: bool = True) -> Dataset:
    """Every labelled ad of every file, read by the scanner (with its word terms, for a
    lexicon, when `terms`)."""
    labels = set(role_names(scanner.rules))
    pairs = []
    for path in paths:
        pairs += [(path.name, ad) for ad in read_labelled(path, labels)]
    if body_only:
        pairs = [(f, replace(ad, title="")) for f, ad in pairs]
    return build_dataset(scanner, pairs, [p.name for p in paths], terms)


def cv_data(scanner: Scanner, paths: list[Path], settings: FitSettings,
            titled: Dataset | None = None) -> tuple[Dataset, Untitled | None]:
    """The ads a cross-validation reads: the labelled ads (titled, or bodies alone with
    --body-only and no copies) and, for the fit for ads without a title, their untitled
    copies. `titled`: the titled ads, when already read."""
    copies = settings.body_only and settings.untitled > 0
    data = titled
    if data is None or (settings.body_only and not copies):  # given data are the titled ads
        data = load_dataset(scanner, paths, settings.body_only and not copies, terms=settings.lexicon)
    untitled = Untitled(load_dataset(scanner, paths, True, terms=settings.lexicon), settings.untitled) \
        if copies else None
    return data, untitled


def cross_validate(scanner: Scanner, paths: list[Path], settings: FitSettings,
                   read: tuple[Dataset, Untitled | None] | None = None) -> CrossValidation:
    """K-fold cross-validated figures per file: the weights refitted per fold. With
    --body-only and `untitled`, the fit for ads without a title: each fold fitted to its
    titled ads and their untitled copies, and judged on the held-out copies. `read`: what
    cv_data gives, when the ads are already read."""
    _check_folds(settings)
    data, untitled = read or cv_data(scanner, paths, settings)
    prior = parse_prior(settings.prior, paths, data)
    c = prior_weights(data, prior)
    file_weights = dict(parse_file_weights(settings.file_weights, data.files))
    for name, weight in file_weights.items():
        c[data.file == data.files.index(name)] *= weight
    start = prior_model(scanner.rules, data.groups, data.roles)
    probs, scores = out_of_fold(data, c, start, settings.l2, settings.folds, settings.seed,
                                lexicon=settings.lexicon, untitled=untitled)
    scoring, roles = scanner.rules.context.scoring, scanner.rules.roles
    judged = data if untitled is None else untitled.data

    def direction_of(i: int, role: str) -> str:
        return facets(judged.facet_cues[i], roles.get(role), scoring).direction

    return CrossValidation(settings, prior, file_weights, file_figures(judged, probs, direction_of), scores, data, c,
                           untitled)


def repeated_cross_validation(scanner: Scanner, paths: list[Path], settings: FitSettings,
                              repeats: int) -> Repeated:
    """`repeats` cross-validations of the same ads (read once), the folds drawn anew for
    each: fold seeds settings.seed, settings.seed + 1, ..."""
    if repeats < 1:
        raise UsageError(f"--repeats {repeats}: give at least 1 (try --repeats 3)")
    _check_folds(settings)  # before the ads are read
    read = cv_data(scanner, paths, settings)
    runs = [cross_validate(scanner, paths, replace(settings, seed=settings.seed + r), read=read)
            for r in range(repeats)]
    return Repeated(tuple(runs), summarise([run.figures for run in runs]))


def _check_folds(settings: FitSettings) -> None:
    if settings.folds < 2:
        raise UsageError(f"--cv {settings.folds}: cross-validation needs at least 2 folds (try --cv 5)")


def fit_files(scanner: Scanner, paths: list[Path], settings: FitSettings) -> Fitted:
    """Weights fitted to every labelled ad, their confidence calibrated on held-out scores,
    the review threshold above which held-out verdicts are 90% right in every file, and the
    figures; with `untitled`, a second fit for ads without a title (Fitted.untitled)."""
    titled = cross_validate(scanner, paths, replace(settings, body_only=False))
    fitted = _final(scanner, paths, settings, titled)
    if settings.untitled > 0:  # the same titled ads, read once, and their copies
        copies = replace(settings, body_only=True)
        untitled = cross_validate(scanner, paths, copies, cv_data(scanner, paths, copies, titled.data))
        fitted.untitled = replace(_final(scanner, paths, settings, untitled), ads="untitled")
    return fitted


def _final(scanner: Scanner, paths: list[Path], settings: FitSettings, cv: CrossValidation) -> Fitted:
    """The fit to every ad the cross-validation read (and their copies, when it had them),
    calibrated on its held-out scores."""
    data, c = cv.data, cv.weights
    start = prior_model(scanner.rules, data.groups, data.roles)
    model, vocab = Training(data, c, cv.untitled).fit(numpy.arange(len(data.y)), start, settings.l2, settings.lexicon)
    calibration = fit_calibration(cv.scores, data.y, c)
    probs = calibration.probabilities(cv.scores)
    # Held-out verdicts above the threshold are 90% right in every labelled file, not on their
    # mix alone: a file of easy ads must not lower the bar for the kind that is hard.
    correct = (probs.argmax(axis=1) == data.y).astype(float)
    review = max(threshold_for(probs[rows].max(axis=1), correct[rows], 0.9)
                 for rows in (data.file == f for f in range(len(data.files))))
    files = [{"file": p.name, "ads": int((data.file == i).sum()), "sha256": _sha256(p)} for i, p in enumerate(paths)]
    return Fitted(model, calibration, review, cv, files, vocab)


def thin_roles(fitted: Fitted) -> list[tuple[str, int]]:
    """(role, labelled ads) of every role the fit saw fewer than FEW_ADS ads of."""
    data = fitted.cv.data
    counts = numpy.bincount(data.y, minlength=len(data.roles))
    return [(role, int(n)) for role, n in zip(data.roles, counts) if n < FEW_ADS]


def fit_target(output: Path | None, rules: list[Path] | None) -> Path | None:
    """Where a fit writes: --output, else weights.yaml in the last --rules folder, else
    stdout (None). Never into the rules jdscan ships (a UsageError): a fit on a few ads
    would replace weights fitted on thousands for every later run. A source checkout's
    own rules/ may be refitted by naming it with --output, as its maintainers do."""
    from .ruleset.load import bundled_rules_dir

    target = output or (rules[-1] / "weights.yaml" if rules else None)
    if target is None:
        return None
    bundled = bundled_rules_dir().resolve()
    inside = target.resolve().parent == bundled
    installed = bundled == Path(__file__).resolve().parent / "rules"  # the package's own, not a checkout's rules/
    if inside and (output is None or installed):
        raise UsageError(f"{target}: that is the folder of the rules jdscan ships, and a fit must not replace "
                         "their weights (try --rules my-rules/ with a folder of your own, or --output my-weights/weights.yaml)")
    return target


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
