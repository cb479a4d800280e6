// <ratecard-checkout>: the full panel. Plan, the items (editable unless
// `readonly`), the quote's lines with their sources, total, balance after,
// shortfall, and what to buy: a stepper and a buy button for the plan's
// product, and a button for each upgrade. Every number comes from the engine.
import { html, nothing } from "lit";
import { live } from "lit/directives/live.js";
import { RatecardBase, defaultPlan, emit } from "./base.js";
import { engineLimits } from "./engine.js";
import { buildRequest } from "./request.js";
import { buyModel } from "./buy.js";
import { heldText, isRanged, settledText, totalText } from "./held.js";
import { inUnit, isZero, number, resolveLocale } from "./locale.js";
import { assumedBalance, balancePlaceholder, planNote } from "./messages.js";
import { featuresOf, hostText, newRow, relocale, rowField, rowsFrom, rowsFromSettings } from "./rows.js";

/** @typedef {import("./rows.js").Row} Row */
/** @typedef {import("./rows.js").HostError} HostError */
import { checkoutStyles } from "./checkout-styles.js";
import { buyPanel, field, items, lines, notes, priceNotice, short, skeleton } from "./checkout-view.js";

let uid = 0;

/**
 * The full checkout panel: plan, the items, the quote's lines with their sources, the total,
 * the balance after, the shortfall and what to buy.
 *
 * @tagname ratecard-checkout
 * @summary The full pricing panel of a checkout.
 * @csspart panel - The panel.
 * @csspart plan - The plan picker.
 * @csspart balance - The balance field.
 * @csspart items - The list of items.
 * @csspart item - One item.
 * @csspart add - The "Add item" button.
 * @csspart lines - The table of the quote's lines.
 * @csspart totals - Total and balance after (a length range: "1.5–2 credits", "at least … left").
 * @csspart hold - The server's hold or settlement for the job ("Held: 2 credits until 4 Dec").
 * @csspart short - The shortfall and its upgrades.
 * @csspart shortfall - The amount short.
 * @csspart buy - The buy panel.
 * @csspart notes - The plan's and the quote's notes.
 * @cssprop --ratecard-reserve-height - Height held for the panel before its module loads and while it loads (default: a one-item cart's panel at the element's own width, from 40rem wide to 64rem under 350px): set it to your cart's height to avoid a layout shift.
 */
export class RatecardCheckout extends RatecardBase {
  static properties = {
    ...RatecardBase.properties,
    _rows: { state: true },
    _planId: { state: true },
    _balanceText: { state: true },
    _billing: { state: true },
    _seatsText: { state: true },
    _qtyText: { state: true },
    _announce: { state: true },
  };

  static styles = [RatecardBase.sharedStyles, checkoutStyles];

  constructor() {
    super();
    /** @type {Row[] | null} What the buyer typed, item by item. */
    this._rows = null;
    /** @type {HostError | null} The host's items refused as a whole (too many). */
    this._hostError = null;
    /** @type {string} The plan chosen in the panel. */
    this._planId = "";
    /** @type {string | null} */
    this._balanceText = null;
    /** @type {string | null} */
    this._billing = null;
    /** @type {string} */
    this._seatsText = "1";
    /** @type {string | null} */
    this._qtyText = null;
    /** @type {string} What the live region says. */
    this._announce = "";
    /** @type {string | undefined} The announcement waiting for the buyer to pause. */
    this._pendingAnnounce = undefined;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this._announceTimer = undefined;
    /** @type {string | undefined} The card's id and unit, to tell another card from another version. */
    this._cardKey = undefined;
    /** @type {any} Settings from a share link, waiting for their card. */
    this._pendingSettings = null;
    this._id = `rc${++uid}`;
    /** @type {import("./checkout-view.js").ViewCallbacks} The templates' callbacks (checkout-view.js), made once so that a render binds no new listener. */
    this._on = {
      add: () => this._add(),
      remove: (i) => this._remove(i),
      edit: (i, patch) => this._edit(i, patch),
      setFeature: (i, feature) => this._setFeature(i, feature),
      setOption: (i, key, value) => this._setOption(i, key, value),
      step: (delta, qty) => this._step(delta, qty),
      stepKey: (e, qty) => this._stepKey(e, qty),
      buy: (option, quantity) => this._buy(option, quantity),
      setBilling: (period) => this._setBilling(period),
      seats: (text) => { this._seatsText = text; },
      qty: (text) => { this._qtyText = text; },
      balance: (text) => { this._balanceText = text; },
    };
  }

