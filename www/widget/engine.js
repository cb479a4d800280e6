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

/** @typedef {string | URL} WasmUrl */
/** @type {WasmUrl | undefined} */
let wasmUrl;
/** @type {WasmUrl | undefined} */
let liteWasmUrl;
/** @type {import("../../pkg/web/ratecard.js").Limits | null} */
let limits = null;
/** @type {Promise<typeof RateEngine> | undefined} */
let ready;
/** @type {Promise<typeof LiteEngine> | undefined} */
let liteReady;
/** @type {Map<string, any>} the engines by source (`preset:…`, `json:…`, `src:…`, `lite:…`): an engine, or the promise of one */
const engines = new Map();

/** Where to fetch `ratecard_lite_bg.wasm` from (as `setWasmUrl`, for the first-load module). */
export function setLiteWasmUrl(/** @type {WasmUrl} */ url) {
  liteWasmUrl = url;
}

/** How long a load (a `.wasm`, a `card-src`) may take before it is given up, in milliseconds. */
export const LOAD_TIMEOUT_MS = 15000;

/**
 * `promise`, or a rejection with code `load_timeout` after `ms` milliseconds:
 * a load that hangs (a server that never answers) ends, and says so.
 * @template T
 * @param {Promise<T>} promise
 * @param {number} ms
 * @param {string} what
 * @returns {Promise<T>}
 */
export function withTimeout(promise, ms, what) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(timeoutError(what, ms)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * A signal that aborts after `ms` milliseconds (reason: a coded `load_timeout`
 * Error) or when `signal` aborts (its reason), and `done()`, which clears the
 * timer: a fetch given it ends, and frees its connection, on timeout, on a new
 * card source and when its element leaves the page.
 * @param {number} ms
 * @param {string} what
 * @param {AbortSignal} [signal]
 * @returns {{ signal: AbortSignal, done: () => void }}
 */
export function timeoutSignal(ms, what, signal) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(timeoutError(what, ms)), ms);
  const follow = () => controller.abort(signal?.reason);
  if (signal?.aborted) follow();
  else signal?.addEventListener("abort", follow, { once: true });
  return { signal: controller.signal, done: () => { clearTimeout(timer); signal?.removeEventListener("abort", follow); } };
}

/** The coded `load_timeout` Error of a load (`what`) that took over `ms` milliseconds. */
function timeoutError(/** @type {string} */ what, /** @type {number} */ ms) {
  return Object.assign(new Error(`${what}: no answer within ${ms} ms`), { code: "load_timeout" });
}

/** A coded `aborted` Error: the load was given up by its element (a new card source, or it left the page). */
export function aborted(/** @type {any} */ reason) {
  return reason?.code ? reason : Object.assign(new Error("the load was aborted"), { code: "aborted" });
}

/**
 * Runs `attempt` up to `tries` times, waiting `delayMs`, then twice that, … between
 * tries, for failures worth another try (a fetch or a `.wasm` that did not load,
 * a timeout); a refusal (a bad rate card) is not tried again.
 * @template T
 * @param {() => Promise<T>} attempt
 * @param {{ tries?: number, delayMs?: number }} [options]
 * @returns {Promise<T>}
 */
export async function retrying(attempt, { tries = 3, delayMs = 500 } = {}) {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (/** @type {any} */ e) {
      const again = e?.code === "card_fetch" || e?.code === "load_timeout" || e?.code === "wasm_load";
      if (!again || i >= tries) throw e;
      await new Promise((resolve) => setTimeout(resolve, delayMs * 2 ** (i - 1)));
    }
  }
}

/**
 * A module's init, as a coded failure (`wasm_load`) that a later call tries again.
 * @param {(input?: { module_or_path: WasmUrl }) => Promise<unknown>} init
 * @param {WasmUrl | undefined} url
 * @param {number} timeoutMs
 */
function initOnce(init, url, timeoutMs) {
  return withTimeout(init(url === undefined ? undefined : { module_or_path: url }), timeoutMs, "the pricing engine").catch((e) => {
    throw e?.code ? e : Object.assign(new Error(`the pricing engine could not load: ${e?.message ?? e}`), { code: "wasm_load" });
  });
}

/** The first-load module's `RateEngine` class, once its wasm is instantiated. */
function loadLite(timeoutMs = LOAD_TIMEOUT_MS) {
  liteReady ??= initOnce(initLite, liteWasmUrl, timeoutMs).then(() => {
    limits ??= LiteEngine.limits();
    return LiteEngine;
  });
  // A failed load is not kept: the next call loads again.
  liteReady.catch(() => { liteReady = undefined; });
  return liteReady;
}

/**
 * The first-load engine of a built-in preset (`quoteSummary`, `rateCard`),
 * or null when the preset is not built in (the full module then reports it).
 * @param {string | undefined} preset
 * @param {number} [timeoutMs]
 */
export async function liteFor(preset, timeoutMs) {
  const Lite = await loadLite(timeoutMs);
  await nextTask(); // not in the task that instantiated the module
  const ids = Lite.presetIds();
  const id = preset || ids[0];
  return ids.includes(id) ? cached(`lite:${id}`, () => Lite.preset(id)) : null;
}

/**
 * The engine's limits (`RateEngine.limits()`: `maxItems`, `maxSeconds`, `maxQuantity`, …) once
 * a module has loaded, else null: the widget checks them before it calls the engine and says
 * them to the buyer, with no copy of its own.
 * @returns {import("../../pkg/web/ratecard.js").Limits | null}
 */
export function engineLimits() {
  return limits;
}

