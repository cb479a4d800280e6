// Unit tests of the request writer both modules share (www/boundary/request.js, pure JS, no wasm):
// the engine's decimal rule, and a request's first fault in the order the JSON reader meets it.
// tests/js/hostile.test.mjs holds the same rule against both built modules.
import { test } from "node:test";
import assert from "node:assert/strict";
import { checkedRequestText, isDecimal, plainRequestText, writeBuy, writeRequest } from "../../www/boundary/request.js";

// The engine's maxRequestBytes (RateEngine.limits(); the package tests hold both modules to it).
const MAX_REQUEST_BYTES = 1 << 20;
const writeRequest1 = (r) => writeRequest(r, MAX_REQUEST_BYTES);
const writeBuy1 = (r) => writeBuy(r, MAX_REQUEST_BYTES);

test("isDecimal: the engine's rule (money::parse_decimal with rust_decimal's range)", () => {
  for (const ok of ["12.5", " 60", "60 ", "+60", "60.", ".5", "-0.5", "00012", "\u00a060", "\u008560",
    "79228162514264337593543950335", "79228162514264337593543950335.4", "9999999999999999999999999999.5", "0.123456789012345678901234567890123"]) {
    assert.equal(isDecimal(ok), true, JSON.stringify(ok));
  }
  for (const bad of ["", " ", "-", ".", "1e3", "1_000", "0x10", "1..2", "--1", "1-", "\ufeff60", "abc",
    "79228162514264337593543950336", "79228162514264337593543950335.5", "123456789012345678901234567890"]) {
    assert.equal(isDecimal(bad), false, JSON.stringify(bad));
  }
});

const fault = (f) => { try { f(); return null; } catch (e) { return [e.code, e.path]; } };

test("a request's first fault is the one the JSON reader meets first: fields in their order, a missing field last", () => {
  assert.deepEqual(fault(() => writeRequest1({ bogus: 1, plan: 5, items: [] })), ["invalid_request", ["bogus"]]);
  assert.deepEqual(fault(() => writeRequest1({ plan: 5, bogus: 1, items: [] })), ["invalid_request", ["plan"]]);
  assert.deepEqual(fault(() => writeRequest1({ items: [{ seconds: "x", feature: "a" }], balance: "y" })), ["invalid_quantity", ["items", 0, "seconds"]]);
  assert.deepEqual(fault(() => writeRequest1({ balance: "y", items: [{ seconds: "x", feature: "a" }] })), ["invalid_request", ["balance"]]);
  assert.deepEqual(fault(() => writeRequest1({ items: [{}], plan: 5 })), ["invalid_request", ["items", 0]]);
  assert.deepEqual(fault(() => writeRequest1({ at: 5 })), ["invalid_request", ["at"]]);
  assert.deepEqual(fault(() => writeRequest1({ plan: "x" })), ["invalid_request", []]);
  assert.deepEqual(fault(() => writeRequest1({ items: [{ feature: "a", options: { mode: [1] } }], balance: null })), ["invalid_option", ["items", 0, "options", "mode"]]);
  assert.deepEqual(fault(() => writeRequest1({ items: [], balance: NaN })), ["invalid_request", ["balance"]]);
  assert.deepEqual(fault(() => writeRequest1({ items: [], get plan() { throw new Error("no"); } })), ["invalid_request", []]);
  assert.equal(fault(() => writeRequest1({ plan: "business", items: [{ feature: "avatar_iv", seconds: 90 }], balance: "10" })), null);
  assert.deepEqual(fault(() => writeBuy1({ billing: "decade", quantity: "x" })), ["invalid_request", ["billing"]]);
  assert.deepEqual(fault(() => writeBuy1({ quantity: "x", billing: "decade" })), ["invalid_quantity", ["quantity"]]);
  assert.deepEqual(fault(() => writeBuy1({ seats: null })), ["invalid_request", []]);
});

test("writeRequest's one-pass path gives the checked path's text wherever it gives one, and gives one for a checkout's requests", () => {
  // A small seeded generator (xorshift), so a failure names its seed and replays.
  let seed = 0x9e3779b9;
  const next = () => { seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5; return (seed >>> 0) / 2 ** 32; };
  const pick = (xs) => xs[Math.floor(next() * xs.length)];
  const strings = ["business", "", "a\u001fb", "x\u0000", "é", " 60", "60", "1e3", "-5", "12.50", "79228162514264337593543950336"];
  const anything = [undefined, null, 0, -0, 1, 120, 0.5, 1e-7, 1e21, NaN, Infinity, true, false, [], {}, new Date(0), ...strings];
  const measure = [undefined, 120, 0, -0, 2.5, 1e-7, 1e21, NaN, "90", "12.5", " 60", "x", "", null, true, []];
  const optionValue = [true, false, "precision", "", "a\u001db", 5, null, [], {}];
  const item = () => {
    const it = {};
    for (const k of ["feature", "seconds", "quantity", "options", "bogus"].sort(() => next() - 0.5)) {
      const r = next();
      if (k === "feature" && r < 0.9) it.feature = pick(["avatar_iv", "generate_look", "a\u001fb", 5]);
      else if ((k === "seconds" || k === "quantity") && r < 0.5) it[k] = pick(measure);
      else if (k === "options" && r < 0.4) it.options = next() < 0.1 ? pick(anything) : Object.fromEntries([["mode", pick(optionValue)], ["expressive_motion", pick(optionValue)]].slice(0, 1 + Math.floor(next() * 2)));
      else if (k === "bogus" && r < 0.03) it.bogus = 1;
    }
    return next() < 0.03 ? Object.create({ inherited: 1 }, Object.getOwnPropertyDescriptors(it)) : it;
  };
  const request = () => {
    const r = {};
    for (const k of ["plan", "items", "balance", "billing", "at", "extra"].sort(() => next() - 0.5)) {
      const x = next();
      if (k === "items" && x < 0.95) r.items = next() < 0.05 ? pick(anything) : Array.from({ length: Math.floor(next() * 4) }, item);
      else if (k === "plan" && x < 0.7) r.plan = x < 0.6 ? pick(["business", "creator", ""]) : pick(anything);
      else if (k === "balance" && x < 0.6) r.balance = x < 0.5 ? pick(["10", "0", "120.5", " 7"]) : pick(anything);
      else if (k === "billing" && x < 0.3) r.billing = x < 0.25 ? pick(["once", "month", "year", null]) : pick(anything);
      else if (k === "at" && x < 0.2) r.at = x < 0.15 ? pick(["2026-12-03", "", null]) : pick(anything);
      else if (k === "extra" && x < 0.02) r.extra = 1;
    }
    return r;
  };
  let fast = 0;
  for (let n = 0; n < 20000; n++) {
    const start = seed;
    const r = request();
    const one = plainRequestText(r);
    let checked;
    try { checked = checkedRequestText(r); } catch (e) { checked = e; }
    if (one === undefined) continue;
    fast++;
    assert.equal(one, checked, `seed ${start}: ${JSON.stringify(r)}`);
  }
  assert.ok(fast > 4000, `the one-pass path took ${fast} of 20,000`);
  assert.equal(plainRequestText({ plan: "business", items: [{ feature: "avatar_iv", seconds: 120, options: { expressive_motion: true } }], balance: "10" }),
    "business\u001c10\u001cavatar_iv\u001f120\u001f\u001fexpressive_motion\u001db1");
});
