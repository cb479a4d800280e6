// Types of `ratecard/widget`: the elements, their properties and events, for
// TypeScript (HTMLElementTagNameMap, HTMLElementEventMap) and React 19's JSX
// (React.JSX.IntrinsicElements). Amounts are decimal strings, as in the engine.
//
// The contract is written once: `RatecardConfig` (every attribute and property, in its property
// spelling) and `RatecardEventMap` (every event). The attribute spellings, the handlers of React,
// Svelte and Vue, and the global event map are derived from those two by the types below, and
// `tests/js/widget-units.test.mjs` holds them to the custom-elements manifest the build writes
// from the elements' own Lit properties and JSDoc (`custom-elements.json`).
import type { Hold, Settlement, Quote, QuoteRange, QuoteRequest, PurchaseOption, RateCard, RateEngine, Item, Grant, PriceChange, PriceUpcoming } from "../../pkg/web/ratecard.js";
import type { RateEngine as LiteRateEngine } from "../lite/index.js";

export type { Quote, QuoteRange, QuoteRequest, PurchaseOption, RateCard, Item, Grant, PriceChange, PriceUpcoming };
/** @deprecated The one credit-grant type is `Grant`. */
export type GrantBalance = Grant;

/** What is being generated: `{ feature, seconds | quantity, options }` (seconds and counts as numbers or decimal strings). */
export type CartItem = Item;

/** `ratecard-buy`'s detail: the purchase chosen, how many, and the request and quote for the server to
 *  check with `verify(request, quote, records)` (null before the full quote is ready), and the quote's fingerprint. */
export interface RatecardBuyDetail {
  /** A purchase option of the quote, or what the buy panel built: the same fields without
   *  `balanceAfter`, `covers` and `upgrade`, with `seats` for a product priced per user. */
  option: PurchaseOption | (Omit<PurchaseOption, "balanceAfter" | "covers" | "upgrade"> & { seats?: number });
  quantity: number;
  /** The quote request the shown quote was made for. */
  request: QuoteRequest | null;
  /** The quote the buyer saw. */
  quote: Quote | null;
  fingerprint: string | null;
  /** The rate card version the quote was priced with (of a price book, the one in force on the request's `at`). */
  version: string | null;
  /** The server's hold for the job (the element's `hold`, what `engine.hold` returned), or null:
   *  the purchase is for the job it holds. */
  hold: Hold | null;
}

/** `ratecard-error`'s detail: the engine's stable code, its message, and the field (`"items.0.seconds"`, `"balance"`, `"plan"`, `"card"`, `""`). */
export interface RatecardErrorDetail {
  code: string;
  message: string;
  field: string;
}

/** The built-in rate cards' ids (`RateEngine.presetIds()`; a test holds the two equal). */
export type PresetId = "heygen-credits" | "heygen-gencredits" | "heygen-api" | "heygen-liveavatar" | "heygen-payg" | "aistudios";
/** A billing period of a product to buy. */
export type Billing = "once" | "month" | "year";

