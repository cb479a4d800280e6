// A job of unknown length in the buyer's words: its range ("1.5–2 credits"),
// the hold a server made for it ("Held: 2 credits until 4 Dec") and the
// settlement ("Charged 1.5 credits; 0.5 released"). Pure (unit-tested in Node,
// tests/js/widget-units.test.mjs): the engine decides every amount; this
// writes them in the locale's number and date format. No pricing rule here.
import { inUnit, isZero, money, number } from "./locale.js";
import { noticeDay } from "./notice.js";

/** @typedef {{ unit: string, unitSingular?: string, currency: string }} Unit */

/**
 * A range of two amounts in a card's unit: "1.5–2 credits", "$0.50–$1.00".
 * @param {string} locale
 * @param {string} low
 * @param {string} high
 * @param {Unit} card
 */
export function rangeText(locale, low, high, card) {
  if (card.unit === card.currency) return `${money(locale, low, card.currency)}–${money(locale, high, card.currency)}`;
  return `${number(locale, low)}–${inUnit(locale, high, card)}`;
}

/**
 * Whether `q` is the high end of a job of unknown length whose low end (`low`, the range's low
 * quote) costs less: then its total reads as a range and what is left or short as at most.
 * @param {{ total: string } | null | undefined} low
 * @param {{ total: string }} q
 */
export function isRanged(low, q) {
  return !!low && low.total !== q.total;
}

/**
 * A quote's total in the card's unit, or for a job of unknown length the range from `low`'s
 * total: "2 credits", "1.5–2 credits".
 * @param {string} locale
 * @param {{ total: string }} q
 * @param {{ total: string } | null | undefined} low
 * @param {Unit} card
 */
export function totalText(locale, q, low, card) {
  return low && isRanged(low, q) ? rangeText(locale, low.total, q.total, card) : inUnit(locale, q.total, card);
}

/**
 * A hold (what `engine.hold` returned on the server): "Held: 2 credits until 4 Dec", and when
 * no lasting credits covered all of it, "(1 short)". A hold lasts through its `expiresAt`.
 * @param {string} locale
 * @param {{ credits: string, shortfall: string, expiresAt: string }} hold
 * @param {Unit} card
 * @param {boolean} [label] whether to start with "Held: " (the checkout's table has its own label)
 */
export function heldText(locale, hold, card, label = true) {
  const short = isZero(hold.shortfall) ? "" : ` (${inUnit(locale, hold.shortfall, card)} short)`;
  return `${label ? "Held: " : ""}${inUnit(locale, hold.credits, card)} until ${noticeDay(locale, hold.expiresAt, "short")}${short}`;
}

/**
 * A settlement (what `engine.settle` returned): "Charged 1.5 credits; 0.5 released", and what the
 * job cost that is billed as overage, or not charged (past a capped hold, or past a hold that was short).
 * @param {string} locale
 * @param {{ credits: string, released: string, uncharged: string, overage: string }} s
 * @param {Unit} card
 */
export function settledText(locale, s, card) {
  const parts = [`Charged ${inUnit(locale, s.credits, card)}`];
  if (!isZero(s.released)) parts.push(`${card.unit === card.currency ? money(locale, s.released, card.currency) : number(locale, s.released)} released`);
  if (!isZero(s.overage)) parts.push(`${inUnit(locale, s.overage, card)} as overage`);
  if (!isZero(s.uncharged)) parts.push(`${inUnit(locale, s.uncharged, card)} not charged`);
  return parts.join("; ");
}
