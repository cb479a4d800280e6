#!/usr/bin/env bash
# The Python package (python/: PyO3 + Arrow, built by maturin), for `npm test` and the bench:
#   scripts/python.sh setup   a venv in .venv with python/requirements-test.txt from PyPI, and
#                             Java 17 for Spark (Debian's openjdk-17-jdk-headless) if missing
#   scripts/python.sh wheel   build the wheel (maturin, profile `wheel`) and install it in .venv,
#                             when its sources changed since the last build
#   scripts/python.sh test    setup, wheel, then pytest python/tests (Spark local[2] included)
# Idempotent and quick when nothing changed. Downloads only from PyPI, crates.io and Debian.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
step() { printf '[python] %s\n' "$*"; }
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"

setup() {
  if [ ! -x .venv/bin/python ]; then
    step "creating .venv"
    if ! python3 -m venv .venv 2>/dev/null; then
      # Debian ships venv apart from python3.
      rm -rf .venv
      $SUDO apt-get update -qq
      DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-venv >/dev/null
      python3 -m venv .venv
    fi
  fi
  local want stamp=.venv/.ratecard-requirements.sha256
  want=$(sha256sum python/requirements-test.txt | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    step "pip install -r python/requirements-test.txt (~1 min)"
    .venv/bin/pip install -q --disable-pip-version-check -r python/requirements-test.txt
    echo "$want" > "$stamp"
  fi
  # Spark 4 runs on Java 17 or later.
  if ! java -version 2>&1 | grep -Eq 'version "(1[7-9]|[2-9][0-9])'; then
    step "installing Debian openjdk-17-jdk-headless (Spark needs Java 17)"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq openjdk-17-jdk-headless >/dev/null
  fi
}

wheel() {
  local want stamp=.venv/.ratecard-wheel.sha256
  want=$( { find src presets python/src python/ratecard -type f -not -name '*.pyc' -print0 | sort -z | xargs -0 sha256sum; sha256sum Cargo.toml Cargo.lock python/Cargo.toml python/pyproject.toml; } | sha256sum | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" = "$want" ] && .venv/bin/python -c "import ratecard" 2>/dev/null; then return; fi
  step "maturin build (profile wheel; ~3 min cold)"
  rm -rf target/wheels
  .venv/bin/maturin build --quiet --profile wheel -m python/Cargo.toml -o target/wheels
  .venv/bin/pip install -q --disable-pip-version-check --force-reinstall --no-deps target/wheels/ratecard-*.whl
  echo "$want" > "$stamp"
}

case "${1:-test}" in
  setup) setup ;;
  wheel) setup; wheel ;;
  test)
    setup
    wheel
    step "pytest python/tests (the wheel against the npm package's simulate; pyarrow, Polars, DuckDB, Spark local[2])"
    cd python/tests && ../../.venv/bin/python -m pytest -q -p no:cacheprovider .
    ;;
  *) echo "usage: scripts/python.sh setup|wheel|test" >&2; exit 2 ;;
esac
