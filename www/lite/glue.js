// The JS side of `ratecard/lite`: the public call is the object
// `{ plan, items, balance, billing }`; across the boundary go plain strings (see
// src/flat.rs for the format), so the module needs no serde.
// This file holds no pricing rule: it writes the request and reads the result.
import { readPurchase, readQuote } from "./reader.js";

const F = "\u001f", R = "\u001e", P = "\u001d";

/** A coded Error from the engine's `code␟path␟message`, or a glue check. */
function coded(code, path, message) {
  return Object.assign(new Error(message), { code, path });
}

function fromEngine(thrown) {
  if (typeof thrown !== "string") return thrown;
  const [code, path, ...rest] = thrown.split(F);
  const message = rest.join(F); // a message may quote a text holding U+001F
  const segment = (s) => (s.startsWith("#") ? Number(s.slice(1)) : unesc(s.slice(1)));
  return coded(code, path ? path.split(R).map(segment) : [], message);
}

const where = (path) => path.map((s, i) => (typeof s === "number" ? `[${s}]` : i ? `.${s}` : s)).join("");
const refuse = (path, message) => coded("invalid_request", path, `${where(path)}: ${message}`);

// An object as the full module reads it through JSON: its own fields, unless
// it is an array or has toJSON (a Date is written as a string, so refused).
function plain(o) {
  return o !== null && typeof o === "object" && !Array.isArray(o) && typeof o.toJSON !== "function";
}

