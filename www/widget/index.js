// ratecard/widget: the pricing widget's custom elements.
//   <ratecard-cost>      the one line next to a "Generate" button
//   <ratecard-checkout>  the full panel: plan, items, lines, total, what to buy
// Importing this module defines the two elements (when there is a
// customElements registry) and does nothing else; in Node or during SSR it
// touches no `window`.
import { RatecardCost, purchaseLabel } from "./cost.js";
import { RatecardCheckout } from "./checkout.js";

export { RatecardCost, RatecardCheckout, purchaseLabel };
export { EVENTS } from "./base.js";
export { setWasmUrl, setLiteWasmUrl, engineReady, engineFor, liteFor, presetCards } from "./engine.js";
export { parseNumber, number, money, inUnit, duration, day, localText } from "./locale.js";
export { lineSentence } from "./lines.js";
export { localDay, noticeDay, noticeSentences, changeSentence } from "./notice.js";

const registry = globalThis.customElements;
if (registry) {
  if (!registry.get("ratecard-cost")) registry.define("ratecard-cost", RatecardCost);
  if (!registry.get("ratecard-checkout")) registry.define("ratecard-checkout", RatecardCheckout);
}
