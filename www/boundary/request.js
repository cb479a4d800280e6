// The one request writer of both modules: a request object → the engine's
// request text (src/flat.rs gives the layout), read by the JSON reader's rule
// (what JSON.stringify would write), and the coded Errors both modules throw.
// No pricing rule here: only field order and escaping.
//
// One rule for when a request goes as JSON: `flatText` gives the text exactly
// when `writeRequest` takes the request and writes every value as itself (no
// type marker for a value of another kind); otherwise the full module sends the request as JSON, so its
// refusal is the JSON reader's. `ratecard/lite`, which has no JSON reader,
// throws `writeRequest`'s refusal, which the parity test holds to the same
// code and path.
import { numberDigits } from "./digits.js";

/** @typedef {(string | number)[]} Path A field's path: keys and indexes. */

export const F = "\u001f", R = "\u001e", P = "\u001d";

/** A coded Error: `message`, with `code` and `path`. */
export function coded(/** @type {string} */ code, /** @type {Path} */ path, /** @type {string} */ message) {
  return Object.assign(new Error(message), { code, path });
}

/** A coded Error from the engine's thrown `code␟path␟message` (any other value as thrown). */
export function fromEngine(/** @type {any} */ thrown) {
  if (typeof thrown !== "string") return thrown;
  const [code, path, ...rest] = thrown.split(F);
  const message = rest.join(F); // a message may quote a text holding U+001F
  const segment = (/** @type {string} */ s) => (s.startsWith("#") ? Number(s.slice(1)) : unesc(s.slice(1)));
  return coded(code, path ? path.split(R).map(segment) : [], message);
}

const where = (/** @type {Path} */ path) => path.map((s, i) => (typeof s === "number" ? `[${s}]` : i ? `.${s}` : s)).join("");
export const refuse = (/** @type {Path} */ path, /** @type {string} */ message) => coded("invalid_request", path, `${where(path)}: ${message}`);

// An object as the full module reads it through JSON: its own fields, unless
// it is an array or has toJSON (a Date is written as a string, so refused).
function plain(/** @type {any} */ o) {
  return o !== null && typeof o === "object" && !Array.isArray(o) && typeof o.toJSON !== "function";
}

const REQUEST = new Set(["plan", "items", "balance", "billing", "at"]);
// The full module's request fields, which the first-load module does not read: refused by name.
const FULL_ONLY = new Set(["periodUsage", "grants", "holds", "holdFor"]);
const ITEM = new Set(["feature", "seconds", "quantity", "maxSeconds", "options"]); // serde's order (its message lists them so)

// Inside a text, a control character U+0000–U+001F is written as U+001B and
// the character plus 0x40 (src/flat.rs reads it back), so no text can hold a
// separator and inject a field.
const CONTROL = /[\u0000-\u001f]/g;
const HAS_CONTROL = /[\u0000-\u001f]/;
// Tested first: most texts hold none, and a test is cheaper than a replace (summary 10.3 → 8.9 µs).
const esc = (/** @type {string} */ s) => (HAS_CONTROL.test(s) ? s.replace(CONTROL, (/** @type {string} */ c) => `\u001b${String.fromCharCode(c.charCodeAt(0) + 0x40)}`) : s);
const unesc = (/** @type {string} */ s) => s.replace(/\u001b([\s\S])/g, (/** @type {string} */ _, /** @type {string} */ c) => String.fromCharCode(c.charCodeAt(0) - 0x40));

// The full module reads a request as JSON.stringify writes it: own fields
// only, undefined values and functions left out, toJSON applied, NaN and
// ±Infinity as null. A request already of that shape is read as it is (the
// fast path); any other goes through JSON first, so both modules read it by
// one rule.
function jsonShaped(/** @type {any} */ o) {
  if (o === null || typeof o !== "object") return false;
  const proto = Object.getPrototypeOf(o);
  if (Array.isArray(o) ? proto !== Array.prototype : proto !== Object.prototype && proto !== null) return false;
  if ("toJSON" in o) return false;
  for (const k in o) {
    if (!Object.hasOwn(o, k)) return false;
    const v = o[k];
    if (v === undefined || typeof v === "function" || typeof v === "symbol" || typeof v === "bigint") return false;
    if (typeof v === "number" && !Number.isFinite(v)) return false;
    if (typeof v === "object" && v !== null && !jsonShaped(v)) return false;
  }
  return !Array.isArray(o) || o.length === Object.keys(o).length; // no holes
}

