"""jdscan on Dask and Spark: throughput with one and with two single-thread workers, and the
scaling ratio, for ads in Parquet files classified into verdicts in Parquet files.

    python bench/scale.py [ADS.jsonl] [--ads 40000] [--parts 16] [--engines dask,spark]

The ads are a JSONL of ads (default ../shared/data/dev.jsonl, else the bundled examples),
repeated to --ads and written as --parts Parquet files. Dask: a LocalCluster of 1, then 2,
worker processes of one thread each, `classify_dask(dd.read_parquet(ads)).to_parquet(out)`.
Spark: local[1], then local[2], `classify_spark(spark.read.parquet(ads)).write.parquet(out)`.
Each run is timed after a warm-up job that has every worker build its Scanner (a worker's
one-off cost, about a second, reported apart). A benchmark, not a test: README records it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "data" / "dev.jsonl"


def ads(path: Path, n: int) -> list[dict]:
    if path.is_file():
        rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    else:
        rows = [{"title": p.stem.replace("-", " "), "text": p.read_text(encoding="utf-8")}
                for p in sorted((ROOT / "examples").glob("*.txt"))]
    return [{"id": str(i), "title": rows[i % len(rows)].get("title"), "text": rows[i % len(rows)]["text"]}
            for i in range(n)]


def write_parts(rows: list[dict], parts: int, folder: Path) -> None:
    import pyarrow
    import pyarrow.parquet as pq

    folder.mkdir()
    size = -(-len(rows) // parts)
    for n in range(parts):
        chunk = rows[n * size:(n + 1) * size]
        pq.write_table(pyarrow.Table.from_pylist(chunk), folder / f"part-{n:03}.parquet")


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def on_dask(src: Path, out: Path, workers: int) -> tuple[float, float]:
    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    from jdscan.engines import worker_scanner
    from jdscan.engines.dask import classify_dask

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        warm = timed(lambda: client.run(worker_scanner))  # every worker builds its Scanner
        run = timed(lambda: classify_dask(dd.read_parquet(src)).to_parquet(out, write_index=False))
    return warm, run


def on_spark(src: Path, out: Path, workers: int) -> tuple[float, float]:
    from pyspark.sql import SparkSession

    from jdscan.engines.spark import classify_spark

    os.environ["PYSPARK_PYTHON"] = sys.executable
    spark = (SparkSession.builder.master(f"local[{workers}]").appName("jdscan-scale")
             .config("spark.ui.enabled", "false").config("spark.sql.files.maxPartitionBytes", "1m")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    try:
        ads = spark.read.parquet(str(src))
        warm_up = ads.limit(workers * 4).repartition(workers)
        warm = timed(lambda: classify_spark(warm_up).count())  # each Python worker builds its Scanner
        print(f"  spark local[{workers}]: {ads.rdd.getNumPartitions()} partitions", file=sys.stderr)
        run = timed(lambda: classify_spark(ads).write.parquet(str(out)))
    finally:
        spark.stop()
    return warm, run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ads", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--ads", dest="n", type=int, default=40_000)
    parser.add_argument("--parts", type=int, default=16)
    parser.add_argument("--engines", default="dask,spark")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "ads"
        write_parts(ads(args.ads, args.n), args.parts, src)
        for engine in args.engines.split(","):
            rates = {}
            for workers in (1, 2):
                out = Path(tmp) / f"{engine}-{workers}"
                warm, run = on_dask(src, out, workers) if engine == "dask" else \
                    on_spark(src, out, workers)
                rates[workers] = args.n / run
                print(f"{engine} {workers} worker{'s' * (workers > 1)}: {args.n:,} ads in {run:.1f} s, "
                      f"{rates[workers]:,.0f} ads/s (workers' start-up, Scanner built: {warm:.1f} s)", flush=True)
                shutil.rmtree(out, ignore_errors=True)
            print(f"{engine}: 2 workers / 1 worker = {rates[2] / rates[1]:.2f}x", flush=True)


if __name__ == "__main__":
    main()
