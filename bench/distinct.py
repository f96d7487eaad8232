"""Throughput on ads read once, as a stream of new ads is read, against spaCy's tokenizer.

    python bench/distinct.py [--warm A.jsonl ...] [--ads B.jsonl ...] [--runs 3]

bench/throughput.py repeats one file's ads to 5,000, so from the second copy on spaCy's
tokenizer finds most of an ad's chunks in its cache (10,000 chunks, filled by those very
ads), which a stream of new ads never gives it; nor does jdscan meet new words after the
first copy. Here spaCy's tokenizer and jdscan (one core, fresh instances each run) first
read the --warm ads once, as a long batch has read ads before, then the --ads ads once,
timed. Defaults: warmed on ../shared/data/train.jsonl, timed on train2.jsonl and
dev.jsonl (1,562 ads). A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


def read(paths: list[Path]) -> list[dict]:
    rows = []
    for path in paths:
        if not path.is_file():
            sys.exit(f"{path}: no such file (pass JSONL files of ads with a `text` field)")
        rows += [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    return rows


def one_run(warm: list[dict], ads: list[dict], lexicon: bool) -> tuple[float, float]:
    """CPU seconds of spaCy's tokenizer and of jdscan on `ads`, each warmed on `warm`."""
    from jdscan.batch import classify_stream, settle_gc
    from jdscan.scanner import Scanner
    from jdscan.text.document import Document
    from jdscan.text.pipeline import BlankEnglish

    tokenizer, scanner = BlankEnglish().tokenizer, Scanner(lexicon=lexicon)
    settle_gc()

    def docs(rows: list[dict]) -> list:
        return [Document(str(i), r.get("title") or "", r["text"]) for i, r in enumerate(rows)]

    for row in warm:
        tokenizer(row["text"])
    list(classify_stream(scanner, docs(warm), jobs=1))
    timed = docs(ads)
    start = time.process_time()
    for row in ads:
        tokenizer(row["text"])
    middle = time.process_time()
    list(classify_stream(scanner, timed, jobs=1))
    return middle - start, time.process_time() - middle


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--warm", nargs="*", type=Path, default=[DATA / "train.jsonl"])
    parser.add_argument("--ads", nargs="+", type=Path, default=[DATA / "train2.jsonl", DATA / "dev.jsonl"])
    parser.add_argument("--runs", type=int, default=3, help="fresh instances each run; the best counts")
    parser.add_argument("--no-lexicon", action="store_true", help="the rules' evidence alone, as --no-lexicon")
    args = parser.parse_args()
    warm, ads = read(args.warm), read(args.ads)
    runs = [one_run(warm, ads, not args.no_lexicon) for _ in range(args.runs)]
    tokenizer_s, jdscan_s = min(r[0] for r in runs), min(r[1] for r in runs)
    names = ", ".join(p.name for p in args.ads)
    print(f"{len(ads):,} ads read once ({names}), after {len(warm):,} others; best of {args.runs} runs")
    print(f"spaCy tokenizer: {tokenizer_s / len(ads) * 1e6:7,.0f} us an ad")
    print(f"jdscan, 1 core:  {jdscan_s / len(ads) * 1e6:7,.0f} us an ad")
    print(f"jdscan / tokenizer: {tokenizer_s / jdscan_s:.1%}   (each run: "
          + ", ".join(f"{t / j:.1%}" for t, j in runs) + ")")


if __name__ == "__main__":
    main()
