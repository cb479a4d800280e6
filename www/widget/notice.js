// A price book's coming change in the buyer's words and number format:
// "From 1 January 2027: Avatar IV costs 25 credits a minute (now 20)". Pure
// (unit-tested in Node, tests/js/widget-units.test.mjs): the engine decides
// whether and what changes (`engine.upcoming(day)`, within 30 days); this
// writes its parts as sentences. No pricing rule here.
import { money, number } from "./locale.js";

/**
 * @typedef {{ kind: "added" | "removed" | "changed", path: string, name: string, before?: unknown, after?: unknown, source?: string }} PriceChange
 * @typedef {{ from: string, version: string, effectiveFrom: string, changes: PriceChange[] }} PriceUpcoming
 */

/** Today's local date, `YYYY-MM-DD`: the day a price book prices when the host gives none. */
export function localDay(now = new Date()) {
  const two = (n) => String(n).padStart(2, "0");
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

const text = (v) => (typeof v === "string" ? v : v === undefined || v === null ? "" : JSON.stringify(v));

/** The object at a change's path in `card` (e.g. the rate rule of `features.x.rates[1].rate`). */
function holder(card, path) {
  const steps = path.replace(/\[(\d+)\]/g, ".$1").split(".");
  steps.pop();
  return steps.reduce((at, k) => (at == null ? at : at[k]), card);
}

/**
 * One change as a sentence in the buyer's number format, from its parts and the
 * newer card: "Avatar IV costs 25 credits a minute (now 20)", "Business costs
 * $159.00 a month (now $149.00)", "Avatar V is added", "Avatar III is no longer offered".
 * @param {string} locale
 * @param {PriceChange} change
 * @param {any} card the version the change takes effect in
 */
export function changeSentence(locale, change, card) {
  const last = change.path.split(/[.[\]]/).filter(Boolean).pop();
  const top = change.path.split(".").length === 2;
  if (change.kind === "added" && top) return `${change.name} is added`;
  if (change.kind === "removed" && top) return `${change.name} is no longer offered`;
  const at = holder(card, change.path) ?? {};
  const [before, after] = [text(change.before), text(change.after)];
  if (last === "rate" && change.path.startsWith("features.")) {
    return `${change.name} costs ${number(locale, after)} ${card.unit} a ${at.per ?? "unit"} (now ${number(locale, before)})`;
  }
  if (last === "price" || last === "annualPrice") {
    const per = last === "annualPrice" ? " a year" : at.period && at.period !== "once" ? ` a ${at.period}` : "";
    return `${change.name} costs ${money(locale, after, card.currency)}${per} (now ${money(locale, before, card.currency)})`;
  }
  if (last === "included") return `${change.name} includes ${number(locale, after)} ${card.unit} (now ${number(locale, before)})`;
  return `${change.name}: ${last} changes${before && after ? ` from ${before} to ${after}` : ""}`;
}

/**
 * The notice's sentences: the changes to what the buyer is pricing (the plan and
 * the features in the cart) first, at most `max` in all.
 * @param {string} locale
 * @param {PriceUpcoming} upcoming
 * @param {any} card the version the change takes effect in
 * @param {{ plan?: string, features?: string[], max?: number }} [focus]
 * @returns {string[]}
 */
export function noticeSentences(locale, upcoming, card, { plan, features = [], max = 3 } = {}) {
  const mine = (c) => (plan && c.path.startsWith(`plans.${plan}.`)) || features.some((f) => c.path.startsWith(`features.${f}.`) || c.path === `features.${f}`);
  const ordered = [...upcoming.changes.filter(mine), ...upcoming.changes.filter((c) => !mine(c))];
  return ordered.slice(0, max).map((c) => changeSentence(locale, c, card));
}
