#!/bin/sh
# Builds the fuzz target with libFuzzer's coverage instrumentation on stable Rust (the
# flags cargo-fuzz passes, minus the sanitizer, which needs nightly) and runs it, one job,
# at low priority, seeded with the repository's packs and corpus.
# Usage: [FUZZ_TARGET=load|pdf] fuzz/run.sh [extra libFuzzer flags, e.g. -runs=10000000 or -max_total_time=3600]
# `load` is the text path (any bytes through parse::load); `pdf` the PDF path (input::load_named).
set -eu
cd "$(dirname "$0")"
export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks"
target=${FUZZ_TARGET:-load}
nice -n 19 cargo build --release --bin "$target" --target x86_64-unknown-linux-gnu
mkdir -p "corpus/$target" artifacts
# The starting corpus: what earlier runs found (corpus/TARGET), plus the seeds and the
# corpus (for the PDF path, the corpus PDFs).
case "$target" in
pdf) starts="../tests/corpus/pdf" ;;
*) starts="../seeds ../tests/corpus/other-councils ../tests/corpus/pdf" ;;
esac
# shellcheck disable=SC2086 # $starts is a list of folders
exec nice -n 19 "target/x86_64-unknown-linux-gnu/release/$target" -artifact_prefix="artifacts/$target-" \
    -max_len=262144 -timeout=20 -rss_limit_mb=2048 "$@" "corpus/$target" $starts
