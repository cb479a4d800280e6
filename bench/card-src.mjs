// A card fetched by the widget (`card-src`) is read without a long task over 50 ms on the page:
// <ratecard-checkout card-src> with the worst card the limits let through (~1 MiB,
// bench/cards.mjs), and the red team's card (one `when` value 85,000 times, refused), in headless
// Chromium; every long task (PerformanceObserver "longtask") from navigation until the element
// has its engine or its error. Run by `npm run bench`, or alone: `node bench/card-src.mjs`.
import { createServer } from "node:http";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import sirv from "sirv";
import { repeatedWhenCard, worstRateCard } from "./cards.mjs";
import { launchChromium } from "../tests/js/helpers.mjs";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const dir = join(ROOT, "target/bench-card-src");
mkdirSync(dir, { recursive: true });
const preset = JSON.parse(readFileSync(join(ROOT, "presets/heygen-credits.json"), "utf8"));
const cards = { "preset.json": preset, "worst.json": worstRateCard(preset), "repeated.json": repeatedWhenCard(preset) };
for (const [name, card] of Object.entries(cards)) writeFileSync(join(dir, name), JSON.stringify(card));
writeFileSync(join(dir, "page.html"), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>card-src</title><link rel="icon" href="data:,">
<script>window.longTasks = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.longTasks.push([e.startTime, e.duration]); }).observe({ type: "longtask", buffered: true });</script>
<script type="module" src="/dist/widget/ratecard-widget.js"></script></head><body>
<ratecard-checkout id="k" plan="business" balance="10"></ratecard-checkout>
<script type="module">
  const el = document.getElementById("k");
  el.addEventListener("ratecard-error", () => { window.done = "error"; });
  el.setAttribute("card-src", "/target/bench-card-src/" + new URLSearchParams(location.search).get("card"));
</script></body></html>`);

const assets = sirv(ROOT, { dev: true });
const server = createServer((req, res) => assets(req, res, () => { res.statusCode = 404; res.end(); })).listen(0, "127.0.0.1");
await new Promise((r) => server.once("listening", r));
const origin = `http://127.0.0.1:${/** @type {import("node:net").AddressInfo} */ (server.address()).port}`;
const browser = await launchChromium();
const rows = [];
try {
  for (const card of Object.keys(cards)) {
    const runs = [];
    for (let i = 0; i < 3; i++) {
      const page = await browser.newPage();
      await page.goto(`${origin}/target/bench-card-src/page.html?card=${card}`);
      await page.waitForFunction(() => document.getElementById("k").engine || window.done, null, { timeout: 30000 });
      await page.waitForTimeout(300);
      runs.push(await page.evaluate(() => ({ longest: Math.max(0, ...window.longTasks.map(([, d]) => d)), outcome: window.done ?? "priced" })));
      await page.close();
    }
    runs.sort((a, b) => a.longest - b.longest);
    const kib = (readFileSync(join(dir, card)).length / 1024).toFixed(0);
    rows.push({ "card-src": `${card} (${kib} KiB)`, outcome: runs[1].outcome, "longest task, median of 3 (ms)": runs[1].longest.toFixed(0), "≤ 50 ms": runs[1].longest <= 50 ? "yes" : "NO" });
  }
} finally {
  await browser.close();
  server.close();
}
console.table(rows);
