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
# Every shipped .d.ts declares [Symbol.dispose] (wasm-bindgen): reference the
# lib that types it, so strict consumers need no tsconfig change.
for f in pkg/node/ratecard.d.ts pkg/web/ratecard.d.ts; do
  grep -q 'reference lib="esnext.disposable"' "$f" || sed -i '1i /// <reference lib="esnext.disposable" />' "$f"
done
# The widget (dist/widget, with esbuild) and the demo page (www/dist).
node scripts/build-web.mjs
