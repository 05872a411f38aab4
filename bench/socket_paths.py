#!/usr/bin/env python3
"""The error path end to end (examples/socket_paths.rs): callgrind instruction counts of the
server's thread (hyper, axum, the error layer) per error response, with and without a
localizer, over a loopback socket. The client runs on a thread of its own, counted apart.

    python3 bench/socket_paths.py            # 3 runs of 100 rounds per path
    python3 bench/socket_paths.py --runs 1   # quicker

Per response = (count at N rounds - count at 0 rounds) / (N x 61 catalog codes), the median
over runs (the poller's wake-ups vary a little from run to run). Needs valgrind; only cargo
and the Python standard library otherwise.
"""

from __future__ import annotations

import argparse
import glob
import os
import statistics
import subprocess
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
BINARY = BENCH / "target" / "release" / "examples" / "socket_paths"
CODES = 61


def thread_counts(path: str, rounds: int) -> list[int]:
    """Instructions of each thread of one run (the server's main thread first)."""
    with tempfile.TemporaryDirectory() as scratch:
        out = os.path.join(scratch, "callgrind.out")
        subprocess.run(
            ["valgrind", "--tool=callgrind", "--separate-threads=yes",
             f"--callgrind-out-file={out}", str(BINARY), path, str(rounds)],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        counts = []
        for name in sorted(glob.glob(out + "*")):
            with open(name, encoding="utf-8") as handle:
                for line in handle:
                    if line.startswith(("summary:", "totals:")):
                        counts.append(int(line.split()[1]))
                        break
        return counts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=100)
    args = parser.parse_args()
    subprocess.run(
        ["cargo", "build", "--release", "--manifest-path", str(BENCH / "Cargo.toml"),
         "--example", "socket_paths", "--features", "fluent"],
        check=True,
    )
    figures = {}
    for path in ("layer", "layer_english"):
        base = thread_counts(path, 0)
        runs = [thread_counts(path, args.rounds) for _ in range(args.runs)]
        per = lambda thread: statistics.median(  # noqa: E731
            (run[thread] - base[thread]) / (args.rounds * CODES) for run in runs
        )
        figures[path] = (per(0), per(1))
    server, client = figures["layer"]
    for path, (path_server, path_client) in figures.items():
        print(f"{path:14} server {path_server:8.0f} ({path_server / server - 1:+.1%})"
              f"  client {path_client:8.0f}")


if __name__ == "__main__":
    main()
