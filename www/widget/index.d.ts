// Types of `ratecard/widget`: the elements, their properties and events, for
// TypeScript (HTMLElementTagNameMap, HTMLElementEventMap) and React 19's JSX
// (React.JSX.IntrinsicElements). Amounts are decimal strings, as in the engine.
import type { Quote, QuoteRequest, PurchaseOption, RateCard, RateEngine, Item, Grant } from "../../pkg/web/ratecard.js";

export type { Quote, QuoteRequest, PurchaseOption, RateCard, Item, Grant };
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
}

/** `ratecard-error`'s detail: the engine's stable code, its message, and the field (`"items.0.seconds"`, `"balance"`, `"plan"`, `"card"`, `""`). */
export interface RatecardErrorDetail {
  code: string;
  message: string;
  field: string;
}

/** Configuration both elements share (attributes in kebab-case: `card-src`). */
interface RatecardConfig {
  /** A built-in rate card id, e.g. `"heygen-credits"` (attribute `preset`). */
  preset?: string;
  /** URL of a rate-card JSON, fetched and validated (attribute `card-src`). */
  cardSrc?: string;
  /** A rate card object (property only). */
  rateCard?: RateCard | null;
  /** Plan id; default: the first plan that can use features. */
  plan?: string;
  /** Balance in the card's unit, a decimal string; absent: a fresh period's allowance (said visibly). */
  balance?: string;
  /** The wallet's grants (from `simulate`) in place of `balance` (property only). */
  grants?: Grant[] | null;
  /** The day of the quote, `YYYY-MM-DD`, with `grants`. */
  at?: string;
  /** Billing period of the product to buy: `"once" | "month" | "year"`. */
  billing?: string;
  /** BCP 47 locale for numbers typed and shown; default: the page's, then the browser's. */
  locale?: string;
  /** Items shown, not editable. */
  readonly?: boolean;
  /** What is being generated (property only). */
  items?: CartItem[];
}

/** The configuration as properties (declaration merging with the class below). */
interface RatecardElement extends Omit<RatecardConfig, "readonly" | "items"> {}
declare class RatecardElement extends HTMLElement {
  readonly: boolean;
  items: CartItem[];
  /** The last quote (null before the first, or after an error). */
  readonly quote: Quote | null;
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

/** Where to fetch `ratecard_bg.wasm` when it is served under another name; call before the first element connects. */
export declare function setWasmUrl(url: string | URL): void;
/** Reads a number typed in `locale` into a decimal string (`"1.000"` in de-DE → `"1000"`), or null. */
export declare function parseNumber(locale: string, text: string): string | null;

export type RatecardQuoteEvent = CustomEvent<Quote>;
export type RatecardBuyEvent = CustomEvent<RatecardBuyDetail>;
export type RatecardErrorEvent = CustomEvent<RatecardErrorDetail>;

declare global {
  interface HTMLElementTagNameMap {
    "ratecard-cost": RatecardCost;
    "ratecard-checkout": RatecardCheckout;
  }
  interface HTMLElementEventMap {
    "ratecard-quote": RatecardQuoteEvent;
    "ratecard-buy": RatecardBuyEvent;
    "ratecard-error": RatecardErrorEvent;
  }
}

/** React 19 props: attributes as strings, properties as values, events as `onratecard-*` handlers. */
export interface RatecardJsxProps extends Omit<RatecardConfig, "cardSrc" | "readonly"> {
  "card-src"?: string;
  readonly?: boolean;
  id?: string;
  class?: string;
  className?: string;
  slot?: string;
  hidden?: boolean;
  style?: Record<string, string | number>;
  children?: unknown;
  key?: string | number;
  ref?: unknown;
  "onratecard-quote"?: (event: RatecardQuoteEvent) => void;
  "onratecard-buy"?: (event: RatecardBuyEvent) => void;
  "onratecard-error"?: (event: RatecardErrorEvent) => void;
}

declare module "react" {
  namespace JSX {
    interface IntrinsicElements {
      "ratecard-cost": RatecardJsxProps;
      "ratecard-checkout": RatecardJsxProps;
    }
  }
}
