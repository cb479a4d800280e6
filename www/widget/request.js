// What the buyer typed → the engine's quote request: pure, no element and no
// engine (unit-tested in Node, tests/js/widget-units.test.mjs). A number that
// cannot be read in the locale is a field error the engine never sees.
import { example, hostDecimal, parseNumber } from "./locale.js";
import { parseLength } from "./length.js";
import { lengthHint, unreadable } from "./messages.js";

/**
 * @typedef {import("./rows.js").Row} Row
 * @typedef {{ field: string, code: string, message: string, text: string }} FieldError
 */

/**
 * The quote request from the checkout's rows and fields, or the first field
 * that cannot be read (`local`). `at` (the day priced) goes in when given: the
 * caller gives it with grants, or for a price book. Refused rows are left out;
 * `rowOf[k]` is the row of the request's item `k`.
 * @param {{ rows: Row[], card: any, planId: string, locale: string, balanceText?: string | null,
 *           grants?: object[] | null, at?: string, maxSeconds?: unknown }} input
 * @returns {{ request: any, rowOf: number[], local?: undefined } | { local: FieldError, request?: undefined, rowOf?: undefined }}
 */
export function buildRequest({ rows, card, planId, locale, balanceText, grants, at, maxSeconds }) {
  const items = [];
  /** @type {number[]} */
  const rowOf = [];
  /** @type {Record<string, string>} */
  const usage = {};
  for (const [i, row] of rows.entries()) {
    if (row.refused) continue; // shown on its row, never priced
    rowOf.push(i);
    const f = card.features[row.feature];
    const key = f.input === "seconds" ? "seconds" : "quantity";
    // A length is seconds, minutes or m:ss (length.js); a count, a number.
    const value = key === "seconds" ? parseLength(locale, row.text, row.unit ?? "s") : parseNumber(locale, row.text);
    if (value === null) return { local: { field: `items.${i}.${key}`, code: "invalid_request", message: `items[${i}].${key}: not a ${key === "seconds" ? "length" : "number"} in ${locale}: ${row.text}`, text: key === "seconds" ? lengthHint(locale) : unreadable(locale, "how many") } };
    items.push({ feature: row.feature, [key]: value, ...(key === "seconds" ? mostOf(maxSeconds) : {}), options: row.options });
    if (row.used.trim() && !(row.feature in usage)) {
      const used = parseNumber(locale, row.used);
      if (used === null) return { local: { field: `items.${i}.used`, code: "invalid_request", message: `periodUsage.${row.feature}: not a number`, text: unreadable(locale, "the usage so far") } };
      usage[row.feature] = used;
    }
  }
  let balance;
  if (!Array.isArray(grants) && balanceText?.trim()) {
    balance = parseNumber(locale, balanceText);
    if (balance === null) return { local: { field: "balance", code: "invalid_request", message: `balance: not a number in ${locale}`, text: `Enter your balance as a number, like ${example(locale)}.` } };
  }
  const request = wallet({ plan: planId, items }, { grants, balance, at });
  if (Object.keys(usage).length) request.periodUsage = usage;
  return { request, rowOf };
}

/**
 * The request's wallet and day, the one rule of both elements: `grants` (with the day given)
 * in place of a balance; else the balance (a decimal string) when given; `at` when given.
 * @param {{ plan?: string, items: object[] }} base
 * @param {{ grants?: object[] | null, balance?: string, at?: string }} wallet
 * @returns {any}
 */
function wallet(base, { grants, balance, at }) {
  /** @type {any} */
  const request = { ...base };
  if (Array.isArray(grants)) request.grants = grants;
  else if (balance !== undefined) request.balance = balance;
  if (at) request.at = at;
  return request;
}

/**
 * The host's `max-seconds` as an item's `{ maxSeconds }` (a decimal string, read exactly), or
 * nothing when not given; a value that is no decimal goes as written, for the engine to refuse.
 * @param {unknown} maxSeconds
 */
function mostOf(maxSeconds) {
  if (maxSeconds === undefined || maxSeconds === null || maxSeconds === "") return {};
  return { maxSeconds: hostDecimal(maxSeconds) ?? String(maxSeconds) };
}

/**
 * `<ratecard-cost>`'s request from the host's own values (its `items` as given, its `balance`
 * read exactly by `hostDecimal`: `"0x10"` or `"1e3"` is refused), or the field that cannot be
 * read (`local`). `at` is the day priced: the host's with grants, else (a price book) today.
 * @param {{ planId?: string, items: object[], balance?: unknown, grants?: object[] | null, at?: string, maxSeconds?: unknown }} input
 * @returns {{ request: any, local?: undefined } | { local: { field: string, path: string[], code: string, message: string }, request: any }}
 */
export function hostRequest({ planId, items, balance, grants, at, maxSeconds }) {
  const exact = !Array.isArray(grants) && balance ? hostDecimal(balance) : undefined;
  // `max-seconds`: the most each item given in seconds may run (an item's own maxSeconds wins).
  const most = mostOf(maxSeconds);
  const ranged = most.maxSeconds === undefined ? items
    : items.map((/** @type {any} */ i) => (i && typeof i === "object" && i.seconds !== undefined && i.maxSeconds === undefined ? { ...i, ...most } : i));
  const request = wallet({ plan: planId, items: ranged }, { grants, balance: exact ?? undefined, at });
  if (exact === null) {
    return { request, local: { field: "balance", path: ["balance"], code: "invalid_request", message: `balance: expected a decimal string, got "${String(balance).slice(0, 40)}"` } };
  }
  return { request };
}
