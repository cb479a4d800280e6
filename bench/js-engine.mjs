// The alternative a front-end team would write: the same heygen-credits
// quote in plain JavaScript over decimal.js, reading the same rate-card JSON,
// with the same rules and the same output shape (lines with explanations,
// total, balance after, shortfall, purchase options cheapest first). Written
// to be fast and correct, not as a strawman: the card is indexed once.
import Decimal from "decimal.js";

const D = Decimal.clone({ precision: 40 });
const ZERO = new D(0);
const SIXTY = new D(60);

export class JsEngine {
  constructor(card) {
    this.card = card;
    this.features = new Map(Object.entries(card.features).map(([id, f]) => [id, {
      ...f,
      rateD: f.rate !== undefined ? new D(f.rate) : undefined,
      rates: (f.rates ?? []).map((r) => ({ ...r, rateD: new D(r.rate) })),
      options: Object.entries(f.options ?? {}),
    }]));
    this.plans = new Map(Object.entries(card.plans).map(([id, p]) => [id, { ...p, includedD: new D(p.included) }]));
    this.products = card.products;
  }

  quote({ plan: planId, items, balance }) {
    const plan = this.plans.get(planId);
    if (!plan) throw Object.assign(new Error(`plan: no plan "${planId}"`), { code: "unknown_plan" });
    const lines = [];
    let total = ZERO;
    for (const [i, item] of items.entries()) {
      const f = this.features.get(item.feature);
      if (!f) throw Object.assign(new Error(`items[${i}].feature: no feature "${item.feature}"`), { code: "unknown_feature" });
      const enums = {};
      let factor = new D(1);
      let factorText = "";
      for (const [key, o] of f.options) {
        const v = item.options?.[key];
        if (o.type === "enum") enums[key] = v ?? o.default;
        else if (v === true) { factor = factor.mul(o.multiplier); factorText += ` × ${o.multiplier} (${o.label})`; }
      }
      const rule = f.rateD ? { rateD: f.rateD, per: f.per, source: f.source } : f.rates.find((r) => Object.entries(r.when).every(([k, w]) => (Array.isArray(w) ? w.includes(enums[k]) : w === enums[k])));
      const raw = f.input === "seconds" ? new D(item.seconds).ceil() : new D(item.quantity);
      if (raw.lte(0)) throw Object.assign(new Error(`items[${i}]: must be greater than 0`), { code: "invalid_quantity" });
      const allowance = (plan.allowances ?? []).find((a) => a.feature === item.feature && Object.entries(a.when ?? {}).every(([k, w]) => w === enums[k]));
      const included = allowance && allowance.amount === undefined ? raw : ZERO;
      const charged = raw.minus(included);
      let exact;
      if (rule.per === "minute") exact = charged.mul(rule.rateD).div(SIXTY);
      else if (rule.per === "video") exact = charged.gt(0) ? rule.rateD : ZERO;
      else exact = charged.mul(rule.rateD);
      exact = exact.mul(factor);
      const amount = exact.toDecimalPlaces(2, D.ROUND_CEIL);
      const unit = f.input === "seconds" ? `${raw} s` : `${raw} ${f.unitName}${raw.eq(1) ? "" : "s"}`;
      const word = (n) => (n.eq(1) ? "credit" : "credits");
      const explanation = charged.isZero()
        ? `${unit}: all included in plan (${allowance.label}) = 0 credits`
        : `${unit} × ${rule.rateD} ${word(rule.rateD)}/${rule.per === "minute" ? "min" : rule.per === "second" ? "s" : f.unitName}${factorText} = ${amount} ${word(amount)}`;
      lines.push({ feature: item.feature, name: f.name, amount: amount.toString(), billed: raw.toString(), included: included.toString(), explanation, source: rule.source ?? f.source });
      total = total.plus(amount);
    }
    const bal = balance !== undefined ? new D(balance) : plan.includedD;
    const after = bal.minus(total);
    const shortfall = D.max(ZERO, after.neg());
    const purchase = [];
    if (shortfall.gt(0)) {
      for (const id of plan.products ?? []) {
        const p = this.products[id];
        const n = D.max(1, shortfall.div(p.credits).ceil());
        const credits = n.mul(p.credits);
        purchase.push({ kind: p.kind, product: id, name: p.name, quantity: n.toNumber(), credits: credits.toString(), price: n.mul(p.price).toFixed(2), currency: this.card.currency, period: p.period, balanceAfter: after.plus(credits).toString(), covers: after.plus(credits).gte(0) });
      }
      for (const id of plan.upgrades ?? []) {
        const t = this.plans.get(id);
        const credits = t.includedD.minus(plan.includedD);
        if (credits.lte(0) || t.price === undefined || plan.price === undefined) continue;
        purchase.push({ kind: "upgrade", product: id, name: `Upgrade to ${t.name}`, quantity: 1, credits: credits.toString(), price: new D(t.price).minus(plan.price).toFixed(2), currency: this.card.currency, period: t.period, balanceAfter: after.plus(credits).toString(), upgrade: "prorated_difference", covers: after.plus(credits).gte(0) });
      }
      // Covering options first, then cheapest, then more credits (as the engine ranks them).
      purchase.sort((a, b) => (b.covers - a.covers) || new D(a.price).cmp(b.price) || new D(b.credits).cmp(a.credits));
    }
    return { rateCard: this.card.id, plan: planId, unit: this.card.unit, currency: this.card.currency, lines, total: total.toString(), balance: bal.toString(), balanceAfter: after.toString(), shortfall: shortfall.toString(), purchase, warnings: [] };
  }

  quoteCurve({ plan, item, fromSeconds, toSeconds, stepSeconds = 1 }) {
    const out = [];
    // A balance that covers everything: a curve needs no purchase options.
    for (let s = fromSeconds; s <= toSeconds; s += stepSeconds) out.push(this.quote({ plan, items: [{ ...item, seconds: s }], balance: "1e30" }).total);
    return out;
  }
}
