// Hostile input: thousands of malformed calls to every export of the built
// package. Each must return or throw an Error with a stable `code` — never a
// WebAssembly.RuntimeError (a panic or trap kills the instance) — and the
// engine must quote correctly afterwards.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { ROOT } from "./helpers.mjs";

const { RateEngine } = createRequire(import.meta.url)(`${ROOT}/dist/full/node.cjs`);
// The codes come from Rust (ErrorKind::ALL), not from a copy here.
const CODES = new Set(RateEngine.errorCodes());

function deep(n) {
  let v = {};
  for (let i = 0; i < n; i++) v = { a: v };
  return v;
}
const HOSTILE = [
  undefined, null, NaN, Infinity, -Infinity, -0, 0, -1, 1e308, 2 ** 53 + 1, 1.5, "", " ", "NaN", "1e400", "-0", "0x10", "١٢",
  "x".repeat(1 << 20), true, false, {}, [], [[]], () => 1, 10n, -(10n ** 30n), Symbol("s"), new Date(0), /x/, new Map([["a", 1]]),
  Object.create(null), JSON.parse('{"__proto__": {"polluted": true}}'), { constructor: { prototype: 1 } }, deep(5000),
  Array.from({ length: 2000 }, () => ({ feature: "avatar_iv", seconds: 1 })), "avatar_iv", "business", "2026-02-30", "99999-01-01",
];

const valid = {
  quote: { plan: "business", items: [{ feature: "avatar_iv", seconds: 90, options: { expressive_motion: true } }], balance: "12.5", periodUsage: { image_asset: 1 } },
  buyPacks: { plan: "business", quantity: 3 },
  simulate: { plan: "business", start: "2026-01-01", until: "2026-02-01", usage: [{ at: "2026-01-02", feature: "avatar_iv", seconds: 30 }], autoReload: { threshold: "100", quantity: 1 } },
  capacity: { plan: "business", feature: "avatar_iv", options: {}, balance: "20" },
  quoteCurve: { plan: "business", item: { feature: "avatar_iv", options: {} }, fromSeconds: 1, toSeconds: 30, stepSeconds: 1 },
  compare: { workload: [{ feature: "avatar_iv", seconds: 90 }], presets: ["heygen-credits"] },
};

