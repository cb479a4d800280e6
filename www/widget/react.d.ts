// Types of `ratecard/react`: the elements as React 19 components (for server rendering).
import type { ForwardRefExoticComponent, HTMLAttributes, RefAttributes } from "react";
import type {
  RatecardCost as CostElement, RatecardCheckout as CheckoutElement, RatecardProps, RatecardEventMap,
} from "./index.js";

export type * from "./index.js";

/** `ratecard-buy` → `onBuy`: an event's React prop (as the components make them from `EVENTS`). */
type OnEvent<K extends string> = K extends `ratecard-${infer E}` ? `on${Capitalize<E>}` : never;

/** The events as `onQuote` (`event.detail` is the quote), `onBuy` (`.option`, `.quantity`, `.request`,
 *  `.quote`), `onError` (`.code`, `.field`) and `onReady` (`.card`, `.module`: `"lite"` or `"full"`),
 *  derived from `RatecardEventMap`. */
export type RatecardComponentHandlers = { [K in keyof RatecardEventMap as OnEvent<K>]?: (event: RatecardEventMap[K]) => void };

/** The components' props: the elements' attributes and properties (`items`, `rateCard`, `grants` as values),
 *  React's HTML attributes, and the events' handlers. */
export interface RatecardComponentProps extends RatecardProps, RatecardComponentHandlers,
  Omit<HTMLAttributes<HTMLElement>, "onError" | keyof RatecardProps | keyof RatecardComponentHandlers> {}

/** `<ratecard-cost>` as a React component: "30 credits · 1,470 credits left". */
export declare const RatecardCost: ForwardRefExoticComponent<RatecardComponentProps & RefAttributes<CostElement>>;
/** `<ratecard-checkout>` as a React component: plan, items, lines, total and what to buy. */
export declare const RatecardCheckout: ForwardRefExoticComponent<RatecardComponentProps & RefAttributes<CheckoutElement>>;
/** The CSS each component renders once (React 19 hoists it): space for the elements before they are defined. */
export declare const RESERVE_CSS: string;