function asJson(/** @type {any} */ request) {
  try {
    if (jsonShaped(request)) return request;
  } catch {
    // A getter or a Proxy trap that throws: JSON.stringify below meets it too, and says so.
  }
  let text;
  try {
    text = JSON.stringify(request);
  } catch (/** @type {any} */ e) {
    throw coded("invalid_request", [], `request: ${e?.message ?? "cannot be written as JSON"}`);
  }
  return text === undefined ? request : JSON.parse(text);
}

function measure(/** @type {unknown} */ v) {
  if (v === undefined) return "";
  // Plain digits, as Rust writes a number: 1e-7 as 0.0000001; one that no
  // decimal holds (1e+308) as a type marker, refused.
  if (typeof v === "number") return numberDigits(v) ?? `\u0000the number ${String(v)}`;
  if (typeof v === "string") return v === "" ? "\u0000an empty string" : esc(v);
  return `\u0000${v === null ? "null" : typeof v}`;
}

function option(/** @type {unknown} */ v) {
  if (typeof v === "boolean") return v ? "b1" : "b0";
  if (typeof v === "string") return `s${esc(v)}`;
  return `o${v === null ? "null" : Array.isArray(v) ? "an array" : typeof v === "object" ? "an object" : String(v)}`;
}

// The request text's layout (src/flat.rs), written once for both paths below: plan, balance and
// the items, then billing and the day when given; an item is feature, seconds, quantity and its
// options; an option is its key and value.
const requestLayout = (/** @type {string} */ plan, /** @type {string} */ balance, /** @type {string} */ items, /** @type {string} */ billing, /** @type {string | undefined} */ day) =>
  `${plan}\u001c${balance}\u001c${items}${day !== undefined ? `\u001c${billing}\u001c${day}` : billing ? `\u001c${billing}` : ""}`;
const itemLayout = (/** @type {number} */ i, /** @type {string} */ feature, /** @type {string} */ seconds, /** @type {string} */ quantity, /** @type {string} */ options) =>
  `${i ? R : ""}${feature}${F}${seconds}${F}${quantity}${options}`;
const optionLayout = (/** @type {string} */ key, /** @type {unknown} */ value) => `${F}${esc(key)}${P}${option(value)}`;

function writeItems(/** @type {any} */ items) {
  let out = "";
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    let options = "";
    if (item.options !== undefined && item.options !== null) {
      for (const k in item.options) if (Object.hasOwn(item.options, k)) options += optionLayout(k, item.options[k]);
    }
    out += itemLayout(i, esc(item.feature), measure(item.seconds), measure(item.quantity), options);
  }
  return out;
}

// Rust's `str::trim` (Unicode White_Space), which JS's `trim` is not (it trims U+FEFF, keeps U+0085).
const RUST_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;
const DECIMAL_MAX = "79228162514264337593543950335";

/**
 * Whether `text` is a decimal by the engine's rule (`money::parse_decimal`: trimmed, digits, one
 * point, a leading sign; no exponent, no `_`; within a decimal's range), so that a request's first
 * fault is found here in the order the JSON reader meets it. The parity test holds it to Rust's.
 * @param {string} text
 */
export function isDecimal(text) {
  if (PLAIN_DECIMAL.test(text)) return true; // the common case: "10", "120.5"
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text.replace(RUST_SPACE, ""));
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) return false;
  const int = m[2].replace(/^0+/, "");
  if (int.length !== DECIMAL_MAX.length) return int.length < DECIMAL_MAX.length;
  if (int !== DECIMAL_MAX) return int < DECIMAL_MAX;
  return !/^[5-9]/.test(m[3] ?? ""); // the fraction rounds the integer past the largest decimal
}
// At most 28 digits before the point: always within a decimal's range.
const PLAIN_DECIMAL = /^\d{1,28}(\.\d+)?$/;

