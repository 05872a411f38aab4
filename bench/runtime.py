#!/usr/bin/env python3
"""Runtime benchmarks: runs the criterion suite in bench/runtime several times and reports, per
benchmark, the median over rounds of criterion's median, and each flavour's ratio to its
baseline in the same group.

    python3 bench/runtime.py            # 3 rounds
    python3 bench/runtime.py --rounds 1 # one quick round

Rounds interleave the flavours at a coarse grain: a burst of load from other processes during
one round moves every flavour's figure of that round, and the median over rounds drops it.
Only cargo and the Python standard library are used.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
CRITERION = BENCH / "target" / "criterion"

# group -> (baseline, other flavours); ratios are flavour / baseline median time.
GROUPS = {
    "code": ("hand", ["derive"]),
    "status": ("hand", ["derive"]),
    "from_code": ("hashmap", ["derive"]),
    "message_plain": ("hand", ["derive"]),
    "message_template": ("hand", ["derive"]),
    "serialize_body": ("hand_struct", ["derive", "json_macro"]),
    "parse_body": ("hand_struct", ["derive"]),
}


def median_ns(group: str, bench: str) -> float:
    estimates = CRITERION / group / bench / "new" / "estimates.json"
    return json.loads(estimates.read_text())["median"]["point_estimate"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path, default=BENCH / "generated" / "runtime.json")
    args = parser.parse_args()
    samples: dict[str, list[float]] = {}
    for round_index in range(args.rounds):
        result = subprocess.run(
            ["cargo", "bench", "--quiet", "-p", "authos-errors-bench", "--bench", "runtime"],
            cwd=BENCH, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if result.returncode != 0:
            sys.exit(f"cargo bench failed:\n{result.stderr[-4000:]}")
        for group, (baseline, others) in GROUPS.items():
            for bench in [baseline, *others]:
                samples.setdefault(f"{group}/{bench}", []).append(median_ns(group, bench))
        print(f"  round {round_index + 1}/{args.rounds} done", flush=True)

    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"rounds": args.rounds, "load": os.getloadavg(),
                                     "samples_ns": samples}, indent=1))
    print()
    print(f"Median over {args.rounds} rounds of criterion's median time per iteration:")
    print()
    print("| group | flavour | time | ratio to baseline |")
    print("|---|---|---:|---:|")
    for group, (baseline, others) in GROUPS.items():
        base = statistics.median(samples[f"{group}/{baseline}"])
        print(f"| {group} | {baseline} (baseline) | {fmt(base)} | 1.00 |")
        for bench in others:
            value = statistics.median(samples[f"{group}/{bench}"])
            print(f"| {group} | {bench} | {fmt(value)} | {value / base:.2f} |")
    print(f"\nload average after: {os.getloadavg()}; samples in {args.json}")


def fmt(ns: float) -> str:
    return f"{ns:.1f} ns" if ns < 1000 else f"{ns / 1000:.2f} µs"


if __name__ == "__main__":
    main()