  /**
   * What the templates render from: what the buyer typed, the ids, and the callbacks; never the
   * element itself.
   * @returns {import("./checkout-view.js").CheckoutView}
   */
  _viewModel() {
    return {
      id: this._id, rows: this._rows ?? [], planId: this._planId, card: this._card, readonly: this.readonly, headingLevel: this.headingLevel,
      balanceText: this._balanceText, qtyText: this._qtyText, seatsText: this._seatsText,
      errId: (name) => this._errId(name), on: this._on,
    };
  }

  /** @param {any} card */
  cardChanged(card) {
    // A new rate card: the buyer's plan and cart start over from its defaults. Another version
    // of the same card (same id and unit: a price book, an edited copy) keeps them, as far as
    // it still has the plan and the features: the buyer asked what the same cart costs there.
    const key = `${card.id}\u0000${card.unit}`;
    const same = this._cardKey === key && this._rows;
    const kept = same ? this._allRows.filter((r) => !r.refused && Object.hasOwn(card.features, r.feature)) : [];
    const keepPlan = same && this._planId && Object.hasOwn(card.plans, this._planId);
    this._planId = this.plan && card.plans[this.plan] ? this.plan : keepPlan ? this._planId : defaultPlan(card) ?? "";
    if (kept.length) this._rows = kept;
    else this._setRows(this.items, card);
    if (!keepPlan) this._qtyText = null;
    // A balance belongs to its rate card and unit: 1,500 credits are not $1,500.00 of a wallet.
    // Another card starts from the host's balance, if any (what was typed before the first
    // card arrived is kept).
    if (this._cardKey !== undefined && this._cardKey !== key) this._balanceText = hostText(this._locale, this.balance);
    this._cardKey = key;
  }

  /** @param {Map<string, unknown>} changed */
  willUpdate(changed) {
    super.willUpdate(changed);
    if (changed.has("plan") && this.plan && this._card?.plans[this.plan]) this._planId = this.plan;
    if (changed.has("items") && this._card && changed.get("items") !== undefined) this._setRows(this.items, this._card);
    if (changed.has("balance")) this._balanceText = hostText(this._locale, this.balance);
    if (changed.has("billing")) this._billing = this.billing ?? null;
    const before = changed.get("locale");
    if (changed.has("locale") && this._rows) this._relocale(resolveLocale(/** @type {string | undefined} */ (before)), this._locale);
    // Quote once per change of what is priced; the screen-reader announcement alone re-quotes nothing.
    if (this._pricer && this._rows && !(changed.size === 1 && changed.has("_announce"))) this._run();
  }

  /** Prices what the buyer typed: sets `quote`, `request` and `error`, and schedules the announcement. */
  _run() {
    if (this._hostError) {
      this.quote = null;
      this.request = null;
      this.error = this._hostError;
    } else if (!this._allRows.length) {
      this.quote = null;
      this.request = null;
      this.error = null;
    } else {
      const built = this._build();
      if (built.local) {
        this.quote = null;
        this.request = null;
        this.error = built.local;
      } else if (!built.request.items.length) {
        // Every row is refused: each says why on its own row; nothing is left to price.
        this.quote = null;
        this.request = null;
        this.error = null;
      } else if (!this._quote(built.request) && this.error) {
        // The engine's path names the request's item; the field is the row's (refused rows are left out).
        this.error = { ...this.error, field: rowField(this.error.field, built.rowOf) };
      }
    }
    this._scheduleAnnounce(this.quote, this._card, this._locale);
  }

