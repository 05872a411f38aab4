#!/usr/bin/env python3
"""Instruction counts of an incremental rebuild (callgrind), as in BENCHMARKS.md part 1.

For each size and flavour (a = derive, b = hand-written) this builds the crate that
`compile_time.py` generates, then rewrites `src/edit.rs` and rebuilds it twice under
`valgrind --tool=callgrind` (the crate's rustc process only), reporting the second rebuild:
the whole process and, for flavour a, the part spent inside `derive_api_error_code`
(inclusive, from `callgrind_annotate`). Load does not change these counts.

    python3 bench/callgrind.py --sizes 1000            # needs valgrind
    python3 bench/callgrind.py --sizes 100,1000,5000 --worktree
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import compile_time as ct  # noqa: E402

WRAPPER = ct.BENCH / "generated" / "callgrind_rustc.sh"
OUT = ct.BENCH / "generated" / "callgrind"
# Crates and snapshots of their own, so a compile_time.py run can go on meanwhile.
ct.GENERATED = ct.BENCH / "generated" / "cg" / "compile"


def wrapper() -> None:
    WRAPPER.parent.mkdir(parents=True, exist_ok=True)
    WRAPPER.write_text(
        "#!/bin/sh\n"
        "# RUSTC_WRAPPER: callgrind on the benchmark's own crates, plain rustc otherwise.\n"
        'case " $* " in\n'
        '  *" --crate-name catalog_"*) exec valgrind --tool=callgrind --log-file="$CG_LOG" '
        '--callgrind-out-file="$CG_OUT" "$@" ;;\n'
        '  *) exec "$@" ;;\n'
        "esac\n")
    WRAPPER.chmod(0o755)


def rebuild(name: str, target: Path, counter: int) -> tuple[int, int | None]:
    (ct.GENERATED / name / "src" / "edit.rs").write_text(ct.EDIT_TEMPLATE.format(counter))
    log, out = OUT / f"{name}.log", OUT / f"{name}.out"
    env = dict(os.environ, CARGO_TARGET_DIR=str(target), CARGO_INCREMENTAL="1",
               RUSTC_WRAPPER=str(WRAPPER), CG_LOG=str(log), CG_OUT=str(out))
    env.pop("RUSTFLAGS", None)
    subprocess.run(["cargo", "build", "-p", name, "--offline", "--quiet"], cwd=ct.GENERATED,
                   env=env, check=True)
    collected = int(re.search(r"Collected : (\d+)", log.read_text()).group(1))
    annotate = subprocess.run(["callgrind_annotate", "--inclusive=yes", str(out)],
                              capture_output=True, text=True).stdout
    derive = None
    for line in annotate.splitlines():
        if "derive_api_error_code" in line and "::{{closure}}" not in line:
            count = int(line.split()[0].replace(",", ""))
            derive = max(derive or 0, count)
    return collected, derive


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000")
    parser.add_argument("--flavours", default="a,b", help="a0 (with --baseline), a, b, c")
    parser.add_argument("--worktree", action="store_true")
    parser.add_argument("--baseline", metavar="COMMIT",
                        help="also measure flavour a0, the derive at COMMIT")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    ct.snapshot(args.worktree, "HEAD", "cg/snapshot")
    if args.baseline:
        ct.snapshot(False, args.baseline, "cg/snapshot-baseline")
        ct.rename_baseline_version(ct.BENCH / "generated" / "cg" / "snapshot-baseline")
        ct.FLAVOURS.insert(0, "a0")
    ct.generate(sizes)
    wrapper()
    OUT.mkdir(parents=True, exist_ok=True)
    target = ct.BENCH / "generated" / "cg" / "target"
    print("| variants | flavour | whole rustc (M) | running the derive (M) |")
    print("|---:|---|---:|---:|")
    counter = 1000
    for n in sizes:
        for flavour in args.flavours.split(","):
            name = ct.crate_name(flavour, n)
            env = dict(os.environ, CARGO_TARGET_DIR=str(target), CARGO_INCREMENTAL="1")
            subprocess.run(["cargo", "build", "-p", name, "--quiet"], cwd=ct.GENERATED,
                           env=env, check=True)
            counter += 1
            rebuild(name, target, counter)
            counter += 1
            whole, derive = rebuild(name, target, counter)
            shown = f"{derive / 1e6:,.0f}" if derive else "-"
            print(f"| {n:,} | {flavour} | {whole / 1e6:,.0f} | {shown} |", flush=True)


if __name__ == "__main__":
    main()
