// Consumers of the packed package: a strict TypeScript project and a Vite 7 app.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, packAndInstall, launchChromium } from "./helpers.mjs";

// Vite is installed into the consumer project, as a user would, not into this
// repository: npm 11 leaves other platforms' rollup/esbuild binaries out of a
// lock file, and `npm ci` then refuses that lock.
const VITE = "vite@7.3.8";
let dir;
before(async () => {
  ({ dir } = await packAndInstall([VITE]));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const bin = (name) => join(ROOT, "node_modules/.bin", name);

/** Type-checks a project; its errors, or "" when it passes. */
function tsc(project) {
  try {
    execFileSync(bin("tsc"), ["-p", project], { cwd: dir, encoding: "utf8" });
    return "";
  } catch (e) {
    return `${e.stdout}${e.stderr}`;
  }
}

test("the generated .d.ts types a strict TypeScript consumer, and refuse numbers for amounts", () => {
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, module: "nodenext", moduleResolution: "nodenext", target: "es2022", skipLibCheck: false,
      // wasm-bindgen declares `[Symbol.dispose]()` on classes: needs the disposable lib (README, TypeScript).
      lib: ["es2022", "esnext.disposable", "dom"],
    },
    files: ["node.ts", "web.ts"],
  }));
  writeFileSync(join(dir, "node.ts"), `
import {
  RateEngine, type QuoteRequest, type Quote, type QuoteLine, type PurchaseOption, type BuyPacksRequest, type Purchase,
  type SimulateRequest, type Simulation, type CapacityRequest, type Capacity, type CompareRequest, type Comparison, type RateCard, type Verification,
} from "ratecard";

const engine: RateEngine = RateEngine.preset("heygen-credits");
const request: QuoteRequest = {
  plan: "business",
  items: [{ feature: "avatar_iv", seconds: 90, options: { expressive_motion: true } }, { feature: "generate_look", quantity: 4 }],
  balance: "12.5",
  periodUsage: { image_asset: 14 },
};
const quote: Quote = engine.quote(request);
const total: string = quote.total;
const line: QuoteLine | undefined = quote.lines[0];
const option: PurchaseOption | undefined = quote.purchase[0];
const kind: "pack" | "top_up" | "upgrade" | "renewal" | undefined = option?.kind;
const covers: boolean | undefined = option?.covers;
const verdict: "match" | "superseded" | "expired" | "stale_card" | "altered" = engine.verify(request, quote, { plan: "business", at: "2026-12-03" }, { maxAgeDays: 2 });
const detail: Verification = engine.verifyDetail(request, quote);
const why: string = detail.message;
const inForce: string | undefined = detail.versionInForce;
// @ts-expect-error maxAgeDays is a number
engine.verify(request, quote, undefined, { maxAgeDays: "2" });
const buy: BuyPacksRequest = { plan: "business", quantity: 3 };
const purchase: Purchase = engine.buyPacks(buy);
const period: "once" | "month" | "year" = purchase.period;
const simulation: Simulation = engine.simulate({ plan: "creator", start: "2026-01-01", until: "2026-02-01" } satisfies SimulateRequest);
const spent: string = simulation.spent;
const currency: string = simulation.currency;
const renewing: Simulation = engine.simulate({ plan: "scale", start: "2026-01-01", until: "2026-02-01", autoRenew: true, allowOverage: true });
const capacity: Capacity = engine.capacity({ plan: "business", feature: "avatar_iv", balance: "20" } satisfies CapacityRequest);
const rows: Comparison[] = RateEngine.compare({ workload: [{ feature: "avatar_iv", seconds: 90 }] } satisfies CompareRequest);
const card: RateCard = engine.rateCard();
const perMinute: string | undefined = card.features["avatar_iv"]?.rate;

// @ts-expect-error a number is not accepted where a decimal string is required
engine.quote({ plan: "business", items: [], balance: 12.5 });
// @ts-expect-error items is required
engine.quote({ plan: "business" });
// @ts-expect-error prices come back as decimal strings, not numbers
const cents: number = purchase.price;
// @ts-expect-error the threshold of auto-reload is a decimal string
engine.simulate({ start: "2026-01-01", until: "2026-01-02", autoReload: { threshold: 100, quantity: 1 } });

export { total, line, kind, covers, verdict, period, spent, currency, renewing, capacity, rows, perMinute, cents };
`);
  writeFileSync(join(dir, "web.ts"), `
import init, { RateEngine, type Quote } from "ratecard/web";
export async function start(): Promise<string> {
  await init();
  const quote: Quote = RateEngine.preset("heygen-credits").quote({ plan: "business", items: [{ feature: "avatar_iv", seconds: 90 }] });
  return quote.total;
}
`);
  const out = tsc(join(dir, "tsconfig.json"));
  assert.equal(out, "", out);
});