  /** Keeps what the buyer typed when the locale changes: each number re-written in the new format. */
  _relocale(/** @type {string} */ from, /** @type {string} */ to) {
    if (from === to) return;
    const again = (/** @type {string} */ text) => /** @type {string} */ (relocale(from, to, text));
    this._rows = this._allRows.map((r) => ({ ...r, text: again(r.text), used: r.used ? again(r.used) : r.used }));
    if (this._balanceText) this._balanceText = again(this._balanceText);
    if (this._qtyText) this._qtyText = again(this._qtyText);
    this._seatsText = again(this._seatsText);
  }

  /** Rows from the host's items (rows.js); an item the card cannot price is shown refused. */
  _setRows(/** @type {unknown} */ given, /** @type {any} */ card) {
    const { rows, hostError } = rowsFrom(given, card, this._planId, this._locale, engineLimits()?.maxItems ?? Infinity);
    this._rows = rows;
    this._hostError = hostError;
    // The host hears of each item the card lacks (the buyer reads it on the item's row).
    for (const [i, row] of rows.entries()) {
      if (row.refused) emit(this, "ratecard-error", { code: "unknown_feature", message: `items[${i}].feature: no feature "${row.feature.slice(0, 60)}" on rate card "${card.id}"`, field: `items.${i}.feature` });
    }
  }

  /** The request from what the buyer typed; `local` holds a field error the engine never saw. */
  _build() {
    const built = buildRequest({ rows: this._allRows, card: this._card, planId: this._planId, locale: this._locale,
      balanceText: this._balanceText, grants: this.grants, at: Array.isArray(this.grants) ? this.at : this._book ? this._day : undefined, maxSeconds: this.maxSeconds });
    return { ...built, plan: this._card.plans[this._planId] };
  }