function only(obj, keys, path) {
  if (!plain(obj)) throw refuse(path, "expected an object");
  for (const k in obj) {
    if (!keys.has(k) && Object.hasOwn(obj, k) && obj[k] !== undefined) throw refuse([...path, k], `unknown field \`${k}\`, expected one of ${[...keys].map((x) => `\`${x}\``).join(", ")}`);
  }
}

const REQUEST = new Set(["plan", "items", "balance", "billing"]);
const ITEM = new Set(["feature", "seconds", "quantity", "options"]);

// Inside a text, a control character U+0000–U+001F is written as U+001B and
// the character plus 0x40 (src/flat.rs reads it back), so no text can hold a
// separator and inject a field.
const CONTROL = /[\u0000-\u001f]/g;
const HAS_CONTROL = /[\u0000-\u001f]/;
// Tested first: most texts hold none, and a test is cheaper than a replace (summary 10.3 → 8.9 µs).
const esc = (s) => (HAS_CONTROL.test(s) ? s.replace(CONTROL, (c) => `\u001b${String.fromCharCode(c.charCodeAt(0) + 0x40)}`) : s);
const unesc = (s) => s.replace(/\u001b([\s\S])/g, (_, c) => String.fromCharCode(c.charCodeAt(0) - 0x40));

// The full module reads a request as JSON.stringify writes it: own fields
// only, undefined values and functions left out, toJSON applied, NaN and
// ±Infinity as null. A request already of that shape is read as it is (the
// fast path); any other goes through JSON first, so both modules read it by
// one rule.
function jsonShaped(o) {
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

function asJson(request) {
  if (jsonShaped(request)) return request;
  let text;
  try {
    text = JSON.stringify(request);
  } catch (e) {
    throw coded("invalid_request", [], `request: ${e?.message ?? "cannot be written as JSON"}`);
  }
  return text === undefined ? request : JSON.parse(text);
}

function measure(v) {
  if (v === undefined) return "";
  // Plain digits, as Rust writes a number: 1e-7 as 0.0000001 (beyond 1e21
  // toFixed writes an exponent, which the engine refuses, as the full module does).
  if (typeof v === "number") {
    const text = String(v);
    return text.includes("e") && Number.isFinite(v) ? v.toFixed(20).replace(/\.?0+$/, "") : text;
  }
  if (typeof v === "string") return v === "" ? "\u0000an empty string" : esc(v);
  return `\u0000${v === null ? "null" : typeof v}`;
}

function option(v) {
  if (typeof v === "boolean") return v ? "b1" : "b0";
  if (typeof v === "string") return `s${esc(v)}`;
  return `o${v === null ? "null" : Array.isArray(v) ? "an array" : typeof v === "object" ? "an object" : String(v)}`;
}

function writeItems(items) {
  if (!Array.isArray(items)) throw refuse(["items"], "expected an array");
  let out = "";
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    only(item, ITEM, ["items", i]);
    if (typeof item.feature !== "string") throw refuse(["items", i, "feature"], "expected a string");
    if (i) out += R;
    out += `${esc(item.feature)}${F}${measure(item.seconds)}${F}${measure(item.quantity)}`;
    const options = item.options;
    if (options !== undefined) {
      if (!plain(options)) throw refuse(["items", i, "options"], "expected an object");
      for (const k in options) if (Object.hasOwn(options, k)) out += `${F}${esc(k)}${P}${option(options[k])}`;
    }
  }
  return out;
}

function readSummary(text) {
  const f = text.split(F);   // 5 fields, then 11 per purchase option
  const n = ((f.length - 5) / 11) | 0;
  const purchase = new Array(n);
  for (let k = 0; k < n; k++) purchase[k] = readPurchase(f, 5 + 11 * k);
  return { unit: f[0], total: f[1], balance: f[2], balanceAfter: f[3], shortfall: f[4], purchase };
}

/**
 * A request `{ plan?, items, balance?, billing? }` as the engine's request text (src/flat.rs),
 * read by the JSON reader's rule; throws a coded Error for what the engine would refuse
 * before reading it (a wrong type, an unknown field, over 1 MiB).
 */
function writeRequest(request) {
  request = asJson(request);
  only(request, REQUEST, []);
  const { plan, items, balance, billing } = request;
  if (plan !== undefined && typeof plan !== "string") throw refuse(["plan"], "expected a string");
  // The engine reads the text and refuses what the JSON reader refuses ("once" or another word).
  if (billing !== undefined && billing !== null && typeof billing !== "string") throw refuse(["billing"], "expected value");
  const billed = typeof billing === "string" ? `\u001c${esc(billing)}` : "";
  const bal = balance === undefined ? "" : typeof balance === "string" ? esc(balance) : `\u0000${balance === null ? "null" : typeof balance === "number" ? `the number ${balance}` : typeof balance}`;
  const text = `${esc(plan ?? "")}\u001c${bal}\u001c${writeItems(items)}${billed}`;
  // Refused before it is copied into wasm memory (which never shrinks), as the full module does.
  if (text.length > 1048576) throw coded("invalid_request", [], "request: at most 1048576 bytes of JSON");
  return text;
}

const BUY = new Set(["plan", "quantity", "seats", "billing"]);

/** A `buyPacks` request as the engine's text: `plan␜quantity␜seats␜billing` (src/flat.rs). */
function writeBuy(request) {
  request = asJson(request);
  only(request, BUY, []);
  const { plan, quantity, seats, billing } = request;
  if (plan !== undefined && plan !== null && typeof plan !== "string") throw refuse(["plan"], "expected a string");
  if (billing !== undefined && billing !== null && typeof billing !== "string") throw refuse(["billing"], "expected value");
  if (quantity === undefined) throw coded("invalid_request", [], "missing field `quantity`");
  const text = `${esc(plan ?? "")}\u001c${measure(quantity)}\u001c${seats === null ? "" : measure(seats)}\u001c${typeof billing === "string" ? esc(billing) : ""}`;
  if (text.length > 1048576) throw coded("invalid_request", [], "request: at most 1048576 bytes of JSON");
  return text;
}

/** `buyPacks`' result from its text: `{ product, name, quantity, seats?, credits, price, currency, period }`. */
function readBought(text) {
  const f = text.split(F);
  return f[3] === ""
    ? { product: f[0], name: f[1], quantity: Number(f[2]), credits: f[4], price: f[5], currency: f[6], period: f[7] }
    : { product: f[0], name: f[1], quantity: Number(f[2]), seats: Number(f[3]), credits: f[4], price: f[5], currency: f[6], period: f[7] };
}

/** The `RateEngine` class of `ratecard/lite` over the wasm-bindgen bindings `b`. */
export function liteEngine(b) {
  return class RateEngine {
    #inner;
    constructor(inner) { this.#inner = inner; }

    /** The built-in presets' ids, e.g. `["heygen-credits", …]`. */
    static presetIds() { return b.presetIds().split(F); }

    /** Built-in preset `id`'s rate card as a plain object, without making an engine; throws `unknown_preset`. */
    static presetCard(id) {
      if (typeof id !== "string") throw refuse(["preset"], "expected a string");
      try { return JSON.parse(b.presetJson(id)); } catch (e) { throw fromEngine(e); }
    }

    /** Preset `id`: one engine per id, shared (its wasm memory is held once, however many
     *  times it is asked for; `free()` on it does nothing). Throws `unknown_preset`. */
    static preset(id) {
      const shared = RateEngine.#shared.get(id);
      if (shared) return shared;
      const engine = RateEngine.#make(id);
      RateEngine.#shared.set(id, engine);
      engine.#isShared = true;
      return engine;
    }

    static #shared = new Map();
    #isShared = false;

    static #make(id) {
      if (typeof id !== "string") throw refuse(["preset"], "expected a string");
      if (id.length > 100) throw coded("invalid_request", [], `preset: at most 100 bytes, got ${id.length} characters`);
      try { return new RateEngine(b.LiteEngine.preset(id)); } catch (e) { throw fromEngine(e); }
    }

    /** The rate card's id. */
    get id() { return this.#inner.id(); }

    /** The rate card as a plain object (plans, products, features and their options), as the full `rateCard()`. */
    rateCard() { return JSON.parse(this.#inner.cardJson()); }

    /**
     * `{ plan?, items, balance?, billing? }` → `{ unit, total, balance, balanceAfter, shortfall, purchase }`,
     * every field equal to the full `quote`'s. Throws a coded Error, as `quote` does.
     */
    quoteSummary(request) {
      return this.#call("summary", writeRequest(request), readSummary);
    }

    /**
     * The complete quote of a plain request `{ plan?, items, balance?, billing? }`: lines with
     * their explanations and sources, warnings, purchase options and fingerprint, equal to the
     * full module's `quote` field for field (its JSON byte for byte). A request with `grants`,
     * `periodUsage` or `at` is the full module's. Throws a coded Error, as `quote` does.
     */
    quote(request) {
      return this.#call("quote", writeRequest(request), readQuote);
    }

    /** Buys `{ plan?, quantity, seats?, billing? }` of the plan's product: the full module's
     *  `buyPacks`, field for field. Throws a coded Error, as it does. */
    buyPacks(request) {
      return this.#call("buyPacks", writeBuy(request), readBought);
    }

    /** Calls the engine's `method` with `text`, reads its result with `read`; an engine
     *  refusal is thrown as a coded Error. */
    #call(method, text, read) {
      try {
        return read(this.#inner[method](text));
      } catch (e) {
        throw fromEngine(e);
      }
    }

    /** Frees the wasm memory now (else the garbage collector does); a shared preset engine stays. */
    free() { if (!this.#isShared) this.#inner.free(); }
  };
}
