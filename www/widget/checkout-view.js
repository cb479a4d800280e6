// <ratecard-checkout>'s parts as template functions of a view model (`v`,
// made by the element's `_viewModel()`: what the buyer typed, the ids, and the
// callbacks `v.on`): a field with its message, the items, the quote's lines, the
// notes, the shortfall and the buy panel. Each renders what the engine returned
// and the buyer typed; no template reads or writes the element itself. No
// pricing rule here.

/**
 * @typedef {{ id: string, rows: any[], planId: string, card: any, readonly: boolean, balanceText: string | null, headingLevel?: number,
 *   qtyText: string | null, seatsText: string, errId: (field: string) => string, on: ViewCallbacks }} CheckoutView
 * @typedef {{ add: () => void, remove: (i: number) => void, edit: (i: number, patch: object) => void,
 *   setFeature: (i: number, feature: string) => void, setOption: (i: number, key: string, value: unknown) => void,
 *   step: (delta: number, qty: number | null) => void, stepKey: (e: KeyboardEvent, qty: number | null) => void,
 *   buy: (option: any, quantity: number | null) => void, setBilling: (period: string) => void,
 *   seats: (text: string) => void, qty: (text: string) => void, balance: (text: string) => void }} ViewCallbacks
 */
import { html, nothing } from "lit";
import { live } from "lit/directives/live.js";
import { day, duration, inUnit, isZero, localText, money, number, plural, words } from "./locale.js";
import { lengthEcho, parseLength } from "./length.js";
import { lineRange, lineSentence } from "./lines.js";
import { noticeDay } from "./notice.js";

/** The test hook of a field's message: "seconds-error" for the first item, "seconds-1-error" for the second. */
/** @param {string} field */
function hookOf(field) {
  const m = /^items\.(\d+)\.(.*)$/.exec(field);
  return m ? `${m[2].replaceAll(".", "-")}${m[1] === "0" ? "" : `-${m[1]}`}` : field.replaceAll(".", "-");
}

/** A labelled control with its error message (by id, for aria-describedby) under it. */
/**
 * @param {CheckoutView} v
 * @param {string} name the field's path, e.g. "items.0.seconds"
 * @param {unknown} label
 * @param {unknown} control
 * @param {string | null | undefined} error
 */
export function field(v, name, label, control, error) {
  return html`<div class="field"><label>${label} ${control}</label>${error ? html`<p class="error" id=${v.errId(name)} data-testid="${hookOf(name)}-error">${error}</p>` : nothing}</div>`;
}

const hook = (/** @type {string} */ name, /** @type {number} */ i) => (i === 0 ? name : `${name}-${i}`);

/** The editable items (or, `readonly`, the items as text), and "Add item". */
/**
 * @param {CheckoutView} v
 * @param {any} card
 * @param {string} locale
 * @param {(field: string) => string | null} errFor
 */
export function items(v, card, locale, errFor) {
  if (!Object.keys(card.features).length) {
    return html`<p class="muted" data-testid="no-features">This rate card prices no features (its article gives no per-feature rates); its credits can still be bought below.</p>`;
  }
  return html`<ol class="items" part="items" aria-label="What you are generating">
      ${v.rows.map((row, i) => item(v, card, locale, errFor, row, i))}
    </ol>
    ${v.readonly ? nothing : html`<div><button type="button" class="secondary" data-testid="add-item" part="add" @click=${v.on.add}>+ Add item</button></div>`}`;
}

/**
 * @param {CheckoutView} v
 * @param {any} card
 * @param {string} locale
 * @param {(field: string) => string | null} errFor
 * @param {import("./rows.js").Row} row
 * @param {number} i
 */
