#!/usr/bin/env bash
# `npm run fuzz`: runs each cargo-fuzz target for FUZZ_SECONDS (default 60),
# seeded with the presets and the requests of tests/cases.json. cargo-fuzz
# needs nightly features; RUSTC_BOOTSTRAP=1 enables them on this stable
# toolchain. A crash stops the run and leaves its input in fuzz/artifacts/:
# turn it into a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --version 0.13.2 --locked
SECONDS_EACH="${FUZZ_SECONDS:-60}"
mkdir -p fuzz/corpus/rate_card fuzz/corpus/quote
cp presets/*.json fuzz/corpus/rate_card/
# The corpus from the case table; selectors from ratecard::fuzzing (Rust).
cargo run --quiet --example fuzz_corpus -- tests/cases.json fuzz/corpus/quote
for target in rate_card quote; do
  echo "[fuzz] $target for ${SECONDS_EACH}s"
  (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run --fuzz-dir . "$target" "corpus/$target" -- -max_total_time="$SECONDS_EACH" 2>&1 | grep -E "^Done|ERROR|panicked|SUMMARY")
done
