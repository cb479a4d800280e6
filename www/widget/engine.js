// Loads the wasm engine once per page and keeps one RateEngine per rate card.
// "ratecard-engine" is the package's web build (pkg/web/ratecard.js): the
// widget bundle imports it as a separate file, so its `.wasm` is resolved with
// `new URL("ratecard_bg.wasm", import.meta.url)` and bundlers copy it.
import init, { RateEngine } from "ratecard-engine";

let wasmUrl;
let ready;
const engines = new Map();

/**
 * Where to fetch `ratecard_bg.wasm` from, for pages that serve it under another
 * name (a hashed file name, a CDN). Call before the first element connects.
 */
export function setWasmUrl(url) {
  wasmUrl = url;
}

/** Resolves with the `RateEngine` class once the wasm module is instantiated. */
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

function cached(key, make) {
  let engine = engines.get(key);
  if (!engine) engines.set(key, (engine = make()));
  return engine;
}
