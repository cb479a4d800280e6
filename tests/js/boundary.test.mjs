// Unit tests of the request writer both modules share (www/boundary/request.js, pure JS, no wasm):
// the engine's decimal rule, and a request's first fault in the order the JSON reader meets it.
// tests/js/hostile.test.mjs holds the same rule against both built modules.
import { test } from "node:test";
import assert from "node:assert/strict";
import { isDecimal, writeBuy, writeRequest } from "../../www/boundary/request.js";

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
