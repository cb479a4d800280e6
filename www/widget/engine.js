// Loads the wasm engine once per page and keeps one RateEngine per rate card.
// "ratecard-engine" is the package's web build (pkg/web/ratecard.js): the
// widget bundle imports it as a separate file, so its `.wasm` is resolved with
// `new URL("ratecard_bg.wasm", import.meta.url)` and bundlers copy it.
//
// Two modules: the first-load module ("ratecard-lite-engine", the package's
// `ratecard/lite/web`, ~78 KiB gzip) prices a built-in preset's total,
// shortfall and purchase at once; the full module follows after first paint
// for lines, explanations, the fingerprint and custom rate cards.
import init, { RateEngine } from "ratecard-engine";
import initLite, { RateEngine as LiteEngine } from "ratecard-lite-engine";

let wasmUrl;
let liteWasmUrl;
let ready;
let liteReady;
const engines = new Map();

/** Where to fetch `ratecard_lite_bg.wasm` from (as `setWasmUrl`, for the first-load module). */
export function setLiteWasmUrl(url) {
  liteWasmUrl = url;
}

/** The first-load module's `RateEngine` class, once its wasm is instantiated. */
function loadLite() {
  liteReady ??= initLite(liteWasmUrl === undefined ? undefined : { module_or_path: liteWasmUrl }).then(() => LiteEngine);
  return liteReady;
}

/**
 * The first-load engine of a built-in preset (`quoteSummary`, `rateCard`),
 * or null when the preset is not built in (the full module then reports it).
 */
export async function liteFor(preset) {
  const Lite = await loadLite();
  const ids = Lite.presetIds();
  const id = preset || ids[0];
  return ids.includes(id) ? cached(`lite:${id}`, () => Lite.preset(id)) : null;
}

/** Every built-in preset's rate card, by id, from the first-load module (its JSON only: no engine is made). */
export async function presetCards() {
  const Lite = await loadLite();
  return new Map(Lite.presetIds().map((id) => [id, Lite.presetCard(id)]));
}

/**
 * Where to fetch `ratecard_bg.wasm` from, for pages that serve it under another
 * name (a hashed file name, a CDN). Call before the first element connects.
 */
export function setWasmUrl(url) {
  wasmUrl = url;
}

/** Resolves with the full `RateEngine` class once the wasm module is instantiated. */
export function engineReady() {
  ready ??= init(wasmUrl === undefined ? undefined : { module_or_path: wasmUrl }).then(() => RateEngine);
  return ready;
}

/**
 * The engine for a rate-card source: `{ preset }`, `{ rateCard }` (an object)
 * or `{ cardSrc }` (a URL of rate-card JSON, fetched and validated). Throws the
 * engine's coded Error for a bad card; a failed fetch throws code `card_fetch`.
 */
export async function engineFor({ preset, rateCard, cardSrc }) {
  const Engine = await engineReady();
  // Instantiating and reading the card are two tasks, not one long one.
  await new Promise((resolve) => setTimeout(resolve, 0));
  if (rateCard) {
    const text = typeof rateCard === "string" ? rateCard : JSON.stringify(rateCard);
    return cached(`json:${text}`, () => Engine.fromJson(text));
  }
  if (cardSrc) {
    const key = `src:${new URL(cardSrc, globalThis.document?.baseURI).href}`;
    if (engines.has(key)) return engines.get(key);
    let text;
    try {
      const res = await fetch(cardSrc);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      text = await res.text();
    } catch (e) {
      throw Object.assign(new Error(`card-src: could not fetch ${cardSrc}: ${e.message}`), { code: "card_fetch" });
    }
    return cached(key, () => Engine.fromJson(text));
  }
  return cached(`preset:${preset ?? ""}`, () => Engine.preset(preset || Engine.presetIds()[0]));
}

/** The engine under `key` (`preset:…`, `json:…`, `src:…`; first-load ones `lite:…`), made once. */
function cached(key, make) {
  let engine = engines.get(key);
  if (!engine) engines.set(key, (engine = make()));
  return engine;
}
