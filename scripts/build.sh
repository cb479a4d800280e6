#!/usr/bin/env bash
# Builds the npm package: pkg/web, the full module's glue and .wasm (for `ratecard/web`
# and the page; `ratecard` in Node instantiates the same files synchronously), and
# pkg/lite/web, the first-load module's (`ratecard/lite`, `ratecard/lite/web`): one
# copy of each .wasm. pkg/node is built for its .d.ts alone: the types of `ratecard`
# in Node, with no DOM types in them (the web build's declare `init`'s fetch).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"   # wasm-opt from npm's binaryen
bash scripts/setup.sh
# Nothing to do when no input changed since the last build (the inner loop's test scripts build first).
stamp=target/.build-stamp
inputs=$( { find src presets www scripts schema -type f -not -path 'www/dist/*' -print0 | sort -z | xargs -0 sha256sum; sha256sum Cargo.toml Cargo.lock package.json package-lock.json; } | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" = "$inputs" ] && [ -f pkg/web/ratecard_bg.wasm ] && [ -f pkg/lite/web/ratecard_lite_bg.wasm ] && [ -f dist/widget/ratecard-widget.js ] && [ -f dist/full/node.cjs ]; then
  echo "[build] up to date"
  exit 0
fi
rm -f "$stamp"
mkdir -p pkg
# The full module (`ratecard`, `ratecard/web`) and the first-load module
# (`ratecard/lite`, `ratecard/lite/web`: the same crate with the `lite` feature).
for module in full lite; do
  targets=(web); [ "$module" = full ] && targets=(nodejs web)
  for target in "${targets[@]}"; do
    dir=pkg; name=ratecard; features=()
    [ "$module" = lite ] && { dir=pkg/lite; name=ratecard_lite; features=(-- --features lite); }
    out=$dir/web; [ "$target" = nodejs ] && out=$dir/node
    log=pkg/build-$module-$target.log
    mkdir -p "$dir"
    # The first-load module (another cargo feature) builds in a target directory of its own, so
    # neither module's build undoes the other's; pkg/node is built for its .d.ts alone (no wasm-opt).
    opt=(); [ "$target" = nodejs ] && opt=(--no-opt)
    target_dir=target; [ "$module" = lite ] && target_dir=target/lite-build
    CARGO_TARGET_DIR="$target_dir" wasm-pack build --release --target "$target" --out-dir "$out" --out-name "$name" --no-pack "${opt[@]}" "${features[@]}" >"$log" 2>&1 \
      || { cat "$log" >&2; exit 1; }
    rm -f "$log" "$out/.gitignore"
  done
  # The web target is an ES module.
  echo '{ "type": "module" }' > $dir/web/package.json
  if [ -d $dir/node ]; then echo '{ "type": "commonjs" }' > $dir/node/package.json; fi
done
ls -l pkg/web/ratecard_bg.wasm | awk '{ print "[build] ratecard_bg.wasm: " $5 " bytes" }'
ls -l pkg/lite/web/ratecard_lite_bg.wasm | awk '{ print "[build] ratecard_lite_bg.wasm: " $5 " bytes" }'
# Every shipped .d.ts declares [Symbol.dispose] (wasm-bindgen): reference the
# lib that types it, so strict consumers need no tsconfig change.
for f in pkg/node/ratecard.d.ts pkg/web/ratecard.d.ts pkg/lite/web/ratecard_lite.d.ts; do
  grep -q 'reference lib="esnext.disposable"' "$f" || sed -i '1i /// <reference lib="esnext.disposable" />' "$f"
done
# The widget (dist/widget, with esbuild) and the demo page (www/dist).
node scripts/build-web.mjs
# The third-party notices shipped in the package (generated from cargo tree and node_modules).
node scripts/notices.mjs
# The custom-elements manifest of the widget (package.json "customElements").
node scripts/manifest.mjs
mkdir -p target && echo "$inputs" > "$stamp"
