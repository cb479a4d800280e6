// What both elements share: the configuration (attributes and properties),
// loading the engine for the rate card, quoting, and the three events. The
// elements render what the engine returns; no pricing rule lives here.
import { LitElement } from "lit";
import { sharedStyles } from "./styles.js";
import { LOAD_TIMEOUT_MS, engineLimits } from "./engine.js";
import { EngineLoader } from "./loader.js";
import { resolveLocale, warmLocale } from "./locale.js";
import { loadWarning, pathOf, plainWords } from "./messages.js";
import { localDay, noticeSentences } from "./notice.js";


/** Fires a bubbling, composed event, so hosts hear it through shadow roots. */
/**
 * The elements' events, by name: the one list `emit` takes, `ratecard/react` makes its `onQuote`,
 * `onBuy`, `onError` and `onReady` from, and a test holds to the manifest's `@fires` and the
 * typings' `RatecardEventMap`.
 */
export const EVENTS = /** @type {const} */ (["ratecard-quote", "ratecard-buy", "ratecard-error", "ratecard-ready"]);

/**
 * Dispatches event `name` (one of `EVENTS`) from `el`: bubbling and composed, out of the shadow root.
 * @param {EventTarget} el
 * @param {typeof EVENTS[number]} name
 * @param {unknown} detail
 */
export function emit(el, name, detail) {
  el.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}

/**
 * The first plan a buyer would start from: the first (in card order) that can use features.
 * @param {{ plans: Record<string, { features?: string[] }> }} card
 * @returns {string | undefined}
 */
export function defaultPlan(card) {
  const plans = Object.entries(card.plans);
  return (plans.find(([, p]) => p.features === undefined || p.features.length > 0) ?? plans[0])?.[0];
}

/**
 * What both elements share; the custom-elements manifest gives each element these events,
 * custom properties and parts by inheritance.
 *
 * @fires ratecard-quote - A new quote (detail: the quote), once per distinct quote.
 * @fires ratecard-buy - The buyer chose a purchase (detail: `{ option, quantity, request, quote, fingerprint, version }`).
 * @fires ratecard-error - An engine or load error (detail: `{ code, message, field }`); the buyer sees plain words.
 * @fires ratecard-ready - A rate card is in and prices (detail: `{ card, module }`; `module` is `"lite"` for the
 * first-load module, `"full"` once the full one, with `engine`, is in).
 * @cssprop --ratecard-color - Text colour (default: the host's).
 * @cssprop --ratecard-background - Background (default: transparent).
 * @cssprop --ratecard-muted - Secondary text.
 * @cssprop --ratecard-accent - Buttons and focus (default by the host's color-scheme).
 * @cssprop --ratecard-accent-contrast - Text on the accent.
 * @cssprop --ratecard-error - Error text and borders.
 * @cssprop --ratecard-border - Lines and field borders.
 * @cssprop --ratecard-font - Font (default: the host's).
 * @cssprop --ratecard-radius - Corner radius.
 * @cssprop --ratecard-space - Spacing unit.
 * @csspart error - An error in plain words.
 * @csspart buy-button - A purchase or upgrade button.
 * @csspart total - The total.
 * @csspart notice - A price book's coming change.
 * @csspart note - A note (an assumed balance).
 * @csspart skeleton - The shape drawn while the engine loads.
 */
/** @typedef {{ code: string, message: string, field: string, text: string }} Report An error, with the plain words shown. */

export class RatecardBase extends LitElement {
  static properties = {
    preset: { type: String, reflect: true },
    cardSrc: { type: String, attribute: "card-src" },
    rateCard: { attribute: false },
    plan: { type: String },
    balance: { type: String },
    grants: { attribute: false },
    at: { type: String },
    billing: { type: String },
    locale: { type: String },
    readonly: { type: Boolean, reflect: true },
    items: { attribute: false },
    loadTimeout: { type: Number, attribute: "load-timeout" },
    headingLevel: { type: Number, attribute: "heading-level" },
    maxSeconds: { attribute: "max-seconds" },
    hold: { attribute: false },
    settlement: { attribute: false },
    eager: { type: Boolean },
    _engine: { state: true },
    _pricer: { state: true },
    _failure: { state: true },
  };