function item(v, card, locale, errFor, row, i) {
  if (row.refused) {
    // The host's item this card cannot price: its words and, unless read-only, its remove button.
    return html`<li class="item refused" part="item"><p class="error" data-testid=${hook("refused", i)}>${row.refused}</p>
      ${v.readonly ? nothing : html`<button type="button" class="secondary" data-testid=${hook("remove", i)} @click=${() => v.on.remove(i)} aria-label="Remove item ${i + 1}">Remove</button>`}</li>`;
  }
  const f = card.features[row.feature];
  const key = f.input === "seconds" ? "seconds" : "quantity";
  const name = `items.${i}.${key}`;
  const err = errFor(name);
  if (v.readonly) {
    return html`<li class="item" part="item"><strong>${f.name}</strong> <span data-testid=${hook(key, i)}>${row.text}</span>${err ? html`<p class="error">${err}</p>` : nothing}</li>`;
  }
  const plan = card.plans[v.planId];
  const allowance = (plan.allowances ?? []).find((/** @type {any} */ a) => a.feature === row.feature && a.amount !== undefined);
  const units = key === "seconds" ? "seconds" : plural(2, f.unitName ?? "unit");
  return html`<li class="item" part="item">
    <label>What <select data-testid=${hook("feature", i)} .value=${live(row.feature)} @change=${(/** @type {any} */ e) => v.on.setFeature(i, e.target.value)}>
      ${Object.entries(card.features).map(([id, def]) => html`<option value=${id} ?selected=${id === row.feature}>${def.name}</option>`)}
    </select></label>
    ${key === "seconds" ? lengthField(v, i, row, name, err, locale) : field(v, name, `How many (${units})`,
      html`<input class="amount" data-testid=${hook(key, i)} inputmode="decimal" autocomplete="off" .value=${live(row.text)}
        @input=${(/** @type {any} */ e) => v.on.edit(i, { text: e.target.value })}
        aria-invalid=${err ? "true" : "false"} aria-describedby=${err ? v.errId(name) : nothing}>`, err)}
    ${Object.entries(f.options ?? {}).map(([k, def]) => option(v, i, row, k, def, errFor(`items.${i}.options.${k}`), locale))}
    ${allowance ? field(v, `items.${i}.used`, `Used this ${plan.period} (${units})`,
      html`<input class="amount" data-testid=${hook("used", i)} inputmode="decimal" autocomplete="off" placeholder="0" title=${allowance.label}
        .value=${live(row.used)} @input=${(/** @type {any} */ e) => v.on.edit(i, { used: e.target.value })}>`, errFor(`items.${i}.used`)) : nothing}
    ${v.rows.length > 1 ? html`<button type="button" class="secondary" data-testid=${hook("remove", i)} @click=${() => v.on.remove(i)} aria-label="Remove ${f.name} (item ${i + 1})">Remove</button>` : nothing}
  </li>`;
}

/**
 * A length: the entry (seconds, minutes or m:ss), what a bare number means (seconds or
 * minutes), and the length said back ("3 min = 180 sec") or its error.
 */
function lengthField(/** @type {CheckoutView} */ v, /** @type {number} */ i, /** @type {import("./rows.js").Row} */ row,
  /** @type {string} */ name, /** @type {string | null} */ err, /** @type {string} */ locale) {
  const unit = row.unit ?? "s";
  const seconds = parseLength(locale, row.text, unit);
  const echoId = `${v.errId(name)}-echo`;
  const echo = !err && seconds !== null ? lengthEcho(locale, row.text, unit, seconds, duration) : null;
  return html`<div class="field"><label for="${v.id}-len-${i}">Length</label>
    <span class="length"><input class="amount" id="${v.id}-len-${i}" data-testid=${hook("seconds", i)} inputmode="decimal" autocomplete="off" .value=${live(row.text)}
        @input=${(/** @type {any} */ e) => v.on.edit(i, { text: e.target.value })} title="Seconds (90), minutes (3 min) or minutes and seconds (2:30)"
        aria-invalid=${err ? "true" : "false"} aria-describedby=${err ? v.errId(name) : echo ? echoId : nothing}>
      <select data-testid=${hook("length-unit", i)} aria-label="Length in" .value=${live(unit)} @change=${(/** @type {any} */ e) => v.on.edit(i, { unit: e.target.value })}>
        <option value="s" ?selected=${unit === "s"}>seconds</option><option value="min" ?selected=${unit === "min"}>minutes</option>
      </select></span>
    ${err ? html`<p class="error" id=${v.errId(name)} data-testid="${hookOf(name)}-error">${err}</p>`
      : echo ? html`<p class="muted echo" id=${echoId} data-testid=${hook("length-echo", i)}>${echo}</p>` : nothing}</div>`;
}

/**
 * @param {CheckoutView} v
 * @param {number} i
 * @param {import("./rows.js").Row} row
 * @param {string} key
 * @param {any} def the option's definition on the card
 * @param {string | null} err
 * @param {string} locale
 */
