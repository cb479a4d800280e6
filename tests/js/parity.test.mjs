// Parity: 10,000 random valid requests through the native crate and through
// the wasm package in Node give identical results, field for field.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { ROOT } from "./helpers.mjs";

const { RateEngine } = createRequire(import.meta.url)(`${ROOT}/dist/full/node.cjs`);
const N = Number(process.env.PARITY_CASES ?? 10000);

// A small seeded PRNG (mulberry32), so a failure can be replayed.
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function requests(seed) {
  const rand = rng(seed);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const cards = Object.fromEntries(RateEngine.presetIds().map((id) => [id, RateEngine.preset(id).rateCard()]));
  const item = (card) => {
    const [feature, f] = pick(Object.entries(card.features));
    const options = {};
    for (const [k, o] of Object.entries(f.options ?? {})) {
      if (o.type === "boolean") { if (o.gate || rand() < 0.5) options[k] = true; }
      else if (o.default === undefined || rand() < 0.6) options[k] = pick(o.values.filter((v) => !(o.unavailable ?? {})[v]));
    }
    const lo = Number(f.min ?? 1), hi = Math.min(Number(f.max ?? 4000), 4000);
    const amount = rand() < 0.2 ? `${int(lo, hi - 1)}.${int(1, 9)}` : int(lo, hi);
    return { feature, [f.input === "seconds" ? "seconds" : "quantity"]: f.input === "seconds" ? amount : int(1, 40), options };
  };
  const out = [];
  while (out.length < N) {
    const preset = pick(Object.keys(cards));
    const card = cards[preset];
    const plan = pick(Object.keys(card.plans));
    const r = rand();
    if (r < 0.75 && Object.keys(card.features).length) {
      const items = Array.from({ length: int(1, 4) }, () => item(card));
      const billing = rand() < 0.2 ? { billing: rand() < 0.5 ? "month" : "year" } : {};
      /** @type {any} */
      const request = { plan, items, ...(rand() < 0.7 ? { balance: `${int(0, 3000)}.${int(0, 99)}` } : {}), ...billing,
        ...(rand() < 0.15 ? { at: rand() < 0.9 ? `2026-${String(int(1, 12)).padStart(2, "0")}-${String(int(1, 28)).padStart(2, "0")}` : "2026-02-30" } : {}) };
      if (rand() < 0.3) request.periodUsage = { [items[0].feature]: int(0, 8000) };
      out.push({ preset, call: "quote", request });
    } else if (r < 0.88) {
      out.push({ preset, call: "buyPacks", request: { plan, quantity: int(1, 50), ...(rand() < 0.3 ? { seats: int(1, 5) } : {}) } });
    } else if (Object.keys(card.features).length) {
      const { feature, options } = item(card);
      out.push({ preset, call: "capacity", request: { plan, feature, options, balance: `${int(0, 2000)}.${int(0, 99)}` } });
    }
  }
  return out;
}

test(`${N} random requests: native crate and wasm package agree field for field`, () => {
  const reqs = requests(20261123);
  const native = execFileSync("cargo", ["run", "--quiet", "--example", "batch"], {
    cwd: ROOT, input: reqs.map((r) => JSON.stringify(r)).join("\n") + "\n", encoding: "utf8", maxBuffer: 1 << 30,
  }).trimEnd().split("\n");
  assert.equal(native.length, reqs.length);
  const engines = new Map();
  let differ = 0, errors = 0;
  const first = [];
  reqs.forEach((r, i) => {
    if (!engines.has(r.preset)) engines.set(r.preset, RateEngine.preset(r.preset));
    let got;
    try {
      got = JSON.stringify(engines.get(r.preset)[r.call](r.request));
    } catch (e) {
      got = JSON.stringify({ error: e.code, message: e.message });
      errors++;
    }
    if (got !== native[i]) {
      differ++;
      if (first.length < 3) first.push(`${JSON.stringify(r)}\n  wasm:   ${got}\n  native: ${native[i]}`);
    }
  });
  assert.equal(differ, 0, first.join("\n"));
  assert.ok(errors < reqs.length / 2, `${errors} of ${reqs.length} were errors: the generator should make mostly valid requests`);
  console.log(`# parity: ${reqs.length} requests (${errors} refused alike), identical`);
});

