#!/usr/bin/env bash
# Every test, as `npm test` and CI run them:
#   1. native: cargo test (unit, integration, doc tests)
#   2. wasm: wasm-pack test in Node and in headless Chromium
#   3. the packed npm package in a consumer project, and the page in Chromium
#   4. the Python wheel (replay and reprice over Arrow, Spark local[2]) against the package
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

bash scripts/setup.sh --test
bash scripts/build.sh

log=$(mktemp)
trap 'rm -f "$log"' EXIT
# wasm-pack exits 0 when a runner silently skips every test: insist on a count.
expect_ran() {
  if ! grep -Eq "test result: ok\. [1-9][0-9]* passed" "$log"; then
    echo "[test] $1 ran no tests" >&2
    exit 1
  fi
}

echo "[test] cargo test (native)"
cargo test --quiet 2>&1 | tee "$log"
expect_ran "cargo test"

echo "[test] cargo clippy: no unwrap, expect, panic, indexing or unchecked arithmetic in library code"
cargo clippy --quiet --all-targets -- -D warnings
cargo clippy --quiet --lib --tests --target wasm32-unknown-unknown -- -D warnings
cargo clippy --quiet --lib --target wasm32-unknown-unknown --features lite -- -D warnings
cargo clippy --quiet -p ratecard-python -- -D warnings

echo "[test] JavaScript: type check (tsc, JSDoc) of www/, scripts/, tests/ and bench/, strict for the boundary and the pure modules; lint (ESLint) of www/, scripts/, tests/ and bench/"
tsc -p tsconfig.check.json
# Strict, module by module: the boundary and the pure modules so far.
tsc -p tsconfig.strict.json
# The tests and the bench, as the test script says they are.
tsc -p tsconfig.tests.json
eslint .

echo "[test] cargo doc (warnings are errors)"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --quiet

echo "[test] wasm-pack test --node"
wasm-pack test --node -- --test wasm 2>&1 | tee "$log"
expect_ran "wasm-pack test --node"

echo "[test] wasm-pack test --headless --chrome"
# wasm-bindgen-test-runner gives ChromeDriver 5 s to bind its port by default; a fresh CI machine
# (cold disk, both cores busy) has taken longer and the run failed with "driver failed to bind
# port during startup". Start it once to warm its files, and give it two minutes.
chromedriver --version >/dev/null
export WASM_BINDGEN_TEST_DRIVER_TIMEOUT=120
WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --headless --chrome --chromedriver "$(command -v chromedriver)" -- --test wasm 2>&1 | tee "$log"
expect_ran "wasm-pack test --chrome"

echo "[test] node --test: the packed package and the page in Chromium"
node --test --test-reporter=spec tests/js/

echo "[test] Python: the wheel, pytest (replay = the package's simulate; pyarrow, Polars, DuckDB, Spark local[2])"
bash scripts/python.sh test