  static sharedStyles = sharedStyles;


  constructor() {
    super();
    // The reactive properties above, typed for the checker (a value set on the
    // element before it upgraded is restored by Lit over these).
    // The literal union is what editors list (VS Code custom data, web-types); a test holds it to `presetIds()`.
    /** @type {"heygen-credits" | "heygen-gencredits" | "heygen-api" | "heygen-liveavatar" | "heygen-payg" | "aistudios" | undefined} A built-in rate card, by id. */ this.preset = undefined;
    /** @type {string | undefined} */ this.cardSrc = undefined;
    /** @type {object | string | undefined} */ this.rateCard = undefined;
    /** @type {string | undefined} */ this.plan = undefined;
    /** @type {string | undefined} */ this.balance = undefined;
    /** @type {object[] | null | undefined} */ this.grants = undefined;
    /** @type {string | undefined} */ this.at = undefined;
    /** @type {"once" | "month" | "year" | undefined} */ this.billing = undefined;
    /** @type {string | undefined} */ this.locale = undefined;
    /** @type {any[]} */ this.items = [];
    this.readonly = false;
    /** Load the full module after the first paint even when nothing on the element needs it
     *  (a page that calls `element.engine` for simulate, capacity or compare); set later, it loads then. */
    this.eager = false;
    /** @type {any} The last quote, or null (`ratecard-quote` carries it too). */
    this.quote = null;
    /** @type {any} The last request sent to the engine. */
    this.request = null;
    /** @type {Report | null} The last error (text: the plain words shown). */
    this.error = null;
    /** @type {any} The full engine, once loaded. */
    this._engine = null;
    /** @type {any} The rate card in use. */
    this._card = undefined;
    /** Whether the rate card is a price book of several versions (its requests carry `at`). */
    this._book = false;
    /** A price book's coming change, asked once per engine and day: `{ engine, day, up }`. */
    /** @type {{ engine: any, day: string, up: any } | null} */
    this._upcoming = null;
    /** @type {any} What quotes now: the full engine, or until it loads, the first-load module's. */
    this._pricer = null;
    /** @type {Report | null} Why the rate card could not be loaded. */
    this._failure = null;
    this._lastEvent = "";
    /** Loads the engines (first-load, then full) and reports a failed load once. */
    this._loader = new EngineLoader(this);
    /** How long one load (the `.wasm`, a `card-src`) may take, in ms (`load-timeout`); 15 s by default. */
    this.loadTimeout = LOAD_TIMEOUT_MS;
    /** @type {number | undefined} The level of the element's own headings; none: labels. */
    this.headingLevel = undefined;
    /** @type {number | string | undefined} The most a job of unknown length may run, in seconds (each item's `seconds` is the least): `<ratecard-cost>` shows the range. */
    this.maxSeconds = undefined;
    /** @type {{ low: any, high: any } | null} The last range (`quoteRange`), when the items give one; `quote` is then its high end. */
    this.range = null;
    /** @type {any} The server's hold for this job (what `engine.hold` returned), set by the host: shown ("Held: 2 credits until 4 Dec") and carried by `ratecard-buy`. */
    this.hold = null;
    /** @type {any} The server's settlement of the hold (what `engine.settle` returned), set by the host: shown ("Charged 1.5 credits; 0.5 released"). */
    this.settlement = null;
  }

  /** The RateEngine in use (null until the wasm and the rate card are loaded). */
  get engine() {
    return this._engine;
  }

  /** The rate card in use, as a plain object (null until loaded). */
  get card() {
    return this._card ?? null;
  }

  /**
   * Called when a new rate card is in use; the checkout resets its plan and cart.
   * @param {any} _card
   */
  cardChanged(_card) {}

  get _locale() {
    return resolveLocale(this.locale);
  }