// A duration or count's fault as the JSON reader finds it (`Measure`), or undefined.
function measureFault(/** @type {unknown} */ v, /** @type {() => Path} */ path) {
  // JS writes a number without an exponent from 1e-6 up to 1e21: those read as they are.
  if (typeof v === "number" && (v === 0 || (Math.abs(v) >= 1e-6 && Math.abs(v) < 1e21))) return undefined;
  if (typeof v === "string" && isDecimal(v)) return undefined;
  const bad = (/** @type {string} */ why) => coded("invalid_quantity", path(), `${where(path())}: ${why}`);
  if (typeof v === "number") return numberDigits(v) === undefined ? bad(`the number ${v} is out of range`) : undefined;
  if (typeof v === "string") return bad(`expected a number, got "${v}"`);
  if (v === null) return bad("expected a finite number or a decimal string, got null (NaN and ±Infinity cross from JS as null)");
  return bad(`invalid type: ${Array.isArray(v) ? "sequence" : typeof v === "object" ? "map" : typeof v}, expected a number or a decimal string`);
}

// The first fault of an object's fields in the order JSON.stringify writes them (the JSON
// reader's order): an unknown field, or what `check(key, value, i)` finds. `i` is the item's
// index (undefined for the request itself); paths are made only for a fault.
function fieldFault(/** @type {any} */ obj, /** @type {Set<string>} */ known, /** @type {number | undefined} */ i, /** @type {(k: string, v: any, i: any) => Error | undefined} */ check) {
  const at = () => (i === undefined ? [] : ["items", i]);
  if (!plain(obj)) return refuse(at(), "expected an object");
  for (const k in obj) {
    if (!Object.hasOwn(obj, k) || obj[k] === undefined) continue;
    if (i === undefined && known === REQUEST && FULL_ONLY.has(k)) return refuse([k], `\`${k}\` is read by the full module (ratecard), not ratecard/lite`);
    if (!known.has(k)) return refuse([...at(), k], `unknown field \`${k}\`, expected one of ${[...known].map((x) => `\`${x}\``).join(", ")}`);
    const fault = check(k, obj[k], i);
    if (fault) return fault;
  }
  return undefined;
}

// A wrong billing period as the JSON reader says it, or undefined.
function billingFault(/** @type {unknown} */ v) {
  if (v === null || (typeof v === "string" && PERIODS.has(v))) return undefined;
  return refuse(["billing"], typeof v === "string" ? `unknown variant \`${v}\`, expected one of \`once\`, \`month\`, \`year\`` : "expected value");
}

// An item field's fault.
function itemField(/** @type {string} */ k, /** @type {any} */ v, /** @type {number} */ i) {
  if (k === "feature") return typeof v === "string" ? undefined : refuse(["items", i, k], "expected a string");
  if (k === "seconds" || k === "quantity") return measureFault(v, () => ["items", i, k]);
  // A range is the full module's (`quoteRange`); as text, it would be lost. The full module sends it as JSON.
  if (k === "maxSeconds") return refuse(["items", i, k], "a length range is priced by the full module (quoteRange), not from the request text");
  if (k !== "options") return undefined;
  if (!plain(v)) return refuse(["items", i, k], "expected an object");
  for (const o in v) {
    const x = v[o];
    if (Object.hasOwn(v, o) && x !== null && typeof x === "object") {
      const path = ["items", i, k, o];
      return coded("invalid_option", path, `${where(path)}: invalid type: ${Array.isArray(x) ? "sequence" : "map"}, expected a boolean or a string`);
    }
  }
  return undefined;
}

// A request field's fault (an item's, for `items`).
function requestField(/** @type {string} */ k, /** @type {any} */ v) {
  if (k === "plan" || k === "at") return v === null || typeof v === "string" ? undefined : refuse([k], "expected a string");
  if (k === "billing") return billingFault(v);
  if (k === "balance") {
    if (typeof v === "string" && isDecimal(v)) return undefined;
    return refuse([k], `expected a decimal string, got ${typeof v === "string" ? `"${v}"` : v === null ? "null" : typeof v === "number" ? v : typeof v}`);
  }
  if (!Array.isArray(v)) return refuse([k], "expected an array"); // items
  for (let i = 0; i < v.length; i++) {
    const item = v[i];
    const found = fieldFault(item, ITEM, i, itemField) ?? (typeof item.feature === "string" ? undefined : refuse(["items", i], "missing field `feature`"));
    if (found) return found;
  }
  return undefined;
}