test("a strict Node consumer with lib [\"es2022\"] and skipLibCheck false type-checks with no tsconfig change", () => {
  const sub = join(dir, "es2022");
  mkdirSync(sub, { recursive: true });
  // Exactly what `tsc --init`-style projects use: no esnext.disposable, no dom.
  writeFileSync(join(sub, "tsconfig.json"), JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, module: "nodenext", moduleResolution: "nodenext", target: "es2022", lib: ["es2022"], skipLibCheck: false, types: [] },
    files: ["server.ts", "lite.ts"],
  }));
  writeFileSync(join(sub, "server.ts"), `
import { RateEngine, type Quote, type QuoteRequest, type Verdict } from "ratecard";
const engine = RateEngine.preset("heygen-credits");
const request: QuoteRequest = { plan: "business", items: [{ feature: "avatar_iv", seconds: 90 }] };
const quote: Quote = engine.quote(request);
const verdict: Verdict = engine.verify(request, quote);
export { verdict };
`);
  writeFileSync(join(sub, "lite.ts"), `
import { RateEngine, type QuoteSummary, type SummaryRequest } from "ratecard/lite";
const request: SummaryRequest = { plan: "business", items: [{ feature: "avatar_iv", seconds: 90 }], balance: "10" };
const summary: QuoteSummary = RateEngine.preset("heygen-credits").quoteSummary(request);
const price: string | undefined = summary.purchase[0]?.price;
// @ts-expect-error a balance is a decimal string
RateEngine.preset("heygen-credits").quoteSummary({ items: [], balance: 10 });
export { price };
`);
  const out = tsc(join(sub, "tsconfig.json"));
  assert.equal(out, "", out);
  for (const f of ["pkg/node/ratecard.d.ts", "pkg/web/ratecard.d.ts"]) {
    const text = readFileSync(join(dir, "node_modules/ratecard", f), "utf8");
    assert.ok(text.startsWith('/// <reference lib="esnext.disposable" />\n'), `${f} starts with the disposable reference`);
    // The renamed fields are struck through in editors: their JSDoc says @deprecated.
    assert.match(text, /@deprecated Use `spent` and `currency`\.\s*\*\/\s*spentUsd: DecimalString;/, `${f}: spentUsd is @deprecated`);
    assert.match(text, /@deprecated Use `price` and `currency`\.\s*\*\/\s*usd\?: DecimalString;/, `${f}: usd is @deprecated`);
  }
});

test("a Vite 7 app imports ratecard/web with no plugin, builds, and quotes in Chromium", async () => {
  const app = join(dir, "vite-app");
  mkdirSync(app, { recursive: true });
  writeFileSync(join(app, "index.html"), `<!doctype html><html><head><link rel="icon" href="data:,"></head><body><p id="out">…</p><script type="module" src="./main.js"></script></body></html>`);
  writeFileSync(join(app, "main.js"), `
import init, { RateEngine } from "ratecard/web";
await init();
const q = RateEngine.preset("heygen-credits").quote({ plan: "business", items: [{ feature: "avatar_iv", seconds: 90 }] });
document.getElementById("out").textContent = q.total + " " + q.unit;
`);
  execFileSync(join(dir, "node_modules/.bin/vite"), ["build", "--logLevel", "error", "--outDir", "dist", "--emptyOutDir"], { cwd: app, encoding: "utf8" });
  const { spawn } = await import("node:child_process");
  const { freePort } = await import("./helpers.mjs");
  const port = await freePort();
  const server = spawn("python3", ["-m", "http.server", "--bind", "127.0.0.1", String(port), "--directory", join(app, "dist")], { stdio: "ignore" });
  const browser = await launchChromium();
  try {
    const url = `http://127.0.0.1:${port}/`;
    for (let i = 0; i < 100; i++) { try { if ((await fetch(url)).ok) break; } catch { await new Promise((r) => setTimeout(r, 50)); } }
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(url);
    await page.waitForFunction(() => document.getElementById("out").textContent !== "…", null, { timeout: 10000 });
    assert.equal(await page.textContent("#out"), "30 credits");
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    server.kill();
  }
});

test("a project with no React, Vue or Svelte type-checks `ratecard/widget` and its framework typings (strict, skipLibCheck false)", async (t) => {
  // A project of its own, with the package alone (the shared consumer install holds every framework).
  const { dir: bare } = await packAndInstall();
  t.after(() => rmSync(bare, { recursive: true, force: true }));
  const sub = join(bare, "no-framework");
  mkdirSync(sub, { recursive: true });
  writeFileSync(join(sub, "tsconfig.json"), JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, module: "nodenext", moduleResolution: "nodenext", target: "es2022", lib: ["es2022", "dom"], skipLibCheck: false, types: [] },
    files: ["page.ts"],
  }));
  writeFileSync(join(sub, "page.ts"), `
import "ratecard/widget";
import type { RatecardProps, RatecardEventMap } from "ratecard/widget";
const cost = document.createElement("ratecard-cost");
cost.items = [{ feature: "avatar_iv", seconds: 90 }];
cost.addEventListener("ratecard-buy", (e) => console.log(e.detail.option.price));
const props: RatecardProps = { preset: "heygen-credits", "card-src": "/card.json", balance: "10", eager: true, "load-timeout": 5000 };
cost.eager = true;
cost.loadTimeout = 5000;
// @ts-expect-error milliseconds, a number
cost.loadTimeout = "5s";
type Buy = RatecardEventMap["ratecard-buy"];
export { props, type Buy };
`);
  assert.ok(!existsSync(join(bare, "node_modules/@types/react")) && !existsSync(join(bare, "node_modules/vue")) && !existsSync(join(bare, "node_modules/svelte")));
  const out = tsc(join(sub, "tsconfig.json"));
  assert.equal(out, "", out);
});
