// The packed npm package, installed into a fresh project and imported as a user would.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync, rmSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, packAndInstall } from "./helpers.mjs";
import { matches } from "./match.mjs";


let dir, packed;

before(async () => {
  ({ dir, packed } = await packAndInstall());
});
after(() => rmSync(dir, { recursive: true, force: true }));

function run(code) {
  writeFileSync(join(dir, "main.mjs"), code);
  return JSON.parse(execFileSync("node", ["main.mjs"], { cwd: dir, encoding: "utf8" }));
}

test("the tarball ships the built package and nothing else", () => {
  const files = packed.files.map((f) => f.path).sort();
  assert.ok(files.includes("pkg/node/ratecard_bg.wasm"));
  assert.ok(files.includes("pkg/web/ratecard.js"));
  assert.ok(files.includes("pkg/node/ratecard.d.ts"));
  assert.ok(files.every((f) => !/^(src|target|tests|www|scripts)\//.test(f)), files.join("\n"));
  console.log(`# npm pack: ${packed.filename}, ${packed.size} bytes packed, ${packed.unpackedSize} unpacked, ${files.length} files`);
});

test("Node ESM: import { RateEngine } from 'ratecard' quotes with no init call", () => {
  const r = run(`
    import { RateEngine } from "ratecard";
    const engine = RateEngine.preset("heygen-credits");
    const q = engine.quote({
      plan: "business",
      items: [{ feature: "avatar_iv", seconds: 90, options: { expressive_motion: true } },
              { feature: "generate_look", quantity: 4 }],
      balance: "12.5",
      periodUsage: { image_asset: 14 },
    });
    const buy = engine.buyPacks({ plan: "business", quantity: 3 });
    let err;
    try { engine.quote({ plan: "platinum", items: [{ feature: "avatar_iv", seconds: 1 }] }); } catch (e) { err = { isError: e instanceof Error, code: e.code, message: e.message }; }
    const after = engine.quote({ plan: "business", items: [{ feature: "avatar_iv", seconds: 90 }], balance: "1500" }).total;
    console.log(JSON.stringify({ ids: RateEngine.presetIds(), q, buy, err, after }));
  `);
  assert.deepEqual(r.ids, ["heygen-credits", "heygen-gencredits", "heygen-api", "heygen-liveavatar", "heygen-payg", "aistudios"]);
  assert.equal(r.q.unit, "credits");
  assert.equal(r.q.total, "64");
  assert.equal(r.q.balanceAfter, "-51.5");
  assert.equal(r.q.shortfall, "51.5");
  assert.deepEqual(r.q.lines.map((l) => [l.feature, l.amount]), [["avatar_iv", "60"], ["generate_look", "4"]]);
  assert.ok(r.q.lines.every((l) => l.source.startsWith("HeyGen Help Center, “How to Use Credits on HeyGen” § ") && l.explanation.length > 0));
  assert.deepEqual(r.q.purchase[0], {
    kind: "pack", product: "credit_block", name: "100-credit block", quantity: 1, credits: "100",
    price: "5.00", currency: "USD", period: "once", balanceAfter: "48.5", covers: true,
  });
  assert.deepEqual(r.q.warnings, []);
  assert.deepEqual({ ...r.buy, name: undefined }, { product: "credit_block", name: undefined, quantity: 3, credits: "300", price: "15.00", currency: "USD", period: "once" });
  assert.equal(r.err.isError, true);
  assert.equal(r.err.code, "unknown_plan");
  assert.match(r.err.message, /plan: no plan "platinum".*"business"/);
  assert.equal(r.after, "30");
});

test("ratecard/web: initSync with the shipped .wasm, then quote", () => {
  const r = run(`
    import { readFileSync } from "node:fs";
        import { initSync, RateEngine } from "ratecard/web";
    const wasmUrl = new URL("./node_modules/ratecard/pkg/web/ratecard_bg.wasm", import.meta.url);
    initSync({ module: readFileSync(wasmUrl) });
    const q = RateEngine.preset("heygen-credits").quote({ plan: "business", items: [{ feature: "avatar_iv", seconds: 120 }], balance: "10" });
    console.log(JSON.stringify(q));
  `);
  assert.equal(r.total, "40");
  assert.equal(r.shortfall, "30");
  assert.equal(r.purchase[0].price, "5.00");
});

test("ratecard/lite (Node, synchronous) and ratecard/lite/web (initSync): the first price from the small module", () => {
  const r = run(`
    import { readFileSync } from "node:fs";
    import { RateEngine as Lite } from "ratecard/lite";
    import { initSync, RateEngine as LiteWeb } from "ratecard/lite/web";
    initSync({ module: readFileSync(new URL("./node_modules/ratecard/pkg/lite/web/ratecard_lite_bg.wasm", import.meta.url)) });
    const req = { plan: "business", items: [{ feature: "avatar_iv", seconds: 120 }], balance: "10" };
    const node = Lite.preset("heygen-credits").quoteSummary(req);
    const web = LiteWeb.preset("heygen-credits").quoteSummary(req);
    let err;
    try { Lite.preset("heygen-credits").quoteSummary({ ...req, balance: 10 }); } catch (e) { err = { code: e.code, path: e.path, isError: e instanceof Error }; }
    const { createRequire } = await import("node:module");
    const cjs = createRequire(import.meta.url)("ratecard/lite").RateEngine.preset("heygen-credits").quoteSummary(req);
    const card = Lite.presetCard("heygen-credits").plans.business.price;
    let unknown;
    try { Lite.presetCard("nope"); } catch (e) { unknown = e.code; }
    console.log(JSON.stringify({ ids: Lite.presetIds(), node, web, err, cjs, card, unknown }));
  `);
  assert.deepEqual(r.cjs, r.node, "require(\"ratecard/lite\") gives the same");
  assert.equal(r.card, "149.00");
  assert.equal(r.unknown, "unknown_preset");
  assert.equal(r.ids.length, 6);
  assert.deepEqual(r.node, r.web);
  assert.deepEqual(r.node, {
    unit: "credits", total: "40", balance: "10", balanceAfter: "-30", shortfall: "30",
    purchase: [{ kind: "pack", product: "credit_block", name: "100-credit block", quantity: 1, credits: "100", price: "5.00", currency: "USD", period: "once", balanceAfter: "70", covers: true }],
  });
  assert.deepEqual(r.err, { code: "invalid_request", path: ["balance"], isError: true });
});

test("a custom rate card through fromJson, and its validation errors", () => {
  const preset = readFileSync(join(ROOT, "presets/heygen-credits.json"), "utf8");
  const cheaper = preset.replace('"rate": "20"', '"rate": "10"');
  const broken = preset.replace('"rate": "20"', '"rate": 0.1');
  const r = run(`
    import { RateEngine } from "ratecard";
    const custom = RateEngine.fromJson(${JSON.stringify(cheaper)});
    const total = custom.quote({ plan: "business", items: [{ feature: "avatar_iv", seconds: 90 }] }).total;
    let err;
    try { RateEngine.fromJson(${JSON.stringify(broken)}); } catch (e) { err = { code: e.code, message: e.message }; }
    console.log(JSON.stringify({ total, err }));
  `);
  assert.equal(r.total, "15");
  assert.equal(r.err.code, "invalid_rate_card");
  assert.match(r.err.message, /^features\.avatar_iv\.rate: expected a decimal string, got 0\.1/);
});

test("quote in Node and in the web build: the same object as the JSON result, also when a text holds the flat text's separator", () => {
  const card = JSON.parse(readFileSync(join(ROOT, "presets/heygen-credits.json"), "utf8"));
  card.features.avatar_iv.name = "Avatar\u001fIV";   // a separator inside a text: the quote comes as JSON
  const r = run(`
    import { readFileSync } from "node:fs";
    import { createRequire } from "node:module";
    import { RateEngine } from "ratecard";
    import { initSync, RateEngine as Web } from "ratecard/web";
    initSync({ module: readFileSync(createRequire(import.meta.url).resolve("ratecard/package.json").replace(/package\\.json$/, "pkg/web/ratecard_bg.wasm")) });
    const request = { plan: "creator", items: [{ feature: "avatar_iv", seconds: 700, options: { expressive_motion: true } }, { feature: "generate_look", quantity: 4 }], balance: "10" };
    const grants = { plan: "business", items: [{ feature: "avatar_iv", seconds: 30 }], grants: [{ id: "g1", remaining: "20", expiresAt: "2026-12-01" }, { id: "g2", remaining: "50" }] };
    const node = RateEngine.preset("heygen-credits"), web = Web.preset("heygen-credits");
    const odd = RateEngine.fromJson(${JSON.stringify(JSON.stringify(card))});
    const q = node.quote(request), g = node.quote(grants), o = odd.quote(request);
    console.log(JSON.stringify({
      q, g, oddName: o.lines[0].name, oddVerify: odd.verify(request, o),
      web: JSON.stringify(web.quote(request)) === JSON.stringify(q) && JSON.stringify(web.quote(grants)) === JSON.stringify(g),
      verify: [node.verify(request, q), node.verify(grants, g)],
    }));
  `);
  // Key order as the JSON result had it (the engine writes JSON in this order natively too).
  assert.deepEqual(Object.keys(r.q), ["rateCard", "version", "cardHash", "fingerprint", "plan", "unit", "currency", "lines", "total", "balance", "balanceAfter", "shortfall", "purchase", "warnings"]);
  assert.deepEqual(Object.keys(r.q.lines[0]), ["feature", "name", "amount", "billed", "included", "units", "rate", "per", "multiplier", "explanation", "source"]);
  assert.equal(r.q.total, "470.67");
  assert.equal(r.q.lines[0].explanation, "700 s × 20 credits/min × 2 (Custom Expressive Motion) = 466.67 credits (exactly 466.666666…, rounded up to 2 places)");
  assert.deepEqual(r.g.lines[0].burns, [{ grant: "g1", credits: "10" }]);
  assert.ok(r.q.purchase.some((p) => p.kind === "upgrade" && p.upgrade === "prorated_difference" && p.covers === false));
  assert.equal(typeof r.q.purchase[0].quantity, "number");
  assert.equal(r.oddName, "Avatar\u001fIV");
  assert.equal(r.oddVerify, "match");
  assert.equal(r.web, true);
  assert.deepEqual(r.verify, ["match", "match"]);
});

test("a Node server verifies a quote posted from the page: match, altered, stale card", () => {
  const r = run(`
    import { RateEngine } from "ratecard";
    // The page quotes; its request and quote travel as JSON to the server.
    const page = RateEngine.preset("heygen-credits");
    const request = { plan: "business", items: [{ feature: "avatar_iv", seconds: 90, options: { expressive_motion: true } }] };
    const posted = JSON.parse(JSON.stringify({ request, quote: page.quote(request) }));
    const server = RateEngine.preset("heygen-credits");
    const ok = server.verify(posted.request, posted.quote);
    const altered = server.verify(posted.request, { ...posted.quote, total: "1" });
    const otherItems = server.verify({ ...posted.request, items: [{ feature: "avatar_iv", seconds: 9 }] }, posted.quote);
    const stale = RateEngine.preset("heygen-api").verify({ plan: "pro", items: [{ feature: "avatar_iv", seconds: 90 }] }, posted.quote);
    let err;
    try { server.verify(posted.request, { total: "60" }); } catch (e) { err = { code: e.code, path: e.path }; }
    console.log(JSON.stringify({ total: posted.quote.total, ok, altered, otherItems, stale, err }));
  `);
  assert.equal(r.total, "60");
  assert.equal(r.ok, "match");
  assert.equal(r.altered, "altered");
  assert.equal(r.otherItems, "altered");
  assert.equal(r.stale, "stale_card");
  assert.equal(r.err.code, "invalid_request");
});

test("a price book: each day priced with the version in force, the notice, the diff, and a Node server verifying across the change", () => {
  const r = run(`
    import { RateEngine } from "ratecard";
    // The preset and a made-up next version (an example, not a real HeyGen price).
    const now = RateEngine.preset("heygen-credits").rateCard();
    const next = structuredClone(now);
    Object.assign(next, { version: "2027-01", effectiveFrom: "2027-01-01" });
    next.features.avatar_iv.rate = "25";
    next.plans.business.price = "159.00";
    const book = JSON.stringify([now, next]);
    const page = RateEngine.fromJson(book);
    const request = (at) => ({ plan: "business", at, items: [{ feature: "avatar_iv", seconds: 60 }], balance: "1000" });
    const q = (at) => JSON.parse(JSON.stringify(page.quote(request(at))));
    const server = RateEngine.fromJson(book);
    const old = q("2026-12-31");
    let missing;
    try { server.quote({ plan: "business", items: [{ feature: "avatar_iv", seconds: 60 }], at: "2026-13-01" }); } catch (e) { missing = [e.code, e.path]; }
    let bad;
    try { RateEngine.fromJson(JSON.stringify([now, { ...next, id: "other" }])); } catch (e) { bad = { code: e.code, path: e.path }; }
    console.log(JSON.stringify({
      versions: page.versions().map((v) => [v.version, v.effectiveFrom ?? null]),
      before: [old.version, old.total], after: [q("2027-01-01").version, q("2027-01-01").total],
      warning: q("2026-12-20").warnings.find((w) => w.startsWith("Prices change")) ?? null,
      quiet: q("2026-11-20").warnings.some((w) => w.startsWith("Prices change")),
      diff: page.diff("2026-11-01", "2027-01").map((c) => [c.kind, c.path, c.name, c.before, c.after]),
      upcoming: page.upcoming("2026-12-20")?.version ?? null,
      cardAt: [page.rateCard("2026-12-31").features.avatar_iv.rate, page.rateCard("2027-01-02").features.avatar_iv.rate],
      sameDay: server.verify(request("2026-12-31"), old, { at: "2026-12-31" }),
      afterChange: server.verify(request("2026-12-31"), old, { at: "2027-01-02" }),
      altered: server.verify(request("2026-12-31"), { ...old, total: "2" }, { at: "2027-01-02" }),
      stale: server.verify(request("2026-12-31"), { ...old, version: "2026-10-01" }, { at: "2026-12-31" }),
      missing, bad,
      sim: server.simulate({ plan: "business", start: "2026-12-15", until: "2027-02-20" }).events
        .filter((e) => e.note.includes("charged")).map((e) => [e.at, e.note.slice(e.note.indexOf("charged"))]),
    }));
  `);
  assert.deepEqual(r.versions, [["2026-11-01", null], ["2027-01", "2027-01-01"]]);
  assert.deepEqual([r.before, r.after], [["2026-11-01", "20"], ["2027-01", "25"]]);
  assert.equal(r.warning, "Prices change on 1 Jan 2027: Avatar IV 20 → 25 credits a minute; Business 149.00 → 159.00 USD a month");
  assert.equal(r.quiet, false);
  assert.deepEqual(r.diff, [["changed", "features.avatar_iv.rate", "Avatar IV", "20", "25"], ["changed", "plans.business.price", "Business", "149.00", "159.00"]]);
  assert.equal(r.upcoming, "2027-01");
  assert.deepEqual(r.cardAt, ["20", "25"]);
  assert.deepEqual([r.sameDay, r.afterChange, r.altered, r.stale], ["match", "superseded", "altered", "stale_card"]);
  assert.deepEqual(r.missing, ["invalid_request", ["at"]]);
  assert.deepEqual(r.bad, { code: "invalid_rate_card", path: [1, "id"] });
  assert.deepEqual(r.sim, [["2026-12-15", "charged 149.00 USD"], ["2027-01-15", "charged 159.00 USD"], ["2027-02-15", "charged 159.00 USD"]]);
});

test("verify takes the server's own records: a request that leaves this month's usage out is altered", () => {
  const r = run(`
    import { RateEngine } from "ratecard";
    const page = RateEngine.preset("heygen-gencredits");
    // 60 min of translation; the page leaves out the 120 minutes used this month: 0 credits.
    const request = { plan: "creator", items: [{ feature: "video_translation", seconds: 3600 }], balance: "300" };
    const posted = JSON.parse(JSON.stringify({ request, quote: page.quote(request) }));
    const server = RateEngine.preset("heygen-gencredits");
    const records = { plan: "creator", balance: "300", periodUsage: { video_translation: 7200 }, at: "2026-11-30" };
    const honest = { ...request, periodUsage: { video_translation: 7200 }, at: "2026-11-30" };
    const honestQuote = JSON.parse(JSON.stringify(page.quote(honest)));
    const out = {
      claimed: posted.quote.total,
      withoutRecords: server.verify(posted.request, posted.quote),
      withRecords: server.verify(posted.request, posted.quote, records),
      honest: server.verify(honest, honestQuote, records),
      honestTotal: honestQuote.total,
      otherBalance: server.verify(honest, honestQuote, { ...records, balance: "0" }),
      otherPlan: server.verify(honest, honestQuote, { ...records, plan: "team" }),
    };
    let err;
    try { server.verify(honest, honestQuote, { plan: "creator", credit: "9" }); } catch (e) { err = { code: e.code, path: e.path }; }
    console.log(JSON.stringify({ ...out, err }));
  `);
  assert.equal(r.claimed, "0");
  assert.equal(r.withoutRecords, "match"); // the page's own claims agree with themselves
  assert.equal(r.withRecords, "altered"); // the server's records say 120 minutes were used
  assert.equal(r.honestTotal, "300");
  assert.equal(r.honest, "match");
  assert.equal(r.otherBalance, "altered");
  assert.equal(r.otherPlan, "altered");
  assert.equal(r.err.code, "invalid_request");
  assert.deepEqual(r.err.path, ["records", "credit"]);
});

test("over-limit input is refused before it is copied into wasm memory", () => {
  const r = run(`
    import { RateEngine } from "ratecard";
    const engine = RateEngine.preset("heygen-credits");
    engine.quote({ plan: "business", items: [{ feature: "avatar_iv", seconds: 90 }] }); // warm up
    const before = process.memoryUsage().arrayBuffers;
    const refusals = [];
    const attempt = (f) => { try { f(); refusals.push(null); } catch (e) { refusals.push({ code: e.code, message: e.message.slice(0, 80) }); } };
    const big = "x".repeat(30_000_000);
    attempt(() => RateEngine.fromJson(big));
    attempt(() => engine.quote({ plan: "business", items: [{ feature: big, seconds: 1 }] }));
    attempt(() => engine.verify({ plan: "business", items: [{ feature: "avatar_iv", seconds: 90 }] }, { rateCard: big }));
    attempt(() => RateEngine.compare({ workload: [{ feature: "avatar_iv", seconds: 90 }], cards: [{ id: big }] }));
    attempt(() => RateEngine.preset(big));
    const grown = process.memoryUsage().arrayBuffers - before;
    console.log(JSON.stringify({ refusals, grown }));
  `);
  assert.deepEqual(r.refusals.map((x) => x?.code), ["invalid_rate_card", "invalid_request", "invalid_request", "invalid_request", "invalid_request"]);
  assert.match(r.refusals[0].message, /^rate card: at most 1048576 bytes, got 30000000 characters/);
  assert.match(r.refusals[1].message, /^request: at most 1048576 bytes of JSON/);
  assert.match(r.refusals[2].message, /^quote: at most 8388608 bytes of JSON/);
  assert.match(r.refusals[3].message, /^request: at most 17825792 bytes of JSON/);
  assert.match(r.refusals[4].message, /^preset: at most 100 bytes/);
  assert.ok(r.grown < 8_000_000, `wasm memory grew by ${r.grown} bytes`);
});

test("every case of tests/cases.json gives the same result through the package", () => {
  const cases = JSON.parse(readFileSync(join(ROOT, "tests/cases.json"), "utf8"));
  const results = run(`
    import { RateEngine } from "ratecard";
    const cases = ${JSON.stringify(cases)};
    const out = cases.map((c) => {
      try {
        const engine = RateEngine.preset(c.preset);
        switch (c.call) {
          case "quote": return engine.quote(c.request);
          case "buyPacks": return engine.buyPacks(c.request);
          case "simulate": return engine.simulate(c.request);
          case "capacity": return engine.capacity(c.request);
          case "compare": return RateEngine.compare(c.request);
          default: throw new Error("unknown call " + c.call);
        }
      } catch (e) {
        return { error: e.code, message: e.message, isError: e instanceof Error };
      }
    });
    console.log(JSON.stringify(out));
  `);
  const failures = [];
  cases.forEach((c, i) => {
    const problems = matches(c.expect, results[i]);
    if (!("error" in c.expect) && "error" in results[i]) problems.push(`unexpected error ${JSON.stringify(results[i])}`);
    if ("error" in results[i] && results[i].isError !== true) problems.push("not thrown as an Error");
    if (problems.length) failures.push(`${c.name} [${c.preset}]: ${problems.join("; ")}`);
  });
  assert.deepEqual(failures, [], `${failures.length} of ${cases.length} cases failed`);
  console.log(`# ${cases.length} table cases through the package`);
});

test("every preset, file and engine.rateCard() alike, validates against the shipped JSON Schema", async () => {
  const { default: Ajv2020 } = await import("ajv/dist/2020.js");
  const schema = JSON.parse(readFileSync(join(dir, "node_modules/ratecard/schema/rate-card.schema.json"), "utf8"));
  const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
  const cards = run(`
    import { RateEngine } from "ratecard";
    console.log(JSON.stringify(RateEngine.presetIds().map((id) => RateEngine.preset(id).rateCard())));
  `);
  assert.equal(cards.length, 6);
  for (const card of cards) {
    const file = JSON.parse(readFileSync(join(ROOT, `presets/${card.id}.json`), "utf8"));
    assert.ok(validate(file), `${card.id}.json: ${JSON.stringify(validate.errors)}`);
    assert.ok(validate(card), `${card.id} rateCard(): ${JSON.stringify(validate.errors)}`);
  }
  const broken = JSON.parse(readFileSync(join(ROOT, "presets/heygen-credits.json"), "utf8"));
  broken.features.avatar_iv.rate = 0.1;
  assert.equal(validate(broken), false, "a number where a decimal string belongs is refused");
  delete broken.features.avatar_iv.rate;
  broken.features.avatar_iv.ratee = "20";
  assert.equal(validate(broken), false, "an unknown field is refused");
});

test("a card's own rateCard() output loads back through fromJson unchanged", () => {
  const r = run(`
    import { RateEngine } from "ratecard";
    const out = RateEngine.presetIds().map((id) => {
      const card = RateEngine.preset(id).rateCard();
      const again = RateEngine.fromJson(JSON.stringify(card)).rateCard();
      return JSON.stringify(card) === JSON.stringify(again);
    });
    console.log(JSON.stringify(out));
  `);
  assert.deepEqual(r, [true, true, true, true, true, true]);
});

test("simulate, capacity and compare through the package, with the issue's request shapes", () => {
  const r = run(`
    import { RateEngine } from "ratecard";
    const engine = RateEngine.preset("heygen-credits");
    const sim = engine.simulate({
      plan: "creator", billing: "month",
      start: "2026-01-01", until: "2026-03-02",
      usage: [{ at: "2026-01-10", feature: "avatar_iv", seconds: 300, options: {} }],
      upgrades: [{ at: "2026-01-20", plan: "business" }],
      cancelAt: "2026-02-15",
    });
    const reload = engine.simulate({
      plan: "business", start: "2026-01-01", until: "2026-01-31",
      usage: [{ at: "2026-01-05", feature: "avatar_iv", seconds: 4400 }],
      autoReload: { threshold: "100", quantity: 2 },
    });
    const overage = RateEngine.preset("heygen-liveavatar").simulate({
      start: "2026-01-01", until: "2026-01-20", allowOverage: true,
      usage: [{ at: "2026-01-03", feature: "full_sdk", seconds: 30900 }],
    });
    const capacity = engine.capacity({ plan: "business", feature: "avatar_iv", options: {}, balance: "20" });
    const compare = RateEngine.compare({ workload: [{ feature: "avatar_iv", seconds: 90 }], presets: ["heygen-credits", "heygen-api"] });
    let err;
    try { engine.simulate({ plan: "creator", start: "2026-01-01", until: "2026-01-31", autoReload: { threshold: "100", quantity: 2 } }); } catch (e) { err = e.code; }
    console.log(JSON.stringify({ sim, reload, overage, capacity, compare, err }));
  `);
  const { sim, reload, overage, capacity, compare, err } = r;
  // Creator Jan 1 ($29, 600); 100 used; Business on Jan 20: +900 now, (149 − 29) × 12/31 = $46.45;
  // Feb 1: 1,500 and $149; cancelled Feb 15, so everything is forfeited on Mar 1.
  assert.equal(sim.spent, "224.45");
  assert.equal(sim.currency, "USD");
  assert.equal(sim.spentUsd, sim.spent); // the deprecated name still works for one release
  assert.equal(sim.balance, "0");
  assert.equal(sim.expired, "2900");
  assert.deepEqual(sim.events.map((e) => e.kind), ["grant", "usage", "upgrade", "rollover", "grant", "cancel", "expire", "expire", "expire"]);
  assert.deepEqual(Object.keys(sim.grants[0]).sort(), ["amount", "expiresAt", "id", "issuedAt", "remaining", "source"]);
  assert.deepEqual(Object.keys(sim.events[0]).sort(), ["at", "balance", "credits", "grant", "kind", "note"]);
  assert.equal(reload.events.filter((e) => e.kind === "auto_reload").length, 1);
  assert.equal(reload.balance, "233.33");
  assert.equal(overage.overage, "30");
  assert.equal(overage.spent, "103.00"); // $100 + 30 credits × $0.10; auto-renew is off unless asked for
  assert.deepEqual(capacity, { seconds: "60", cost: "20", limitedBy: "the balance" });
  assert.deepEqual(compare.map((c) => [c.preset, c.plan ?? null, c.price ?? null, c.complete]), [
    ["heygen-api", "free", "0.00", true], // 90 s of Avatar IV is 9 API credits, within Free's 10
    ["heygen-credits", "creator", "29.00", true], ["heygen-credits", "pro", "49.00", true],
    ["heygen-api", "pro", "99.00", true], ["heygen-credits", "business", "149.00", true], ["heygen-api", "scale", "330.00", true],
  ]);
  assert.ok(compare.every((c) => c.currency === "USD" && c.usd === c.price), "usd is a deprecated alias of price");
  assert.match(compare[0].explanation, /watermark/);
  assert.equal(err, "not_available");
});
