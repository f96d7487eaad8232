"""The human view of `jdscan eval --cv`: held-out figures per labelled file."""

from __future__ import annotations

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from .eval_table import calibration_view


def render_cv(cv) -> Group:
    """The settings, a row of figures per file, then each file's calibration tables."""
    parts: list = [_heading(cv, f"seed {cv.settings.seed}")]
    table = _table("held-out figures per file", ("file", "ads", "accuracy", "macro-F1", "ECE", "surest 60%", "direction"))
    for f in cv.figures:
        at60 = f.surest
        table.add_row(f.file, str(f.ads), f"{f.accuracy:.1%}", f"{f.macro_f1:.3f}", f"{f.ece:.3f}",
                      "-" if at60 is None else f"{at60:.1%}", "-" if f.direction is None else f"{f.direction:.1%}")
    parts.append(table)
    for f in cv.figures:
        parts.append(Text(f"{f.file}", style="bold"))
        parts.extend(calibration_view(f.ece, f.reliability, f.coverage))
    return Group(*parts)


def render_repeated(repeated) -> Group:
    """The settings, then a row per file and figure: its mean over the fold draws, its
    lowest and its highest."""
    seeds = repeated.seeds
    heading = _heading(repeated.runs[0], f"repeated {len(seeds)} times, fold seeds {seeds[0]}-{seeds[-1]}")
    table = _table("held-out figures per file, over the fold draws", ("file", "ads", "figure", "mean", "lowest", "highest"))
    for f in repeated.files:
        figures = [("accuracy", f.accuracy, "{:.1%}"), ("macro-F1", f.macro_f1, "{:.3f}"), ("ECE", f.ece, "{:.3f}"),
                   ("surest 60%", f.surest, "{:.1%}"), ("direction", f.direction, "{:.1%}")]
        for k, (name, spread, fmt) in enumerate(figures):
            values = ("-", "-", "-") if spread is None else tuple(fmt.format(v) for v in spread)
            table.add_row(f.file if k == 0 else "", str(f.ads) if k == 0 else "", name, *values,
                          end_section=k == len(figures) - 1)
    return Group(heading, table)


def _heading(cv, draws: str) -> Text:
    s = cv.settings
    prior = ", ".join(f"{k} {v:.2f}" for k, v in cv.prior.items()) or "none (as labelled)"
    mode = ""
    if s.body_only:  # with copies: the fit for ads without a title, judged on the held-out copies
        mode = (f"body only (each fold also fitted to its ads' untitled copies at {s.untitled:g}), "
                if cv.untitled is not None else "body only (titles ignored), ")
    weighed = "".join(f"; each ad of {name} counts {weight:g}" for name, weight in cv.file_weights.items())
    return Text(f"{s.folds}-fold cross-validation, {mode}weights refitted per fold (l2 {s.l2:g}, {draws}); "
                f"near-duplicate ads kept in one fold; class prior: {prior}{weighed}", style="bold")


def _table(title: str, columns: tuple[str, ...]) -> Table:
    """Names left-aligned (the file, the figure), numbers right."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, title=title)
    for name in columns:
        table.add_column(name, justify="left" if name in ("file", "figure") else "right")
    return table
