// A quote line in the buyer's words and number format, written from the
// parts the engine returns with each line (units, billed, included, rate, per,
// multiplier, amount). No arithmetic: every number shown is one of those parts.
import { rangeText } from "./held.js";
import { duration, inUnit, isZero, money, number, plural } from "./locale.js";

/** `"20 credits/min"`, `"$0.0667/s"`, `"1 credit each"`, `"90 credits per video"`. */
export function rateText(/** @type {string} */ locale, /** @type {any} */ line, /** @type {any} */ card) {
  const wallet = card.unit === card.currency;
  const value = wallet ? money(locale, line.rate, card.currency, 6) : inUnit(locale, line.rate, card);
  switch (line.per) {
    case "minute": return `${value}/min`;
    case "second": return `${value}/s`;
    case "video": return `${value} per video`;
    default: return `${value} each`;
  }
}

/** What the item amounts to, as billed: "1 min 30 s", "4 looks". */
export function amountText(/** @type {string} */ locale, /** @type {string} */ value, /** @type {any} */ feature) {
  if (feature?.input === "seconds") return duration(locale, value);
  return `${number(locale, value)} ${plural(value, feature?.unitName ?? "unit")}`;
}

/**
 * The sentence for one line, e.g. "1 min 30 s × 20 credits/min = 30 credits",
 * "1 min 43 s billed as 2 min (steps of 30 s) × …", "1 video × 90 credits per
 * video = 90 credits". `item` is the request's item (for the option labels of
 * a multiplier).
 */
export function lineSentence(/** @type {string} */ locale, /** @type {any} */ line, /** @type {any} */ card, /** @type {any} */ item = undefined) {
  const feature = card.features?.[line.feature];
  const amt = (/** @type {string} */ v) => amountText(locale, v, feature);
  let how;
  if (line.per === "video") {
    how = "1 video";
  } else {
    how = amt(line.units);
    if (line.billed !== line.units) {
      const why = feature?.increment ? ` (in steps of ${amt(feature.increment)})` : feature?.minimum ? " (the minimum charge)" : "";
      how += ` billed as ${amt(line.billed)}${why}`;
    }
  }
  if (!isZero(line.included)) {
    if (line.included === line.billed) return `${how}, included in your plan: ${inUnit(locale, line.amount, card)}`;
    how += `, of which ${amt(line.included)} included in your plan`;
  }
  let factors = "";
  if (line.multiplier && line.multiplier !== "1") {
    const labels = Object.entries(feature?.options ?? {})
      .filter(([key, def]) => def.type === "boolean" && def.multiplier !== undefined && item?.options?.[key] === true)
      .map(([, def]) => def.label);
    factors = ` × ${number(locale, line.multiplier)}${labels.length ? ` (${labels.join(", ")})` : ""}`;
  }
  return `${how} × ${rateText(locale, line, card)}${factors} = ${inUnit(locale, line.amount, card)}${roundingText(locale, line, card)}`;
}

/** How a card's rounding mode reads: "up", "half up", "half even", "down". */
const MODE_WORDS = /** @type {Record<string, string>} */ ({ up: "up", half_up: "half up", half_even: "half even", down: "down" });

/**
 * Why the amount is not the figures' product, when the engine rounded it: " (exactly 30.333333…,
 * rounded up)", from the line's `exact` and the card's rounding mode; "" when exact.
 * @param {string} locale
 * @param {any} line
 * @param {any} card
 */
export function roundingText(locale, line, card) {
  if (typeof line.exact !== "string" || !line.exact) return "";
  const cut = line.exact.endsWith("…");
  const digits = cut ? line.exact.slice(0, -1) : line.exact;
  const places = (digits.split(".")[1] ?? "").length;
  const exact = new Intl.NumberFormat(locale, { minimumFractionDigits: places, maximumFractionDigits: places }).format(/** @type {any} */ (digits));
  const mode = MODE_WORDS[card.rounding?.mode] ?? String(card.rounding?.mode ?? "").replaceAll("_", " ");
  return ` (exactly ${exact}${cut ? "…" : ""}, rounded ${mode})`;
}

/**
 * One line of a job of unknown length (a `quoteRange`'s low and high lines of the same item):
 * the sentence at each end and the cost as a range, "1.5–2 credits". `null` when the ends cost
 * the same (the line reads as one sentence then) or are not the same item's.
 * @param {string} locale
 * @param {any} low the low quote's line
 * @param {any} high the high quote's line
 * @param {any} card
 * @param {any} [item] the request's item
 * @returns {{ least: string, most: string, cost: string } | null}
 */
export function lineRange(locale, low, high, card, item = undefined) {
  if (!low || !high || low.feature !== high.feature || low.amount === high.amount) return null;
  return {
    least: lineSentence(locale, low, card, item),
    most: lineSentence(locale, high, card, item),
    cost: rangeText(locale, low.amount, high.amount, card),
  };
}
