#!/usr/bin/env python3
"""RUSTC_WRAPPER for bench/compile_time.py: runs rustc and, for the benchmark's own crates
(`--crate-name catalog_*`), appends `crate-name seconds` to $BENCH_RUSTC_LOG, so the report can
give rustc's own time beside cargo's wall-clock time."""

import os
import subprocess
import sys
import time

args = sys.argv[1:]
start = time.perf_counter()
code = subprocess.call(args)
elapsed = time.perf_counter() - start
log = os.environ.get("BENCH_RUSTC_LOG")
if log and "--crate-name" in args:
    name = args[args.index("--crate-name") + 1]
    if name.startswith("catalog_"):
        with open(log, "a") as out:
            out.write(f"{name} {elapsed:.6f}\n")
sys.exit(code)
