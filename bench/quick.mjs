// Quick speed rows only (the inner loop of speed work): the same pairs as run.mjs' speed table.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { JsEngine } from "./js-engine.mjs";
const ROOT = fileURLToPath(new URL("../", import.meta.url));
const T = JSON.parse(readFileSync(join(ROOT, "targets.json"), "utf8")).speed;
const { RateEngine } = createRequire(import.meta.url)(join(ROOT, "dist/full/node.cjs"));
const { RateEngine: Lite } = await import(join(ROOT, "dist/lite/node.js"));
const js = new JsEngine(JSON.parse(readFileSync(join(ROOT, "presets/heygen-credits.json"), "utf8")));
const wasm = RateEngine.preset("heygen-credits"), lite = Lite.preset("heygen-credits");
const one = { plan: "business", items: [{ feature: "avatar_iv", seconds: 120, options: { expressive_motion: true } }], balance: "10" };
const five = { plan: "business", items: [
  { feature: "avatar_iv", seconds: 90, options: { expressive_motion: true } }, { feature: "generate_look", quantity: 4 },
  { feature: "video_translation", seconds: 300, options: { mode: "precision" } }, { feature: "video_asset", seconds: 8, options: { model: "seedance2" } },
  { feature: "avatar_iii", seconds: 45 }], balance: "120.5" };
const curve = { plan: "business", item: { feature: "avatar_iv", options: {} }, fromSeconds: 1, toSeconds: 1800, stepSeconds: 1 };
function pair(fa, fb, batch, rounds = 15) {
  for (let i = 0; i < batch; i++) { fa(); fb(); }
  const ta = [], tb = [];
  const round = (fn) => { const t0 = process.hrtime.bigint(); for (let i = 0; i < batch; i++) fn(); return Number(process.hrtime.bigint() - t0) / batch; };
  for (let r = 0; r < rounds; r++) { ta.push(round(fa)); tb.push(round(fb)); }
  ta.sort((x, y) => x - y); tb.sort((x, y) => x - y);
  return [ta[rounds >> 1], tb[rounds >> 1]];
}
const read = (s) => s.total.length + s.shortfall.length + (s.purchase[0]?.price.length ?? 0);
const only = process.argv[2];
const rows = [];
for (const [name, w, j, batch, target] of [
  ["liteSummary", () => read(lite.quoteSummary(one)), () => read(js.quote(one)), 4000, T.liteSummary],
  ["fullSummary", () => read(wasm.quoteSummary(one)), () => read(js.quote(one)), 4000, T.fullSummary],
  ["liteQuote", () => lite.quote(one), () => js.quote(one), 2000, T.liteQuote],
  ["fullQuote", () => wasm.quote(one), () => js.quote(one), 2000, T.fullQuote],
  ["fiveItemQuote", () => wasm.quote(five), () => js.quote(five), 1000, T.fiveItemQuote],
  ["curve", () => wasm.quoteCurve(curve), () => js.quoteCurve(curve), 5, T.curve],
]) {
  if (only && !name.startsWith(only)) continue;
  const [a, b] = pair(w, j, batch);
  rows.push({ bench: name, "µs": (a / 1000).toFixed(2), "js µs": (b / 1000).toFixed(2), ratio: (a / b).toFixed(3), target, met: a / b <= target ? "yes" : "NO" });
}
console.table(rows);
