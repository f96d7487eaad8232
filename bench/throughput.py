"""Throughput, cold start and peak memory of jdscan, against spaCy's bare tokenizer.

    python bench/throughput.py [ADS.jsonl] [--min-ads 5000]

Reads a JSONL of ads (`text`, optional `title`; default ../shared/data/dev.jsonl),
repeats it to at least --min-ads ads, and prints words/s and ads/s for spaCy's bare
tokenizer (`nlp.make_doc`) and for jdscan on one core, their ratio, the cold-start wall
time of `jdscan classify <example> --format json` in a fresh process, and peak RSS.
A benchmark, not a test: figures depend on the machine; README records them.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "data" / "dev.jsonl"
EXAMPLE = ROOT / "examples" / "field-sales-territory.txt"


def load(path: Path, min_ads: int) -> list[dict]:
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    if not rows:
        sys.exit(f"{path}: no ads")
    return (rows * (min_ads // len(rows) + 1))[: max(min_ads, len(rows))]


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def cold_start(runs: int = 3) -> float:
    cmd = [sys.executable, "-m", "jdscan", "classify", str(EXAMPLE), "--format", "json"]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ads", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--min-ads", type=int, default=5000)
    args = parser.parse_args()
    if not args.ads.is_file():
        sys.exit(f"{args.ads}: no such file (pass a JSONL of ads with a `text` field)")
    from jdscan.document import Document
    from jdscan.scanner import Scanner

    rows = load(args.ads, args.min_ads)
    words = sum(len(r["text"].split()) for r in rows)
    scanner = Scanner()
    tokenizer_s = timed(lambda: [scanner.nlp.make_doc(r["text"]) for r in rows])
    docs = [Document(str(i), r.get("title") or "", r["text"]) for i, r in enumerate(rows)]
    jdscan_s = timed(lambda: list(scanner.classify_many(docs)))
    print(f"ads: {len(rows):,}  words: {words:,}  ({args.ads})")
    print(f"spaCy tokenizer (make_doc): {words / tokenizer_s:>10,.0f} words/s {len(rows) / tokenizer_s:>7,.0f} ads/s")
    print(f"jdscan, 1 core:             {words / jdscan_s:>10,.0f} words/s {len(rows) / jdscan_s:>7,.0f} ads/s")
    print(f"jdscan / tokenizer:         {tokenizer_s / jdscan_s:>10.0%}")
    print(f"cold start (median of 3):   {cold_start():>10.2f} s   jdscan classify {EXAMPLE.name} --format json")
    print(f"peak RSS:                   {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:>10,.0f} MB")


if __name__ == "__main__":
    main()
