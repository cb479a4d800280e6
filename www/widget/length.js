// A video's length as the buyer types it: seconds ("90"), minutes ("3 min", or a bare
// number with the minutes unit picked), or minutes and seconds ("2:30", "1:02:03"), read
// exactly into whole-or-decimal seconds (a decimal string; no float), and said back
// ("3 min = 180 sec"), so that "3" never quietly prices 3 seconds. Pure; no pricing rule:
// the engine rounds the seconds by the card's increment.
import { number, parseNumber, unitWord } from "./locale.js";

/** @typedef {"s" | "min"} LengthUnit What a bare number means: seconds or minutes. */

/** The units a typed word names, in the languages the widget formats (English, German, French, Spanish). */
const WORDS = /** @type {const} */ ([
  [/^(s|sec|secs|second|seconds|sek|sekunde|sekunden|seg|segundo|segundos|seconde|secondes)\.?$/i, 1n],
  [/^(m|min|mins|minute|minutes|minuten|minuto|minutos)\.?$/i, 60n],
  [/^(h|hr|hrs|hour|hours|std|stunde|stunden|hora|horas|heure|heures)\.?$/i, 3600n],
]);

/**
 * `decimal × factor` exactly, as a decimal string (BigInt digits, no float).
 * @param {string} decimal a decimal string as `parseNumber` gives it
 * @param {bigint} factor
 */
function times(decimal, factor) {
  const negative = decimal.startsWith("-");
  const [int, frac = ""] = (negative ? decimal.slice(1) : decimal).split(".");
  const digits = (BigInt(`${int}${frac}`) * factor).toString().padStart(frac.length + 1, "0");
  const whole = digits.slice(0, digits.length - frac.length);
  const rest = frac.length ? digits.slice(digits.length - frac.length).replace(/0+$/, "") : "";
  return `${negative ? "-" : ""}${whole}${rest ? `.${rest}` : ""}`;
}

/**
 * `a + b` of two non-negative decimal strings, exactly.
 * @param {string} a
 * @param {string} b
 */
function plus(a, b) {
  const [ai, af = ""] = a.split("."), [bi, bf = ""] = b.split(".");
  const n = Math.max(af.length, bf.length);
  const digits = (BigInt(`${ai}${af.padEnd(n, "0")}`) + BigInt(`${bi}${bf.padEnd(n, "0")}`)).toString().padStart(n + 1, "0");
  const frac = digits.slice(digits.length - n).replace(/0+$/, "");
  return `${digits.slice(0, digits.length - n)}${frac ? `.${frac}` : ""}`;
}

/**
 * Reads a typed length into seconds, or null when it is not one.
 * - a number in the locale: in `unit` (`"90"` → `"90"`; with `"min"`, `"3"` → `"180"`);
 * - a number and a unit word: `"3 min"`, `"3m"`, `"90 s"`, `"1,5 Min."` (de-DE) → `"90"`;
 * - minutes and seconds: `"2:30"` → `"150"`, hours too: `"1:02:03"` → `"3723"` (the last part
 *   may have decimals in the locale: `"0:30,5"` in de-DE → `"30.5"`; the others are whole and
 *   each after the first is below 60).
 * @param {string} locale
 * @param {string} text
 * @param {LengthUnit} [unit]
 * @returns {string | null} seconds, a decimal string
 */
export function parseLength(locale, text, unit = "s") {
  const s = String(text ?? "").trim();
  if (s.includes(":")) return clock(locale, s);
  const m = /^(.*?)\s*([A-Za-z\u00c0-\u024f]+\.?)$/.exec(s);
  if (m && m[1]) {
    const factor = WORDS.find(([re]) => re.test(m[2]))?.[1];
    const value = factor ? parseNumber(locale, m[1]) : null;
    return value === null || factor === undefined ? null : times(value, factor);
  }
  const value = parseNumber(locale, s);
  return value === null ? null : unit === "min" ? times(value, 60n) : value;
}

/**
 * `h:mm:ss` or `m:ss` into seconds, or null.
 * @param {string} locale
 * @param {string} s
 */
function clock(locale, s) {
  const parts = s.split(":");
  if (parts.length > 3 || parts.some((p) => p.trim() === "")) return null;
  const last = parseNumber(locale, /** @type {string} */ (parts.pop()).trim());
  if (last === null || last.startsWith("-") || !(Number(last) < 60)) return null;
  let total = "0";
  for (const [i, p] of parts.entries()) {
    if (!/^\d+$/.test(p.trim()) || (i > 0 && Number(p) >= 60)) return null;
    total = times(plus(total, p.trim()), 60n);
  }
  return plus(total, last);
}

/**
 * The length said back: what was typed, in its unit, and the seconds priced when they differ in
 * form ("3 min = 180 sec", "2:30 = 150 sec", "90 sec = 1 min 30 sec"); for a bare number of
 * seconds under a minute, the seconds alone ("45 sec").
 * @param {string} locale
 * @param {string} text what was typed
 * @param {LengthUnit} unit
 * @param {string} seconds `parseLength`'s answer
 * @param {(locale: string, seconds: string) => string} duration the locale's minutes and seconds
 */
export function lengthEcho(locale, text, unit, seconds, duration) {
  const sec = unitText(locale, seconds, "second");
  const bare = parseNumber(locale, text) !== null;
  if (bare && unit === "min") return `${unitText(locale, /** @type {string} */ (parseNumber(locale, text)), "minute")} = ${sec}`;
  if (bare) {
    const long = duration(locale, seconds);
    return long === sec ? sec : `${sec} = ${long}`;
  }
  return `${String(text).trim()} = ${sec}`;
}

/**
 * A decimal string with its unit, short: "180 sec", "3 min" (en-US), "180 Sek." (de-DE).
 * @param {string} locale
 * @param {string} value
 * @param {"second" | "minute"} unit
 */
function unitText(locale, value, unit) {
  return `${number(locale, value)} ${unitWord(locale, unit, 2)}`;
}