// A quote request's first fault, in the order the JSON reader (serde, `deny_unknown_fields`) meets
// it: each field in the order JSON.stringify writes them, its value read at once; a missing field
// at the end. Both modules then agree on the first error, not only on whether there is one.
function requestFault(/** @type {any} */ request) {
  const fault = fieldFault(request, REQUEST, undefined, requestField);
  return fault ?? (request.items === undefined ? coded("invalid_request", [], "missing field `items`") : undefined);
}

const PERIODS = new Set(["once", "month", "year"]);

// A plan: empty when absent, U+0000 alone for an empty string (src/flat.rs).
const planText = (/** @type {string | undefined} */ plan) => (plan === "" ? "\u0000" : esc(plan ?? ""));

/**
 * A request `{ plan?, items, balance?, billing?, at? }` as the engine's request text (src/flat.rs),
 * read by the JSON reader's rule; throws a coded Error for what the engine would refuse
 * before reading it (a wrong type, an unknown field, over `maxBytes`: the module's
 * `limits().maxRequestBytes`).
 * @param {unknown} request
 * @param {number} maxBytes
 */
export function writeRequest(request, maxBytes) {
  return bounded(plainRequestText(request) ?? checkedRequestText(request), maxBytes);
}

/**
 * `writeRequest`'s checked path, for any request: read by the JSON reader's rule, its first fault
 * thrown. Exported for the test that holds the one-pass path (`plainRequestText`) to it.
 * @param {unknown} request
 */
export function checkedRequestText(request) {
  const { plan, items, balance, billing, at } = checked(request, requestFault);
  return requestLayout(planText(plan ?? undefined), balance === undefined ? "" : esc(balance), writeItems(items),
    typeof billing === "string" ? esc(billing) : "", typeof at === "string" ? planText(at) : undefined);
}

// The one-pass path of `writeRequest` for the request a checkout sends: plain objects and arrays
// (JSON's own shapes), known fields, each value of its type and written as itself. It reads each
// value once and writes as it reads; any other request (a fault, a value to convert, a getter
// that throws) gives undefined and takes the checked path above, whose text it equals wherever it
// gives one (the boundary test holds the two equal over random requests). A profile put the two
// passes (JSON's shape, then the first fault) at a quarter of the first-load summary's time.
/**
 * @param {unknown} request
 * @returns {string | undefined}
 */
export function plainRequestText(request) {
  /** @type {any} */
  const r = request;
  try {
    if (!jsonObject(r)) return undefined;
    let plan = "", balance = "", items, billing = "", at;
    for (const k in r) {
      const v = r[k];
      if (!Object.hasOwn(r, k) || v === undefined) return undefined;
      if (k === "items") { items = plainItems(v); if (items === undefined) return undefined; }
      else if (k === "plan") { if (v !== null) { if (typeof v !== "string") return undefined; plan = planText(v); } }
      else if (k === "balance") { if (typeof v !== "string" || !isDecimal(v)) return undefined; balance = esc(v); }
      else if (k === "billing") { if (v !== null) { if (typeof v !== "string" || !PERIODS.has(v)) return undefined; billing = v; } }
      else if (k === "at") { if (v !== null) { if (typeof v !== "string") return undefined; at = planText(v); } }
      else return undefined;
    }
    if (items === undefined) return undefined;
    return requestLayout(plan, balance, items, billing, at);
  } catch {
    return undefined;
  }
}

// An object JSON.stringify writes field by field as it is: a plain object (or array), no toJSON.
function jsonObject(/** @type {any} */ o) {
  if (o === null || typeof o !== "object") return false;
  const proto = Object.getPrototypeOf(o);
  return (proto === Object.prototype || proto === null) && !("toJSON" in o);
}

