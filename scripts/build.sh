#!/usr/bin/env bash
# Builds the npm package: pkg/node (CommonJS, synchronous, for `ratecard`) and
# pkg/web (ES module with init(), for `ratecard/web` and the page).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"   # wasm-opt from npm's binaryen
bash scripts/setup.sh
mkdir -p pkg
for target in nodejs web; do
  out=pkg/web; [ "$target" = nodejs ] && out=pkg/node
  log=pkg/build-$target.log
  wasm-pack build --release --target "$target" --out-dir "$out" --out-name ratecard --no-pack >"$log" 2>&1 \
    || { cat "$log" >&2; exit 1; }
  rm -f "$log" "$out/.gitignore"
done
# Module types for Node: the nodejs target is CommonJS, the web target ESM.
echo '{ "type": "commonjs" }' > pkg/node/package.json
echo '{ "type": "module" }' > pkg/web/package.json
ls -l pkg/node/ratecard_bg.wasm | awk '{ print "[build] ratecard_bg.wasm: " $5 " bytes" }'
# The page imports the web build from www/pkg/ (build output, ignored by git).
mkdir -p www/pkg
cp pkg/web/ratecard.js pkg/web/ratecard_bg.wasm www/pkg/
