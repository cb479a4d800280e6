// Numbers in the buyer's locale, both ways. The engine speaks decimal strings;
// Intl.NumberFormat formats a decimal string exactly (no float in between), and
// `parseNumber` reads what the buyer typed back into a decimal string. Nothing
// here computes a price.
import { numberDigits } from "../boundary/digits.js";

/**
 * Intl.NumberFormat, which formats a decimal string exactly (Intl.NumberFormat v3, ES2023):
 * typed here to take the strings the engine gives, as it does.
 * @typedef {Omit<Intl.NumberFormat, "format" | "formatToParts"> & { format(value: string | number | bigint): string,
 *   formatToParts(value: string | number | bigint): Intl.NumberFormatPart[] }} DecimalFormat
 */
/** @type {Map<string, DecimalFormat>} */
const cache = new Map();
/** @returns {DecimalFormat} */
function nf(/** @type {string} */ locale, /** @type {Intl.NumberFormatOptions} */ options = {}) {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) cache.set(key, (f = /** @type {DecimalFormat} */ (/** @type {unknown} */ (new Intl.NumberFormat(locale, options)))));
  return f;
}

/** Whether each tag asked about is supported (null: not a valid tag); asked once per tag, as a render asks often. */
const supported = new Map();
function supports(/** @type {string} */ tag) {
  if (!supported.has(tag)) {
    let ok = null;
    try { ok = Intl.NumberFormat.supportedLocalesOf([tag]).length > 0; } catch { /* an invalid tag */ }
    supported.set(tag, ok);
  }
  return supported.get(tag);
}

/**
 * Loads `locale`'s number data ahead of the first price (the number and money formats).
 * @param {string} locale
 */
export function warmLocale(locale) {
  nf(locale);
  nf(locale, { style: "currency", currency: "USD" });
}

/** The locale to use: the element's `locale`, else the document's, else the browser's. */
export function resolveLocale(/** @type {string | null | undefined} */ tag) {
  const candidates = [tag, globalThis.document?.documentElement?.lang, globalThis.navigator?.language, "en-US"];
  for (const c of candidates) {
    if (!c) continue;
    const ok = supports(c);
    if (ok !== null) return ok ? c : "en-US";
  }
  return "en-US";
}

/**
 * A value the host page gave (an attribute or a property: a balance, seconds,
 * a count) as an exact decimal string, or `null` when it is not one. The
 * engine's rule for a decimal string: digits with one optional point and
 * sign, spaces around allowed; no hex (`"0x10"`), no exponent (`"1e3"`), no
 * `_`. A finite JS number is written in plain digits, exactly, by the package's one
 * number-to-digits rule (`numberDigits`: `1e-7` → `"0.0000001"`, `1.5e-21` →
 * `"0.0000000000000000000015"`); a number no decimal holds is `null`.
 * Both elements read host values with this one function.
 * @param {unknown} value
 * @returns {string | null}
 */
export function hostDecimal(value) {
  if (typeof value === "number") return numberDigits(value) ?? null;
  if (typeof value !== "string") return null;
  const t = value.trim();
  return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t) ? t : null;
}

/**
 * A decimal string in the locale with every digit it has, never rounded:
 * `"12.3456789"` → "12.3456789" (en-US) / "12,3456789" (de-DE).
 * @param {string} locale
 * @param {string} decimalString
 */
export function exactNumber(locale, decimalString) {
  const fraction = (String(decimalString).split(".")[1] ?? "").length;
  return nf(locale, { maximumFractionDigits: Math.min(100, Math.max(fraction, 0)) }).format(decimalString);
}

/** `"1500"` → "1,500" (en-US) / "1.500" (de-DE); up to 6 decimals, as given. */
export function number(/** @type {string} */ locale, /** @type {string} */ decimalString) {
  return nf(locale, { maximumFractionDigits: 6 }).format(decimalString);
}

/**
 * How many decimals to show of an exact amount so that it is never shown as
 * less than it is worth, nor a non-zero amount as zero: the currency's own
 * (`minor`, 2 for USD) when the amount has no more; a sub-cent amount with up
 * to four (`"0.004669"` → 4: "$0.0047"), more when four would show zero
 * (`"0.00002"` → 5); otherwise every digit it has (`"4.669"` → 3: "$4.669").
 * Pure: a decimal string in, a count out.
 * @param {string} decimalString
 * @param {number} minor
 * @returns {number}
 */
export function moneyDigits(decimalString, minor) {
  const [whole, fraction = ""] = String(decimalString).replace(/^[-+]/, "").split(".");
  const exact = fraction.replace(/0+$/, "").length;
  if (exact <= minor) return minor;
  const subMinor = /^0*$/.test(whole) && /^0*$/.test(fraction.slice(0, minor));
  if (!subMinor) return exact;
  const firstDigit = fraction.search(/[1-9]/) + 1;
  return Math.min(exact, Math.max(4, firstDigit));
}

/**
 * `"5.00"`, `"USD"` → "$5.00" / "5,00 $". An amount with more digits than the
 * currency's cents keeps them (a pay-as-you-go wallet is exact): `"4.669"` →
 * "$4.669", `"0.004669"` → "$0.0047", never "$0.00" (see `moneyDigits`).
 * `maxDigits` shows more than the currency's cents, for rates: `"0.0667"` → "$0.0667".
 */
