// The speed rows of `npm run bench` alone (bench/speed.mjs), for the inner loop of speed work:
// `node bench/quick.mjs [key prefix]` after a build, e.g. `node bench/quick.mjs lite`.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { JsEngine } from "./js-engine.mjs";
import { speedRows, timeRows } from "./speed.mjs";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const targets = JSON.parse(readFileSync(join(ROOT, "targets.json"), "utf8")).speed;
const { RateEngine } = createRequire(import.meta.url)(join(ROOT, "dist/full/node.cjs"));
const { RateEngine: Lite } = await import(join(ROOT, "dist/lite/node.js"));
const js = new JsEngine(JSON.parse(readFileSync(join(ROOT, "presets/heygen-credits.json"), "utf8")));
const only = process.argv[2] ?? "";
const rows = speedRows({ lite: Lite.preset("heygen-credits"), wasm: RateEngine.preset("heygen-credits"), js, targets }).filter((r) => String(r.key).startsWith(only));
console.table(timeRows(rows));
