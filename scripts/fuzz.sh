#!/usr/bin/env bash
# Fuzzes the client-side parsers and the error responses of authos-errors (targets in
# fuzz/src/lib.rs) for a fixed number of executions per target, starting from the committed
# seeds in fuzz/seeds/.
#
#   scripts/fuzz.sh [--engine auto|libfuzzer|stable] [--runs N] [--target NAME|all] [--smoke]
#
# Engines (see FUZZING.md):
#   libfuzzer  cargo-fuzz + libFuzzer, coverage-guided. Needs the nightly toolchain; installs
#              cargo-fuzz (`cargo install cargo-fuzz --locked`) when it is missing.
#   stable     fuzz/stable: a deterministic mutation driver on stable Rust (no coverage
#              feedback), same checks; reproducible from --seed.
#   auto       libfuzzer when a nightly toolchain is installed, else stable (the default).
# --smoke      a few seconds per target on the stable engine: what CI runs.
#
# Exits non-zero on the first input that makes a target panic (or hang); the input is saved
# under fuzz/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."

engine=auto
runs=1000000
target=all
while [ $# -gt 0 ]; do
    case "$1" in
        --engine) engine="${2:?--engine needs auto, libfuzzer or stable}"; shift 2 ;;
        --runs) runs="${2:?--runs needs a number}"; shift 2 ;;
        --target) target="${2:?--target needs a name or all}"; shift 2 ;;
        --smoke) engine=stable; runs=200000; shift ;;
        -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
        *) echo "fuzz.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
    esac
done
case "$runs" in
    ''|*[!0-9]*) echo "fuzz.sh: --runs takes a whole number, not '$runs'" >&2; exit 2 ;;
esac

has_nightly() {
    command -v rustup >/dev/null 2>&1 && rustup toolchain list | grep '^nightly' >/dev/null
}

ensure_cargo_fuzz() {
    if cargo fuzz --version >/dev/null 2>&1; then
        return 0
    fi
    echo "fuzz.sh: installing cargo-fuzz (cargo install cargo-fuzz --locked)"
    cargo install cargo-fuzz --locked
}

if [ "$engine" = auto ]; then
    if has_nightly && ensure_cargo_fuzz; then
        engine=libfuzzer
    else
        echo "fuzz.sh: no nightly toolchain (or cargo-fuzz could not be installed): using the stable driver"
        engine=stable
    fi
fi

targets=(client_body retry_after http_headers client_response render)
if [ "$target" != all ]; then
    targets=("$target")
fi

case "$engine" in
    libfuzzer)
        has_nightly || { echo "fuzz.sh: libFuzzer needs the nightly toolchain (rustup toolchain list shows none)" >&2; exit 2; }
        ensure_cargo_fuzz
        for name in "${targets[@]}"; do
            [ -d "fuzz/seeds/$name" ] || { echo "fuzz.sh: no target '$name' (no fuzz/seeds/$name)" >&2; exit 2; }
            mkdir -p "fuzz/corpus/$name"
            echo "=== libFuzzer: $name, $runs executions ==="
            # New inputs go to fuzz/corpus (git-ignored); the seeds are read, never written.
            log="$(mktemp)"
            if ! cargo +nightly fuzz run "$name" "fuzz/corpus/$name" "fuzz/seeds/$name" -- \
                -runs="$runs" -max_len=8192 -timeout=5 -rss_limit_mb=4096 -print_final_stats=1 \
                >"$log" 2>&1; then
                tail -n 60 "$log"
                echo "fuzz.sh: $name found a failing input (see fuzz/artifacts/$name/)" >&2
                exit 1
            fi
            grep -aE '^(#[0-9]+[[:space:]]+(INITED|DONE)|Done [0-9]+ runs|stat::number_of_executed_units)' "$log" || tail -n 5 "$log"
            rm -f "$log"
        done
        ;;
    stable)
        for name in "${targets[@]}"; do
            echo "=== stable driver: $name, $runs executions ==="
            cargo run --quiet --release --manifest-path fuzz/Cargo.toml -p authos-errors-fuzz-stable -- \
                --target "$name" --runs "$runs"
        done
        ;;
    *)
        echo "fuzz.sh: unknown engine '$engine' (auto, libfuzzer or stable)" >&2
        exit 2
        ;;
esac
echo "fuzz.sh: no failing input found"