/** Configuration both elements share (attributes in kebab-case: `card-src`). */
interface RatecardConfig {
  /** A built-in rate card id, e.g. `"heygen-credits"` (attribute `preset`). */
  preset?: PresetId;
  /** URL of a rate-card JSON, fetched and validated (attribute `card-src`). */
  cardSrc?: string;
  /** A rate card object, or a price book: an array of its versions (property only). */
  rateCard?: RateCard | RateCard[] | null;
  /** Plan id; default: the first plan that can use features. */
  plan?: string;
  /** Balance in the card's unit, a decimal string; absent: a fresh period's allowance (said visibly). */
  balance?: string;
  /** The wallet's grants (from `simulate`) in place of `balance` (property only). */
  grants?: Grant[] | null;
  /** The day of the quote, `YYYY-MM-DD`, with `grants`. */
  at?: string;
  /** Billing period of the product to buy: `"once" | "month" | "year"`. */
  billing?: Billing;
  /** BCP 47 locale for numbers typed and shown; default: the page's, then the browser's. */
  locale?: string;
  /** Items shown, not editable. */
  readonly?: boolean;
  /** What is being generated (property only). */
  items?: CartItem[];
  /** Load the full module after the first paint even when the first-load module prices everything
   *  (attribute `eager`; setting it later loads it then). */
  eager?: boolean;
  /** How long one load (the `.wasm`, a `card-src`) may take, in milliseconds, before it is given up
   *  and its download aborted (attribute `load-timeout`); 15,000 by default. */
  loadTimeout?: number;
  /** The level (1–6) of the checkout's own headings ("Buy more") in the host's outline (attribute
   *  `heading-level`); absent: they are labels, not headings, so the host's heading order stays valid.
   *  `<ratecard-cost>` has no heading. */
  headingLevel?: number;
  /** The most a job whose length is known only after it runs may take, in seconds (attribute
   *  `max-seconds`; each item's `seconds` is the least): `<ratecard-cost>` shows the range ("1.5–2
   *  credits") and what is short at most; `quote` is then the high end and `range` both ends
   *  (`quoteRange`, the full module). An item's own `maxSeconds` wins. */
  maxSeconds?: number | string;
  /** The server's hold for this job (what `engine.hold` returned; property only): shown as "Held:
   *  2 credits until 4 Dec" and carried by `ratecard-buy`. */
  hold?: Hold | null;
  /** The server's settlement of the hold (what `engine.settle` returned; property only): shown as
   *  "Charged 1.5 credits; 0.5 released". */
  settlement?: Settlement | null;
}

/** The configuration as properties (declaration merging with the class below). */
interface RatecardElement extends Omit<RatecardConfig, "readonly" | "items"> {}
declare class RatecardElement extends HTMLElement {
  readonly: boolean;
  items: CartItem[];
  /** The last quote (null before the first, or after an error); with a length range, its high end. */
  readonly quote: Quote | null;
  /** With a length range (`max-seconds`, an item's `maxSeconds`): both ends, `{ low, high }`; else null. */
  readonly range: QuoteRange | null;
  /** The last error, with the plain words shown to the buyer. */
  readonly error: (RatecardErrorDetail & { text: string }) | null;
  /** The engine in use, once loaded. */
  readonly engine: RateEngine | null;
  /** The rate card in use, once loaded. */
  readonly card: RateCard | null;
  /** Resolves after the next render. */
  readonly updateComplete: Promise<boolean>;
}

/** `<ratecard-cost>`: "30 credits · 1,470 left", or "Short by 30 credits — Buy 1 block, $5.00". */
export declare class RatecardCost extends RatecardElement {}

/** `<ratecard-checkout>`: plan, items, the quote's lines and sources, total, shortfall, and what to buy. */
export declare class RatecardCheckout extends RatecardElement {
  /** The cart as last priced: `[{ feature, seconds | quantity, options }]`. */
  readonly cart: CartItem[];
  /** The plan chosen in the panel. */
  readonly selectedPlan: string | null;
}

