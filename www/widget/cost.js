// <ratecard-cost>: the one line next to a "Generate" button.
//   "30 credits · 1,470 left", or "30 credits — short by 20: Buy 1 block, $5.00"
//   (the job's cost, the shortfall, the cheapest purchase as a button).
import { html, css, nothing } from "lit";
import { RatecardBase, defaultPlan } from "./base.js";
import { inUnit, isZero, localText, money, number, plural } from "./locale.js";
import { assumedBalance } from "./messages.js";
import { noticeDay } from "./notice.js";
import { hostRequest } from "./request.js";
import { heldText, isRanged, settledText, totalText } from "./held.js";

let uid = 0;

/**
 * What a purchase option's button says: "Buy 1 block, $5.00", "Upgrade to Pro, $20.00 more a month",
 * "Upgrade to API Scale, $330.00 a month, starting today", "Renew API Pro now (100 credits), $99.00".
 * @param {string} locale
 * @param {any} option a purchase option of a quote
 * @param {any} card
 */
export function purchaseLabel(locale, option, card) {
  option = { ...option, name: localText(locale, option.name) };
  const every = option.period === "once" ? "" : ` a ${option.period}`;
  if (option.kind === "upgrade" && option.upgrade === "new_subscription") return `${option.name}, ${money(locale, option.price, option.currency)}${every}, starting today`;
  if (option.kind === "upgrade") return `${option.name}, ${money(locale, option.price, option.currency)} more${every}`;
  if (option.kind === "renewal") return `${option.name}, ${money(locale, option.price, option.currency)}`;
  if (option.kind === "top_up") return `Top up ${money(locale, option.price, option.currency)}`;
  const product = card.products?.[option.product];
  const unit = product?.unitName ?? "pack";
  return `Buy ${number(locale, String(option.quantity))} ${plural(option.quantity, unit)}, ${money(locale, option.price, option.currency)}${every}`;
}

/**
 * One line next to a "Generate" button: the job's cost and what is left, or the shortfall and
 * the cheapest purchase as a button.
 *
 * @tagname ratecard-cost
 * @summary A job's cost, in one line.
 * @csspart cost - The line.
 * @csspart hold - The server's hold or settlement for the job ("Held: 2 credits until 4 Dec").
 * @csspart left - What is left after the job.
 * @csspart shortfall - The amount short.
 */
export class RatecardCost extends RatecardBase {
  constructor() {
    super();
    this._id = `rcc${++uid}`;
    /** @type {any} The line's model, made in `willUpdate` (see `_price`). */
    this._view = null;
  }

  /**
   * "Prices change 1 Jan", its detail in the title and, for screen readers, by aria-describedby.
   * @param {string} planId
   * @param {any[]} items
   * @param {string} locale
   */
  _hint(planId, items, locale) {
    const change = this._priceChange(planId, items.map((/** @type {any} */ i) => i?.feature));
    if (!change) return nothing;
    const detail = `From ${noticeDay(locale, change.effectiveFrom)}: ${change.sentences.join("; ")}.`;
    return html`<small part="notice" data-testid="price-hint" title=${detail} aria-describedby="${this._id}-change">Prices change ${noticeDay(locale, change.effectiveFrom, "short")}</small><span class="sr-only" id="${this._id}-change">${detail}</span>`;
  }

  /**
   * The server's hold or settlement for this job, as the host set them: "Held: 2 credits until
   * 4 Dec", "Charged 1.5 credits; 0.5 released" (the settlement, once there, says it all).
   * @param {string} locale
   * @param {any} card
   */
  _held(locale, card) {
    if (this.settlement) return html`<small part="hold" data-testid="settled">${settledText(locale, this.settlement, card)}</small>`;
    if (this.hold) return html`<small part="hold" data-testid="held">${heldText(locale, this.hold, card)}</small>`;
    return nothing;
  }

  static styles = [RatecardBase.sharedStyles, css`
    :host { display: inline-block; min-height: 2.5rem; max-width: 100%; vertical-align: middle; }
    [part~="cost"] { display: inline-flex; flex-wrap: wrap; align-items: center; gap: 0.25rem 0.6rem; min-height: 2.5rem; }
    .skeleton { width: 12rem; }
    small { color: var(--_muted); }
  `];

  /**
   * Prices what the host gave, before the render: the request (the shared builder), then the quote.
   * @param {Map<string, unknown>} changed
   */
  willUpdate(changed) {
    super.willUpdate(changed);
    this._view = this._price();
  }

  /**
   * The line's model: nothing to show yet (null), no items, the host's unreadable field, the
   * engine's error, or the quote with what the line needs.
   */
  _price() {
    if (this._failure || !this._pricer) return null;
    const card = this.card;
    const planId = this.plan || defaultPlan(card);
    const items = Array.isArray(this.items) ? this.items : [];
    if (!items.length) return { empty: true };
    const grants = Array.isArray(this.grants) ? this.grants : undefined;
    // A price book prices the day: the host's `at` with grants, else today.
    const built = hostRequest({ planId, items, balance: this.balance, grants, at: grants ? this.at : this._book ? this._day : undefined, maxSeconds: this.maxSeconds });
    if (built.local) {
      this.quote = null;
      this.error = this._report(built.local, built.local.path, built.request);
      return { error: this.error };
    }
    const q = this._quote(built.request);
    if (!q) return { error: this.error };
    return { q, low: this.range?.low ?? null, card, planId, items, assumed: !grants && !this.balance };
  }

  render() {
    const locale = this._locale;
    const view = this._view;
    if (this._failure) return html`<span part="cost error" class="error" role="alert">${this._failure.text}</span>`;
    if (!view) return html`<span part="cost skeleton" aria-busy="true"><span class="skeleton">Loading the price…</span></span>`;
    if (view.empty) return html`<span part="cost" class="muted">Nothing to price yet</span>`;
    if (view.error) return html`<span part="cost error" class="error" role="alert">${view.error.text}</span>`;
    const { q, low, card, planId, items, assumed } = view;
    const note = html`${assumed ? html`<small part="note">${assumedBalance(locale, card, card.plans[planId])}</small>` : nothing}${this._hint(planId, items, locale)}${this._held(locale, card)}`;
    // A range reads "1.5–2 credits", and what is left or short is at most (the high end's).
    const ranged = isRanged(low, q);
    const total = totalText(locale, q, low, card);
    if (isZero(q.shortfall)) {
      return html`<span part="cost" role="status"><span part="total">${total}</span>
        <span aria-hidden="true">·</span> <span part="left">${ranged ? "at least " : ""}${inUnit(locale, q.balanceAfter, card)} left</span> ${note}</span>`;
    }
    const best = q.purchase[0];
    const short = card.unit === card.currency ? money(locale, q.shortfall, card.currency) : number(locale, q.shortfall);
    return html`<span part="cost short" role="status"><span part="total">${total}</span>
      <span aria-hidden="true">—</span> <span part="shortfall">short by ${ranged ? "up to " : ""}${short}${best ? ":" : ""}</span>
      ${best
        ? html`<button part="buy-button" type="button" @click=${() => this._buy(best, best.quantity)}>${purchaseLabel(locale, best, card)}</button>`
        : html`<span class="muted">${card.plans[planId]?.purchaseNote ?? "nothing to buy on this plan"}</span>`}
      ${note}</span>`;
  }
}
