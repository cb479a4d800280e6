// <ratecard-checkout>: the full panel. Plan, the items (editable unless
// `readonly`), the quote's lines with their sources, total, balance after,
// shortfall, and what to buy: a stepper and a buy button for the plan's
// product, and a button for each upgrade. Every number comes from the engine.
import { html, css, nothing } from "lit";
import { live } from "lit/directives/live.js";
import { MAX_ITEMS, RatecardBase, defaultPlan } from "./base.js";
import { buildRequest } from "./request.js";
import { buyModel } from "./buy.js";
import { day, exactNumber, hostDecimal, inUnit, isZero, money, number, parseNumber, plural, resolveLocale, words } from "./locale.js";
import { lineSentence } from "./lines.js";
import { assumedBalance } from "./messages.js";

let uid = 0;

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

  static styles = [RatecardBase.sharedStyles, css`
    :host { display: block; min-width: 0; }
    [part~="panel"] { display: grid; gap: var(--_space); padding: var(--_space); border: 1px solid var(--_line);
      border-radius: var(--_radius); background: var(--_bg); min-height: 24rem; align-content: start; }
    .row { display: flex; flex-wrap: wrap; gap: var(--_space); align-items: flex-end; }
    label { display: grid; gap: 0.2rem; font-size: 0.9em; color: var(--_muted); min-width: 0; }
    label > :is(input, select) { color: var(--_fg); font-size: 1rem; }
    label.check { display: flex; align-items: center; gap: 0.4rem; min-height: 2.5rem; }
    .field { display: grid; gap: 0.1rem; min-width: 0; }
    input.amount { width: 8rem; }
    ol.items { list-style: none; margin: 0; padding: 0; display: grid; gap: var(--_space); }
    li.item { display: flex; flex-wrap: wrap; gap: var(--_space); align-items: flex-end; padding-bottom: var(--_space); border-bottom: 1px dashed var(--_line); }
    table { border-collapse: collapse; width: 100%; font-size: 0.95em; }
    th, td { text-align: left; vertical-align: top; padding: 0.35rem 0.25rem; border-bottom: 1px solid var(--_line); }
    td.num, th.num { text-align: right; white-space: nowrap; }
    small.source { display: block; color: var(--_muted); font-size: 0.82em; }
    .skeleton.line { display: block; width: 100%; height: 1.4em; margin: 0.1em 0; }
    small.skeleton.line { width: 85%; height: 2.4em; }
    dl.totals { display: grid; grid-template-columns: auto 1fr; gap: 0.2rem 1rem; margin: 0; }
    dl.totals dt { color: var(--_muted); }
    dl.totals dd { margin: 0; font-weight: 600; text-align: right; font-variant-numeric: tabular-nums; }
    output[part~="total"] { font-size: 1.25em; }
    .short { border-left: 4px solid var(--_error); padding-left: var(--_space); }
    .stepper { display: inline-flex; align-items: stretch; }
    .stepper input { width: 4.5rem; text-align: center; border-radius: 0; }
    .stepper button { border-radius: 0; min-width: 2.75rem; }
    ul.plain { margin: 0; padding-left: 1.1rem; }
    .skeleton.block { display: block; height: 2.5rem; }
    .skeleton.tall { display: block; height: 8rem; }
    .skeleton.narrow { width: 10rem; }
    h3 { margin: 0; font-size: 1rem; }
    p { margin: 0; }
    @media (max-width: 420px) { table, thead, tbody, tr, th, td { display: block; } thead { display: none; } td.num { text-align: left; } }
  `];

  constructor() {
    super();
    this._rows = null;
    this._planId = null;
    this._balanceText = null;
    this._billing = null;
    this._seatsText = "1";
    this._qtyText = null;
    this._announce = "";
    this._id = `rc${++uid}`;
  }

  cardChanged(card) {
    // A new rate card: the buyer's plan and cart start over from its defaults.
    this._planId = this.plan && card.plans[this.plan] ? this.plan : defaultPlan(card);
    this._rows = this._rowsFrom(this.items, card);
    this._qtyText = null;
  }

  willUpdate(changed) {
    super.willUpdate(changed);
    if (changed.has("plan") && this.plan && this._card?.plans[this.plan]) this._planId = this.plan;
    if (changed.has("items") && this._card && changed.get("items") !== undefined) this._rows = this._rowsFrom(this.items, this._card);
    if (changed.has("balance")) this._balanceText = this._hostText(this.balance);
    if (changed.has("billing")) this._billing = this.billing ?? null;
    const before = changed.get("locale");
    if (changed.has("locale") && this._rows) this._relocale(resolveLocale(before), this._locale);
    // Quote once per change of what is priced; the screen-reader announcement alone re-quotes nothing.
    if (this._pricer && this._rows && !(changed.size === 1 && changed.has("_announce"))) this._run();
  }

  /** Prices what the buyer typed: sets `quote`, `request` and `error`, and schedules the announcement. */
  _run() {
    if (this._hostError) {
      this.quote = null;
      this.request = null;
      this.error = this._hostError;
    } else if (!this._rows.length) {
      this.quote = null;
      this.error = null;
    } else {
      const built = this._build();
      if (built.local) {
        this.quote = null;
        this.request = null;
        this.error = built.local;
      } else {
        this._quote(built.request);
      }
    }
    this._scheduleAnnounce(this.quote, this._card, this._locale);
  }

  /** Keeps what the buyer typed when the locale changes: each number re-written in the new format. */
  _relocale(from, to) {
    if (from === to) return;
    const again = (text) => {
      const value = parseNumber(from, text ?? "");
      return value === null ? text : exactNumber(to, value);
    };
    this._rows = this._rows.map((r) => ({ ...r, text: again(r.text), used: r.used ? again(r.used) : r.used }));
    if (this._balanceText) this._balanceText = again(this._balanceText);
    if (this._qtyText) this._qtyText = again(this._qtyText);
    this._seatsText = again(this._seatsText);
  }

  /** A number the host gave, as the buyer would type it: exact, in the locale; a value that is
   *  no decimal (`"0x10"`, `"1e3"`) stays as given, so the field shows it refused in plain words. */
  _hostText(value) {
    if (value == null || value === "") return "";
    const d = hostDecimal(value);
    return d === null ? String(value) : exactNumber(this._locale, d);
  }

  /** Host items (`{ feature, seconds | quantity, options }`) → editable rows, numbers in the locale. */
  _rowsFrom(items, card) {
    const given = Array.isArray(items) ? items : [];
    // Refused visibly, never dropped or worked through: an item the card cannot
    // price (it would under-quote), or more items than a quote may have.
    this._hostError = null;
    if (given.length > MAX_ITEMS) {
      this._hostError = { field: "items", code: "invalid_request", message: `items: at most ${MAX_ITEMS} items, got ${given.length}`, text: "Too many items to price at once." };
      return [];
    }
    const unknown = given.findIndex((it) => !it || !card.features[it.feature]);
    if (unknown >= 0) {
      const name = String(given[unknown]?.feature ?? "").slice(0, 60);
      this._hostError = { field: `items.${unknown}.feature`, code: "unknown_feature", message: `items[${unknown}].feature: no feature "${name}" on rate card "${card.id}"`, text: "This price list cannot price one of the items." };
      return [];
    }
    const list = given;
    if (list.length) {
      return list.map((it) => ({
        feature: it.feature,
        text: this._hostText(it.seconds ?? it.quantity),
        options: { ...(it.options ?? {}) },
        used: "",
      }));
    }
    const first = this._featuresOf(card, this._planId)[0];
    return first ? [this._newRow(card, first)] : [];
  }

  _featuresOf(card, planId) {
    const allowed = card.plans[planId]?.features;
    const ids = Object.keys(card.features);
    return allowed && allowed.length ? ids.filter((id) => allowed.includes(id)).concat(ids.filter((id) => !allowed.includes(id))) : ids;
  }

  /** A new row for `feature`, with a valid choice for every required option, so it opens on a price. */
  _newRow(card, feature, text) {
    const f = card.features[feature];
    const options = {};
    for (const [key, def] of Object.entries(f.options ?? {})) {
      if (def.type === "enum" && def.default === undefined && key !== "resolution") options[key] = def.values.find((v) => !def.unavailable?.[v]) ?? def.values[0];
      if (def.type === "boolean" && def.gate) options[key] = true;
    }
    const min = f.min !== undefined ? String(f.min) : undefined;
    return { feature, text: text ?? number(this._locale, min ?? (f.input === "seconds" ? "60" : "1")), options, used: "" };
  }

  /** The request from what the buyer typed; `local` holds a field error the engine never saw. */
  _build() {
    const built = buildRequest({ rows: this._rows, card: this._card, planId: this._planId, locale: this._locale,
      balanceText: this._balanceText, grants: this.grants, at: this.at });
    return { ...built, plan: this._card.plans[this._planId] };
  }

  render() {
    if (this._failure) return html`<section part="panel"><p class="error" role="alert" part="error">${this._failure.text}</p></section>`;
    if (this._hostError) return html`<section part="panel"><p class="error" role="alert" part="error" data-testid="host-error">${this._hostError.text}</p></section>`;
    if (!this._pricer || !this._rows) return this._skeleton();
    const card = this._card;
    const locale = this._locale;
    const plan = card.plans[this._planId];
    const q = this.quote;
    const errFor = (field) => (this.error && this.error.field === field ? this.error.text : null);
    // An error about a field drawn here shows beside it; any other, above the total.
    const drawn = [`balance`, ...this._rows.flatMap((r, i) => [`items.${i}.seconds`, `items.${i}.quantity`, `items.${i}.used`, ...Object.keys(card.features[r.feature].options ?? {}).map((k) => `items.${i}.options.${k}`)])];
    const general = this.error && !drawn.includes(this.error.field) ? this.error.text : null;

    return html`<section part="panel" aria-label="Price of this generation">
      <div class="row">
        <label>Plan <select data-testid="plan" part="plan" .value=${live(this._planId)} @change=${(e) => this._setPlan(e.target.value)}>
          ${Object.entries(card.plans).map(([id, p]) => html`<option value=${id} ?selected=${id === this._planId}>${p.name}</option>`)}
        </select></label>
        ${Array.isArray(this.grants)
          ? html`<p class="muted" data-testid="wallet-balance">Balance from your wallet: ${q ? inUnit(locale, q.balance, card) : "—"}</p>`
          : this._field("balance", `Balance (${card.unit === card.currency ? card.currency : card.unit})`, html`<input id="${this._id}-balance" data-testid="balance" part="balance"
              inputmode="decimal" autocomplete="off" placeholder=${`${number(locale, plan.included)} (a fresh ${plan.period})`}
              .value=${live(this._balanceText ?? "")} @input=${(e) => { this._balanceText = e.target.value; }}
              aria-invalid=${errFor("balance") ? "true" : "false"} aria-describedby=${errFor("balance") ? this._errId("balance") : nothing}>`, errFor("balance"))}
      </div>
      <p class="muted" data-testid="plan-note">${plan.name}: ${plan.price === undefined ? "price not published" : `${money(locale, plan.price, card.currency)} a ${plan.period}`}, ${inUnit(locale, plan.included, card)} included.</p>
      ${this._items(card, locale, errFor)}
      ${this._lines(q, card, locale)}
      ${general ? html`<p class="error" role="alert" part="error" data-testid="error">${general}</p>` : nothing}
      <dl class="totals" part="totals">
        <dt>Total</dt><dd><output data-testid="total" part="total">${q ? inUnit(locale, q.total, card) : "—"}</output></dd>
        <dt>Balance after</dt><dd data-testid="balance-after">${q ? inUnit(locale, q.balanceAfter, card) : "—"}</dd>
      </dl>
      <p class="sr-only" role="status" aria-live="polite" data-testid="announce">${this._announce}</p>
      ${q && !this.request?.balance && !this.request?.grants ? html`<p class="muted" data-testid="assumed" part="note">${assumedBalance(locale, card, plan)}</p>` : nothing}
      ${this._notes(q, card, plan, locale)}
      ${q && !isZero(q.shortfall) ? this._short(q, card, locale) : nothing}
      ${this._buyPanel(q, card, plan, locale)}
    </section>`;
  }

  _skeleton() {
    return html`<section part="panel skeleton" aria-busy="true" aria-label="Price of this generation, loading">
      <div class="row">
        <span class="skeleton block narrow"></span>
        <label>Balance <input data-testid="balance" inputmode="decimal" autocomplete="off" .value=${live(this._balanceText ?? "")}
          @input=${(e) => { this._balanceText = e.target.value; }}></label>
      </div>
      <span class="skeleton block"></span>
      <span class="skeleton tall"></span>
      <p class="muted">Loading prices…</p>
    </section>`;
  }

  _field(field, label, control, error) {
    // Test hooks follow the inputs': "seconds-error" for the first item, "seconds-1-error" for the second.
    const m = /^items\.(\d+)\.(.*)$/.exec(field);
    const hook = m ? `${m[2].replaceAll(".", "-")}${m[1] === "0" ? "" : `-${m[1]}`}` : field.replaceAll(".", "-");
    return html`<div class="field"><label>${label} ${control}</label>${error ? html`<p class="error" id=${this._errId(field)} data-testid="${hook}-error">${error}</p>` : nothing}</div>`;
  }

  /** The id of the message under `field`, for its input's aria-describedby. */
  _errId(field) {
    return `${this._id}-${field.replaceAll(".", "-")}-err`;
  }

  _items(card, locale, errFor) {
    if (!Object.keys(card.features).length) {
      return html`<p class="muted" data-testid="no-features">This rate card prices no features (its article gives no per-feature rates); its credits can still be bought below.</p>`;
    }
    const hook = (name, i) => (i === 0 ? name : `${name}-${i}`);
    return html`<ol class="items" part="items" aria-label="What you are generating">
      ${this._rows.map((row, i) => {
        const f = card.features[row.feature];
        const key = f.input === "seconds" ? "seconds" : "quantity";
        const field = `items.${i}.${key}`;
        const err = errFor(field);
        const errId = this._errId(field);
        if (this.readonly) {
          return html`<li class="item" part="item"><strong>${f.name}</strong> <span data-testid=${hook(key, i)}>${row.text}</span>${err ? html`<p class="error">${err}</p>` : nothing}</li>`;
        }
        const allowance = (card.plans[this._planId].allowances ?? []).find((a) => a.feature === row.feature && a.amount !== undefined);
        return html`<li class="item" part="item">
          <label>What <select data-testid=${hook("feature", i)} .value=${live(row.feature)} @change=${(e) => this._setFeature(i, e.target.value)}>
            ${Object.entries(card.features).map(([id, def]) => html`<option value=${id} ?selected=${id === row.feature}>${def.name}</option>`)}
          </select></label>
          ${this._field(field, key === "seconds" ? "Length (seconds)" : `How many (${plural(2, f.unitName ?? "unit")})`,
            html`<input class="amount" data-testid=${hook(key, i)} inputmode="decimal" autocomplete="off" .value=${live(row.text)}
              @input=${(e) => this._edit(i, { text: e.target.value })}
              aria-invalid=${err ? "true" : "false"} aria-describedby=${err ? errId : nothing}>`, err)}
          ${Object.entries(f.options ?? {}).map(([k, def]) => this._option(i, row, k, def, errFor(`items.${i}.options.${k}`), hook))}
          ${allowance ? this._field(`items.${i}.used`, `Used this ${card.plans[this._planId].period} (${key === "seconds" ? "seconds" : plural(2, f.unitName ?? "unit")})`,
            html`<input class="amount" data-testid=${hook("used", i)} inputmode="decimal" autocomplete="off" placeholder="0" title=${allowance.label}
              .value=${live(row.used)} @input=${(e) => this._edit(i, { used: e.target.value })}>`, errFor(`items.${i}.used`)) : nothing}
          ${this._rows.length > 1 ? html`<button type="button" class="secondary" data-testid=${hook("remove", i)} @click=${() => this._remove(i)} aria-label="Remove ${f.name} (item ${i + 1})">Remove</button>` : nothing}
        </li>`;
      })}
    </ol>
    ${this.readonly ? nothing : html`<div><button type="button" class="secondary" data-testid="add-item" part="add" @click=${this._add}>+ Add item</button></div>`}`;
  }

  _option(i, row, key, def, err, hook) {
    const field = `items.${i}.options.${key}`;
    const errId = this._errId(field);
    if (def.type === "boolean") {
      const suffix = def.multiplier !== undefined ? ` (×${number(this._locale, def.multiplier)})` : "";
      return html`<div class="field"><label class="check" title=${def.gate ?? ""}><input type="checkbox" data-testid=${hook(`option-${key}`, i)}
        .checked=${live(row.options[key] === true)} @change=${(e) => this._setOption(i, key, e.target.checked)}
        aria-invalid=${err ? "true" : "false"} aria-describedby=${err ? errId : nothing}> ${def.label}${suffix}</label>
        ${err ? html`<p class="error" id=${errId}>${err}</p>` : nothing}</div>`;
    }
    const planMax = this._card.plans[this._planId].maxOptions?.[key];
    const value = row.options[key] ?? def.default ?? "";
    return this._field(field, def.label, html`<select data-testid=${hook(`option-${key}`, i)} .value=${live(value)}
        @change=${(e) => this._setOption(i, key, e.target.value || undefined)}
        aria-invalid=${err ? "true" : "false"} aria-describedby=${err ? errId : nothing}>
        ${def.default !== undefined ? nothing : html`<option value="" ?selected=${value === ""}>${planMax ? `Plan's highest (${words(planMax)})` : "Choose…"}</option>`}
        ${def.values.map((v) => html`<option value=${v} ?selected=${v === value}>${words(v)}${def.unavailable?.[v] ? " (not available)" : ""}</option>`)}
      </select>`, err);
  }

  _lines(q, card, locale) {
    if (!q) return nothing;
    return html`<table part="lines" data-testid="lines">
      <thead><tr><th scope="col">Item</th><th scope="col">How it adds up</th><th scope="col" class="num">Cost</th></tr></thead>
      <tbody>${q.lines.map((line, i) => html`<tr>
        <th scope="row">${line.name}</th>
        <td><span>${lineSentence(locale, line, card, this.request?.items?.[i])}</span><small class="source">Source: ${line.source}</small></td>
        <td class="num">${inUnit(locale, line.amount, card)}</td></tr>`)}</tbody>
    </table>`;
  }

  _notes(q, card, plan, locale) {
    const notes = [...(plan.warnings ?? [])];
    if (q && !isZero(q.shortfall) && plan.overagePrice) notes.push(`With Allow Overage on, usage past your balance is billed afterwards at ${money(locale, plan.overagePrice, card.currency)} per ${card.unitSingular}.`);
    if (q && !isZero(q.shortfall) && !q.purchase.length && plan.purchaseNote) notes.push(plan.purchaseNote);
    for (const g of Array.isArray(this.grants) ? this.grants : []) {
      if (g.expiresAt && !isZero(g.remaining)) {
        const burned = (q?.lines ?? []).flatMap((l) => l.burns ?? []).filter((b) => b.grant === g.id);
        if (!burned.length) continue;
        notes.push(`Credits from this quote come from a grant that expires on ${day(locale, g.expiresAt)}.`);
        break;
      }
    }
    return notes.length ? html`<ul class="plain muted" data-testid="warnings" part="notes">${notes.map((n) => html`<li>${n}</li>`)}</ul>` : nothing;
  }

  _short(q, card, locale) {
    const upgrades = q.purchase.filter((p) => p.kind === "upgrade");
    return html`<div class="short" part="short">
      <p>Short by <strong data-testid="shortfall" part="shortfall">${inUnit(locale, q.shortfall, card)}</strong></p>
      ${upgrades.length ? html`<ul class="plain" data-testid="upgrades">${upgrades.map((p) => html`<li>
        ${p.name}: +${inUnit(locale, p.credits, card)} now for ${money(locale, p.price, p.currency)}${p.upgrade === "new_subscription" ? ` a ${p.period}, a new subscription starting today` : ` more a ${p.period}`}
        (balance after ${inUnit(locale, p.balanceAfter, card)}${p.covers === false ? ", still short" : ""})
        <button type="button" class="secondary" part="buy-button" @click=${() => this._buy(p, 1)}>Upgrade</button></li>`)}</ul>` : nothing}
    </div>`;
  }

  _buyPanel(q, card, plan, locale) {
    const m = buyModel({ q, card, plan, planId: this._planId, locale, billing: this._billing, qtyText: this._qtyText,
      seatsText: this._seatsText, buyPacks: (r) => (this._engine ?? this._pricer).buyPacks(r) });
    if (!m) return nothing;
    const { periods, period, product, renewal, qtyText, qty, p, err, seatsErr } = m;
    const unit = product.unitName;
    const errId = this._errId("buy");
    return html`<section class="buy" part="buy" aria-labelledby="${this._id}-buy-h" data-testid="buy">
      <h3 id="${this._id}-buy-h">${renewal ? "Renew your plan" : "Buy more"}</h3>
      <div class="row">
        ${periods.length > 1 ? html`<label>Billing <select data-testid="buy-billing" .value=${live(period)} @change=${(e) => { this._billing = e.target.value; this._qtyText = null; }}>
          ${periods.map((per) => html`<option value=${per} ?selected=${per === period}>${per === "once" ? "one-time" : `${per}ly`}</option>`)}</select></label>` : nothing}
        ${product.perSeat ? this._field("seats", "Seats (users)", html`<input data-testid="buy-seats" inputmode="numeric" autocomplete="off" .value=${live(this._seatsText)}
            @input=${(e) => { this._seatsText = e.target.value; }} aria-invalid=${seatsErr ? "true" : "false"}>`, seatsErr) : nothing}
        ${renewal ? nothing : html`<div class="field"><div class="stepper" role="group" aria-label="How many ${plural(2, unit)} to buy">
          <button type="button" class="secondary" data-testid="buy-minus" aria-label="One fewer" aria-disabled=${qty !== null && qty <= 1 ? "true" : "false"} @click=${() => this._step(-1, qty)}>−</button>
          <input data-testid="buy-quantity" inputmode="numeric" autocomplete="off" aria-label="How many ${plural(2, unit)} to buy" .value=${live(qtyText)}
            @input=${(e) => { this._qtyText = e.target.value; }} @keydown=${(e) => this._stepKey(e, qty)}
            aria-invalid=${err ? "true" : "false"} aria-describedby=${err ? errId : nothing}>
          <button type="button" class="secondary" data-testid="buy-plus" aria-label="One more" @click=${() => this._step(1, qty)}>+</button>
        </div>${err ? html`<p class="error" id=${errId} data-testid="buy-error">${err}</p>` : nothing}</div>`}
      </div>
      ${p ? html`<p><strong data-testid="buy-total">${m.total}</strong> <span class="muted" data-testid="buy-detail">${m.detail}</span></p>
        <div><button type="button" part="buy-button" data-testid="buy-button" @click=${() => this._buy(m.option, qty)}>${renewal ? "Renew now" : "Buy"}</button></div>` : nothing}
    </section>`;
  }

  _step(delta, qty) {
    const n = (qty ?? 1) + delta;
    if (n < 1) return;
    this._qtyText = number(this._locale, String(n));
  }

  _stepKey(e, qty) {
    if (e.key === "ArrowUp" || e.key === "ArrowDown") {
      e.preventDefault();
      this._step(e.key === "ArrowUp" ? 1 : -1, qty);
    }
  }

  _setPlan(id) {
    this._planId = id;
    this._qtyText = null;
    this._billing = this.billing ?? null;
  }

  _edit(i, patch) {
    this._rows = this._rows.map((r, j) => (j === i ? { ...r, ...patch } : r));
  }

  _setFeature(i, feature) {
    const keep = this._card.features[feature].input === this._card.features[this._rows[i].feature].input ? this._rows[i].text : undefined;
    this._edit(i, { ...this._newRow(this._card, feature, keep) });
  }

  _setOption(i, key, value) {
    const options = { ...this._rows[i].options };
    if (value === undefined || value === false) delete options[key]; else options[key] = value;
    this._edit(i, { options });
  }

  async _add() {
    const first = this._featuresOf(this._card, this._planId)[0];
    this._rows = [...this._rows, this._newRow(this._card, first)];
    await this.updateComplete;
    /** @type {HTMLElement | null} */ (this.renderRoot.querySelector(`[data-testid="feature-${this._rows.length - 1}"]`))?.focus();
  }

  async _remove(i) {
    this._rows = this._rows.filter((_, j) => j !== i);
    await this.updateComplete;
    // Focus stays in the list: the item that took its place, else the one before, else "Add item".
    const next = Math.min(i, this._rows.length - 1);
    /** @type {HTMLElement | null} */
    const target = this.renderRoot.querySelector(`[data-testid="${next === 0 ? "feature" : `feature-${next}`}"]`) ?? this.renderRoot.querySelector('[data-testid="add-item"]');
    target?.focus();
  }

  _scheduleAnnounce(q, card, locale) {
    const text = q ? `Total ${inUnit(locale, q.total, card)}${isZero(q.shortfall) ? "" : `, short by ${inUnit(locale, q.shortfall, card)}`}.` : "";
    if (text === this._pendingAnnounce) return;
    this._pendingAnnounce = text;
    clearTimeout(this._announceTimer);
    // Announced once the buyer pauses, not on every keystroke.
    this._announceTimer = setTimeout(() => { this._announce = text; }, 800);
  }

  /** The cart as the host would set it: `[{ feature, seconds | quantity, options }]`, amounts as decimal strings. */
  get cart() {
    return this.request?.items ?? [];
  }

  /** The plan chosen in the panel. */
  get selectedPlan() {
    return this._planId;
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
    const wanted = this.rateCard && typeof this.rateCard === "object" ? this.rateCard.id : this.cardSrc ? null : this.preset;
    if (!s || !this._card || (wanted && this._card.id !== wanted)) return;
    this._pendingSettings = null;
    if (s.plan && this._card.plans[s.plan]) this._planId = s.plan;
    if (typeof s.balance === "string") this._balanceText = s.balance;
    if (s.billing) this._billing = s.billing;
    if (typeof s.seats === "string") this._seatsText = s.seats;
    if (Array.isArray(s.rows)) {
      const rows = s.rows.filter((r) => r && this._card.features[r.feature]).map((r) => ({
        feature: r.feature, text: String(r.text ?? ""), used: String(r.used ?? ""),
        options: r.options && typeof r.options === "object" ? r.options : {},
      }));
      if (rows.length) this._rows = rows;
    }
    this.requestUpdate();
  }

  updated(changed) {
    if (this._pendingSettings && this._card) this._applySettings();
    super.updated(changed);
  }
}
