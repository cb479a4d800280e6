// Unit tests of the widget's number formatting (www/widget/locale.js, pure):
// an exact wallet amount is never shown as less than it is, nor a non-zero
// amount as zero.
import { test } from "node:test";
import assert from "node:assert/strict";
import { money, moneyDigits } from "../../www/widget/locale.js";

test("moneyDigits: cents as cents, sub-cent to four places (more if four show zero), else every digit", () => {
  assert.equal(moneyDigits("5.00", 2), 2);
  assert.equal(moneyDigits("5", 2), 2);
  assert.equal(moneyDigits("4.669", 2), 3);
  assert.equal(moneyDigits("4.002", 2), 3);
  assert.equal(moneyDigits("0.004669", 2), 4);
  assert.equal(moneyDigits("0.04669", 2), 5);
  assert.equal(moneyDigits("0.00002", 2), 5);
  assert.equal(moneyDigits("-0.004669", 2), 4);
  assert.equal(moneyDigits("4.985993", 2), 6);
});

test("money: pay-as-you-go amounts in the locale, never $0.00 for a non-zero amount", () => {
  assert.equal(money("en-US", "4.669", "USD"), "$4.669");
  assert.equal(money("en-US", "0.004669", "USD"), "$0.0047");
  assert.equal(money("en-US", "4.002", "USD"), "$4.002");
  assert.equal(money("en-US", "5.00", "USD"), "$5.00");
  assert.equal(money("en-US", "1500", "USD"), "$1,500.00");
  assert.equal(money("de-DE", "0.004669", "USD").replace(/\s/g, " "), "0,0047 $");
  assert.equal(money("de-DE", "4.669", "USD").replace(/\s/g, " "), "4,669 $");
  assert.equal(money("en-US", "0.0667", "USD", 4), "$0.0667");
});

test("hostDecimal: a host value read exactly by the engine's rule, anything else refused", async () => {
  const { hostDecimal, exactNumber } = await import("../../www/widget/locale.js");
  assert.equal(hostDecimal("12.3456789"), "12.3456789");
  assert.equal(hostDecimal(" 60 "), "60");
  assert.equal(hostDecimal("90.0000001"), "90.0000001");
  assert.equal(hostDecimal(90), "90");
  assert.equal(hostDecimal(1e-7), "0.0000001");
  // One number-to-digits rule with the request writer (www/boundary/digits.js): exact, never "0" for a tiny amount.
  assert.equal(hostDecimal(1.5e-21), "0.0000000000000000000015");
  assert.equal(hostDecimal(1e21), "1000000000000000000000");
  assert.equal(hostDecimal(-2.5e-7), "-0.00000025");
  assert.equal(hostDecimal(1e300), null);
  for (const bad of ["0x10", "1e3", "1_000", "", "abc", "1,5", Number.NaN, Infinity, null, undefined, {}, true]) {
    assert.equal(hostDecimal(bad), null, String(bad));
  }
  assert.equal(exactNumber("en-US", "12.3456789"), "12.3456789");
  assert.equal(exactNumber("de-DE", "1500.25"), "1.500,25");
  assert.equal(exactNumber("en-US", "90.0000001"), "90.0000001");
});

test("parseLength: seconds, minutes or m:ss, exactly, in the buyer's locale", async () => {
  const { parseLength, lengthEcho } = await import("../../www/widget/length.js");
  const { duration } = await import("../../www/widget/locale.js");
  const cases = [
    ["en-US", "90", "s", "90"], ["en-US", "3", "min", "180"], ["en-US", "3 min", "s", "180"], ["en-US", "3m", "s", "180"],
    ["en-US", "2.5 minutes", "s", "150"], ["en-US", "90 s", "min", "90"], ["en-US", "2:30", "s", "150"], ["en-US", "1:02:03", "min", "3723"],
    ["en-US", "0:30.5", "s", "30.5"], ["en-US", "1 h", "s", "3600"], ["en-US", "0.1", "min", "6"], ["en-US", "1,500", "s", "1500"],
    ["de-DE", "1,5 Min.", "s", "90"], ["de-DE", "0:30,5", "s", "30.5"], ["de-DE", "3", "min", "180"], ["de-DE", "45 Sek.", "s", "45"],
    ["de-DE", "2,5", "min", "150"],
  ];
  for (const [locale, text, unit, seconds] of cases) assert.equal(parseLength(locale, text, /** @type {"s" | "min"} */ (unit)), seconds, `${locale} ${text} (${unit})`);
  for (const bad of ["", "abc", "3 parsecs", "2:60", "1:60:00", "2:", ":30", "1:2:3:4", "-1:30", "2:-5", "3 min 20"]) {
    assert.equal(parseLength("en-US", bad, "s"), null, JSON.stringify(bad));
  }
  assert.equal(lengthEcho("en-US", "3", "min", "180", duration), "3 min = 180 sec");
  assert.equal(lengthEcho("en-US", "2:30", "s", "150", duration), "2:30 = 150 sec");
  assert.equal(lengthEcho("en-US", "90", "s", "90", duration), "90 sec = 1 min 30 sec");
  assert.equal(lengthEcho("en-US", "45", "s", "45", duration), "45 sec");
  assert.equal(lengthEcho("de-DE", "3", "min", "180", duration), "3 Min. = 180 Sek.");
});

test("a rounded line says so: the figures shown and the exact amount, rounded by the card's mode, in the locale", async () => {
  const { lineSentence, roundingText } = await import("../../www/widget/lines.js");
  const { readFileSync } = await import("node:fs");
  const card = JSON.parse(readFileSync(new URL("../../presets/heygen-credits.json", import.meta.url), "utf8"));
  // 91 s of Avatar IV at 20 credits a minute: 30.333… credits, 30.34 rounded up (the card's rounding: up, 2 places).
  const line = { feature: "avatar_iv", amount: "30.34", billed: "91", included: "0", units: "91", rate: "20", per: "minute", multiplier: "1", exact: "30.333333…" };
  assert.equal(lineSentence("en-US", line, card), "1 min 31 sec × 20 credits/min = 30.34 credits (exactly 30.333333…, rounded up)");
  assert.equal(roundingText("de-DE", line, card), " (exactly 30,333333…, rounded up)");
  assert.equal(roundingText("en-US", { ...line, exact: "1234.5" }, { rounding: { mode: "half_even", dp: 0 } }), " (exactly 1,234.5, rounded half even)");
  assert.equal(roundingText("en-US", { ...line, exact: undefined }, card), "");
});
