// The full module's fast `quote`: a plain `{ plan, items, balance, billing }` request
// goes in as the engine's request text (`quoteFlatText`), and the result comes back
// as flat text (src/flat.rs gives the layout), read into the very object the JSON
// result gives, keys in the same order, faster than `JSON.parse` (README,
// Performance). Anything else, or any value of a kind this writer does not know,
// goes as JSON (`quoteFlat`), so every refusal is the JSON reader's, word for word.
// No pricing rule here: only field order. The generated glue is not edited: the
// entry files (node.js, web.js) wrap its class with this.
import { readQuote } from "../lite/reader.js";

/**
 * `RateEngine` (the generated class) with `quote` reading flat text; returns the class.
 * @template {{ prototype: any }} T
 * @param {T} RateEngine
 * @returns {T}
 */
export function withFastQuote(RateEngine) {
  const CONTROL = /[\u0000-\u001f]/;
  const DECIMAL = /^\d{1,15}(\.\d{1,12})?$/;
  // A measure as the request text writes it, or undefined to send JSON.
  const measure = (v) => {
    if (v === undefined) return "";
    const text = typeof v === "number" ? String(v) : typeof v === "string" ? v : "";
    return DECIMAL.test(text) ? text : undefined;
  };
  // An object JSON.stringify writes as its own fields: a plain object without toJSON.
  const plain = (o) => {
    if (o === null || typeof o !== "object") return false;
    const proto = Object.getPrototypeOf(o);
    return (proto === Object.prototype || proto === null) && o.toJSON === undefined;
  };
  // The request text of src/flat.rs, or undefined to send JSON (which also
  // reports a getter or a Proxy that throws, as a coded Error).
  const requestText = (request) => {
    try {
      return writeRequest(request);
    } catch {
      return undefined;
    }
  };
  const writeRequest = (request) => {
    if (!plain(request)) return undefined;
    for (const k in request) if (k !== "plan" && k !== "items" && k !== "balance" && k !== "billing") return undefined;
    const { plan, items, balance, billing } = request;
    if (billing !== undefined && billing !== "month" && billing !== "year") return undefined;
    if (plan !== undefined && (typeof plan !== "string" || plan === "" || CONTROL.test(plan))) return undefined;
    if (balance !== undefined && !(typeof balance === "string" && DECIMAL.test(balance))) return undefined;
    if (!Array.isArray(items) || Object.getPrototypeOf(items) !== Array.prototype || "toJSON" in items) return undefined;
    if (items.length === 0 || items.length > 100) return undefined;
    let out = `${plan ?? ""}\u001c${balance ?? ""}\u001c`;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (!plain(item)) return undefined;
      for (const k in item) if (k !== "feature" && k !== "seconds" && k !== "quantity" && k !== "options") return undefined;
      const { feature, seconds, quantity, options } = item;
      const s = measure(seconds), q = measure(quantity);
      if (typeof feature !== "string" || CONTROL.test(feature) || s === undefined || q === undefined) return undefined;
      out += `${i ? "\u001e" : ""}${feature}\u001f${s}\u001f${q}`;
      if (options === undefined) continue;
      if (!plain(options)) return undefined;
      for (const k in options) {
        const v = options[k];
        if (CONTROL.test(k)) return undefined;
        if (typeof v === "boolean") out += `\u001f${k}\u001d${v ? "b1" : "b0"}`;
        else if (typeof v === "string" && !CONTROL.test(v)) out += `\u001f${k}\u001ds${v}`;
        else return undefined;
      }
    }
    // Longer than a request may be: the JSON path refuses it before copying.
    if (out.length > 1048576) return undefined;
    return billing === undefined ? out : `${out}\u001c${billing}`;
  };
  const { quoteFlat, quoteFlatText } = RateEngine.prototype;
  Object.defineProperty(RateEngine.prototype, "quote", {
    value: function quote(request) {
      const text = requestText(request);
      return readQuote(text === undefined ? quoteFlat.call(this, request) : quoteFlatText.call(this, text));
    },
    writable: true,
    configurable: true,
  });
  return RateEngine;
}
