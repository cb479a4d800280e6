// A price book's coming change in the buyer's words and number format:
// "From 1 January 2027: Avatar IV costs 25 credits a minute (now 20)". Pure
// (unit-tested in Node, tests/js/widget-units.test.mjs): the engine decides
// whether and what changes (`engine.upcoming(day)`, within 30 days) and gives
// each change's parts (subject, field, before, after, unit, per, period); this
// writes them as sentences. No pricing rule, and no reading of the card, here.
import { money, number } from "./locale.js";

/**
 * A change as the engine gives it: its path as segments, what it belongs to, which field,
 * the values and what they count. See the crate's `book::Change`.
 * @typedef {{ kind: "added" | "removed" | "changed", path: string, segments: (string | number)[],
 *   subject?: { kind: "feature" | "plan" | "product", id: string }, name: string, field: string,
 *   before?: unknown, after?: unknown, unit?: string, per?: string, period?: string, source?: string }} PriceChange
 * @typedef {{ from: string, version: string, effectiveFrom: string, changes: PriceChange[] }} PriceUpcoming
 */

/** Today's local date, `YYYY-MM-DD`: the day a price book prices when the host gives none. */
export function localDay(now = new Date()) {
  const two = (/** @type {number} */ n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
}

/**
 * A `YYYY-MM-DD` day in the locale, long ("1 January 2027", "1. Januar 2027") or short ("Jan 1", "1. Jan.").
 * @param {string} locale
 * @param {string} iso
 * @param {"long" | "short"} [style]
 */
export function noticeDay(locale, iso, style = "long") {
  const [y, m, d] = iso.split("-").map(Number);
  /** @type {Intl.DateTimeFormatOptions} */
  const options = style === "long" ? { day: "numeric", month: "long", year: "numeric" } : { day: "numeric", month: "short" };
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, d)));
}

const text = (/** @type {unknown} */ v) => (typeof v === "string" ? v : v === undefined || v === null ? "" : JSON.stringify(v));

/**
 * One change as a sentence in the buyer's number format, from its parts alone: "Avatar IV
 * costs 25 credits a minute (now 20)", "Business costs $159.00 a month (now $149.00)",
 * "Avatar V is added", "Avatar III is no longer offered".
 * @param {string} locale
 * @param {PriceChange} change
 */
export function changeSentence(locale, change) {
  const { kind, name, field, unit, per, period } = change;
  if (kind === "added" && !field) return `${name} is added`;
  if (kind === "removed" && !field) return `${name} is no longer offered`;
  const [before, after] = [text(change.before), text(change.after)];
  const every = period ? ` a ${period}` : "";
  if (per && unit) return `${name} costs ${number(locale, after)} ${unit} a ${per} (now ${number(locale, before)})`;
  if (field === "included" && unit) return `${name} includes ${number(locale, after)} ${unit}${every} (now ${number(locale, before)})`;
  if (unit && before && after) return `${name} costs ${money(locale, after, unit)}${every} (now ${money(locale, before, unit)})`;
  return `${name}: ${field} changes${before && after ? ` from ${before} to ${after}` : ""}`;
}

/**
 * The notice's sentences: the changes to what the buyer is pricing (the plan and
 * the features in the cart) first, at most `max` in all.
 * @param {string} locale
 * @param {PriceUpcoming} upcoming
 * @param {{ plan?: string, features?: string[], max?: number }} [focus]
 * @returns {string[]}
 */
export function noticeSentences(locale, upcoming, { plan, features = [], max = 3 } = {}) {
  /** @param {PriceChange} c */
  const mine = ({ subject: s }) => !!s && ((s.kind === "plan" && s.id === plan) || (s.kind === "feature" && features.includes(s.id)));
  const ordered = [...upcoming.changes.filter(mine), ...upcoming.changes.filter((c) => !mine(c))];
  return ordered.slice(0, max).map((c) => changeSentence(locale, c));
}
