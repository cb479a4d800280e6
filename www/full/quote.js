// The full module's fast `quote`: a request the shared writer takes
// (www/boundary/request.js, `flatText`) goes in as the engine's request text
// (`quoteFlatText`), and the result comes back as flat text (src/flat.rs gives
// the layout), read by the shared reader into the very object the JSON result
// gives, keys in the same order, faster than `JSON.parse` (README, Performance).
// Any other request goes as JSON (`quoteFlat`), so every refusal is the JSON
// reader's, word for word. No pricing rule here. The generated glue is not
// edited: the entry files (node.js, web.js) wrap its class with this.
import { readQuote } from "../boundary/reader.js";
import { flatText } from "../boundary/request.js";

/**
 * `RateEngine` (the generated class) with `quote` reading flat text; returns the class.
 * @template {{ prototype: any }} T
 * @param {T} RateEngine
 * @returns {T}
 */
export function withFastQuote(RateEngine) {
  const { quoteFlat, quoteFlatText } = RateEngine.prototype;
  // Read once, on the first quote (the module is initialised by then).
  let maxBytes;
  Object.defineProperty(RateEngine.prototype, "quote", {
    value: function quote(/** @type {unknown} */ request) {
      maxBytes ??= /** @type {any} */ (RateEngine).limits().maxRequestBytes;
      const text = flatText(request, maxBytes);
      return readQuote(text === undefined ? quoteFlat.call(this, request) : quoteFlatText.call(this, text));
    },
    writable: true,
    configurable: true,
  });
  return RateEngine;
}
