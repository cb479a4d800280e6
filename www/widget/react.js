// ratecard/react: the two elements as React components, for React apps that render
// on the server (Next.js App Router, Remix, …) as well as in the browser.
//
// React 19 renders a custom element itself, but on hydrating server-rendered markup it
// sets none of the element's properties (`items`, `rateCard`, `grants`) and attaches none
// of its `onratecard-*` listeners until the component renders again (React issue #35446).
// These components, made with Lit's @lit/react, set properties and listeners in a layout
// effect, which runs after hydration as after a client render. Each also renders one
// shared <style> (hoisted and deduplicated by React 19) that reserves the elements' space
// before their module has loaded, so hydration shifts no layout.
import * as React from "react";
import { createComponent } from "@lit/react";
import { RatecardCost as CostElement, RatecardCheckout as CheckoutElement, EVENTS } from "./index.js";
import { reserveRules } from "./reserve.js";

/** Space held for each element before it is defined: one line of the cost; the checkout's panel for a
 *  one-item cart by its own width (reserve.js; the same heights its skeleton holds while it loads),
 *  or `--ratecard-reserve-height`. The undefined checkout is a size container for its `::before`. */
export const RESERVE_CSS = "ratecard-cost:not(:defined){display:inline-block;min-height:2.5rem;vertical-align:middle}"
  + "ratecard-checkout:not(:defined){display:block;container-type:inline-size}"
  + "ratecard-checkout:not(:defined)::before{content:\"\";display:block}"
  + reserveRules("ratecard-checkout:not(:defined)::before", "height");

/** React prop → the element's event, from the elements' one list: `ratecard-quote` → `onQuote`, … */
// (Typed for @lit/react as one known key: the public props are react.d.ts's, derived from RatecardEventMap.)
const events = /** @type {{ onQuote: "ratecard-quote" }} */ (Object.fromEntries(EVENTS.map((name) => [`on${name[9].toUpperCase()}${name.slice(10)}`, name])));

/**
 * A React component for `tagName`, rendering the reserve style beside the element.
 * @param {string} tagName
 * @param {typeof HTMLElement} elementClass
 * @param {string} displayName
 */
function component(tagName, elementClass, displayName) {
  const Inner = createComponent({ react: React, tagName, elementClass, events, displayName: `${displayName}Element` });
  const Outer = React.forwardRef((props, ref) => React.createElement(React.Fragment, null,
    React.createElement("style", { href: "ratecard-reserve", precedence: "ratecard" }, RESERVE_CSS),
    React.createElement(Inner, { ...props, ref })));
  Outer.displayName = displayName;
  return Outer;
}

export const RatecardCost = component("ratecard-cost", CostElement, "RatecardCost");
export const RatecardCheckout = component("ratecard-checkout", CheckoutElement, "RatecardCheckout");