  render() {
    if (this._failure) return html`<section part="panel"><p class="error" role="alert" part="error">${this._failure.text}</p></section>`;
    if (this._hostError) return html`<section part="panel"><p class="error" role="alert" part="error" data-testid="host-error">${this._hostError.text}</p></section>`;
    if (!this._pricer || !this._rows) return skeleton(this._viewModel());
    const v = this._viewModel();
    const card = this._card;
    const locale = this._locale;
    const plan = card.plans[this._planId];
    const q = this.quote;
    const errFor = (/** @type {string} */ field) => (this.error && this.error.field === field ? this.error.text : null);
    // An error about a field drawn here shows beside it; any other, above the total.
    const drawn = [`balance`, ...this._rows.flatMap((r, i) => r.refused ? [] : [`items.${i}.seconds`, `items.${i}.quantity`, `items.${i}.used`, ...Object.keys(card.features[r.feature].options ?? {}).map((k) => `items.${i}.options.${k}`)])];
    const general = this.error && !drawn.includes(this.error.field) ? this.error.text : null;

    return html`<section part="panel" aria-label="Price of this generation">
      <div class="row">
        <label>Plan <select data-testid="plan" part="plan" .value=${live(this._planId)} @change=${(/** @type {any} */ e) => this._setPlan(e.target.value)}>
          ${Object.entries(card.plans).map(([id, p]) => html`<option value=${id} ?selected=${id === this._planId}>${p.name}</option>`)}
        </select></label>
        ${Array.isArray(this.grants)
          ? html`<p class="muted" data-testid="wallet-balance">Balance from your wallet: ${q ? inUnit(locale, q.balance, card) : "—"}</p>`
          : field(v, "balance", `Balance (${card.unit === card.currency ? card.currency : card.unit})`, html`<input id="${this._id}-balance" data-testid="balance" part="balance"
              inputmode="decimal" autocomplete="off" placeholder=${balancePlaceholder(locale, plan)}
              .value=${live(this._balanceText ?? "")} @input=${(/** @type {any} */ e) => v.on.balance(e.target.value)}
              aria-invalid=${errFor("balance") ? "true" : "false"} aria-describedby=${errFor("balance") ? this._errId("balance") : nothing}>`, errFor("balance"))}
      </div>
      <p class="muted" data-testid="plan-note">${planNote(locale, card, plan)}</p>
      ${priceNotice(this._priceChange(this._planId, this._rows.map((r) => r.feature)), locale)}
      ${items(v, card, locale, errFor)}
      ${lines(q, card, locale, this.request, this.range?.low)}
      ${general ? html`<p class="error" role="alert" part="error" data-testid="error">${general}</p>` : nothing}
      <dl class="totals" part="totals">
        <dt>Total</dt><dd><output data-testid="total" part="total">${q ? totalText(locale, q, this.range?.low, card) : "—"}</output></dd>
        <dt>Balance after</dt><dd data-testid="balance-after">${q ? `${isRanged(this.range?.low, q) ? "at least " : ""}${inUnit(locale, q.balanceAfter, card)}` : "—"}</dd>
        ${this.settlement ? html`<dt>Settled</dt><dd data-testid="settled" part="hold">${settledText(locale, this.settlement, card)}</dd>`
          : this.hold ? html`<dt>Held</dt><dd data-testid="held" part="hold">${heldText(locale, this.hold, card, false)}</dd>` : nothing}
      </dl>
      <p class="sr-only" role="status" aria-live="polite" data-testid="announce">${this._announce}</p>
      ${q && !this.request?.balance && !this.request?.grants ? html`<p class="muted" data-testid="assumed" part="note">${assumedBalance(locale, card, plan)}</p>` : nothing}
      ${notes(q, card, plan, locale, this.grants)}
      ${q && !isZero(q.shortfall) ? short(v, q, card, locale) : nothing}
      ${this._buyPanel(v, q, card, plan, locale)}
    </section>`;
  }

  /** The id of the message under `field`, for its input's aria-describedby. */
  _errId(/** @type {string} */ field) {
    return `${this._id}-${field.replaceAll(".", "-")}-err`;
  }

  _buyPanel(/** @type {import("./checkout-view.js").CheckoutView} */ v, /** @type {any} */ q, /** @type {any} */ card, /** @type {any} */ plan, /** @type {string} */ locale) {
    const m = buyModel({ q, card, plan, planId: this._planId, locale, billing: this._billing, qtyText: this._qtyText,
      seatsText: this._seatsText, buyPacks: (/** @type {any} */ r) => (this._engine ?? this._pricer).buyPacks(r), limits: engineLimits() });
    return m ? buyPanel(v, m) : nothing;
  }

  _setBilling(/** @type {string} */ period) {
    this._billing = period;
    this._qtyText = null;
  }

  _step(/** @type {number} */ delta, /** @type {number | null} */ qty) {
    const n = (qty ?? 1) + delta;
    if (n < 1) return;
    this._qtyText = number(this._locale, String(n));
  }

  _stepKey(/** @type {KeyboardEvent} */ e, /** @type {number | null} */ qty) {
    if (e.key === "ArrowUp" || e.key === "ArrowDown") {
      e.preventDefault();
      this._step(e.key === "ArrowUp" ? 1 : -1, qty);
    }
  }

  _setPlan(/** @type {string} */ id) {
    this._planId = id;
    this._qtyText = null;
    this._billing = this.billing ?? null;
  }

  _edit(/** @type {number} */ i, /** @type {Partial<Row>} */ patch) {
    this._rows = this._allRows.map((r, j) => (j === i ? { ...r, ...patch } : r));
  }

  _setFeature(/** @type {number} */ i, /** @type {string} */ feature) {
    const row = this._allRows[i];
    const keep = this._card.features[feature].input === this._card.features[row.feature].input ? row.text : undefined;
    this._edit(i, { ...newRow(this._card, feature, this._locale, keep) });
  }

