// Types of `ratecard/react`: the elements as React 19 components (for server rendering).
import type { ForwardRefExoticComponent, HTMLAttributes, RefAttributes } from "react";
import type {
  RatecardCost as CostElement, RatecardCheckout as CheckoutElement, RatecardProps,
  RatecardQuoteEvent, RatecardBuyEvent, RatecardErrorEvent, RatecardReadyEvent,
} from "./index.js";

export type * from "./index.js";

/** The components' props: the elements' attributes and properties (`items`, `rateCard`, `grants` as values),
 *  React's HTML attributes, and the events as `onQuote`, `onBuy`, `onError` and `onReady`. */
export interface RatecardComponentProps extends RatecardProps, Omit<HTMLAttributes<HTMLElement>, "onError" | keyof RatecardProps> {
  /** `ratecard-quote`: each new quote (`event.detail` is the quote). */
  onQuote?: (event: RatecardQuoteEvent) => void;
  /** `ratecard-buy`: the buyer chose a purchase (`event.detail.option`, `.quantity`, `.request`, `.quote`). */
  onBuy?: (event: RatecardBuyEvent) => void;
  /** `ratecard-error`: the engine refused the input or could not load (`event.detail.code`, `.field`). */
  onError?: (event: RatecardErrorEvent) => void;
  /** `ratecard-ready`: a rate card is in and prices (`event.detail.card`, `.module`: `"lite"` or `"full"`). */
  onReady?: (event: RatecardReadyEvent) => void;
}

/** `<ratecard-cost>` as a React component: "30 credits · 1,470 credits left". */
export declare const RatecardCost: ForwardRefExoticComponent<RatecardComponentProps & RefAttributes<CostElement>>;
/** `<ratecard-checkout>` as a React component: plan, items, lines, total and what to buy. */
export declare const RatecardCheckout: ForwardRefExoticComponent<RatecardComponentProps & RefAttributes<CheckoutElement>>;
/** The CSS each component renders once (React 19 hoists it): space for the elements before they are defined. */
export declare const RESERVE_CSS: string;
