// The JS side of `ratecard/lite`: the public call is the object
// `{ plan, items, balance, billing }`; across the boundary go plain strings
// (src/flat.rs gives the format), written and read by www/boundary/, which the
// full module shares, so the module needs no serde.
// This file holds no pricing rule: it calls the engine and reads its result.
import { readBought, readQuote, readSummary } from "../boundary/reader.js";
import { F, coded, fromEngine, refuse, writeBuy, writeRequest } from "../boundary/request.js";

/** The `RateEngine` class of `ratecard/lite` over the wasm-bindgen bindings `b`. */
export function liteEngine(/** @type {any} */ b) {
  /** @type {Record<string, number> | undefined} */
  let limits;
  return class RateEngine {
    #inner;
    constructor(/** @type {any} */ inner) { this.#inner = inner; }

    /** The engine's limits, as the full module's `RateEngine.limits()`: `{ maxSeconds, maxItems, … }`. */
    static limits() { return { ...(limits ??= JSON.parse(b.limits())) }; }

    /** The built-in presets' ids, e.g. `["heygen-credits", …]`. */
    static presetIds() { return b.presetIds().split(F); }

    /** Built-in preset `id`'s rate card as a plain object, without making an engine; throws `unknown_preset`. */
    static presetCard(/** @type {unknown} */ id) {
      if (typeof id !== "string") throw refuse(["preset"], "expected a string");
      try { return JSON.parse(b.presetJson(id)); } catch (e) { throw fromEngine(e); }
    }

    /** Preset `id`: one engine per id, shared (its wasm memory is held once, however many
     *  times it is asked for; `free()` on it does nothing). Throws `unknown_preset`. */
    static preset(/** @type {unknown} */ id) {
      const shared = RateEngine.#shared.get(id);
      if (shared) return shared;
      const engine = RateEngine.#make(id);
      RateEngine.#shared.set(id, engine);
      engine.#isShared = true;
      return engine;
    }

    static #shared = new Map();

    /** The engine's `maxRequestBytes`, read once. */
    static #maxBytes() { return (limits ??= JSON.parse(b.limits())).maxRequestBytes; }
    #isShared = false;

    static #make(/** @type {unknown} */ id) {
      if (typeof id !== "string") throw refuse(["preset"], "expected a string");
      const most = RateEngine.limits().maxCardIdChars;
      if (id.length > most) throw coded("invalid_request", [], `preset: at most ${most} bytes, got ${id.length} characters`);
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
    quoteSummary(/** @type {unknown} */ request) {
      return this.#call("summary", writeRequest(request, RateEngine.#maxBytes()), readSummary);
    }

    /**
     * The complete quote of a plain request `{ plan?, items, balance?, billing? }`: lines with
     * their explanations and sources, warnings, purchase options and fingerprint, equal to the
     * full module's `quote` field for field (its JSON byte for byte). A request with `grants`,
     * `periodUsage` or `at` is the full module's. Throws a coded Error, as `quote` does.
     */
    quote(/** @type {unknown} */ request) {
      return this.#call("quote", writeRequest(request, RateEngine.#maxBytes()), readQuote);
    }

    /** Buys `{ plan?, quantity, seats?, billing? }` of the plan's product: the full module's
     *  `buyPacks`, field for field. Throws a coded Error, as it does. */
    buyPacks(/** @type {unknown} */ request) {
      return this.#call("buyPacks", writeBuy(request, RateEngine.#maxBytes()), readBought);
    }

    /** Calls the engine's `method` with `text`, reads its result with `read`; an engine
     *  refusal is thrown as a coded Error. */
    #call(/** @type {string} */ method, /** @type {string} */ text, /** @type {(text: string) => any} */ read) {
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