/** The elements' events by name, the one list the React components' handlers are made from. */
export declare const EVENTS: readonly (keyof RatecardEventMap)[];
/** Where to fetch `ratecard_bg.wasm` when it is served under another name; call before the first element connects. */
export declare function setWasmUrl(url: string | URL): void;
/** Reads a number typed in `locale` into a decimal string (`"1.000"` in de-DE → `"1000"`), or null. */
export declare function parseNumber(locale: string, text: string): string | null;
/** Where to fetch the first-load module's `ratecard_lite_bg.wasm` from (as `setWasmUrl`). */
export declare function setLiteWasmUrl(url: string | URL): void;
/** The full module's `RateEngine` class, once its `.wasm` is loaded (rejects with code `wasm_load` or `load_timeout`). */
export declare function engineReady(timeoutMs?: number): Promise<typeof RateEngine>;
/** The full engine for a rate-card source: a preset id, a card object or JSON text, or a URL of card JSON. */
export declare function engineFor(source: { preset?: string; rateCard?: RateCard | RateCard[] | string; cardSrc?: string; timeoutMs?: number }): Promise<RateEngine>;
/** The first-load engine of a built-in preset, or null when `preset` is not built in. */
export declare function liteFor(preset?: string, timeoutMs?: number): Promise<LiteRateEngine | null>;
/** Every built-in preset's rate card, by id (from the first-load module, no engine made). */
export declare function presetCards(): Promise<Map<string, RateCard>>;
/** A decimal string in the locale: "1,500" (en-US), "1.500" (de-DE); up to 6 decimals. */
export declare function number(locale: string, decimalString: string): string;
/** A price in the locale, never a non-zero amount as zero ("$0.0047"); `maxDigits` for rates. */
export declare function money(locale: string, decimalString: string, currency: string, maxDigits?: number): string;
/** An amount in a card's unit: "1,500 credits", or "$4.50" on a USD wallet. */
export declare function inUnit(locale: string, decimalString: string, card: Pick<RateCard, "unit" | "unitSingular" | "currency">): string;
/** Whole seconds as minutes and seconds in the locale: "1 min 30 s". */
export declare function duration(locale: string, seconds: string | number): string;
/** A `YYYY-MM-DD` day as a date in the locale. */
export declare function day(locale: string, iso: string): string;
/** A rate card's English text with its grouped numbers in the locale's format: "3,600 credits" → "3.600 credits" in de-DE. */
export declare function localText(locale: string, text: string): string;
/** A quote line's sentence in the buyer's words, from its parts. */
export declare function lineSentence(locale: string, line: Quote["lines"][number], card: RateCard, item?: Item): string;
/** Today's local date, `YYYY-MM-DD`: the day a price book prices when the host gives none. */
export declare function localDay(now?: Date): string;
/** A `YYYY-MM-DD` day in the locale, long ("1 January 2027") or short ("Jan 1"). */
export declare function noticeDay(locale: string, iso: string, style?: "long" | "short"): string;
/** One change of a price book as a sentence in the buyer's number format, from its parts alone:
 *  "Avatar IV costs 25 credits a minute (now 20)". */
export declare function changeSentence(locale: string, change: PriceChange): string;
/** A coming price change's sentences, the plan's and the cart's features' first, at most `max` (3). */
export declare function noticeSentences(locale: string, upcoming: PriceUpcoming, focus?: { plan?: string; features?: string[]; max?: number }): string[];
/** The label of a purchase option's button: "Buy 1 block, $5.00". */
export declare function purchaseLabel(locale: string, option: PurchaseOption, card: RateCard): string;

export type RatecardQuoteEvent = CustomEvent<Quote>;
export type RatecardBuyEvent = CustomEvent<RatecardBuyDetail>;
export type RatecardErrorEvent = CustomEvent<RatecardErrorDetail>;
/** `ratecard-ready`: a rate card is in and prices; `module` is `"lite"` (the first-load module) or
 *  `"full"` (the full module, whose `engine` the element then exposes). */
export type RatecardReadyEvent = CustomEvent<{ card: RateCard; module: "lite" | "full" }>;

declare global {
  interface HTMLElementTagNameMap {
    "ratecard-cost": RatecardCost;
    "ratecard-checkout": RatecardCheckout;
  }
  interface HTMLElementEventMap extends RatecardEventMap {}
}

/** `cardSrc` → `card-src`: a property's attribute spelling (Lit's `attribute` of each property). */
type Kebab<S extends string> = S extends `${infer H}${infer T}` ? `${H extends Lowercase<H> ? H : `-${Lowercase<H>}`}${Kebab<T>}` : S;
/** `ratecard-buy` → `RatecardBuy`: an event's name in Vue's handler spelling. */
type Pascal<S extends string> = S extends `${infer H}-${infer T}` ? `${Capitalize<H>}${Pascal<T>}` : Capitalize<S>;

/** The attributes and properties both elements take, as a framework's template binds them:
 *  attributes in their HTML spelling (`card-src`, `load-timeout`), properties (`items`, `rateCard`,
 *  `grants`) as values; derived from `RatecardConfig`. */
