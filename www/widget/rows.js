// The checkout's editable rows: what the host gave or the buyer typed, as text
// in the buyer's locale. Pure (no element, no engine; unit-tested in Node,
// tests/js/widget-units.test.mjs). No pricing rule: a row is what is typed.
import { exactNumber, hostDecimal, number, parseNumber } from "./locale.js";
import { unknownFeature } from "./messages.js";


/**
 * @typedef {{ feature: string, text: string, options: Record<string, unknown>, used: string, unit?: import("./length.js").LengthUnit,
 *   refused?: string }} Row
 *   `text` as typed; `unit`: what a bare number in a length means (seconds unless "min"); `refused`: the
 *   plain words of why the host's item cannot be priced (its feature is not on the card), shown on
 *   its row with its remove button; a refused row is left out of the request.
 * @typedef {{ field: string, code: string, message: string, text: string }} HostError
 */

/**
 * A number the host gave, as the buyer would type it: exact, in the locale; a value that is
 * no decimal (`"0x10"`, `"1e3"`) stays as given, so the field shows it refused in plain words.
 * @param {string} locale
 * @param {unknown} value
 * @returns {string}
 */
export function hostText(locale, value) {
  if (value == null || value === "") return "";
  const d = hostDecimal(value);
  return d === null ? String(value) : exactNumber(locale, d);
}

/**
 * The card's feature ids, the plan's own first.
 * @param {any} card
 * @param {string} planId
 * @returns {string[]}
 */
export function featuresOf(card, planId) {
  const allowed = card.plans[planId]?.features;
  const ids = Object.keys(card.features);
  return allowed && allowed.length ? ids.filter((id) => allowed.includes(id)).concat(ids.filter((id) => !allowed.includes(id))) : ids;
}

/**
 * A new row for `feature`, with a valid choice for every required option, so it opens on a price:
 * the feature's minimum, else 60 seconds or 1 unit, unless `text` is given.
 * @param {any} card
 * @param {string} feature
 * @param {string} locale
 * @param {string} [text]
 * @returns {Row}
 */
export function newRow(card, feature, locale, text) {
  const f = card.features[feature];
  /** @type {Record<string, unknown>} */
  const options = {};
  for (const [key, def] of Object.entries(f.options ?? {})) {
    if (def.type === "enum" && def.default === undefined && key !== "resolution") options[key] = def.values.find((/** @type {string} */ v) => !def.unavailable?.[v]) ?? def.values[0];
    if (def.type === "boolean" && def.gate) options[key] = true;
  }
  const min = f.min !== undefined ? String(f.min) : undefined;
  return { feature, text: text ?? number(locale, min ?? (f.input === "seconds" ? "60" : "1")), options, used: "" };
}

/**
 * Host items (`{ feature, seconds | quantity, options }`) → editable rows, numbers in the
 * locale; no items → one row of the plan's first feature. Refused visibly, never dropped or
 * worked through: an item the card cannot price (a row with `refused`, which the buyer can
 * remove; the others price), or more items than a quote may have (`hostError`, and no rows).
 * @param {unknown} items
 * @param {any} card
 * @param {string} planId
 * @param {string} locale
 * @param {number} maxItems the most items one quote may have (the engine's `limits().maxItems`)
 * @returns {{ rows: Row[], hostError: HostError | null }}
 */
export function rowsFrom(items, card, planId, locale, maxItems) {
  const given = Array.isArray(items) ? items : [];
  if (given.length > maxItems) {
    return { rows: [], hostError: { field: "items", code: "invalid_request", message: `items: at most ${maxItems} items, got ${given.length}`, text: "Too many items to price at once." } };
  }
  if (given.length) {
    // An item the card lacks is a refused row of its own (never dropped, never priced); the rest price.
    const rows = given.map((it) => {
      const row = { feature: String(it?.feature ?? ""), text: hostText(locale, it?.seconds ?? it?.quantity), options: { ...(it?.options ?? {}) }, used: "" };
      return it && typeof it.feature === "string" && Object.hasOwn(card.features, it.feature) ? row : { ...row, refused: unknownFeature(row.feature) };
    });
    return { rows, hostError: null };
  }
  const first = featuresOf(card, planId)[0];
  return { rows: first ? [newRow(card, first, locale)] : [], hostError: null };
}

/**
 * A typed number re-written from one locale's format to another's; text that does not
 * read as a number stays as typed.
 * @param {string} from
 * @param {string} to
 * @param {string | null | undefined} text
 */
export function relocale(from, to, text) {
  const value = parseNumber(from, text ?? "");
  return value === null ? text : exactNumber(to, value);
}

/**
 * Rows from a share link's settings, keeping only those of features on `card`.
 * @param {unknown} rows
 * @param {any} card
 * @returns {Row[]}
 */
export function rowsFromSettings(rows, card) {
  if (!Array.isArray(rows)) return [];
  return rows.filter((r) => r && typeof r === "object" && Object.hasOwn(card.features, r.feature)).map((r) => ({
    feature: r.feature, text: String(r.text ?? ""), used: String(r.used ?? ""),
    options: r.options && typeof r.options === "object" ? r.options : {}, ...(r.unit === "min" ? { unit: "min" } : {}),
  }));
}

/**
 * An error's field with the request's item index turned into the row's: `items.1.seconds` →
 * `items.2.seconds` when row 1 is refused (left out of the request).
 * @param {string} field
 * @param {number[]} rowOf
 */
export function rowField(field, rowOf) {
  const m = /^items\.(\d+)(\..*)?$/.exec(field);
  return m && rowOf[Number(m[1])] !== undefined ? `items.${rowOf[Number(m[1])]}${m[2] ?? ""}` : field;
}
