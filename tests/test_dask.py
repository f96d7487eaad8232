"""jdscan inside Dask (issue 19): a LocalCluster of two single-thread worker processes gives
exactly the single-process verdicts, row for row, for a dask DataFrame, a dask bag, and
`jdscan classify --dask ADDRESS`; each worker builds its Scanner once."""

from __future__ import annotations

import csv
import io

import pytest
from typer.testing import CliRunner

from jdscan.cli import app
from jdscan.engines import classify_records

from .files import mixed_ads, numbered_ads, wait_for_size

distributed = pytest.importorskip("distributed", reason="Dask's distributed is not installed (pip install 'jdscan[dask]')")
dd = pytest.importorskip("dask.dataframe", reason="dask[dataframe] is not installed (pip install 'jdscan[dask]')")
pandas = pytest.importorskip("pandas", reason="pandas is not installed (pip install 'jdscan[dask]')")

from jdscan.engines.dask import classify_dask  # after the skips

ADS = mixed_ads(240)
runner = CliRunner()


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        yield client


@pytest.fixture(scope="module")
def expected(scanner):
    return classify_records(ADS, scanner=scanner)


def _key(row) -> tuple:
    return row["id"], row["role"], row["confidence"], row["error"] is None


def test_a_dask_dataframe_gets_the_single_process_verdicts_row_for_row(client, expected):
    ads = dd.from_pandas(pandas.DataFrame(ADS), npartitions=8)
    verdicts = classify_dask(ads)
    assert list(verdicts.columns) == list(expected[0]) and str(verdicts.dtypes["confidence"]) == "Float64"
    frame = verdicts.compute()
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    assert [_key(r) for r in rows] == [_key(r) for r in expected]
    assert list(frame.index) == list(range(len(ADS)))  # the ads' index: verdicts join back
    assert sum(r["error"] is not None for r in rows) == 2


def test_each_worker_process_built_one_scanner_for_all_its_partitions(client, expected):
    classify_dask(dd.from_pandas(pandas.DataFrame(ADS), npartitions=8)).compute()

    def built():
        from jdscan.engines import partition

        return len(partition._scanners)

    assert sorted(client.run(built).values()) == [1, 1]


def test_a_dask_bag_of_dicts_gets_rows_of_dicts(client, expected):
    import dask.bag

    rows = classify_dask(dask.bag.from_sequence(ADS, npartitions=5)).compute()
    assert [_key(r) for r in rows] == [_key(r) for r in expected]


def test_classify_dask_address_writes_what_local_processes_write(client, tmp_path):
    ads = tmp_path / "ads.csv"
    with ads.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, ["id", "title", "text"])
        writer.writeheader()
        writer.writerows({k: v or "" for k, v in ad.items()} for ad in ADS)
    address = client.scheduler.address
    on_dask = runner.invoke(app, ["classify", str(ads), "--dask", address, "-f", "csv"])
    local = runner.invoke(app, ["classify", str(ads), "--jobs", "1", "-f", "csv"])
    assert on_dask.exit_code == local.exit_code == 0, on_dask.output
    assert on_dask.stdout == local.stdout
    assert len(list(csv.DictReader(io.StringIO(on_dask.stdout)))) == len(ADS)


def test_no_scheduler_at_the_address_is_a_usage_error(monkeypatch, tmp_path):
    monkeypatch.setattr("jdscan.engines.dask.CONNECT_SECONDS", 1)
    ad = tmp_path / "ad.txt"
    ad.write_text("Serve customers at the till.", encoding="utf-8")
    result = runner.invoke(app, ["classify", str(ad), "--dask", "tcp://127.0.0.1:9", "-f", "csv"])
    assert result.exit_code == 2
    assert "--dask tcp://127.0.0.1:9: no Dask scheduler answers there" in result.stderr
    assert "try the address `dask scheduler` printed" in result.stderr
    assert result.stdout == ""  # said before any output is written


def test_jobs_and_dask_together_are_a_usage_error(tmp_path):
    ad = tmp_path / "ad.txt"
    ad.write_text("Serve customers at the till.", encoding="utf-8")
    result = runner.invoke(app, ["classify", str(ad), "--dask", "tcp://127.0.0.1:9", "--jobs", "2"])
    assert result.exit_code == 2 and "--jobs sets local worker processes" in result.stderr


def test_a_config_files_dask_address_is_classifys_default(monkeypatch, tmp_path):
    monkeypatch.setattr("jdscan.engines.dask.CONNECT_SECONDS", 1)
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.jdscan]\ndask = "tcp://127.0.0.1:9"\n', encoding="utf-8")
    ad = tmp_path / "ad.txt"
    ad.write_text("Serve customers at the till.", encoding="utf-8")
    result = runner.invoke(app, ["--config", str(config), "classify", str(ad), "-f", "csv"])
    assert result.exit_code == 2 and "--dask tcp://127.0.0.1:9: no Dask scheduler" in result.stderr


