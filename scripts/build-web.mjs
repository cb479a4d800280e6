// Builds what the browser gets, with esbuild (after scripts/build.sh has built pkg/):
//   dist/widget/   the package's `ratecard/widget`: ratecard-widget.js (browser ESM,
//                  Lit inside, minified), ratecard-widget.node.js (Node/SSR: Lit's
//                  server build, defines nothing without a registry), index.d.ts.
//                  Both import the engine from ../../pkg/web/ratecard.js, a separate
//                  file, so its .wasm resolves with new URL(…, import.meta.url).
//   www/dist/      the demo page: index.html, hashed JS and .wasm, style.css, each
//                  precompressed (.br, .gz) for the static server.
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const at = (...p) => join(ROOT, ...p);

/** `ratecard-engine` → the package's web build (dist/full/web.js, which wraps the
 *  generated glue), and `ratecard-lite-engine` → its first-load module, each kept
 *  as a separate file. */
const engineExternal = {
  name: "ratecard-engine",
  setup(b) {
    b.onResolve({ filter: /^ratecard-engine$/ }, () => ({ path: "../full/web.js", external: true }));
    b.onResolve({ filter: /^ratecard-lite-engine$/ }, () => ({ path: "../lite/web.js", external: true }));
  },
};

// ---- the request writer and flat-text reader both modules share, copied as written ----
rmSync(at("dist/boundary"), { recursive: true, force: true });
mkdirSync(at("dist/boundary"), { recursive: true });
for (const f of readdirSync(at("www/boundary"))) writeFileSync(at("dist/boundary", f), readFileSync(at("www/boundary", f)));

// ---- the package's full module: entry files around the generated glue, which is not edited ----
rmSync(at("dist/full"), { recursive: true, force: true });
mkdirSync(at("dist/full"), { recursive: true });
for (const f of ["web.js", "quote.js"]) writeFileSync(at("dist/full", f), readFileSync(at("www/full", f)));
// `require("ratecard")` and `import "ratecard"`: one CommonJS file, the web build's glue bundled
// in as generated (CommonJS cannot require an ES module on Node 20); it reads the one .wasm in
// pkg/web. `import.meta.url` is this file's URL (the glue's own fetch path is never taken).
const metaUrl = { define: { "import.meta.url": "__ratecardUrl" }, banner: { js: 'const __ratecardUrl = require("node:url").pathToFileURL(__filename).href;' } };
await build({
  entryPoints: [at("www/full/node.js")], bundle: true, format: "cjs", platform: "node", target: "node20", outfile: at("dist/full/node.cjs"), logLevel: "warning", ...metaUrl,
});

// ---- the package's widget ------------------------------------------------
rmSync(at("dist/widget"), { recursive: true, force: true });
mkdirSync(at("dist/widget"), { recursive: true });
/** @type {import("esbuild").BuildOptions} */
const common = { entryPoints: [at("www/widget/index.js")], bundle: true, format: "esm", minify: true, target: "es2022", legalComments: "none", plugins: [engineExternal], logLevel: "warning" };
await build({ ...common, outfile: at("dist/widget/ratecard-widget.js"), platform: "browser" });
await build({ ...common, outfile: at("dist/widget/ratecard-widget.node.js"), platform: "neutral", conditions: ["node"], mainFields: ["module", "main"] });
writeFileSync(at("dist/widget/index.d.ts"), `/// <reference lib="esnext.disposable" />\n${readFileSync(at("www/widget/index.d.ts"), "utf8")}`);
// `ratecard/react`: React components over the same elements (the widget's file, kept external),
// with @lit/react bundled in and React left to the app.
/** @type {[string, string, import("esbuild").Platform, string[]][]} */
const reactBuilds = [["react.js", "./ratecard-widget.js", "browser", []], ["react.node.js", "./ratecard-widget.node.js", "neutral", ["node"]]];
for (const [outfile, widget, platform, conditions] of reactBuilds) {
  const sameWidget = { name: "same-widget", setup(b) { b.onResolve({ filter: /^\.\/index\.js$/ }, () => ({ path: widget, external: true })); } };
  await build({
    entryPoints: [at("www/widget/react.js")], bundle: true, format: "esm", minify: true, target: "es2022", legalComments: "none", logLevel: "warning",
    outfile: at("dist/widget", outfile), platform, conditions, mainFields: ["module", "main"], external: ["react"], plugins: [sameWidget],
  });
}
writeFileSync(at("dist/widget/react.d.ts"), readFileSync(at("www/widget/react.d.ts"), "utf8"));