function option(v, i, row, key, def, err, locale) {
  const name = `items.${i}.options.${key}`;
  const errId = v.errId(name);
  if (def.type === "boolean") {
    const suffix = def.multiplier !== undefined ? ` (×${number(locale, def.multiplier)})` : "";
    return html`<div class="field"><label class="check" title=${def.gate ?? ""}><input type="checkbox" data-testid=${hook(`option-${key}`, i)}
      .checked=${live(row.options[key] === true)} @change=${(/** @type {any} */ e) => v.on.setOption(i, key, e.target.checked)}
      aria-invalid=${err ? "true" : "false"} aria-describedby=${err ? errId : nothing}> ${def.label}${suffix}</label>
      ${err ? html`<p class="error" id=${errId}>${err}</p>` : nothing}</div>`;
  }
  const planMax = v.card.plans[v.planId].maxOptions?.[key];
  const value = row.options[key] ?? def.default ?? "";
  return field(v, name, def.label, html`<select data-testid=${hook(`option-${key}`, i)} .value=${live(value)}
      @change=${(/** @type {any} */ e) => v.on.setOption(i, key, e.target.value || undefined)}
      aria-invalid=${err ? "true" : "false"} aria-describedby=${err ? errId : nothing}>
      ${def.default !== undefined ? nothing : html`<option value="" ?selected=${value === ""}>${planMax ? `Plan's highest (${words(planMax)})` : "Choose…"}</option>`}
      ${def.values.map((/** @type {string} */ v) => html`<option value=${v} ?selected=${v === value}>${words(v)}${def.unavailable?.[v] ? " (not available)" : ""}</option>`)}
    </select>`, err);
}

/**
 * The quote's lines: name, the sentence of how it adds up with its source, the amount. For a job
 * of unknown length (`low`, the range's low quote, beside `q`, its high one) a line whose ends
 * differ reads "At least: …" and "At most: …", its cost "1.5–2 credits".
 * @param {any} q
 * @param {any} card
 * @param {string} locale
 * @param {any} request
 * @param {any} [low]
 */
export function lines(q, card, locale, request, low = null) {
  if (!q) return nothing;
  const row = (/** @type {any} */ line, /** @type {number} */ i) => {
    const item = request?.items?.[i];
    const range = lineRange(locale, low?.lines?.[i], line, card, item);
    const how = range
      ? html`<span class="end" data-testid="least">At least: ${range.least}</span><span class="end" data-testid="most">At most: ${range.most}</span>`
      : html`<span>${lineSentence(locale, line, card, item)}</span>`;
    return html`<tr>
      <th scope="row">${line.name}</th>
      <td>${how}<small class="source">Source: ${line.source}</small></td>
      <td class="num">${range ? range.cost : inUnit(locale, line.amount, card)}</td></tr>`;
  };
  return html`<table part="lines" data-testid="lines">
    <thead><tr><th scope="col">Item</th><th scope="col">How it adds up</th><th scope="col" class="num">Cost</th></tr></thead>
    <tbody>${q.lines.map(row)}</tbody>
  </table>`;
}

/** The plan's warnings, and what a shortfall or an expiring grant means for this quote. */
/**
 * @param {any} q
 * @param {any} card
 * @param {any} plan
 * @param {string} locale
 * @param {unknown} grants
 */
export function notes(q, card, plan, locale, grants) {
  const list = [...(plan.warnings ?? [])];
  const short = q && !isZero(q.shortfall);
  if (short && plan.overagePrice) list.push(`With Allow Overage on, usage past your balance is billed afterwards at ${money(locale, plan.overagePrice, card.currency)} per ${card.unitSingular}.`);
  if (short && !q.purchase.length && plan.purchaseNote) list.push(plan.purchaseNote);
  const burned = new Set((q?.lines ?? []).flatMap((/** @type {any} */ l) => l.burns ?? []).map((/** @type {any} */ b) => b.grant));
  const expiring = (Array.isArray(grants) ? grants : []).find((g) => g.expiresAt && !isZero(g.remaining) && burned.has(g.id));
  if (expiring) list.push(`Credits from this quote come from a grant that expires on ${day(locale, expiring.expiresAt)}.`);
  return list.length ? html`<ul class="plain muted" data-testid="warnings" part="notes">${list.map((n) => html`<li>${n}</li>`)}</ul>` : nothing;
}

/** A price book's coming change: "From 1 January 2027: Avatar IV costs 25 credits a minute (now 20)." */
/**
 * @param {{ effectiveFrom: string, sentences: string[] } | null} change
 * @param {string} locale
 */
export function priceNotice(change, locale) {
  if (!change) return nothing;
  return html`<p class="notice" part="notice" role="note" data-testid="price-notice">From ${noticeDay(locale, change.effectiveFrom)}: ${change.sentences.join("; ")}.</p>`;
}

/** The shortfall, and each upgrade that adds credits now, with its button. */
/**
 * @param {CheckoutView} v
 * @param {any} q
 * @param {any} card
 * @param {string} locale
 */
