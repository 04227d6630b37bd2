#!/bin/sh
# Builds the fuzz target with libFuzzer's coverage instrumentation on stable Rust (the
# flags cargo-fuzz passes, minus the sanitizer, which needs nightly) and runs it, one job,
# at low priority, seeded with the repository's packs and corpus.
# Usage: fuzz/run.sh [extra libFuzzer flags, e.g. -runs=10000000 or -max_total_time=3600]
set -eu
cd "$(dirname "$0")"
export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks"
nice -n 19 cargo build --release --bin load --target x86_64-unknown-linux-gnu
mkdir -p corpus/load artifacts
# The starting corpus: every seed and corpus file, plus what earlier runs found (corpus/load).
exec nice -n 19 target/x86_64-unknown-linux-gnu/release/load -artifact_prefix=artifacts/ \
    -max_len=262144 -timeout=20 -rss_limit_mb=2048 "$@" corpus/load ../seeds ../tests/corpus/other-councils ../tests/corpus/pdf
