// Loading the engines for one element, as a Lit ReactiveController: the
// first-load module for a built-in preset (the whole checkout prices from it);
// the full module only when something needs it (a request with grants or usage
// so far: `wantFull`) or the element is `eager`, after the first paint; a card
// given as an object or a URL loads the full module at once. A load that fails is tried a bounded number
// of times with backoff, then reported once; a newer card source supersedes a
// load in flight (its result is dropped, and its card download aborted, as it is
// when the element leaves the page). The element keeps its own state: this
// calls its `_loaded`, `_liteLoaded` and `_loadFailed`.
import { engineFor, liteFor, nextTask, retrying } from "./engine.js";

/** @typedef {import("lit").ReactiveControllerHost & { preset?: string, rateCard?: any, cardSrc?: string,
 *    loadTimeout: number, eager: boolean, updateComplete: Promise<boolean>,
 *    _liteLoaded(lite: any): void, _cardOf(engine: any): any, _loaded(engine: any, card?: any): void,
 *    _loadFailed(e: unknown): boolean }} Host */

export class EngineLoader {
  /** @param {Host} host */
  constructor(host) {
    this.host = host;
    /** Each load's number: a result of an older one is dropped. */
    this.generation = 0;
    this.loading = false;
    /** A load failed after its tries: no new one until the card source changes. */
    this.gaveUp = false;
    /** Whether the first-load module is pricing (the full one not yet in). */
    this.lite = false;
    /** Something asked for the full module (a request it alone prices). */
    this.fullWanted = false;
    /** Aborts the load in flight (its card download). */
    this.controller = new AbortController();
    /** A load was aborted when the element left: load again when it comes back. */
    this.cut = false;
    host.addController(this);
  }

  hostConnected() {
    if (this.cut) {
      this.cut = false;
      this.load();
    }
  }

  /** The element left the page: its card download is aborted (it holds a connection). */
  hostDisconnected() {
    if (!this.loading) return;
    this.cut = true;
    this.generation++;
    this.loading = false;
    this.controller.abort(Object.assign(new Error("the element left the page"), { code: "aborted" }));
  }

  /**
   * From the element's `willUpdate`: a new card source loads (again); else a
   * load starts only if nothing prices yet and no load failed.
   * @param {Map<PropertyKey, unknown>} changed
   * @param {boolean} pricing
   */
  sync(changed, pricing) {
    const source = changed.has("preset") || changed.has("cardSrc") || changed.has("rateCard");
    if (source) this.gaveUp = false;
    if (source || (!pricing && !this.loading && !this.gaveUp)) this.load();
  }

  async load() {
    const host = this.host;
    const id = ++this.generation;
    // A newer card source: the older load's download is aborted.
    this.controller.abort(Object.assign(new Error("a newer card source"), { code: "aborted" }));
    this.controller = new AbortController();
    const current = () => id === this.generation;
    this.loading = true;
    this.lite = false;
    this.fullWanted = false;
    try {
      if (!host.rateCard && !host.cardSrc) {
        // If the first-load module cannot load, the full one still can: no error yet.
        const lite = await liteFor(host.preset, host.loadTimeout).catch(() => null);
        // Each element takes the module in a task of its own, not all in the one that compiled it.
        await nextTask();
        if (!current()) return;
        if (lite) {
          this.lite = true;
          host._liteLoaded(lite);
          // The whole checkout prices from it: the full module loads only when
          // something needs it (grants, usage so far), or `eager` asks for it.
          if (!host.eager && !this.fullWanted) return;
          await host.updateComplete;
          await afterPaint();
          if (!current()) return;
        }
      }
      await this.loadFull(id);
    } catch (e) {
      if (!current()) return;
      this.gaveUp = true;
      host._loadFailed(e);
    } finally {
      if (current()) this.loading = false;
    }
  }

  /** Loads the full module now if the first-load one is pricing (a request needs it). */
  wantFull() {
    this.fullWanted = true;
    if (!this.lite || this.loading || this.gaveUp) return;
    const id = this.generation;
    this.loading = true;
    this.loadFull(id)
      .catch((e) => {
        if (id !== this.generation) return;
        this.gaveUp = true;
        this.host._loadFailed(e);
      })
      .finally(() => {
        if (id === this.generation) this.loading = false;
      });
  }

  /** @param {number} id the load's generation */
  async loadFull(id) {
    const host = this.host;
    const current = () => id === this.generation;
    const signal = this.controller.signal;
    const source = { preset: host.preset, rateCard: host.rateCard, cardSrc: host.cardSrc, timeoutMs: host.loadTimeout, signal };
    const engine = await retrying(() => engineFor(source));
    if (!current()) return;
    // Reading the card, writing it out for the page and drawing it are three tasks, not one long one.
    await (this.lite ? afterPaint() : nextTask());
    if (!current()) return;
    const card = host._cardOf(engine);
    await nextTask();
    if (!current()) return;
    this.lite = false;
    host._loaded(engine, card);
  }
}

/** After the next frame is painted, and then when the main thread is idle (or 200 ms). */
export function afterPaint() {
  return new Promise((resolve) => {
    /** @type {(f: () => void, options?: { timeout: number }) => unknown} */
    const idle = globalThis.requestIdleCallback ?? ((/** @type {() => void} */ f) => setTimeout(f, 0));
    if (typeof globalThis.requestAnimationFrame === "function") requestAnimationFrame(() => setTimeout(() => idle(() => resolve(undefined), { timeout: 200 }), 0));
    else setTimeout(resolve, 0);
  });
}
