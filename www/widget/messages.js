// Engine errors in plain words, placed next to their field. The engine's code
// and message stay for developers (the `ratecard-error` event); the buyer sees
// only what is written here, with every number formatted for the locale.
import { duration, example, inUnit, money, number, words } from "./locale.js";

/** @typedef {(string | number)[]} Path A field's path as data: keys and indexes (`["items", 0, "seconds"]`). */

/**
 * The path of the field an engine error is about: the error's own `path` (an array; every
 * error of the engine has one). An error from elsewhere (a failed load) is about no one
 * field: `[]`.
 * @param {any} error
 * @returns {Path}
 */
export function pathOf(error) {
  return Array.isArray(error?.path) ? error.path : [];
}

/**
 * Plain words for an engine error about the field at `path`, given what the buyer asked:
 * `ctx = { locale, card, planId, items, limits }` (items as sent to the engine; limits the
 * engine's `limits()`, to say the most it quotes). The path is read as data, never parsed.
 * @param {any} error
 * @param {Path} path
 * @param {{ locale: string, card: any, planId?: string, items?: any[], limits?: { maxSeconds?: number, maxQuantity?: number } | null }} ctx
 */
export function plainWords(error, path, ctx) {
  const { locale, card, planId } = ctx;
  const plan = planId === undefined ? undefined : card?.plans?.[planId];
  const planName = plan?.name ?? "This plan";
  const [top, index, key, optionName] = path;
  const itemMatch = top === "items" && typeof index === "number";
  const field = path.length === 1 ? String(top) : "";
  const item = itemMatch ? ctx.items?.[index] : undefined;
  const feature = item ? card?.features?.[item.feature] : undefined;
  // Within the item: "seconds", "quantity", or "options" and the option's key.
  const sub = itemMatch ? String(key ?? "") : "";
  const optionKey = sub === "options" ? String(optionName ?? "") : "";
  const amountOf = (/** @type {string} */ v) => (feature?.input === "seconds" ? duration(locale, v) : number(locale, v));
  switch (error?.code) {
    case "invalid_quantity": {
      // A length range whose least is past its most: the most is the host's (max-seconds).
      if (sub === "maxSeconds" && item?.maxSeconds !== undefined) return `This job runs at most ${duration(locale, String(item.maxSeconds))}: enter a length up to that.`;
      const raw = item?.seconds ?? item?.quantity;
      const value = typeof raw === "string" ? raw : String(raw ?? "");
      if (!/^\d+(\.\d+)?$/.test(value) || /^0*(\.0*)?$/.test(value)) return "Enter an amount greater than zero.";
      if (feature?.input === "quantity" && value.includes(".") && !/\.0*$/.test(value)) return "Enter a whole number.";
      if (feature?.max !== undefined && cmp(value, feature.max) > 0) return `${feature.name} takes at most ${amountOf(feature.max)}.`;
      if (feature?.min !== undefined && cmp(value, feature.min) < 0) return `${feature.name} takes at least ${amountOf(feature.min)}.`;
      const most = feature?.input === "seconds" ? ctx.limits?.maxSeconds : ctx.limits?.maxQuantity;
      return most ? `That is more than can be quoted at once (at most ${amountOf(String(most))}).` : "That is more than can be quoted at once.";
    }
    case "plan_limit":
      if (sub === "seconds" && plan?.maxSeconds) return `${planName} allows videos up to ${duration(locale, plan.maxSeconds)}.`;
      if (optionKey) {
        const max = plan?.maxOptions?.[optionKey];
        return max ? `${planName} allows up to ${words(max)}.` : `${planName} does not allow this choice.`;
      }
      return `${planName} does not allow this.`;
    case "invalid_option": {
      const option = feature?.options?.[optionKey];
      if (option?.type === "boolean" && option.gate) return option.gate;
      if (option) return `Choose a ${option.label.toLowerCase()} this feature offers.`;
      return "One of the choices for this item is not available.";
    }
    case "not_available":
      if (itemMatch && plan?.unavailableReason) return sentence(plan.unavailableReason);
      if (itemMatch) return `${planName} does not include ${feature?.name ?? "this feature"}. Choose another plan or feature.`;
      if (field === "billing" && plan?.monthlyOnly) return `${planName} is billed monthly only.`;
      return plan?.purchaseNote ? sentence(plan.purchaseNote) : `${planName} cannot buy this.`;
    case "unknown_plan":
      return "Choose a plan.";
    case "unknown_feature":
      // The host's item names a feature this card lacks: say which, in words.
      return typeof item?.feature === "string" && item.feature ? unknownFeature(item.feature) : "Choose what to generate.";
    case "overflow":
      return "That amount is too large to price exactly.";
    case "invalid_request":
      if (field === "items") return "Too many items to price at once.";
      if (field === "balance" && /negative/.test(String(error?.message))) return "Enter a balance of 0 or more.";
      if (field === "balance") return `Enter your balance as a number, like ${example(locale)}.`;
      if (sub === "seconds" || sub === "quantity") return `Enter a number, like ${example(locale)}.`;
      return "Something in this request cannot be priced; check the highlighted field.";
    case "invalid_rate_card":
      return "This rate card could not be read, so no price can be shown.";
    case "unknown_preset":
    case "card_fetch":
    case "wasm_load":
    case "load_timeout":
      return "The price list could not be loaded. Try again later.";
    default:
      return "This cannot be priced right now.";
  }
}