// A plain request's items as text (`writeItems`' layout), or undefined.
function plainItems(/** @type {any} */ items) {
  if (!Array.isArray(items) || Object.getPrototypeOf(items) !== Array.prototype || "toJSON" in items) return undefined;
  let out = "";
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (!jsonObject(item)) return undefined;
    let feature, seconds = "", quantity = "", options = "";
    for (const k in item) {
      const v = item[k];
      if (!Object.hasOwn(item, k) || v === undefined) return undefined;
      if (k === "feature") { if (typeof v !== "string") return undefined; feature = esc(v); }
      else if (k === "seconds" || k === "quantity") {
        const m = plainMeasure(v);
        if (m === undefined) return undefined;
        if (k === "seconds") seconds = m; else quantity = m;
      } else if (k === "options") {
        const o = plainOptions(v);
        if (o === undefined) return undefined;
        options = o;
      } else return undefined;
    }
    if (feature === undefined) return undefined;
    out += itemLayout(i, feature, seconds, quantity, options);
  }
  return out;
}

// A duration or count written as itself: a number JS writes without an exponent, or a decimal string.
function plainMeasure(/** @type {unknown} */ v) {
  if (typeof v === "number") return v === 0 || (Math.abs(v) >= 1e-6 && Math.abs(v) < 1e21) ? String(v) : undefined;
  return typeof v === "string" && isDecimal(v) ? esc(v) : undefined;
}

// An item's options as text, each a boolean or a string; undefined for any other.
function plainOptions(/** @type {any} */ options) {
  if (!jsonObject(options)) return undefined;
  let out = "";
  for (const k in options) {
    const v = options[k];
    if (!Object.hasOwn(options, k) || (typeof v !== "boolean" && typeof v !== "string")) return undefined;
    out += optionLayout(k, v);
  }
  return out;
}

/** `request` as the JSON reader reads it, or its first fault (as `fault` finds it) thrown. */
function checked(/** @type {any} */ request, /** @type {(request: any) => Error | undefined} */ fault) {
  request = asJson(request);
  let found;
  try {
    found = fault(request);
  } catch (/** @type {any} */ e) {
    // A getter or a Proxy trap that throws: the full module's JSON.stringify would throw the same.
    found = coded("invalid_request", [], `request: ${e?.message ?? "cannot be written as JSON"}`);
  }
  if (found) throw found;
  return request;
}

/** `text`, refused over `maxBytes` (the engine's limit) before it is copied into wasm memory (which never shrinks), as the full module does. */
function bounded(/** @type {string} */ text, /** @type {number} */ maxBytes) {
  if (!(text.length <= maxBytes)) throw coded("invalid_request", [], `request: at most ${maxBytes} bytes of JSON`);
  return text;
}

const BUY = new Set(["plan", "quantity", "seats", "billing"]);

/**
 * A `buyPacks` request as the engine's text: `plan␜quantity␜seats␜billing` (src/flat.rs).
 * @param {unknown} request
 * @param {number} maxBytes the module's `limits().maxRequestBytes`
 */
export function writeBuy(request, maxBytes) {
  const { plan, quantity, seats, billing } = checked(request, buyFault);
  return bounded(`${planText(plan ?? undefined)}\u001c${measure(quantity)}\u001c${seats === null ? "" : measure(seats)}\u001c${typeof billing === "string" ? esc(billing) : ""}`, maxBytes);
}

// A `buyPacks` request's first fault, in the JSON reader's order (see `requestFault`).
function buyFault(/** @type {any} */ request) {
  const fault = fieldFault(request, BUY, undefined, buyField);
  return fault ?? (request.quantity === undefined ? coded("invalid_request", [], "missing field `quantity`") : undefined);
}

// A `buyPacks` request field's fault.
function buyField(/** @type {string} */ k, /** @type {any} */ v) {
  if (k === "plan") return v === null || typeof v === "string" ? undefined : refuse([k], "expected a string");
  if (k === "quantity" || (k === "seats" && v !== null)) return measureFault(v, () => [k]);
  return k === "billing" ? billingFault(v) : undefined;
}

/**
 * The request text of `request` when every value is written as itself, else
 * undefined (the full module then sends JSON): the one rule above.
 * @param {unknown} request
 * @param {number} maxBytes the module's `limits().maxRequestBytes`
 * @returns {string | undefined}
 */
export function flatText(request, maxBytes) {
  let text;
  try {
    text = writeRequest(request, maxBytes);
  } catch {
    return undefined;
  }
  // A type marker: U+0000 before a measure or balance, `o` after an option's U+001D.
  return text.includes("\u0000") || text.includes(`${P}o`) ? undefined : text;
}
