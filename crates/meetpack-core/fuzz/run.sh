#!/bin/sh
# Builds the fuzz target with libFuzzer's coverage instrumentation on stable Rust (the
# flags cargo-fuzz passes, minus the sanitizer, which needs nightly) and runs it, one job,
# at low priority, seeded with the repository's packs and corpus.
# Usage: [FUZZ_TARGET=load|pdf] [FUZZ_MAX_LEN=bytes] [FUZZ_STARTS="folders"] crates/meetpack-core/fuzz/run.sh [extra libFuzzer flags,
#        e.g. -runs=10000000 or -max_total_time=3600]
# The long runs use small inputs and text starts (FUZZ_MAX_LEN=8192 FUZZ_STARTS="../../../seeds
# ../../../tests/corpus/other-councils"): a whole pack per execution runs at tens per second, an
# 8 KiB cut of one at thousands, and the parser's rules see the same kinds of line.
# `load` is the text path (any bytes through input::load); `pdf` the PDF path (input::load_named).
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
pdf) starts="../../../tests/corpus/pdf" ;;
*) starts="../../../seeds ../../../tests/corpus/other-councils ../../../tests/corpus/pdf" ;;
esac
starts=${FUZZ_STARTS:-$starts}
# shellcheck disable=SC2086 # $starts is a list of folders
exec nice -n 19 "target/x86_64-unknown-linux-gnu/release/$target" -artifact_prefix="artifacts/$target-" \
    -max_len="${FUZZ_MAX_LEN:-262144}" -timeout=20 -rss_limit_mb=2048 "$@" "corpus/$target" $starts