  _setOption(/** @type {number} */ i, /** @type {string} */ key, /** @type {unknown} */ value) {
    const options = { ...this._allRows[i].options };
    if (value === undefined || value === false) delete options[key]; else options[key] = value;
    this._edit(i, { options });
  }

  async _add() {
    const first = featuresOf(this._card, this._planId)[0];
    this._rows = [...this._allRows, newRow(this._card, first, this._locale)];
    await this.updateComplete;
    /** @type {HTMLElement | null} */ (this.renderRoot.querySelector(`[data-testid="feature-${this._rows.length - 1}"]`))?.focus();
  }

  async _remove(/** @type {number} */ i) {
    this._rows = this._allRows.filter((_, j) => j !== i);
    await this.updateComplete;
    // Focus stays in the list: the item that took its place, else the one before, else "Add item".
    const next = Math.min(i, this._rows.length - 1);
    /** @type {HTMLElement | null} */
    const target = this.renderRoot.querySelector(`[data-testid="${next === 0 ? "feature" : `feature-${next}`}"]`) ?? this.renderRoot.querySelector('[data-testid="add-item"]');
    target?.focus();
  }

  _scheduleAnnounce(/** @type {any} */ q, /** @type {any} */ card, /** @type {string} */ locale) {
    const text = q ? `Total ${inUnit(locale, q.total, card)}${isZero(q.shortfall) ? "" : `, short by ${inUnit(locale, q.shortfall, card)}`}.` : "";
    if (text === this._pendingAnnounce) return;
    this._pendingAnnounce = text;
    clearTimeout(this._announceTimer);
    // Announced once the buyer pauses, not on every keystroke.
    this._announceTimer = setTimeout(() => { this._announce = text; }, 800);
  }

  /** The rows (none before the first card). */
  get _allRows() {
    return this._rows ?? [];
  }

  /** The cart as the host would set it: `[{ feature, seconds | quantity, options }]`, amounts as decimal strings. */
  get cart() {
    return this.request?.items ?? [];
  }

  /** The plan chosen in the panel. */
  get selectedPlan() {
    return this._planId || null;
  }

  /** The buyer's settings, for a share link: `{ plan, balance, billing, seats, rows }` (text as typed). */
  get settings() {
    return { plan: this._planId, balance: this._balanceText ?? "", billing: this._billing, seats: this._seatsText, rows: this._rows };
  }

  /** Restores `settings` (from a share link). */
  set settings(s) {
    this._pendingSettings = s;
    this._applySettings();
  }

  _applySettings() {
    const s = this._pendingSettings;
    // Settings wait for the rate card they were made with (a preset change loads it first).
    const wanted = this.rateCard && typeof this.rateCard === "object" ? /** @type {any} */ (this.rateCard).id : this.cardSrc ? null : this.preset;
    if (!s || !this._card || (wanted && this._card.id !== wanted)) return;
    this._pendingSettings = null;
    if (s.plan && this._card.plans[s.plan]) this._planId = s.plan;
    if (typeof s.balance === "string") this._balanceText = s.balance;
    if (s.billing) this._billing = s.billing;
    if (typeof s.seats === "string") this._seatsText = s.seats;
    const rows = rowsFromSettings(s.rows, this._card);
    if (rows.length) this._rows = rows;
    this.requestUpdate();
  }

  /** @param {Map<string, unknown>} changed */
  updated(changed) {
    if (this._pendingSettings && this._card) this._applySettings();
    // Busy while the skeleton shows: assistive technology waits, and the skeleton holds the panel's height (reserve.js).
    const busy = !this._failure && !this._hostError && !(this._pricer && this._rows);
    if (busy) this.setAttribute("aria-busy", "true");
    else if (this.hasAttribute("aria-busy")) this.removeAttribute("aria-busy");
    super.updated(changed);
  }
}
