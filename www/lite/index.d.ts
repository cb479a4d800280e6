// Types of `ratecard/lite` and `ratecard/lite/web`: the first-load module.
import type { PurchaseOption, ErrorCode, RateCard, Quote, Purchase, BuyPacksRequest, Limits } from "../../pkg/node/ratecard.js";
export type { PurchaseOption, ErrorCode, RateCard, Quote, Purchase, BuyPacksRequest, Limits };

/** One item: a feature with `seconds` or a `quantity`, and its options. */
export interface SummaryItem {
  feature: string;
  seconds?: number | string;
  quantity?: number | string;
  options?: Record<string, boolean | string>;
}

/** `quoteSummary`'s request: the plan, the items, the balance (a decimal string in the card's unit). */
export interface SummaryRequest {
  plan?: string;
  items: SummaryItem[];
  balance?: string;
  /** How the plan is billed: "month" (default) or "year"; the purchase options follow it. */
  billing?: "month" | "year";
  /** The day priced, `YYYY-MM-DD` (a preset is one version: it enters the fingerprint, as in the full module). */
  at?: string;
}

/** What a checkout shows first; every field equals the full `quote`'s. Amounts are decimal strings in `unit`. */
export interface QuoteSummary {
  unit: string;
  total: string;
  balance: string;
  balanceAfter: string;
  shortfall: string;
  purchase: PurchaseOption[];
}

/** An error the engine throws: a JS `Error` with a stable `code` and the field's `path`. */
export interface RateCardError extends Error {
  code: ErrorCode;
  path: (string | number)[];
}

/** A built-in rate card, for a first price: `presetIds`, `preset`, `quoteSummary`. */
export declare class RateEngine {
  private constructor();
  /** The engine's limits, as the full module's `RateEngine.limits()`. */
  static limits(): Limits;
  /** The built-in presets' ids. */
  static presetIds(): string[];
  /** Built-in preset `id`'s rate card as a plain object, without making an engine; throws `unknown_preset`. */
  static presetCard(id: string): RateCard;
  /** Preset `id`: one engine per id, shared (its wasm memory is held once however often it is
   *  asked for, and `free()` on it does nothing); throws `unknown_preset`. */
  static preset(id: string): RateEngine;
  /** The rate card's id. */
  readonly id: string;
  /** The rate card as a plain object, as the full module's `rateCard()` gives it. */
  rateCard(): RateCard;
  /** The total, balance after, shortfall and what to buy, equal to the full `quote`'s. */
  quoteSummary(request: SummaryRequest): QuoteSummary;
  /** The complete quote of a plain request (lines, explanations, sources, warnings, purchase
   *  options, fingerprint), equal to the full module's `quote` field for field. */
  quote(request: SummaryRequest): Quote;
  /** Buys of the plan's product, as the full module's `buyPacks`. */
  buyPacks(request: BuyPacksRequest): Purchase;
  /** Frees the wasm memory now (a shared preset engine stays). */
  free(): void;
}
