"""The human view of `jdscan eval --cv`: held-out figures per labelled file."""

from __future__ import annotations

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from .eval_table import calibration_view


def render_cv(cv) -> Group:
    """The settings, a row of figures per file, then each file's calibration tables."""
    s = cv.settings
    prior = ", ".join(f"{k} {v:.2f}" for k, v in cv.prior.items()) or "none (as labelled)"
    mode = ""
    if s.body_only:  # with copies: the fit for ads without a title, judged on the held-out copies
        mode = (f"body only (each fold also fitted to its ads' untitled copies at {s.untitled:g}), "
                if cv.untitled is not None else "body only (titles ignored), ")
    weighed = "".join(f"; each ad of {name} counts {weight:g}" for name, weight in cv.file_weights.items())
    parts: list = [Text(f"{s.folds}-fold cross-validation, {mode}weights refitted per fold (l2 {s.l2:g}, seed "
                        f"{s.seed}); near-duplicate ads kept in one fold; class prior: {prior}{weighed}", style="bold")]
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, title="held-out figures per file")
    for name in ("file", "ads", "accuracy", "macro-F1", "ECE", "surest 60%", "direction"):
        table.add_column(name, justify="left" if name == "file" else "right")
    for f in cv.figures:
        at60 = next((a.accuracy for a in f.coverage if a.coverage == 0.6), None)
        table.add_row(f.file, str(f.ads), f"{f.accuracy:.1%}", f"{f.macro_f1:.3f}", f"{f.ece:.3f}",
                      "-" if at60 is None else f"{at60:.1%}", "-" if f.direction is None else f"{f.direction:.1%}")
    parts.append(table)
    for f in cv.figures:
        parts.append(Text(f"{f.file}", style="bold"))
        parts.extend(calibration_view(f.ece, f.reliability, f.coverage))
    return Group(*parts)