// Every path into a request: replace the value at that path with a hostile one.
function paths(value, prefix = []) {
  if (value === null || typeof value !== "object") return [prefix];
  return [prefix, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
}
function replaced(value, path, hostile) {
  if (!path.length) return hostile;
  const copy = Array.isArray(value) ? [...value] : { ...value };
  copy[path[0]] = replaced(value[path[0]], path.slice(1), hostile);
  return copy;
}

function describe(h) {
  if (typeof h === "symbol") return "Symbol";
  if (typeof h === "bigint") return `${h}n`;
  try {
    return String(JSON.stringify(h) ?? h).slice(0, 40);
  } catch {
    return "(too deep to print)";
  }
}

function check(call, what) {
  try {
    call();
  } catch (e) {
    assert.ok(!(e instanceof WebAssembly.RuntimeError), `${what}: WebAssembly.RuntimeError ${e.message}`);
    assert.ok(e instanceof Error, `${what}: threw a non-Error ${String(e)}`);
    assert.ok(CODES.has(e.code), `${what}: no stable code on "${e.message}"`);
  }
}

test("thousands of malformed calls to every export throw coded Errors, and the engine keeps quoting", () => {
  const engines = new Map(RateEngine.presetIds().map((id) => [id, RateEngine.preset(id)]));
  let calls = 0;
  for (const engine of engines.values()) {
  for (const [method, request] of Object.entries(valid)) {
    for (const path of paths(request)) {
      for (const h of HOSTILE) {
        const req = replaced(request, path, h);
        const label = `${method} ${path.join(".") || "(request)"} = ${describe(h)}`;
        check(() => (method === "compare" ? RateEngine.compare(req) : engine[method](req)), label);
        calls++;
      }
    }
  }
  }
  for (const h of HOSTILE) {
    check(() => RateEngine.preset(h), `preset(${describe(h)})`);
    check(() => RateEngine.fromJson(h), `fromJson(${typeof h})`);
    let text = "";
    try { text = JSON.stringify(replaced(engines.get("heygen-credits").rateCard(), ["features", "avatar_iv", "rate"], h)) ?? ""; } catch { text = "{"; }
    check(() => RateEngine.fromJson(text), `fromJson(card with rate ${describe(h)})`);
    calls += 3;
  }
  for (const text of ["", "{", "[]", "null", "[".repeat(100000), '{"id":'.repeat(5000), JSON.stringify(deep(3000))]) {
    check(() => RateEngine.fromJson(text), `fromJson(${text.slice(0, 12)}…)`);
    calls++;
  }
  // The same engines, still alive and right.
  const engine = engines.get("heygen-credits");
  const q = engine.quote({ plan: "business", items: [{ feature: "avatar_iv", seconds: 90 }], balance: "10" });
  assert.equal(q.total, "30");
  assert.equal(q.shortfall, "20");
  assert.equal(engines.get("heygen-api").quote({ plan: "pro", items: [{ feature: "video_avatar", seconds: 103 }] }).total, "2");
  assert.equal(({}).polluted, undefined);
  assert.ok(calls > 10000, `${calls} calls`);
  console.log(`# ${calls} hostile calls`);
});

test("the error codes are Rust's, and an error carries its field's path as data", () => {
  assert.ok(CODES.has("invalid_quantity") && CODES.has("unknown_plan") && CODES.size === 13, [...CODES].join());
  const engine = RateEngine.preset("heygen-credits");
  assert.throws(() => engine.quote({ plan: "business", items: [{ feature: "avatar_iv", seconds: 90 }, { feature: "avatar_iv", seconds: 0 }] }),
    (/** @type {any} */ e) => e.code === "invalid_quantity" && JSON.stringify(e.path) === '["items",1,"seconds"]' && e.message.startsWith("items[1].seconds: "));
  assert.throws(() => engine.quote({ plan: "business", items: [{ feature: "avatar_iv", seconds: 9, options: { expressive_motion: [1] } }] }),
    (/** @type {any} */ e) => e.code === "invalid_option" && JSON.stringify(e.path) === '["items",0,"options","expressive_motion"]');
  assert.throws(() => engine.quote({ plan: "nope", items: [] }), (/** @type {any} */ e) => e.code === "unknown_plan" && JSON.stringify(e.path) === '["plan"]');
  assert.throws(() => engine.simulate({ plan: "business", start: "2026-01-01", until: "2026-02-01", usage: [{ at: "2026-03-01", feature: "avatar_iv", seconds: 1 }] }),
    (/** @type {any} */ e) => e.code === "invalid_request" && JSON.stringify(e.path) === '["usage",0,"at"]');
});

test("NaN, ±Infinity and BigInt amounts are named in the error, not reported as missing", () => {
  const engine = RateEngine.preset("heygen-credits");
  for (const seconds of [NaN, Infinity, -Infinity]) {
    assert.throws(() => engine.quote({ plan: "business", items: [{ feature: "avatar_iv", seconds }] }),
      (/** @type {any} */ e) => e.code === "invalid_quantity" && /^items\[0\]\.seconds: expected a finite number or a decimal string, got null \(NaN/.test(e.message));
  }
  assert.throws(() => engine.quote({ plan: "business", items: [{ feature: "avatar_iv", seconds: 90n }] }),
    (/** @type {any} */ e) => e.code === "invalid_request" && /BigInt/.test(e.message));
  assert.equal(engine.quote({ plan: "business", items: [{ feature: "avatar_iv", seconds: 90 }] }).total, "30");
});

test("quote's flat path: hostile values in a plain request price or fail exactly as the JSON path does", () => {
  // A plain { plan, items, balance } crosses as flat text; the same request with an
  // empty periodUsage crosses as JSON: both must give the same quote or the same error.
  const engine = RateEngine.preset("heygen-credits");
  const outcome = (request) => {
    try { return JSON.stringify(engine.quote(request)); } catch (e) { return JSON.stringify({ code: e.code, path: e.path, message: e.message }); }
  };
  const request = { plan: "business", items: [{ feature: "avatar_iv", seconds: 90, options: { expressive_motion: true } }], balance: "12.5" };
  let calls = 0;
  for (const path of paths(request).filter((p) => p.length)) {
    for (const h of HOSTILE) {
      const r = replaced(request, path, h);
      const label = `quote ${path.join(".")} = ${describe(h)}`;
      check(() => engine.quote(r), label);
      assert.equal(outcome(r), outcome({ ...r, periodUsage: {} }), label);
      calls++;
    }
  }
  // Separators inside the request's own texts, a getter that throws, a Proxy.
  for (const sep of ["\u001c", "\u001d", "\u001e", "\u001f", "\u0000"]) {
    for (const r of [{ ...request, plan: `business${sep}x` }, { ...request, items: [{ feature: `avatar_iv${sep}`, seconds: 9 }] },
      { ...request, items: [{ feature: "avatar_iv", seconds: 9, options: { [`expressive${sep}`]: true } }] },
      { ...request, items: [{ feature: "video_translation", seconds: 9, options: { mode: `precision${sep}` } }] }]) {
      assert.equal(outcome(r), outcome({ ...r, periodUsage: {} }), JSON.stringify(r));
      calls++;
    }
  }
  const throwing = { ...request, get plan() { throw new Error("a getter that throws"); } };
  check(() => engine.quote(throwing), "a getter that throws");
  assert.throws(() => engine.quote(throwing), (/** @type {any} */ e) => e.code === "invalid_request");
  const proxied = new Proxy(request, { ownKeys() { throw new Error("no keys"); } });
  check(() => engine.quote(proxied), "a Proxy whose ownKeys throws");
  assert.equal(engine.quote(request).total, "60");
  assert.ok(calls > 300, `${calls} calls`);
});

test("ratecard/lite: the same hostile values throw coded Errors, and the engines keep pricing", async () => {
  const { RateEngine: Lite } = await import(`${ROOT}/dist/lite/node.js`);
  const request = { plan: "business", items: [{ feature: "avatar_iv", seconds: 90, options: { expressive_motion: true } }], balance: "12.5" };
  const lite = Lite.preset("heygen-credits");
  let calls = 0;
  for (const path of paths(request)) {
    for (const h of HOSTILE) {
      check(() => lite.quoteSummary(replaced(request, path, h)), `quoteSummary ${path.join(".") || "(request)"} = ${describe(h)}`);
      calls++;
    }
  }
  for (const h of HOSTILE) check(() => Lite.preset(h), `lite preset(${describe(h)})`);
  // The separators the glue writes, inside the request's own text, are refused, never misread.
  for (const sep of ["\u001c", "\u001d", "\u001e", "\u001f", "\u0000"]) {
    check(() => lite.quoteSummary({ ...request, plan: `business${sep}x` }), `plan with U+${sep.charCodeAt(0).toString(16)}`);
    check(() => lite.quoteSummary({ ...request, items: [{ feature: `avatar_iv${sep}`, seconds: 9 }] }), `feature with U+${sep.charCodeAt(0).toString(16)}`);
  }
  // Objects as JSON writes them: a Date becomes a string (refused by both modules), a Map
  // or a RegExp an empty object (no options, in both).
  const full = RateEngine.preset("heygen-credits");
  const odd = (options) => ({ ...request, items: [{ feature: "avatar_iv", seconds: 9, options }] });
  const optionsRefused = (/** @type {any} */ e) => e.code === "invalid_request" && JSON.stringify(e.path) === '["items",0,"options"]';
  assert.throws(() => lite.quoteSummary(odd(new Date(0))), optionsRefused);
  assert.throws(() => full.quote(odd(new Date(0))), optionsRefused);
  for (const empty of [new Map([["expressive_motion", true]]), /x/]) {
    assert.deepEqual([lite.quoteSummary(odd(empty)).total, full.quote(odd(empty)).total], ["3", "3"]);
  }
  const s = lite.quoteSummary({ plan: "business", items: [{ feature: "avatar_iv", seconds: 90 }], balance: "10" });
  assert.deepEqual([s.total, s.shortfall, s.purchase[0].price], ["30", "20", "5.00"]);
  assert.equal(({}).polluted, undefined);
  assert.ok(calls > 300, `${calls} calls`);
});

test("one rule for both modules: edge input reads in ratecard/lite exactly as in the full module (the JSON reader's)", async () => {
  const { RateEngine: Lite } = await import(`${ROOT}/dist/lite/node.js`);
  const lite = Lite.preset("heygen-credits");
  const full = RateEngine.preset("heygen-credits");
  const outcome = (f) => { try { return f().total; } catch (e) { return `${e.code} ${JSON.stringify(e.path)}`; } };
  const item = (extra) => ({ plan: "business", items: [{ feature: "avatar_iv", seconds: 60, ...extra }] });
  const inputs = [
    ...["6e1", "1_000", " 60", "60 ", "+60", "60.", "0x10", "6\u001f0", "6\u001c0"].map((s) => item({ seconds: s })),
    item({ options: { expressive_motion: undefined } }),
    Object.assign(Object.create({ plan: "business" }), { items: [{ feature: "avatar_iv", seconds: 60 }] }),
    Object.assign(Object.create({ balance: "5" }), item({})),
    { plan: "business", items: [Object.assign(Object.create({ seconds: 60 }), { feature: "avatar_iv" })] },
    { plan: "business", items: [{ toJSON() { return { feature: "avatar_iv", seconds: 60 }; } }] },
    { toJSON() { return item({}); } },
    item({ seconds: Number.NaN }), item({ seconds: Infinity }),
    { plan: "business", items: [, { feature: "avatar_iv", seconds: 60 }] }, // eslint-disable-line no-sparse-arrays
    { plan: "business\u001f", items: [{ feature: "avatar_iv", seconds: 60 }] },
    { plan: "business", balance: "5\u001c", items: [{ feature: "avatar_iv", seconds: 60 }] },
    { plan: "business", items: [{ feature: "avatar_iv\u001f60\u001f", seconds: 60 }] },
    { plan: "business", items: [{ feature: "avatar_iv", seconds: 60, options: { "expressive_motion\u001db1\u001fx": true } }] },
    { plan: "business", items: [{ feature: "video_translation", seconds: 60, options: { mode: "precision\u001e" } }] },
    { plan: "business", billing: "year\u001c", items: [{ feature: "avatar_iv", seconds: 60 }] },
  ];
  for (const r of inputs) {
    assert.equal(outcome(() => lite.quoteSummary(r)), outcome(() => full.quote(r)), JSON.stringify(r) ?? String(r));
  }
  // The lite quote of an injected feature names it whole, as the full module does.
  const injected = { plan: "business", items: [{ feature: "avatar_iv\u001f60", seconds: 60 }] };
  const message = (f) => { try { f(); } catch (e) { return e.message; } };
  assert.equal(message(() => lite.quoteSummary(injected)), message(() => full.quote(injected)));
});

test("one reading rule, errors included: over 40,000 requests with several faults each, both modules throw the same first error (code and path), every one coded", async () => {
  const { RateEngine: Lite } = await import(`${ROOT}/dist/lite/node.js`);
  // A small deterministic generator (the same corpus every run): fields in random order, each
  // value drawn from edge values of every type, items with faults of their own.
  let seed = 20261203;
  const rnd = (n) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
  const pick = (a) => a[rnd(a.length)];
  const shuffled = (a) => a.map((x) => [rnd(1000), x]).sort((p, q) => p[0] - q[0]).map(([, x]) => x);
  const values = [undefined, null, NaN, Infinity, -Infinity, "", " ", "abc", "1e3", "12.5", 90, -1, 0, -0, 1.5, 1e21, 1e300, 2 ** 53 + 1,
    "90", " 60", "+60", "60.", ".5", "-", "1_000", "0x10", "\u00a060", "\ufeff60", "79228162514264337593543950335", "79228162514264337593543950336",
    true, false, {}, [], [1], "business", "creator", "nope", "2026-02-30", "2026-12-01", "year", "month", "once", "x".repeat(300)];
  const outcome = (f) => {
    try { return `priced ${f().total ?? f().price}`; } catch (e) {
      assert.ok(e instanceof Error && CODES.has(e.code), `no stable code on "${e?.message}"`);
      return `${e.code} ${JSON.stringify(e.path)}`;
    }
  };
  let calls = 0;
  for (const id of ["heygen-credits", "heygen-payg", "aistudios"]) {
    const full = RateEngine.preset(id), lite = Lite.preset(id);
    for (let i = 0; i < 7000; i++) {
      const r = {};
      for (const k of shuffled(["plan", "items", "balance", "billing", "at", "bogus"])) {
        if (!rnd(3)) continue;
        r[k] = k !== "items" ? pick(values) : Array.from({ length: 1 + rnd(3) }, () => {
          const item = {};
          for (const f of shuffled(["feature", "seconds", "quantity", "options", "extra"])) {
            if (!rnd(2)) continue;
            item[f] = f === "feature" ? pick(["avatar_iv", "nope", "generate_look", "text_to_speech", 5, null])
              : f === "options" ? pick([{}, { expressive_motion: true }, { bogus: 1 }, { mode: [1] }, { avatar_type: "photo_avatar" }, null]) : pick(values);
          }
          return item;
        });
      }
      assert.equal(outcome(() => lite.quoteSummary(r)), outcome(() => full.quote(r)), `${id} ${JSON.stringify(r)}`);
      const b = {};
      for (const k of shuffled(["plan", "quantity", "seats", "billing", "bogus"])) if (rnd(3)) b[k] = pick(values);
      assert.equal(outcome(() => lite.buyPacks(b)), outcome(() => full.buyPacks(b)), `${id} buyPacks ${JSON.stringify(b)}`);
      calls += 2;
    }
  }
  // The red team's cases: a lost balance (null, NaN, ±Infinity) is refused by both, at `balance`;
  // a getter that throws is a coded error in both.
  const full = RateEngine.preset("heygen-credits"), lite = Lite.preset("heygen-credits");
  for (const balance of [null, NaN, Infinity, -Infinity]) {
    const r = { plan: "business", items: [{ feature: "avatar_iv", seconds: 90 }], balance };
    assert.equal(outcome(() => full.quote(r)), 'invalid_request ["balance"]');
    assert.equal(outcome(() => lite.quoteSummary(r)), 'invalid_request ["balance"]');
  }
  const getter = { plan: "business", items: [{ feature: "avatar_iv", seconds: 90 }], get balance() { throw new Error("no balance"); } };
  assert.equal(outcome(() => lite.quoteSummary(getter)), outcome(() => full.quote(getter)));
  assert.equal(outcome(() => lite.buyPacks({ get quantity() { throw new Error("x"); } })), 'invalid_request []');
  assert.ok(calls >= 40000, `${calls} calls`);
  console.log(`# ${calls} requests with several faults: one first error in both modules`);
});

test("ratecard/lite: preset(id) is one shared engine per id, so many calls hold its wasm memory once", async () => {
  const { RateEngine: Lite } = await import(`${ROOT}/dist/lite/node.js`);
  const a = Lite.preset("heygen-credits");
  const before = process.memoryUsage().arrayBuffers;
  for (let i = 0; i < 20000; i++) Lite.preset("heygen-credits");
  assert.equal(Lite.preset("heygen-credits"), a);
  a.free(); // a shared engine stays
  assert.equal(Lite.preset("heygen-credits").quoteSummary({ plan: "business", items: [{ feature: "avatar_iv", seconds: 90 }], balance: "10" }).total, "30");
  assert.ok(process.memoryUsage().arrayBuffers - before < 4_000_000);
});
