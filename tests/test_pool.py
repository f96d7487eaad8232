"""jdscan's own worker pool: a worker killed at any instant, even half-way through sending a
large result, costs a retry, never a hang; workers hold none of the parent's files and stop
when the parent does."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from jdscan.batch import classify_stream
from jdscan.text.document import Document

from .files import AD_LINES, numbered_ads, wait_for_size

BIG = 20_000  # characters added to each result: a chunk's results are over a megabyte


def padded(result):
    """A transform that makes each result large, so a worker spends its time in the pipe."""
    return (getattr(result, "path", None) or result.source, getattr(result, "role", None), "x" * BIG)


def docs(n: int) -> list[Document]:
    return [Document(f"ad-{i}", "", AD_LINES[1 + i % 3], id=str(i)) for i in range(n)]


@pytest.mark.parametrize("attempt", range(20))
def test_a_worker_killed_while_sending_a_large_result_costs_a_retry_not_a_hang(scanner, attempt):
    ads = docs(640)
    undisturbed = list(classify_stream(scanner, ads, jobs=2, transform=padded))
    events, got = [], []
    start = time.monotonic()
    for n, row in enumerate(classify_stream(scanner, ads, jobs=2, transform=padded, events=events.append)):
        got.append(row)
        if n == 64 + attempt * 7:  # the parent holds back; the workers are blocked writing
            time.sleep(0.05)
            children = [p for p in _children() if p]
            if children:
                os.kill(children[attempt % len(children)], signal.SIGKILL)
        assert time.monotonic() - start < 120, "the batch hung"
    assert got == undisturbed  # every row, whole, in order
    died = [e for e in events if e.kind == "died"]
    assert died  # said, so an operator can tell; what it held was retried unless it held nothing
    assert any(e.kind == "retried" for e in events) or all("holding 0 chunk" in e.message for e in died)


def _children() -> list[int]:
    import multiprocessing

    return [p.pid for p in multiprocessing.active_children()]


WORKER_FILES = """
import os, sys, time
from jdscan.batch import classify_stream
from jdscan.scanner import Scanner
from jdscan.text.document import Document
out = open(sys.argv[1], "w")
scanner = Scanner()
docs = [Document(f"ad-{i}", "", "Answer customer calls about orders.") for i in range(400)]
for n, v in enumerate(classify_stream(scanner, docs, jobs=2)):
    if n == 100:
        import multiprocessing
        for child in multiprocessing.active_children():
            fds = os.listdir(f"/proc/{child.pid}/fd")
            targets = {os.path.realpath(f"/proc/{child.pid}/fd/{fd}") for fd in fds}
            print(child.pid, sorted(targets), flush=True, file=sys.stderr)
        os.kill(os.getpid(), 9)  # the parent dies as a supervisor or the OOM killer would end it
"""


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc to look at a worker's files")
def test_workers_hold_no_parent_files_and_die_with_the_parent(tmp_path):
    script = tmp_path / "run.py"
    script.write_text(WORKER_FILES)
    out = tmp_path / "verdicts.csv"
    done = subprocess.run([sys.executable, str(script), str(out)], capture_output=True, text=True, timeout=120,
                          cwd=tmp_path, check=False)
    assert done.returncode == -9, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.split(" ", 1)[0].isdigit()]
    assert len(lines) == 2, done.stderr
    for line in lines:
        pid, files = line.split(" ", 1)
        assert str(out) not in files  # the parent's output file
        deadline = time.monotonic() + 10
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(pid), f"worker {pid} outlived its parent"


def _alive(pid: str) -> bool:
    """Whether the process runs (a zombie, gone but not yet reaped, does not)."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


def test_sigterm_stops_a_run_as_ctrl_c_does_and_resume_finishes_it(tmp_path):
    ads = numbered_ads(tmp_path / "ads.jsonl", 3000)
    whole = tmp_path / "whole.csv"
    subprocess.run([sys.executable, "-m", "jdscan", "classify", str(ads), "--format", "csv", "-j", "2",
                    "--output", str(whole)], check=True, capture_output=True, timeout=300)
    out = tmp_path / "out.csv"
    run = subprocess.Popen([sys.executable, "-m", "jdscan", "classify", str(ads), "--format", "csv", "-j", "2",
                            "--output", str(out)], stderr=subprocess.PIPE, text=True)
    partial = tmp_path / "out.csv.partial"
    wait_for_size(partial, 20_000)
    run.terminate()
    _, err = run.communicate(timeout=60)
    assert run.returncode == 143, err
    assert "terminated after" in err and "out.csv.partial" in err and "Traceback" not in err
    assert partial.exists() and not out.exists()
    resumed = subprocess.run([sys.executable, "-m", "jdscan", "classify", str(ads), "--format", "csv", "-j", "2",
                              "--output", str(out), "--resume"], capture_output=True, text=True, timeout=300,
                             check=False)
    assert resumed.returncode == 0, resumed.stderr
    assert out.read_bytes() == whole.read_bytes()


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs /proc to find the workers")
def test_a_parent_stopped_alone_leaves_no_worker_and_resume_finishes_its_file(tmp_path, how):
    ads = numbered_ads(tmp_path / "ads.jsonl", 3000)
    whole = tmp_path / "whole.csv"
    command = [sys.executable, "-m", "jdscan", "classify", str(ads), "--format", "csv", "-j", "2", "--output"]
    subprocess.run([*command, str(whole)], check=True, capture_output=True, timeout=300)
    out = tmp_path / "out.csv"
    run = subprocess.Popen([*command, str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    partial = tmp_path / "out.csv.partial"
    wait_for_size(partial, 20_000)
    workers = [pid for pid in os.listdir("/proc") if pid.isdigit() and _parent(pid) == run.pid]
    assert workers
    os.kill(run.pid, how)  # only the main process, as a supervisor or the OOM killer would
    run.communicate(timeout=60)  # its pipes close: no worker holds them open
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers), "a worker outlived its parent"
    resumed = subprocess.run([*command, str(out), "--resume"], capture_output=True, text=True, timeout=300,
                             check=False)
    assert resumed.returncode == 0, resumed.stderr
    assert out.read_bytes() == whole.read_bytes()


def _parent(pid: str) -> int | None:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return int(fh.read().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return None


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs /proc to find the workers")
def test_the_command_says_when_a_worker_died_and_what_was_retried(tmp_path):
    ads = numbered_ads(tmp_path / "ads.jsonl", 3000)
    out = tmp_path / "out.csv"
    run = subprocess.Popen([sys.executable, "-m", "jdscan", "classify", str(ads), "--format", "csv", "-j", "2",
                            "--output", str(out)], stderr=subprocess.PIPE, text=True)
    partial = tmp_path / "out.csv.partial"
    wait_for_size(partial, 20_000)
    workers = [pid for pid in os.listdir("/proc") if pid.isdigit() and _parent(pid) == run.pid]
    os.kill(int(workers[0]), signal.SIGKILL)
    _, err = run.communicate(timeout=300)
    assert run.returncode == 0, err
    said = [line for line in err.splitlines() if line.startswith("jdscan: a worker process ")]
    assert said and ("was killed (signal 9), holding " in said[0] or "died while sending its results" in said[0])
    assert "is tried again, alone, in a fresh worker" in err or "holding 0 chunk" in err
    assert len(out.read_text().splitlines()) == 3001  # the header and every ad
