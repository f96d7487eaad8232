"""Fuzz jdscan for a while: every input reader, the command line on stdin and the rule
loader (the hypothesis targets of tests/test_fuzz.py), with fresh random seeds, round
after round until the time is up.

    python bench/fuzz.py [--minutes 10] [--examples 500]

Each round is one pytest run of `-m fuzz` with JDSCAN_FUZZ_EXAMPLES examples per target
and a new hypothesis seed; the first failing round stops the run and its output (with the
seed to replay it: `--hypothesis-seed=N`) is printed. The suite runs the same targets
briefly; this is the long run, a benchmark of robustness rather than a test.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--examples", type=int, default=500, help="examples per target in one round")
    args = parser.parse_args()
    deadline = time.monotonic() + args.minutes * 60
    env = {**os.environ, "JDSCAN_FUZZ_EXAMPLES": str(args.examples)}
    rounds = 0
    while time.monotonic() < deadline:
        seed = random.SystemRandom().randrange(2**32)
        done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-m", "fuzz", "-p", "no:cacheprovider",
                               f"--hypothesis-seed={seed}", "tests/test_fuzz.py"],
                              cwd=ROOT, env=env, capture_output=True, text=True, check=False)
        rounds += 1
        print(f"round {rounds}: seed {seed}: {done.stdout.strip().splitlines()[-1]}", flush=True)
        if done.returncode != 0:
            print(done.stdout[-6000:], done.stderr[-2000:], sep="\n")
            return 1
    print(f"{rounds} rounds, {rounds * args.examples:,} examples per target, no failure "
          f"in {args.minutes:g} minutes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
