"""Throughput, cold start and peak memory of jdscan, against spaCy's bare tokenizer.

    python bench/throughput.py [ADS.jsonl] [--min-ads 5000] [--no-lexicon]

Reads a JSONL of ads (`text`, optional `title`; default ../shared/data/dev.jsonl),
repeats it to at least --min-ads ads, and prints words/s and ads/s for spaCy's bare
tokenizer (`nlp.make_doc`) and for jdscan on one core and with two worker processes,
the ratios, twice: as the library returns them (Verdict objects, which the parent process
unpickles from its workers) and as `jdscan classify --format csv` runs (each ad rendered to
its CSV row in the worker that classified it), then the cold-start wall time of `jdscan classify <example> --format json` in a
fresh process, and peak RSS: with every ad in memory, and streaming a 10,000-row JSONL.
A benchmark, not a test: figures depend on the machine; README records them.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
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
    """The median wall time of one `jdscan classify` as installed: pip byte-compiles a
    package when it installs it, so the package is compiled first here too (a checkout run
    with PYTHONDONTWRITEBYTECODE=1 would otherwise compile all of jdscan at every start,
    which no installed copy does)."""
    import compileall

    import jdscan

    compileall.compile_dir(str(Path(jdscan.__file__).parent), quiet=1)
    cmd = [sys.executable, "-m", "jdscan", "classify", str(EXAMPLE), "--format", "json"]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2]


def best_of_each(runs: int, *fns) -> list[float]:
    """The fastest timing of each function (on a shared machine the minimum is the least
    noisy), the functions taking turns run by run: figures that are compared then see the
    same spells of the machine's load."""
    best = [float("inf")] * len(fns)
    for _ in range(runs):
        best = [min(b, timed(fn)) for b, fn in zip(best, fns)]
    return best


def streamed_rss(path: Path, rows: list[dict], n: int) -> tuple[float, float]:
    """Peak RSS (MB) and wall time of `jdscan classify` streaming an n-row JSONL or CSV (by
    the suffix) to CSV in a fresh process (RUSAGE_CHILDREN reports the largest process)."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        if path.suffix == ".csv":
            writer = csv.DictWriter(fh, fieldnames=["id", "title", "text"], extrasaction="ignore")
            writer.writeheader()
            writer.writerows({"id": i, **rows[i % len(rows)]} for i in range(n))
        else:
            for i in range(n):
                fh.write(json.dumps({"id": i, **rows[i % len(rows)]}) + "\n")
    # A clean parent, so that RUSAGE_CHILDREN sees jdscan alone (not this process's forks).
    probe = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
             "subprocess.run(sys.argv[1:], check=True); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, time.perf_counter() - t)")
    cmd = [sys.executable, "-m", "jdscan", "classify", str(path), "--format", "csv", "--output", os.devnull]
    out = subprocess.run([sys.executable, "-c", probe, *cmd], check=True, capture_output=True, text=True)
    rss, wall = out.stdout.split()
    return float(rss), float(wall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ads", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--min-ads", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3, help="timings per figure; the best counts")
    parser.add_argument("--rss-rows", type=int, default=10_000)
    parser.add_argument("--no-lexicon", action="store_true", help="the rules' evidence alone, as --no-lexicon")
    args = parser.parse_args()
    if not args.ads.is_file():
        sys.exit(f"{args.ads}: no such file (pass a JSONL of ads with a `text` field)")
    from jdscan.batch import classify_stream, settle_gc
    from jdscan.report import Format, prepare_for
    from jdscan.scanner import Scanner
    from jdscan.text.document import Document

    rows = load(args.ads, args.min_ads)
    words = sum(len(r["text"].split()) for r in rows)
    scanner = Scanner(lexicon=not args.no_lexicon)
    settle_gc()  # as the jdscan command does once its scanner is built (jdscan.cli.common.end_startup)
    docs = [Document(str(i), r.get("title") or "", r["text"]) for i, r in enumerate(rows)]
    tokenizer_s, one_s, two_s = best_of_each(
        args.runs, lambda: [scanner.nlp.make_doc(r["text"]) for r in rows],
        lambda: list(classify_stream(scanner, docs, jobs=1)), lambda: list(classify_stream(scanner, docs, jobs=2)))
    rows_one_s, rows_two_s = best_of_each(
        args.runs, lambda: list(classify_stream(scanner, docs, 1, prepare_for(Format.csv))),
        lambda: list(classify_stream(scanner, docs, 2, prepare_for(Format.csv))))
    in_memory_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"ads: {len(rows):,}  words: {words:,}  ({args.ads}); best of {args.runs} runs")
    print(f"spaCy tokenizer (make_doc): {words / tokenizer_s:>10,.0f} words/s {len(rows) / tokenizer_s:>7,.0f} ads/s")
    print(f"jdscan, 1 core:             {words / one_s:>10,.0f} words/s {len(rows) / one_s:>7,.0f} ads/s")
    print(f"jdscan, --jobs 2:           {words / two_s:>10,.0f} words/s {len(rows) / two_s:>7,.0f} ads/s")
    print(f"jdscan / tokenizer:         {tokenizer_s / one_s:>10.1%}")
    print(f"--jobs 2 / 1 core:          {one_s / two_s:>10.2f}x   (verdicts to the parent)")
    print(f"as `jdscan classify --format csv`: 1 core {len(rows) / rows_one_s:,.0f} ads/s, "
          f"--jobs 2 {len(rows) / rows_two_s:,.0f} ads/s: {rows_one_s / rows_two_s:.2f}x")
    print(f"cold start (median of 3):   {cold_start():>10.2f} s   jdscan classify {EXAMPLE.name} --format json")
    print(f"peak RSS, {len(rows):,} ads held:  {in_memory_rss:>8,.0f} MB   (this process)")
    for name in ("ads.jsonl", "ads.csv"):
        with tempfile.TemporaryDirectory() as tmp:
            rss, wall = streamed_rss(Path(tmp) / name, rows, args.rss_rows)
        print(f"peak RSS, {args.rss_rows:,} rows streamed: {rss:>6,.0f} MB   "
              f"(jdscan classify {name} --format csv, {wall:.0f} s)")


if __name__ == "__main__":
    main()