  connectedCallback() {
    super.connectedCallback();
    // The first number format of a page loads the locale's data (tens of ms on a slow phone):
    // do it in a task of its own while the engine downloads, not inside the first render.
    setTimeout(() => warmLocale(this._locale), 0);
  }

  /** @param {Map<string, unknown>} changed */
  willUpdate(changed) {
    this._loader.sync(changed, Boolean(this._pricer));
    // `eager` set later (a page's tools came into view): the full module loads now.
    if (changed.has("eager") && this.eager && changed.get("eager") !== undefined) this._loader.wantFull();
  }

  /**
   * The first-load module is in: it prices a built-in preset completely.
   * @param {any} lite the first-load module's engine of the preset
   */
  _liteLoaded(lite) {
    this._engine = null;
    this._book = false;
    this._card = lite.rateCard();
    this._failure = null;
    this.cardChanged(this._card);
    this._pricer = litePricer(lite);
    emit(this, "ratecard-ready", { card: this._card, module: "lite" });
  }

  /**
   * The full module is in. Its card (defaults filled in) replaces the first one; the
   * buyer's plan and cart start over only if it is another card.
   * @param {any} engine the full module's engine
   * @param {any} [card]
   */
  _loaded(engine, card = this._cardOf(engine)) {
    this._book = engine.versions().length > 1;
    const same = this._pricer?.lite === true && card.id === this._card?.id;
    this._card = card;
    if (!same) this.cardChanged(this._card);
    this._failure = null;
    this._engine = engine;
    this._pricer = engine;
    emit(this, "ratecard-ready", { card, module: "full" });
  }

  /** The engine's rate card as the element shows it: of a price book, the version in force on
   *  the day priced (`at`, else today). Read in a task of its own for a large card.
   *  @param {any} engine */
  _cardOf(engine) {
    return engine.rateCard(engine.versions().length > 1 ? this._day : undefined);
  }

  /** A load failed after its tries. If only the full module failed, the first-load
   *  price stays on screen and the host hears it once; else the element says so.
   *  @param {any} e the coded load failure */
  _loadFailed(e) {
    // The developer reads the cause in the console, once per failed load; the buyer, plain words.
    console.warn(loadWarning(this.localName, e));
    if (this._pricer?.lite) {
      const { code, message } = this._report(e, ["card"]);
      emit(this, "ratecard-error", { code, message, field: "card" });
      return true;
    }
    this._engine = null;
    this._pricer = null;
    this._card = null;
    this._failure = this._report(e, ["card"]);
    return false;
  }

  /** The day priced: the host's `at`, else today's local date (a price book prices with the
   *  version in force then). */
  get _day() {
    return this.at || localDay();
  }

  /**
   * A price book's change within 30 days of the day priced, as the engine says it
   * (`upcoming`), with its sentences in the locale, the plan and `features` first; or null.
   * @param {string} plan
   * @param {string[]} features
   * @returns {{ effectiveFrom: string, version: string, sentences: string[] } | null}
   */
  _priceChange(plan, features) {
    if (!this._book || !this._engine) return null;
    // Asked of the engine once per engine and day, not on every render (the next version's
    // card crosses as a whole object).
    const day = this._day;
    if (!this._upcoming || this._upcoming.engine !== this._engine || this._upcoming.day !== day) {
      let up = null;
      try {
        up = this._engine.upcoming(day);
      } catch {
        up = null;
      }
      this._upcoming = { engine: this._engine, day, up };
    }
    const { up } = /** @type {{ up: any }} */ (this._upcoming);
    return up && { effectiveFrom: up.effectiveFrom, version: up.version, sentences: noticeSentences(this._locale, up, { plan, features }) };
  }

