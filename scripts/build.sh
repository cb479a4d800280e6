#!/usr/bin/env bash
# Builds the npm package: pkg/node (CommonJS, synchronous, for `ratecard`) and
# pkg/web (ES module with init(), for `ratecard/web` and the page); the same
# two of the first-load module in pkg/lite (for `ratecard/lite`, `ratecard/lite/web`).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"   # wasm-opt from npm's binaryen
bash scripts/setup.sh
mkdir -p pkg
# The full module (`ratecard`, `ratecard/web`) and the first-load module
# (`ratecard/lite`, `ratecard/lite/web`: the same crate with the `lite` feature).
for module in full lite; do
  for target in nodejs web; do
    dir=pkg; name=ratecard; features=()
    [ "$module" = lite ] && { dir=pkg/lite; name=ratecard_lite; features=(-- --features lite); }
    out=$dir/web; [ "$target" = nodejs ] && out=$dir/node
    log=pkg/build-$module-$target.log
    mkdir -p "$dir"
    wasm-pack build --release --target "$target" --out-dir "$out" --out-name "$name" --no-pack "${features[@]}" >"$log" 2>&1 \
      || { cat "$log" >&2; exit 1; }
    rm -f "$log" "$out/.gitignore"
  done
  # Module types for Node: the nodejs target is CommonJS, the web target ESM.
  echo '{ "type": "commonjs" }' > $dir/node/package.json
  echo '{ "type": "module" }' > $dir/web/package.json
done
ls -l pkg/node/ratecard_bg.wasm | awk '{ print "[build] ratecard_bg.wasm: " $5 " bytes" }'
ls -l pkg/lite/node/ratecard_lite_bg.wasm | awk '{ print "[build] ratecard_lite_bg.wasm: " $5 " bytes" }'
# Every shipped .d.ts declares [Symbol.dispose] (wasm-bindgen): reference the
# lib that types it, so strict consumers need no tsconfig change.
for f in pkg/node/ratecard.d.ts pkg/web/ratecard.d.ts pkg/lite/node/ratecard_lite.d.ts pkg/lite/web/ratecard_lite.d.ts; do
  grep -q 'reference lib="esnext.disposable"' "$f" || sed -i '1i /// <reference lib="esnext.disposable" />' "$f"
done
# The widget (dist/widget, with esbuild) and the demo page (www/dist).
node scripts/build-web.mjs
# The third-party notices shipped in the package (generated from cargo tree and node_modules).
node scripts/notices.mjs
# The custom-elements manifest of the widget (package.json "customElements").
node scripts/manifest.mjs