export function short(v, q, card, locale) {
  const upgrades = q.purchase.filter((/** @type {any} */ p) => p.kind === "upgrade");
  return html`<div class="short" part="short">
    <p>Short by <strong data-testid="shortfall" part="shortfall">${inUnit(locale, q.shortfall, card)}</strong></p>
    ${upgrades.length ? html`<ul class="plain" data-testid="upgrades">${upgrades.map((/** @type {any} */ p) => html`<li>
      ${localText(locale, p.name)}: +${inUnit(locale, p.credits, card)} now for ${money(locale, p.price, p.currency)}${p.upgrade === "new_subscription" ? ` a ${p.period}, a new subscription starting today` : ` more a ${p.period}`}
      (balance after ${inUnit(locale, p.balanceAfter, card)}${p.covers === false ? ", still short" : ""})
      <button type="button" class="secondary" part="buy-button" @click=${() => v.on.buy(p, 1)}>Upgrade</button></li>`)}</ul>` : nothing}
  </div>`;
}

/** The buy panel from its model (buy.js): billing, seats, the quantity stepper, the price and Buy. */
/**
 * @param {CheckoutView} v
 * @param {any} m the buy panel's model (buy.js)
 */
export function buyPanel(v, m) {
  const { periods, period, product, renewal, qtyText, qty, p, err, seatsErr } = m;
  const unit = product.unitName;
  const errId = v.errId("buy");
  return html`<section class="buy" part="buy" aria-labelledby="${v.id}-buy-h" data-testid="buy">
    ${heading(v.headingLevel, `${v.id}-buy-h`, renewal ? "Renew your plan" : "Buy more")}
    <div class="row">
      ${periods.length > 1 ? html`<label>Billing <select data-testid="buy-billing" .value=${live(period)} @change=${(/** @type {any} */ e) => v.on.setBilling(e.target.value)}>
        ${periods.map((/** @type {string} */ per) => html`<option value=${per} ?selected=${per === period}>${per === "once" ? "one-time" : `${per}ly`}</option>`)}</select></label>` : nothing}
      ${product.perSeat ? field(v, "seats", "Seats (users)", html`<input data-testid="buy-seats" inputmode="numeric" autocomplete="off" .value=${live(v.seatsText)}
          @input=${(/** @type {any} */ e) => v.on.seats(e.target.value)} aria-invalid=${seatsErr ? "true" : "false"}>`, seatsErr) : nothing}
      ${renewal ? nothing : html`<div class="field"><div class="stepper" role="group" aria-label="How many ${plural(2, unit)} to buy">
        <button type="button" class="secondary" data-testid="buy-minus" aria-label="One fewer" aria-disabled=${qty !== null && qty <= 1 ? "true" : "false"} @click=${() => v.on.step(-1, qty)}>−</button>
        <input data-testid="buy-quantity" inputmode="numeric" autocomplete="off" aria-label="How many ${plural(2, unit)} to buy" .value=${live(qtyText)}
          @input=${(/** @type {any} */ e) => v.on.qty(e.target.value)} @keydown=${(/** @type {any} */ e) => v.on.stepKey(e, qty)}
          aria-invalid=${err ? "true" : "false"} aria-describedby=${err ? errId : nothing}>
        <button type="button" class="secondary" data-testid="buy-plus" aria-label="One more" @click=${() => v.on.step(1, qty)}>+</button>
      </div>${err ? html`<p class="error" id=${errId} data-testid="buy-error">${err}</p>` : nothing}</div>`}
    </div>
    ${p ? html`<p><strong data-testid="buy-total">${m.total}</strong> <span class="muted" data-testid="buy-detail">${m.detail}</span></p>
      <div><button type="button" part="buy-button" data-testid="buy-button" @click=${() => v.on.buy(m.option, qty)}>${renewal ? "Renew now" : "Buy"}</button></div>` : nothing}
  </section>`;
}

/**
 * A heading at the host's `level` (1–6, `role="heading"`), or, with none, a label that is no
 * heading, so the host's outline stays valid.
 * @param {number | undefined} level
 * @param {string} id
 * @param {string} text
 */
export function heading(level, id, text) {
  const n = Math.trunc(Number(level));
  return n >= 1 && n <= 6
    ? html`<div class="heading" role="heading" aria-level=${n} id=${id} data-testid="heading">${text}</div>`
    : html`<div class="heading" id=${id} data-testid="heading">${text}</div>`;
}

/** The panel's shape while the engine loads; the balance can be typed already. */
/** @param {CheckoutView} v */
export function skeleton(v) {
  return html`<section part="panel skeleton" aria-busy="true" aria-label="Price of this generation, loading">
    <div class="row">
      <span class="skeleton block narrow"></span>
      <label>Balance <input data-testid="balance" inputmode="decimal" autocomplete="off" .value=${live(v.balanceText ?? "")}
        @input=${(/** @type {any} */ e) => v.on.balance(e.target.value)}></label>
    </div>
    <span class="skeleton block"></span>
    <span class="skeleton tall"></span>
    <p class="muted">Loading prices…</p>
  </section>`;
}
