// The buy panel's model: which product, how many, what it costs and what to
// say about it, from the quote and what the buyer typed. Pure: the engine's
// `buyPacks` comes in as a function (unit-tested in Node).
import { inUnit, money, number, parseNumber, plural } from "./locale.js";
import { plainWords } from "./messages.js";

/**
 * @param {{ q: any, card: any, plan: any, planId: string, locale: string, billing?: string | null,
 *           qtyText?: string | null, seatsText?: string, buyPacks: (request: object) => any,
 *           limits?: { maxQuantity: number } | null }} input the engine's `limits()` among them
 * @returns {null | { periods: string[], period: string, productId: string, product: any, renewal: boolean,
 *           qtyText: string, qty: number | null, p: any, err: string | null, seatsErr: string | null,
 *           total: string, detail: string, option: any }}
 */
export function buyModel({ q, card, plan, planId, locale, billing, qtyText, seatsText, buyPacks, limits }) {
  const ids = plan.products ?? [];
  if (!ids.length) return null;
  const periods = [...new Set(ids.map((/** @type {string} */ id) => card.products[id].period))];
  const period = billing && periods.includes(billing) ? billing : periods[0];
  const productId = ids.find((/** @type {string} */ id) => card.products[id].period === period);
  const product = card.products[productId];
  const suggested = q?.purchase.find((/** @type {any} */ o) => o.product === productId);
  const renewal = product.kind === "renewal";
  const text = renewal ? "1" : qtyText ?? number(locale, String(suggested?.quantity ?? 1));
  const qtyValue = parseNumber(locale, text);
  const whole = qtyValue !== null && /^\d+$/.test(qtyValue) && !/^0+$/.test(qtyValue);
  const qty = whole && qtyValue.length <= 15 ? Number(qtyValue) : null;
  const unit = product.unitName;
  // The engine's limit on one purchase (`limits().maxQuantity`), said as such: not "greater than zero".
  const most = limits?.maxQuantity;
  const tooMany = most ? `At most ${number(locale, String(most))} ${plural(2, unit)} at once.` : `Too many ${plural(2, unit)} at once.`;
  let p = null, err = null, seatsErr = null;
  if (!whole) err = `Enter a whole number of ${plural(2, unit)}, 1 or more.`;
  else if (qty === null) err = tooMany;
  else {
    const seats = product.perSeat ? parseNumber(locale, seatsText ?? "") : undefined;
    if (product.perSeat && (seats === null || seats === undefined || !/^\d+$/.test(seats) || seats === "0")) seatsErr = "Enter a whole number of seats, 1 or more.";
    else {
      try {
        p = buyPacks({ plan: planId, quantity: qty, billing: product.period, ...(product.perSeat ? { seats } : {}) });
      } catch (/** @type {any} */ e) {
        err = e?.code === "invalid_quantity" && e?.path?.[0] === "quantity" ? tooMany : plainWords(e, ["quantity"], { locale, card, planId, limits });
      }
    }
  }
  const every = p && p.period !== "once" ? ` a ${p.period}` : "";
  const seats = p?.seats !== undefined ? ` × ${number(locale, String(p.seats))} ${plural(Number(p.seats), "seat")}` : "";
  const total = !p ? "" : renewal ? `Renew ${plan.name} now — ${money(locale, p.price, p.currency)}`
    : product.kind === "top_up" ? `Top up ${money(locale, p.price, p.currency)}`
    : `Buy ${number(locale, String(qty))} ${plural(qty ?? 0, unit)}${seats} — ${money(locale, p.price, p.currency)}${every}`;
  const cover = !suggested || !p ? "" : (qty ?? 0) >= suggested.quantity ? " — covers the shortfall" : ` — not enough: ${number(locale, String(suggested.quantity))} needed`;
  const charge = p && p.period !== "once" && !renewal ? ` (a new ${p.period}ly add-on charge)` : "";
  const renewNote = renewal ? ` This replaces your current ${plan.name} month: a new ${plan.period} starts today.` : "";
  const detail = p ? `adds ${inUnit(locale, p.credits, card)}${charge}${cover}.${renewNote}` : "";
  const option = p && { kind: product.kind, product: productId, name: p.name, quantity: p.quantity, credits: p.credits, price: p.price, currency: p.currency, period: p.period, ...(p.seats !== undefined ? { seats: p.seats } : {}) };
  return { periods, period, productId, product, renewal, qtyText: text, qty, p, err, seatsErr, total, detail, option };
}
