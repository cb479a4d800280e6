// A JS number as the exact decimal digits of its shortest form: the one
// number-to-digits rule of the package, used by the request writer (both
// modules) and by the widget's reading of host values. Pure.

/**
 * `v` in plain digits, exactly: JS's shortest form with the exponent moved into the point
 * (`1.5e-21` → `"0.0000000000000000000015"`, `1e21` → `"1000000000000000000000"`,
 * `0.1` → `"0.1"`); undefined for a number no decimal holds (past 28 decimal places or
 * 29 digits) or that is not finite.
 * @param {number} v
 * @returns {string | undefined}
 */
export function numberDigits(v) {
  if (!Number.isFinite(v)) return undefined;
  const text = String(v);
  if (!text.includes("e")) return text;
  const [m, e] = String(Math.abs(v)).split("e");
  const exp = Number(e);
  const [int, frac = ""] = m.split(".");
  const digits = `${int}${frac}`;
  const point = int.length + exp;
  const sign = v < 0 ? "-" : "";
  if (exp > 0) return point > 29 ? undefined : `${sign}${digits}${"0".repeat(point - digits.length)}`;
  return digits.length - point > 28 ? undefined : `${sign}0.${"0".repeat(-point)}${digits}`;
}
