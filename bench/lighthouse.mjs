// Lighthouse (mobile, its default simulated throttling) over the demo page
// served as `npm start` serves it, in Debian's Chromium: the median of 3 runs
// of the performance score, CLS and TBT, and the other categories' scores.
// Run by `npm run bench` (bench/run.mjs), or alone: `node bench/lighthouse.mjs`.
// Lighthouse is installed on first use into target/lighthouse (from the npm
// registry; not a dependency of the package or of `npm test`).
import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const HOME = join(ROOT, "target/lighthouse");
const VERSION = "12.8.2";
if (!existsSync(join(HOME, "node_modules/lighthouse/package.json"))) {
  execFileSync("npm", ["install", "--prefix", HOME, "--no-audit", "--no-fund", "--no-save", `lighthouse@${VERSION}`], { stdio: "inherit" });
}
const load = (name, file) => import(pathToFileURL(join(HOME, "node_modules", name, file)).href);
const { default: lighthouse } = await load("lighthouse", "core/index.js");
const chromeLauncher = await load("chrome-launcher", "dist/index.js");

const port = await new Promise((resolve) => { const s = createServer(); s.listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => resolve(p)); }); });
const server = spawn("node", ["scripts/serve.mjs", "www/dist", String(port)], { cwd: ROOT, stdio: "ignore" });
const url = `http://127.0.0.1:${port}/`;
for (let i = 0; i < 100; i++) { try { if ((await fetch(url)).ok) break; } catch { await new Promise((r) => setTimeout(r, 50)); } }

const chrome = await chromeLauncher.launch({ chromePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"] });
const runs = [];
try {
  for (let i = 0; i < 3; i++) {
    const { lhr } = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility", "best-practices", "seo"] });
    runs.push({
      performance: Math.round(lhr.categories.performance.score * 100),
      accessibility: Math.round(lhr.categories.accessibility.score * 100),
      "best practices": Math.round(lhr.categories["best-practices"].score * 100),
      seo: Math.round(lhr.categories.seo.score * 100),
      "CLS": Number(lhr.audits["cumulative-layout-shift"].numericValue.toFixed(3)),
      "TBT ms": Math.round(lhr.audits["total-blocking-time"].numericValue),
      "LCP ms": Math.round(lhr.audits["largest-contentful-paint"].numericValue),
    });
  }
} finally {
  await chrome.kill();
  server.kill();
}
const median = (k) => runs.map((r) => r[k]).sort((a, b) => a - b)[1];
console.log(`Lighthouse ${VERSION}, mobile (simulated throttling), median of 3:`);
console.table(runs);
const targets = [["performance", median("performance"), (v) => v >= 98, "≥ 98"], ["CLS", median("CLS"), (v) => v <= 0.02, "≤ 0.02"], ["TBT ms", median("TBT ms"), (v) => v <= 100, "≤ 100 ms"]];
for (const [what, value, ok, target] of targets) console.log(`  ${what}: ${value} (target ${target}) ${ok(value) ? "met" : "MISSED"}`);