/** After the tasks already queued: long work after a module loads is split into tasks. */
export function nextTask() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Every built-in preset's rate card, by id, from the first-load module (its JSON only: no engine is made). */
export async function presetCards() {
  const Lite = await loadLite();
  await nextTask();
  return new Map(Lite.presetIds().map((/** @type {string} */ id) => [id, Lite.presetCard(id)]));
}

/**
 * Where to fetch `ratecard_bg.wasm` from, for pages that serve it under another
 * name (a hashed file name, a CDN). Call before the first element connects.
 */
export function setWasmUrl(/** @type {WasmUrl} */ url) {
  wasmUrl = url;
}

/** Resolves with the full `RateEngine` class once the wasm module is instantiated
 *  (rejects with code `wasm_load` or `load_timeout`; a later call tries again). */
export function engineReady(timeoutMs = LOAD_TIMEOUT_MS) {
  ready ??= initOnce(init, wasmUrl, timeoutMs).then(() => {
    limits ??= RateEngine.limits();
    return RateEngine;
  });
  ready.catch(() => { ready = undefined; });
  return ready;
}

/**
 * The engine for a rate-card source: `{ preset }`, `{ rateCard }` (an object)
 * or `{ cardSrc }` (a URL of rate-card JSON, fetched and validated). Throws the
 * engine's coded Error for a bad card; a failed fetch throws code `card_fetch`,
 * one past `timeoutMs` `load_timeout`, one that `signal` aborted `aborted`.
 * @param {{ preset?: string, rateCard?: any, cardSrc?: string, timeoutMs?: number, signal?: AbortSignal }} source
 */
export async function engineFor({ preset, rateCard, cardSrc, timeoutMs = LOAD_TIMEOUT_MS, signal }) {
  const Engine = await engineReady(timeoutMs);
  if (signal?.aborted) throw aborted(signal.reason);
  // Instantiating and reading the card are two tasks, not one long one.
  await new Promise((resolve) => setTimeout(resolve, 0));
  if (rateCard) {
    const text = typeof rateCard === "string" ? rateCard : JSON.stringify(rateCard);
    return cachedLoad(`json:${text}`, () => readCard(Engine, text));
  }
  if (cardSrc) {
    const key = `src:${new URL(cardSrc, globalThis.document?.baseURI).href}`;
    if (engines.has(key)) return engines.get(key);
    let text;
    // Aborted (the fetch and its body) on timeout, on a new card source, and when the element leaves.
    const load = timeoutSignal(timeoutMs, `card-src ${cardSrc}`, signal);
    try {
      const res = await fetch(cardSrc, { signal: load.signal });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      text = await res.text();
    } catch (/** @type {any} */ e) {
      if (load.signal.aborted) throw aborted(load.signal.reason);
      throw Object.assign(new Error(`card-src: could not fetch ${cardSrc}: ${e.message}`), { code: "card_fetch" });
    } finally {
      load.done();
    }
    if (signal?.aborted) throw aborted(signal.reason);
    // Read in a task of its own, not in the one that received the body.
    await nextTask();
    // The read is shared by every element of this card: no one element's abort ends it.
    return cachedLoad(key, () => readCard(Engine, text));
  }
  return cached(`preset:${preset ?? ""}`, () => Engine.preset(preset || Engine.presetIds()[0]));
}

/** Cards larger than this (in characters of JSON) are read in steps, not in one call. */
export const STEPPED_CHARS = 64 * 1024;

/**
 * The engine for rate-card JSON `text`: a small card with `fromJson`; a large one (up to the
 * 1 MiB limit) in steps (`startLoad`, `step`, `finish`), yielding to the page whenever about 8 ms
 * of work is done, so no task of the page grows long however large the card. Throws what
 * `fromJson` throws.
 * @param {any} Engine the full module's `RateEngine`
 * @param {string} text
 */
export async function readCard(Engine, text) {
  if (text.length < STEPPED_CHARS) return Engine.fromJson(text);
  await warmReader(Engine);
  const load = Engine.startLoad(text);
  try {
    await nextTask();
    let start = performance.now();
    while (!load.step()) {
      if (performance.now() - start < 8) continue;
      await nextTask();
      start = performance.now();
    }
    await nextTask();
    return load.finish();
  } finally {
    load.free();
  }
}

let warmed;

/**
 * Runs the card reader ten times on a built-in preset (7 KiB), a task each, before the first
 * large card: V8 runs a wasm function's first calls in its baseline tier and compiles the hot ones
 * optimized in the background, so a large card read cold took 60 ms to parse and 74 ms to hash in
 * one step in headless Chromium here, and 23 ms and 8 ms after this warm-up (about 10 ms in all).
 * @param {any} Engine
 */
function warmReader(Engine) {
  warmed ??= (async () => {
    const small = JSON.stringify(Engine.preset(Engine.presetIds()[0]).rateCard());
    for (let i = 0; i < 10; i++) {
      const load = Engine.startLoad(small);
      try {
        while (!load.step());
        load.finish().free();
      } finally {
        load.free();
      }
      await nextTask();
    }
  })();
  return warmed;
}

/**
 * `cached` for an engine made asynchronously: a load that fails is not kept.
 * @param {string} key
 * @param {() => Promise<any>} make
 */
function cachedLoad(key, make) {
  let engine = engines.get(key);
  if (!engine) {
    engine = make();
    engines.set(key, engine);
    engine.catch(() => engines.delete(key));
  }
  return engine;
}

/**
 * The engine under `key` (`preset:…`, `json:…`, `src:…`; first-load ones `lite:…`), made once.
 * @param {string} key
 * @param {() => any} make
 */
function cached(key, make) {
  let engine = engines.get(key);
  if (!engine) engines.set(key, (engine = make()));
  return engine;
}