// ---- the package's first-load module: the glue over pkg/lite, as written ----
rmSync(at("dist/lite"), { recursive: true, force: true });
mkdirSync(at("dist/lite"), { recursive: true });
for (const f of readdirSync(at("www/lite")).filter((f) => f !== "node-cjs.js")) writeFileSync(at("dist/lite", f), readFileSync(at("www/lite", f)));
// And for `require("ratecard/lite")`: one CommonJS file (no ESM loader on a CommonJS start-up).
await build({
  entryPoints: [at("www/lite/node-cjs.js")], bundle: true, format: "cjs", platform: "node", target: "node20", outfile: at("dist/lite/node.cjs"), logLevel: "warning", ...metaUrl,
});

// ---- the demo page --------------------------------------------------------
const out = at("www/dist");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const hash = (buf) => createHash("sha256").update(buf).digest("hex").slice(0, 10);
const wasm = readFileSync(at("pkg/web/ratecard_bg.wasm"));
const wasmName = `ratecard_bg.${hash(wasm)}.wasm`;
writeFileSync(join(out, wasmName), wasm);
const liteWasm = readFileSync(at("pkg/lite/web/ratecard_lite_bg.wasm"));
const liteWasmName = `ratecard_lite_bg.${hash(liteWasm)}.wasm`;
writeFileSync(join(out, liteWasmName), liteWasm);
const page = await build({
  entryPoints: [at("www/app.js")], bundle: true, format: "esm", minify: true, target: "es2022", legalComments: "none",
  outdir: out, entryNames: "[name].[hash]", write: true, metafile: true, logLevel: "warning",
  alias: { "ratecard-engine": at("www/full/web.js"), "ratecard-lite-engine": at("www/lite/web.js") },
  define: { __WASM_FILE__: JSON.stringify(wasmName), __LITE_WASM_FILE__: JSON.stringify(liteWasmName) },
});
const appName = Object.keys(page.metafile.outputs).map((p) => p.split("/").pop()).find((n) => /^app\.\w+\.js$/.test(n));
const css = readFileSync(at("www/style.css"));
const cssName = `style.${hash(css)}.css`;
writeFileSync(join(out, cssName), css);
const html = readFileSync(at("www/index.html"), "utf8")
  .replaceAll("./style.css", `./${cssName}`)
  .replace('<script type="module" src="./app.js"></script>',
    // The first price needs the first-load module only: preload it, not the full one.
    `<link rel="modulepreload" href="./${appName}">\n  <link rel="preload" href="./${liteWasmName}" as="fetch" type="application/wasm" crossorigin>\n  <script type="module" src="./${appName}"></script>`);
writeFileSync(join(out, "index.html"), html);

for (const name of readdirSync(out)) {
  const file = join(out, name);
  if (!/\.(js|wasm|css|html)$/.test(name)) continue;
  const body = readFileSync(file);
  writeFileSync(`${file}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
}
const size = (f) => statSync(f).size;
const w = at("dist/widget/ratecard-widget.js");
console.log(`[build] widget: ratecard-widget.js ${size(w)} B raw, ${gzipSync(readFileSync(w), { level: 9 }).length} B gzip; page: ${appName} ${size(join(out, appName))} B, ${liteWasmName} ${size(join(out, liteWasmName))} B first, ${wasmName} ${size(join(out, wasmName))} B after`);