/**
 * For the page's developer, one line naming why the price list did not load (the buyer reads
 * plain words instead): a preset that is not built in, WebAssembly refused by the page's
 * Content-Security-Policy, a card or `.wasm` that could not be fetched, a load that timed out.
 * @param {string} tag the element, e.g. "ratecard-cost"
 * @param {any} error the coded load failure
 * @returns {string}
 */
export function loadWarning(tag, error) {
  const message = String(error?.message ?? error);
  const head = `<${tag}>: no price list, so no price is shown.`;
  if (error?.code === "unknown_preset") return `${head} The preset is not built in (${message}).`;
  if (/Content Security Policy|unsafe-eval|wasm-eval/i.test(message)) {
    return `${head} The page's Content-Security-Policy does not allow WebAssembly: add 'wasm-unsafe-eval' to its script-src. (${message})`;
  }
  if (error?.code === "card_fetch") return `${head} ${message}`;
  if (error?.code === "load_timeout") return `${head} ${message} (the element's load-timeout).`;
  if (error?.code === "wasm_load") return `${head} ${message} (is the .wasm served next to the widget, as application/wasm? setWasmUrl() points to another place).`;
  return `${head} ${error?.code ? `${error.code}: ` : ""}${message}`;
}

/** An item whose feature the rate card lacks: "This price list has no “avatar v”." (the id as words, cut at 60 characters). */
export function unknownFeature(/** @type {string} */ feature) {
  return `This price list has no “${words(String(feature).slice(0, 60))}”.`;
}

/** A hint for a length the widget could not read: "Enter the length in seconds (90), minutes (1.5 min) or minutes and seconds (2:30)." */
export function lengthHint(/** @type {string} */ locale) {
  return `Enter the length in seconds (90), minutes (${number(locale, "1.5")} min) or minutes and seconds (2:30).`;
}

/** A hint for a number the widget could not read, before it reaches the engine. */
export function unreadable(/** @type {string} */ locale, /** @type {string} */ what) {
  return `Enter ${what} as a number, like ${example(locale)}.`;
}

/** The balance notice when none is given: the quote assumes a fresh period of a
 *  subscription, or an empty prepaid wallet. */
export function assumedBalance(/** @type {string} */ locale, /** @type {any} */ card, /** @type {any} */ plan) {
  if (plan.subscription === false) return `No balance given: this quote assumes an empty wallet (${inUnit(locale, plan.included, card)}).`;
  return `No balance given: this quote assumes a fresh ${plan.period} of ${plan.name}, ${inUnit(locale, plan.included, card)}.`;
}

/** What the balance field shows when empty: "1,500 (a fresh month)", "0 (an empty wallet)". */
export function balancePlaceholder(/** @type {string} */ locale, /** @type {any} */ plan) {
  return `${number(locale, plan.included)} (${plan.subscription === false ? "an empty wallet" : `a fresh ${plan.period}`})`;
}

/** The plan in one line: "Business: $149.00 a month, 1,500 credits included.", or for a
 *  prepaid wallet "Pay-As-You-Go wallet: a prepaid wallet, no subscription: top it up and each
 *  generation is paid from it.", or "…: priced by contract, …". */
export function planNote(/** @type {string} */ locale, /** @type {any} */ card, /** @type {any} */ plan) {
  if (plan.subscription === false) return `${plan.name}: a prepaid wallet, no subscription: top it up and each generation is paid from it.`;
  const price = plan.price === undefined ? "priced by contract" : `${money(locale, plan.price, card.currency)} a ${plan.period}`;
  return `${plan.name}: ${price}, ${inUnit(locale, plan.included, card)} included.`;
}

function sentence(/** @type {string} */ text) {
  const t = String(text).trim();
  return /[.!?]$/.test(t) ? t[0].toUpperCase() + t.slice(1) : `${t[0]?.toUpperCase() ?? ""}${t.slice(1)}.`;
}

/** Compares two non-negative decimal strings. */
function cmp(/** @type {string} */ a, /** @type {string} */ b) {
  const [ai, af = ""] = String(a).split("."), [bi, bf = ""] = String(b).split(".");
  const x = ai.replace(/^0+/, ""), y = bi.replace(/^0+/, "");
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  if (x !== y) return x < y ? -1 : 1;
  const n = Math.max(af.length, bf.length);
  const p = af.padEnd(n, "0"), q = bf.padEnd(n, "0");
  return p === q ? 0 : p < q ? -1 : 1;
}
