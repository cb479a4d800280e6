#!/usr/bin/env bash
# One part of `npm test`, for the inner loop (`npm test` still runs every part, and CI runs it):
#   npm run test:rust        native cargo test (seconds warm; no wasm build)
#   npm run test:unit        the pure JS modules in Node (no build at all)
#   npm run test:package     the built package in Node: the tarball, the command line, the case table, hostile input, parity, the README and docs/ examples
#   npm run test:browser     the widget and the page in headless Chromium
#   npm run test:frameworks  consumer projects: strict tsc, Vite, React, Vue, Svelte, Next.js, Angular
#   npm run test:python      the Python wheel: replay and reprice against the package, Spark local[2]
# package, browser, frameworks and python build first (scripts/build.sh: quick when nothing changed).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
part=${1:?usage: scripts/test-part.sh rust|unit|package|browser|frameworks|python}
case "$part" in
  rust) exec cargo test --quiet ;;
  python) bash scripts/build.sh && exec bash scripts/python.sh test ;;
  unit) exec node --test --test-reporter=spec tests/js/locale.test.mjs tests/js/boundary.test.mjs tests/js/share.test.mjs ;;
  package) files=(tests/js/package.test.mjs tests/js/cli.test.mjs tests/js/mcp.test.mjs tests/js/hostile.test.mjs tests/js/parity.test.mjs tests/js/readme.test.mjs tests/js/widget-units.test.mjs) ;;
  browser) files=(tests/js/widget.test.mjs tests/js/page.test.mjs) ;;
  frameworks) files=(tests/js/consumers.test.mjs tests/js/frameworks.test.mjs) ;;
  *) echo "unknown part: $part (rust, unit, package, browser, frameworks, python)" >&2; exit 2 ;;
esac
if [ "$part" = browser ]; then bash scripts/setup.sh --test; fi
bash scripts/build.sh
node --test --test-reporter=spec "${files[@]}"
