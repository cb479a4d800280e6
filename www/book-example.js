// The demo page's example price book: the card on screen and a made-up next
// version, labelled as such, its prices raised exactly (no float). Pure (no
// DOM, no engine, no widget): unit-tested in Node.

/**
 * `YYYY-MM-DD` `days` after `iso` (a calendar day: no time zone involved).
 * @param {string} iso
 * @param {number} days
 */
export function plusDays(iso, days) {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * A decimal string × 1.25, exactly, rounded half up to its own places ("20" → "25",
 * "149.00" → "186.25"): integer arithmetic on the digits, no float.
 * @param {string} d
 */
export function raiseByAQuarter(d) {
  const [int, frac = ""] = d.split(".");
  const q = (BigInt(`${int}${frac}`) * 125n + 50n) / 100n;
  const digits = q.toString().padStart(frac.length + 1, "0");
  return frac ? `${digits.slice(0, -frac.length)}.${digits.slice(-frac.length)}` : digits;
}

/**
 * `card` and a made-up next version taking effect `today` + 14 days: the rate of `feature`
 * (else the first feature with one) and the price of `plan` (else the first priced plan) up
 * by a quarter; both named as an example, not a real price.
 * @param {any} card
 * @param {{ feature?: string, plan?: string, today: string }} focus
 */
export function exampleBook(card, { feature, plan, today }) {
  const now = structuredClone(card);
  delete now.effectiveFrom;
  now.name = `${card.name} (example price book)`;
  const next = { ...structuredClone(now), version: `${now.version}-example`, effectiveFrom: plusDays(today, 14) };
  const f = [feature && next.features[feature], ...Object.values(next.features)].find((x) => x?.rate);
  if (f) f.rate = raiseByAQuarter(f.rate);
  const p = [plan && next.plans[plan], ...Object.values(next.plans)].find((x) => x?.price && !/^0*(\.0*)?$/.test(x.price));
  if (p) p.price = raiseByAQuarter(p.price);
  return [now, next];
}
