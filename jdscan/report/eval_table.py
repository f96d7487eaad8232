"""The human view of `jdscan eval`: metrics, per-role table, confusion matrix, errors."""

from __future__ import annotations

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from ..evaluate.metrics import EvalReport

ERROR_EVIDENCE = 3


def render_eval(report: EvalReport, with_errors: bool = False) -> Group:
    parts: list = [_summary(report), _per_role(report), Text("confusion (rows: label, columns: predicted)"),
                   _confusion(report), Text("warnings: how often each fires, and whether it is right "
                                            "(what it says about the roles agrees with the label)"),
                   _warnings(report), *calibration_view(report.ece, report.reliability, report.coverage)]
    if with_errors:
        parts.append(_errors(report))
    return Group(*parts)


def _summary(r: EvalReport) -> Text:
    mode = "body only (titles ignored)" if r.body_only else "title and body"
    direction = (f"  direction accuracy {r.direction_accuracy:.1%} (n={r.direction_n})"
                 if r.direction_accuracy is not None else "")
    return Text(f"{r.n} ads, {mode}: accuracy {r.accuracy:.1%}  macro-F1 {r.macro_f1:.3f}{direction}",
                style="bold")


def _per_role(r: EvalReport) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for name in ("role", "precision", "recall", "F1", "support", "predicted"):
        table.add_column(name, justify="left" if name == "role" else "right")
    for m in r.per_role:
        table.add_row(m.role, f"{m.precision:.2f}", f"{m.recall:.2f}", f"{m.f1:.2f}",
                      str(m.support), str(m.predicted))
    return table


def _confusion(r: EvalReport) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("label")
    short = [_short(label) for label in r.labels]
    for name in short:
        table.add_column(name, justify="right")
    for label, row in zip(r.labels, r.confusion):
        table.add_row(label, *[str(n) if n else "." for n in row])
    return table


def _warnings(r: EvalReport) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for name in ("warning", "fired", "on right verdicts", "right when fired"):
        table.add_column(name, justify="left" if name == "warning" else "right")
    for w in r.warnings:
        right = "-" if w.precision is None else f"{w.right} ({w.precision:.0%})"
        table.add_row(w.code, str(w.fired), f"{w.on_correct} ({w.share_of_correct:.0%})", right)
    return table


def calibration_view(ece: float, bins, coverage) -> list:
    """ECE, the reliability table and accuracy at coverage (eval and eval --cv)."""
    if not bins:
        return []
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, title="how sure vs how right (reliability)")
    for name in ("confidence", "ads", "accuracy", "mean confidence"):
        table.add_column(name, justify="right")
    for b in bins:
        table.add_row(f"{b.low:.1f}-{b.high:.1f}", str(b.ads), f"{b.accuracy:.1%}", f"{b.confidence:.2f}")
    cover = Table(box=box.SIMPLE_HEAD, pad_edge=False, title="accuracy when only the surest verdicts are kept")
    for name in ("kept", "confidence at least", "accuracy"):
        cover.add_column(name, justify="right")
    for a in coverage:
        cover.add_row(f"{a.coverage:.0%}", f"{a.threshold:.2f}", f"{a.accuracy:.1%}")
    return [Text(f"expected calibration error (10 bins): {ece:.3f}"), table, cover]


def _short(label: str) -> str:
    """Column heads short enough for a terminal and still distinct: internal-sales -> int-sal."""
    parts = label.split("-")
    return "-".join(p[:3] for p in parts) if len(parts) > 1 else label[:7]


def _errors(r: EvalReport) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, title="misclassified ads")
    for name in ("id", "title", "label", "predicted", "top evidence for the prediction"):
        table.add_column(name, overflow="fold")
    for ad, v in r.errors:
        evidence = "; ".join(f'{e.dimension}: "{e.text}"' for e in v.evidence_for(v.role)[:ERROR_EVIDENCE])
        table.add_row(ad.id, ad.title, ad.label, v.role, evidence or "-")
    return table