test("ratecard/lite's quoteSummary equals the full quote field for field, errors code for code", async () => {
  const { RateEngine: Lite } = await import(`${ROOT}/dist/lite/node.js`);
  const quotes = requests(4242).filter((r) => r.call === "quote");
  const lite = Object.fromEntries(Lite.presetIds().map((id) => [id, Lite.preset(id)]));
  const full = Object.fromEntries(RateEngine.presetIds().map((id) => [id, RateEngine.preset(id)]));
  assert.deepEqual(Lite.presetIds(), RateEngine.presetIds());
  let compared = 0, refused = 0;
  const tried = [];
  for (const { preset, request } of quotes) {
    const { periodUsage, ...r } = request; // the summary's request: { plan, items, balance, billing }
    tried.push(r);
    // Some invalid on purpose: an unknown feature, a number where a string goes, NaN, an unknown option value.
    if (compared % 97 === 0) tried.push({ ...r, items: [{ feature: "nope", seconds: 1 }] });
    if (compared % 89 === 0) tried.push({ ...r, items: [{ ...r.items[0], seconds: Number.NaN, quantity: undefined }] });
    if (compared % 83 === 0) tried.push({ ...r, items: [{ ...r.items[0], options: { ...r.items[0].options, resolution: "8k" } }] });
    if (compared % 79 === 0) tried.push({ ...r, billing: "weekly" }, { ...r, billing: "once" });
    // Edge input read by one rule (the JSON reader's) in both modules.
    if (compared % 73 === 0) {
      const first = r.items[0];
      tried.push({ ...r, items: [{ ...first, seconds: " 60" }] }, { ...r, items: [{ ...first, seconds: "6e1" }] },
        { ...r, items: [{ ...first, seconds: "1_000" }] }, { ...r, items: [{ ...first, options: { ...first.options, x: undefined } }] },
        { ...r, items: [{ ...first, feature: `${first.feature}\u001f9` }] }, Object.assign(Object.create({ balance: "1" }), r),
        { ...r, balance: "" }, { ...r, plan: "" }, { ...r, items: [{ ...first, seconds: 1e21 }] }, { ...r, items: [{ ...first, seconds: 1.5e-21 }] });
    }
    for (const req of tried.splice(0)) {
      let a, b;
      try { a = full[preset].quote(req); } catch (e) { a = { error: e.code, path: e.path }; }
      try { b = lite[preset].quoteSummary(req); } catch (e) { b = { error: e.code, path: e.path }; }
      // The complete quote from the first-load module: the full one's JSON, byte for byte.
      let c;
      try { c = lite[preset].quote(req); } catch (e) { c = { error: e.code, path: e.path }; }
      assert.equal(JSON.stringify(c), JSON.stringify(a), `lite quote ${preset} ${JSON.stringify(req)}`);
      if (a.error !== undefined) {
        assert.deepEqual(b, a, `${preset} ${JSON.stringify(req)}`);
        // The oracle of every refusal: the full module's JSON (serde) reader.
        let s;
        try { s = full[preset].quoteSummary(req); } catch (e) { s = { error: e.code, path: e.path }; }
        assert.deepEqual(s, a, `serde ${preset} ${JSON.stringify(req)}`);
        refused++;
      } else {
        const { unit, total, balance, balanceAfter, shortfall, purchase } = a;
        assert.deepEqual(b, { unit, total, balance, balanceAfter, shortfall, purchase }, `${preset} ${JSON.stringify(req)}`);
        assert.deepEqual(full[preset].quoteSummary(req), b);
        compared++;
      }
    }
  }
  assert.ok(compared > 4000 && refused > 50, `${compared} compared, ${refused} refused`);
  console.log(`# ${compared} summaries equal to the full quote, ${refused} refusals with the same code and path`);
  // buyPacks from the first-load module: the full module's, field for field (and its refusals).
  let bought = 0;
  for (const { preset, request } of requests(4243).filter((r) => r.call === "buyPacks")) {
    for (const req of [request, { ...request, billing: "year" }, { ...request, quantity: 0 }, { ...request, seats: "x" }]) {
      let a, b;
      try { a = full[preset].buyPacks(req); } catch (e) { a = { error: e.code, path: e.path }; }
      try { b = lite[preset].buyPacks(req); } catch (e) { b = { error: e.code, path: e.path }; }
      assert.equal(JSON.stringify(b), JSON.stringify(a), `buyPacks ${preset} ${JSON.stringify(req)}`);
      bought++;
    }
  }
  assert.ok(bought > 1000, `${bought} purchases compared`);
});

test("a price book: native crate and wasm package agree on every request across the change", () => {
  const now = RateEngine.preset("heygen-credits").rateCard();
  const next = { ...structuredClone(now), version: "2027-01", effectiveFrom: "2027-01-01" };
  next.features.avatar_iv.rate = "25";
  next.plans.business.price = "159.00";
  const book = JSON.stringify([now, next]);
  const rand = rng(20270101);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const day = () => `20${pick(["26-12", "27-01", "27-02"])}-${String(1 + Math.floor(rand() * 28)).padStart(2, "0")}`;
  const reqs = [];
  for (let i = 0; i < 600; i++) {
    const plan = pick(Object.keys(now.plans));
    const feature = pick(["avatar_iv", "avatar_v", "generate_look"]);
    const item = feature === "generate_look" ? { feature, quantity: 1 + Math.floor(rand() * 9) } : { feature, seconds: 1 + Math.floor(rand() * 600) };
    const r = rand();
    if (r < 0.6) reqs.push({ book, call: "quote", request: { plan, at: day(), items: [item], balance: String(Math.floor(rand() * 3000)) } });
    else if (r < 0.75) reqs.push({ book, call: "buyPacks", request: { plan, at: day(), quantity: 1 + Math.floor(rand() * 5) } });
    else if (r < 0.9 && item.seconds) reqs.push({ book, call: "capacity", request: { plan, at: day(), feature, balance: "500" } });
    else reqs.push({ book, call: "simulate", request: { plan, start: "2026-12-10", until: "2027-02-20", usage: [{ at: day(), ...item }] } });
  }
  const native = execFileSync("cargo", ["run", "--quiet", "--example", "batch"], {
    cwd: ROOT, input: reqs.map((r) => JSON.stringify(r)).join("\n") + "\n", encoding: "utf8", maxBuffer: 1 << 30,
  }).trimEnd().split("\n");
  const engine = RateEngine.fromJson(book);
  let warned = 0;
  reqs.forEach((r, i) => {
    let got;
    try { got = JSON.stringify(engine[r.call](r.request)); } catch (e) { got = JSON.stringify({ error: e.code, message: e.message }); }
    if (got.includes("Prices change on")) warned++;
    assert.equal(got, native[i], JSON.stringify(r.request));
  });
  assert.ok(warned > 20, `${warned} quotes warned of the change`);
});
