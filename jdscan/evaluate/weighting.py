"""How much each labelled ad counts in a fit: the class prior its file's labels are
corrected to, and the weight of each file's ads (`--prior`, `--file-weight`)."""

from __future__ import annotations

from pathlib import Path

from ..errors import UsageError
from .features import Dataset, label_mix
from .labelled import read_labelled


def parse_prior(spec: str | None, paths: list[Path], data: Dataset) -> dict[str, float]:
    """The class prior: a labelled file's label mix (default: the last file given; one of
    the files read is not read again), explicit shares ("retail=0.1,other=0.3"), or none."""
    labels = set(data.roles)
    if spec == "none":
        return {}
    if spec is None or "=" not in spec:
        path = Path(spec) if spec else paths[-1]
        if path in paths:
            return label_mix(data.roles[i] for i in data.y[data.file == paths.index(path)])
        return label_mix(ad.label for ad in read_labelled(path, labels))
    shares = {}
    for part in spec.split(","):
        role, _, value = part.partition("=")
        try:
            shares[role.strip()] = float(value)
        except ValueError:
            raise UsageError(f"--prior {spec!r}: {part!r} is not role=share (try retail=0.1,other=0.3)") from None
    unknown = sorted(set(shares) - labels)
    if unknown or sum(shares.values()) <= 0:
        raise UsageError(f"--prior {spec!r}: unknown roles {unknown} or no positive share "
                         f"(try shares of: {', '.join(sorted(labels))})")
    total = sum(shares.values())
    return {k: v / total for k, v in shares.items()}


def parse_file_weights(specs: tuple[str, ...], names: list[str]) -> list[tuple[str, float]]:
    """(file name, weight) of each "FILE=WEIGHT": a labelled file drawn unlike the ads jdscan
    meets (train.jsonl: ads an older jdscan got wrong) can count less, ad for ad."""
    out = []
    for spec in specs:
        name, _, value = spec.rpartition("=")
        name = Path(name).name
        try:
            weight = float(value)
        except ValueError:
            weight = -1.0
        if name not in names or not 0 <= weight <= 100:
            raise UsageError(f"--file-weight {spec!r}: expected FILE=WEIGHT with FILE one of the labelled files "
                             f"({', '.join(names)}) and WEIGHT from 0 to 100 (try {names[0]}=0.5)")
        out.append((name, weight))
    return out