  /**
   * Runs the engine's quote; returns the quote, or null with `this.error` set.
   * @param {any} request
   */
  _quote(request) {
    this.request = request;
    const maxItems = engineLimits()?.maxItems ?? Infinity;
    if (request.items.length > maxItems) {
      // Refused at once, before any work: the engine's own limit.
      this.quote = null;
      this.error = this._report({ code: "invalid_request", message: `items: at most ${maxItems} items, got ${request.items.length}` }, ["items"], request);
      return null;
    }
    try {
      // A length range (an item's maxSeconds) is priced at both ends; the quote is the high end:
      // the most the job can cost, what to hold and what to buy for.
      if (ranged(request) && !this._pricer.lite) {
        this.range = this._pricer.quoteRange(request);
        this.quote = /** @type {any} */ (this.range).high;
      } else {
        this.range = null;
        this.quote = this._pricer.quote(request);
      }
      this.error = null;
    } catch (/** @type {any} */ e) {
      this.range = null;
      this.quote = null;
      // What the first-load module cannot price (grants, usage so far) waits for the full one,
      // which loads now.
      if (e?.code === "pending") this._loader.wantFull();
      this.error = e?.code === "pending" ? null : this._report(e, undefined, request);
    }
    return this.quote;
  }

  /**
   * An engine error → `{ code, message, field, text }`, and a `ratecard-error` event (once per
   * distinct error). `path` is the field's path as data (default: the error's own).
   * @param {any} e
   * @param {(string | number)[]} [path]
   * @param {any} [request]
   * @returns {Report}
   */
  _report(e, path, request) {
    const code = e?.code ?? "internal";
    const message = String(e?.message ?? e);
    const at = path ?? pathOf(e);
    const text = plainWords({ code, message }, at, {
      locale: this._locale, card: this._card, planId: request?.plan, items: request?.items, limits: engineLimits(),
    });
    return { code, message, field: at.join("."), text };
  }

  /** @param {Map<string, unknown>} _changed */
  updated(_changed) {
    const key = this.error ? `e:${this.error.code}:${this.error.message}` : this._failure ? `f:${this._failure.message}` : this.quote ? `q:${this.quote.fingerprint}` : "";
    if (key === this._lastEvent || !key) return;
    this._lastEvent = key;
    if (this.quote && !this.error) {
      emit(this, "ratecard-quote", this.quote);
    } else {
      const { code, message, field } = /** @type {Report} */ (this.error ?? this._failure);
      emit(this, "ratecard-error", { code, message, field });
    }
  }

  /** Fires `ratecard-buy` for a purchase option and quantity, with the request and the quote it
   *  gave (what a server's `verify(request, quote, records)` needs), the quote's fingerprint, the
   *  rate card version it was priced with, and the server's hold for the job (the host's `hold`), if any.
   *  @param {any} option
   *  @param {number | null} quantity */
  _buy(option, quantity) {
    // Every quote is complete (the first-load module's equals the full one's), fingerprint included.
    const quote = this.quote;
    emit(this, "ratecard-buy", { option, quantity, request: quote ? this.request : null, quote, fingerprint: quote?.fingerprint ?? null, version: quote?.version ?? null, hold: this.hold ?? null });
  }
}

/** Whether a request's items give a length range (an item's `maxSeconds`): the full module's `quoteRange`. */
const ranged = (/** @type {any} */ request) => Array.isArray(request.items) && request.items.some((/** @type {any} */ i) => i?.maxSeconds !== undefined);

/**
 * Quotes from the first-load module: `quote(request)` gives the complete quote
 * of a plain request (lines, sources, warnings, purchase options, fingerprint:
 * the full module's, field for field). A request it cannot price (grants, usage
 * so far) throws code `pending` until the full module is there.
 */
function litePricer(/** @type {any} */ lite) {
  return {
    lite: true,
    quote(/** @type {any} */ request) {
      const { plan, items, balance, billing, at, ...rest } = request;
      if (ranged(request) || Object.values(rest).some((v) => v !== undefined)) throw Object.assign(new Error("pending"), { code: "pending" });
      return lite.quote({ plan, items, balance, ...(billing === undefined ? {} : { billing }), ...(at === undefined ? {} : { at }) });
    },
    buyPacks: (/** @type {any} */ request) => lite.buyPacks(request),
  };
}