export type RatecardProps = {
  [K in keyof RatecardConfig as K extends "rateCard" | "grants" | "items" ? K : Kebab<K & string>]?:
    K extends "loadTimeout" | "headingLevel" ? number | string : RatecardConfig[K];
} & {
  /** The `class` attribute (React 19 passes it through to a custom element). */
  class?: string;
};

/** The elements' events by name: `ratecard-quote`, `ratecard-buy`, `ratecard-error` and `ratecard-ready`. */
export interface RatecardEventMap {
  "ratecard-quote": RatecardQuoteEvent;
  "ratecard-buy": RatecardBuyEvent;
  "ratecard-error": RatecardErrorEvent;
  "ratecard-ready": RatecardReadyEvent;
}

/** Event handlers in React 19's and Svelte 5's spelling: `onratecard-buy={(e) => …}`. */
export type RatecardHandlers = { [K in keyof RatecardEventMap as `on${K}`]?: (event: RatecardEventMap[K]) => void };

/** A ref to one of the elements, as React 19 takes it (an object ref or a callback, which may return a cleanup). */
export type RatecardRef<E> = { current: E | null } | ((element: E | null) => void | (() => void)) | null;

/** React 19 props: these, the handlers, and every attribute React types for a `<div>` (`title`, `tabIndex`, `onClick`, …). */
export interface RatecardJsxProps<E extends HTMLElement = RatecardCost> extends RatecardProps, RatecardHandlers {
  ref?: RatecardRef<E>;
}

// React 19 (`react-jsx`): the elements in JSX, typed with no declarations of the consumer's own.
// React's own attributes come through its `div` entry, looked up lazily, so that this file names no
// React type and type-checks (skipLibCheck false) in a project without React.
declare module "react" {
  namespace JSX {
    interface IntrinsicElements {
      "ratecard-cost": RatecardJsxProps<RatecardCost> & RatecardReactAttributes<IntrinsicElements>;
      "ratecard-checkout": RatecardJsxProps<RatecardCheckout> & RatecardReactAttributes<IntrinsicElements>;
    }
  }
}
/** React's attributes of a `<div>` without the ones this package types itself (no React type named). */
type RatecardReactAttributes<I> = I extends { div: infer D } ? Omit<D, keyof RatecardJsxProps> : {};

// Vue 3 (vue-tsc, strict templates): the elements as global components, with `isCustomElement`
// telling Vue's compiler they are custom elements (README, "Vue"). The element type has the shape
// of Vue's guide ("Web Components and TypeScript"): its props and its `@ratecard-*` events.
declare module "vue" {
  interface GlobalComponents {
    "ratecard-cost": RatecardVueElement<RatecardCost>;
    "ratecard-checkout": RatecardVueElement<RatecardCheckout>;
  }
}
/** `@ratecard-quote` and the others as Vue's templates name them: `onRatecardQuote`, … */
type RatecardVueHandlers = { [K in keyof RatecardEventMap as `on${Pascal<K>}`]?: (event: RatecardEventMap[K]) => void };
/** A custom element as Vue's templates type it; any other attribute passes through. */
type RatecardVueElement<E extends HTMLElement> = new () => E & {
  /** @deprecated For template type-checking only; not a property of the element. */
  $props: RatecardProps & RatecardVueHandlers & { [attribute: string]: unknown };
};

// Svelte 5 (svelte-check): the elements in markup, with `onratecard-*` handlers. Svelte's attributes of
// a `<div>` come through its own `div` entry, as React's do.
declare module "svelte/elements" {
  interface SvelteHTMLElements {
    "ratecard-cost": RatecardProps & RatecardHandlers & RatecardSvelteAttributes<SvelteHTMLElements>;
    "ratecard-checkout": RatecardProps & RatecardHandlers & RatecardSvelteAttributes<SvelteHTMLElements>;
  }
}
/** Svelte's attributes of a `<div>` without the ones this package types itself. */
type RatecardSvelteAttributes<I> = I extends { div: infer D } ? Omit<D, keyof RatecardProps | keyof RatecardHandlers> : {};
