// Formatting of the engine's decimal strings. Intl.NumberFormat formats a
// string exactly (no float conversion), so nothing is recomputed here.
export const LOCALES = ["en-US", "de-DE", "ja-JP"];
let locale = "en-US";

/** Sets the locale every formatter below uses. */
export function setLocale(tag) {
  locale = LOCALES.includes(tag) ? tag : "en-US";
}

export function getLocale() {
  return locale;
}

export function money(decimalString, currency) {
  return new Intl.NumberFormat(locale, { style: "currency", currency }).format(decimalString);
}

export function number(decimalString) {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 6 }).format(decimalString);
}

/** An amount in a card's unit: "1,500 credits", or "$4.50" on a USD wallet. */
export function inUnit(decimalString, card) {
  if (card.unit === card.currency) return money(decimalString, card.currency);
  const word = /^1(\.0*)?$/.test(decimalString) ? card.unitSingular : card.unit;
  return `${number(decimalString)} ${word}`;
}

export function plural(n, one) {
  return n === 1 ? one : `${one}s`;
}

export function isZero(decimalString) {
  return /^-?0*(\.0*)?$/.test(decimalString);
}
