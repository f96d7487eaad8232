"""Peak memory of a Parquet batch: 100,000 ads in one Parquet file (one row group, as
pandas and Spark write a file of that size: the worst case for a streaming reader),
classified with `jdscan classify ads.parquet --format parquet --output verdicts.parquet`.

    python bench/parquet_memory.py [ADS.jsonl] [--rows 100000] [--jobs N]

The ads are a JSONL of ads (default ../shared/data/dev.jsonl, else the bundled examples)
repeated, with an error row every 1,000 rows (an empty text, a null text, a text over
--max-size in turn). Prints the peak RSS of the jdscan process, of its largest worker and
the peak PSS of the whole process tree (its proportional set size: a page shared with
forked workers counted once in all), sampled every 0.1 s, and checks one output row per input row, in
order, error rows included. A benchmark, not a test: README records it.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "data" / "dev.jsonl"


def ads(path: Path) -> list[dict]:
    if path.is_file():
        return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    return [{"title": p.stem.replace("-", " "), "text": p.read_text(encoding="utf-8")}
            for p in sorted((ROOT / "examples").glob("*.txt"))]


def write_input(source: list[dict], rows: int, path: Path) -> int:
    """The input file; returns how many of its rows are errors by design."""
    import pyarrow
    import pyarrow.parquet as pq

    bad = ["", None, "x" * 1_100_000]
    ids, titles, texts, errors = [], [], [], 0
    for n in range(rows):
        ad = source[n % len(source)]
        ids.append(n)
        titles.append(ad.get("title"))
        if n % 1000 == 999:
            texts.append(bad[(n // 1000) % 3])
            errors += 1
        else:
            texts.append(ad["text"])
    table = pyarrow.table({"id": ids, "title": titles, "text": texts})
    pq.write_table(table, path, row_group_size=rows)  # one group holding every row
    return errors


def tree_memory(pid: int) -> dict[int, tuple[int, int]]:
    """(RSS, PSS) in bytes of the process and each of its descendants."""
    out = subprocess.run(["ps", "-o", "pid=,ppid=", "-A"], check=True, capture_output=True, text=True).stdout
    procs = [tuple(map(int, line.split())) for line in out.splitlines() if line.strip()]
    tree, grew = {pid}, True
    while grew:
        new = {p for p, parent in procs if parent in tree} - tree
        tree |= new
        grew = bool(new)
    return {p: m for p in tree if (m := _memory(p))}


def _memory(pid: int) -> tuple[int, int] | None:
    """RSS and PSS (shared pages split among the processes sharing them), from smaps_rollup."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:  # gone already
        return None
    kb = {line.split(":")[0]: int(line.split()[1]) for line in text.splitlines()[1:] if line.endswith("kB")}
    return kb.get("Rss", 0) * 1024, kb.get("Pss", 0) * 1024


def run(cmd: list[str]) -> tuple[float, dict]:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = {"main": 0, "worker": 0, "tree": 0}
    while proc.poll() is None:
        memory = tree_memory(proc.pid)
        peak["main"] = max(peak["main"], memory.get(proc.pid, (0, 0))[0])
        peak["worker"] = max([peak["worker"], *(rss for p, (rss, _) in memory.items() if p != proc.pid)])
        peak["tree"] = max(peak["tree"], sum(pss for _, pss in memory.values()))
        time.sleep(0.1)
    if proc.returncode:
        sys.exit(f"jdscan exited {proc.returncode}: {proc.stderr.read()[-2000:]}")
    return time.perf_counter() - start, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ads", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args()
    import pyarrow.parquet as pq

    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "ads.parquet", Path(tmp) / "verdicts.parquet"
        errors = write_input(ads(args.ads), args.rows, src)
        cmd = [sys.executable, "-m", "jdscan", "classify", str(src), "--format", "parquet", "--output", str(out)]
        seconds, peak = run(cmd + (["--jobs", str(args.jobs)] if args.jobs else []))
        result = pq.read_table(out, columns=["path", "error"])
        paths = result.column("path").to_pylist()
        assert paths == [f"{src}:{n}" for n in range(1, args.rows + 1)], "not one row per input row, in order"
        found = sum(e is not None for e in result.column("error").to_pylist())
        assert found == errors, f"{found} error rows, {errors} expected"
        groups = pq.ParquetFile(out).metadata.num_row_groups
    mb = {k: v / 2**20 for k, v in peak.items()}
    print(f"{args.rows:,} rows ({errors} error rows) in {seconds:.0f} s ({args.rows / seconds:,.0f} ads/s), "
          f"jobs {args.jobs or os.cpu_count()}; output {args.rows:,} rows in {groups} row groups")
    print(f"peak RSS: jdscan process {mb['main']:.0f} MB, largest worker {mb['worker']:.0f} MB; "
          f"peak PSS of the process tree {mb['tree']:.0f} MB")


if __name__ == "__main__":
    main()