class _GaveUp:
    def result(self):
        raise RuntimeError("KilledWorker: attempted to run task 3 times")


def test_a_chunk_the_cluster_gives_up_on_becomes_error_rows_that_say_why():
    from jdscan.engines.dask import _result
    from jdscan.model import ReadError
    from jdscan.text.document import Document

    chunk = [Document("ads.csv:2", "", "Serve customers.", id=7), ReadError("ads.csv:3", "field 'text' is empty")]
    rows = _result(chunk, _GaveUp(), None)
    assert [(r.source, r.id) for r in rows] == [("ads.csv:2", 7), ("ads.csv:3", None)]
    assert rows[0].reason.startswith("could not be classified on the Dask cluster (RuntimeError: KilledWorker")
    assert rows[1].reason == "field 'text' is empty"  # an error row stays what it was


def test_a_chunk_whose_workers_died_says_so_and_a_long_error_is_cut_at_a_word():
    from distributed import KilledWorker

    from jdscan.engines.dask import _why_lost

    died = _why_lost(KilledWorker(("chunk", 3), "tcp://127.0.0.1:41237", 3))
    assert died.startswith("could not be classified: the Dask workers that ran it died") and "version" not in died
    long = _why_lost(ValueError("word " * 100 + "tcp://127.0.0.1:41237"))
    assert " …) (try a run without --dask" in long and "tcp://127.0.0." not in long


def test_threads_of_one_process_take_turns_and_get_the_same_verdicts(expected):
    ads = dd.from_pandas(pandas.DataFrame(ADS), npartitions=6)
    frame = classify_dask(ads).compute(scheduler="threads", num_workers=3)
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    assert [_key(r) for r in rows] == [_key(r) for r in expected]


def test_no_text_column_is_said_before_any_work():
    from jdscan.errors import UsageError

    ads = dd.from_pandas(pandas.DataFrame({"body": ["Serve customers."], "ad_id": [1]}), npartitions=1)
    with pytest.raises(UsageError, match=r"no column 'text' \(columns: body, ad_id; try text='NAME'"):
        classify_dask(ads)


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _cluster(port: int):
    """A real `dask scheduler` and one `dask worker` process on this machine."""
    import subprocess
    import sys
    import time

    dask = [sys.executable, "-m", "distributed.cli.dask_scheduler"]
    scheduler = subprocess.Popen([*dask, "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    worker = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", f"tcp://127.0.0.1:{port}",
                               "--nthreads", "1", "--no-dashboard"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    client = distributed.Client(f"tcp://127.0.0.1:{port}", timeout=60)
    client.wait_for_workers(1, timeout=60)
    client.close()
    time.sleep(0.2)
    return scheduler, worker


def test_a_scheduler_lost_mid_run_stops_it_and_resume_redoes_what_was_lost(tmp_path):
    import subprocess
    import sys

    ads = numbered_ads(tmp_path / "ads.jsonl", 4000)
    whole = tmp_path / "whole.csv"
    subprocess.run([sys.executable, "-m", "jdscan", "classify", str(ads), "--format", "csv", "--output", str(whole)],
                   check=True, capture_output=True, timeout=300)
    port = _free_port()
    scheduler, worker = _cluster(port)
    out = tmp_path / "out.csv"
    command = [sys.executable, "-m", "jdscan", "classify", str(ads), "--format", "csv", "--output", str(out),
               "--dask", f"tcp://127.0.0.1:{port}"]
    try:
        run = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
        partial = tmp_path / "out.csv.partial"
        wait_for_size(partial, 30_000)
        scheduler.kill()
        _, err = run.communicate(timeout=180)
    finally:
        for proc in (scheduler, worker):
            proc.kill()
            proc.wait()
    assert run.returncode == 2, err
    assert "scheduler went away" in err and "Traceback" not in err
    assert "could not be classified" not in partial.read_text()  # lost chunks are not written as done
    port = _free_port()
    scheduler, worker = _cluster(port)
    try:
        resumed = subprocess.run([*command[:-1], f"tcp://127.0.0.1:{port}", "--resume"], capture_output=True,
                                 text=True, timeout=300, check=False)
    finally:
        for proc in (scheduler, worker):
            proc.kill()
            proc.wait()
    assert resumed.returncode == 0, resumed.stderr
    assert out.read_bytes() == whole.read_bytes()