export function money(/** @type {string} */ locale, /** @type {string} */ decimalString, /** @type {string} */ currency, /** @type {number | undefined} */ maxDigits = undefined) {
  if (maxDigits === undefined) {
    const minor = nf(locale, { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    const digits = moneyDigits(decimalString, minor);
    if (digits === minor) return nf(locale, { style: "currency", currency }).format(decimalString);
    return nf(locale, { style: "currency", currency, minimumFractionDigits: minor, maximumFractionDigits: digits }).format(decimalString);
  }
  return nf(locale, { style: "currency", currency, maximumFractionDigits: maxDigits }).format(decimalString);
}

const isOne = (/** @type {string | number} */ s) => /^1(\.0*)?$/.test(String(s));

/** An English unit name for a count (a number or decimal string): "1 look", "4 looks". */
export function plural(/** @type {string | number} */ n, /** @type {string} */ one) {
  return isOne(n) ? one : `${one}s`;
}

/** An amount in a card's unit: "1,500 credits", "1 credit", or "$4.50" on a USD wallet. */
export function inUnit(/** @type {string} */ locale, /** @type {string} */ decimalString, /** @type {{ unit: string, unitSingular?: string, currency: string }} */ card) {
  if (card.unit === card.currency) return money(locale, decimalString, card.currency);
  return `${number(locale, decimalString)} ${isOne(decimalString) ? card.unitSingular : card.unit}`;
}

/** Whole seconds (a decimal string or number) as minutes and seconds: "1 min 30 s", "1 Min., 30 Sek.". */
export function duration(/** @type {string} */ locale, /** @type {string | number} */ seconds) {
  const text = String(seconds);
  if (!/^\d+$/.test(text)) return `${number(locale, text)} ${unitWord(locale, "second", 2)}`;
  const total = BigInt(text);
  const h = total / 3600n, m = (total % 3600n) / 60n, s = total % 60n;
  const parts = [];
  if (h) parts.push(nf(locale, { style: "unit", unit: "hour", unitDisplay: "short" }).format(h));
  if (m) parts.push(nf(locale, { style: "unit", unit: "minute", unitDisplay: "short" }).format(m));
  if (s || !parts.length) parts.push(nf(locale, { style: "unit", unit: "second", unitDisplay: "short" }).format(s));
  return parts.join(" ");
}

/** A unit's short word in the locale, for `n` of it: "sec", "min" (en-US), "Sek.", "Min." (de-DE). */
export function unitWord(/** @type {string} */ locale, /** @type {"minute" | "second"} */ unit, /** @type {number} */ n) {
  return nf(locale, { style: "unit", unit, unitDisplay: "short" }).formatToParts(n).filter((p) => p.type === "unit").map((p) => p.value).join("");
}

/** A `YYYY-MM-DD` day as a date in the locale: "Mar 1, 2026" / "1. März 2026". */
export function day(/** @type {string} */ locale, /** @type {string} */ iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? "");
  if (!m) return iso ?? "";
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(Date.UTC(+m[1], +m[2] - 1, +m[3]));
}

/** The locale's group and decimal separators, e.g. `{ group: ".", decimal: "," }` for de-DE. */
export function separators(/** @type {string} */ locale) {
  const parts = nf(locale).formatToParts(1234567.5);
  return {
    group: parts.find((/** @type {Intl.NumberFormatPart} */ p) => p.type === "group")?.value ?? ",",
    decimal: parts.find((/** @type {Intl.NumberFormatPart} */ p) => p.type === "decimal")?.value ?? ".",
  };
}

/** An example of a number as the locale writes it, for hints: "1,500.5" / "1.500,5". */
export function example(/** @type {string} */ locale) {
  return nf(locale, { maximumFractionDigits: 1 }).format("1500.5");
}

/**
 * Reads a number typed in `locale` into a decimal string, or `null` when it is
 * not one. de-DE: "1.000" → "1000", "60,5" → "60.5"; en-US: "1,000" → "1000",
 * "60.5" → "60.5". Group separators must stand between groups of three digits,
 * so a misplaced one ("60.5" in de-DE) is refused rather than misread.
 */
export function parseNumber(/** @type {string} */ locale, /** @type {string} */ text) {
  const { group, decimal } = separators(locale);
  // Full-width digits, comma, point and minus (a Japanese or Chinese keyboard) as ASCII.
  let s = String(text ?? "").trim()
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\uFF0C/g, ",").replace(/\uFF0E/g, ".").replace(/\uFF0D/g, "-");
  if (/[\s\u00a0\u202f]/.test(group)) s = s.replace(/[\s\u00a0\u202f]/g, group);
  else if (/[\s\u00a0\u202f]/.test(s)) return null;
  let sign = "";
  if (/^[-\u2212]/.test(s)) { sign = "-"; s = s.slice(1); }
  const escape = (/** @type {string} */ c) => c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const g = escape(group), d = escape(decimal);
  const re = new RegExp(`^(\\d{1,3}(?:${g}\\d{3})+|\\d+)?(?:${d}(\\d+))?$`);
  const m = re.exec(s);
  if (!m || (!m[1] && !m[2])) return null;
  const whole = (m[1] ?? "0").split(group).join("");
  return `${sign}${whole}${m[2] ? `.${m[2]}` : ""}`;
}

/**
 * A rate card's English text with its grouped numbers in the locale's format, so a
 * buyer in de-DE reads "3,600 credits" in a product name as 3.600, not 3,6.
 * @param {string} locale
 * @param {string} text
 */
export function localText(locale, text) {
  return String(text).replace(/\b\d{1,3}(?:,\d{3})+(?:\.\d+)?\b/g, (n) => number(locale, n.replaceAll(",", "")));
}

/** An id as words for people: "photo_avatar" → "photo avatar". */
export function words(/** @type {string} */ id) {
  return String(id).replaceAll("_", " ");
}

export const isZero = (/** @type {string | number} */ s) => /^-?0*(\.0*)?$/.test(String(s));
