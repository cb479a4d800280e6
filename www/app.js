// The demo page: <ratecard-checkout> from the package's widget, and around it
// what a pricing page adds: the price list and number format, a share link,
// the price curve, the wallet (grants replayed by `simulate`), capacity, and
// the comparison of every plan. Numbers come from the engine as decimal
// strings; the page only formats them.
import { setWasmUrl, setLiteWasmUrl, engineReady, presetCards, inUnit, money, number, duration, day, localText, localDay } from "./widget/index.js";
import { $, el, reportError } from "./dom.js";
import { drawCurve } from "./chart.js";
import { renderBook } from "./book-panel.js";
import { exampleBook } from "./book-example.js";
import { cannotRun, leftOutWords, missingChoice, renewalReason, withChoice } from "./compare-words.js";
import { exampleRef, packCard, readExampleRef, unpackCard } from "./share.js";

/* global __WASM_FILE__, __LITE_WASM_FILE__ */
setWasmUrl(new URL(`./${__WASM_FILE__}`, import.meta.url));
setLiteWasmUrl(new URL(`./${__LITE_WASM_FILE__}`, import.meta.url));

const LOCALES = [["en-US", "English (US) — 1,234.5"], ["de-DE", "Deutsch — 1.234,5"], ["fr-FR", "Français — 1 234,5"], ["ja-JP", "日本語 — 1,234.5"]];
const checkout = $("checkout");
let locale = "en-US";
let custom = null;        // { json, name, example?, packed? } of the custom card in use (example: its reference; packed: its compressed JSON)
const customs = new Map(); // "custom:<id>" → every custom card loaded, so each can be chosen again
let sim = null;           // the wallet's simulation, when since/today are given
let simPlan = null;       // the plan it replayed: a new plan on screen replays the wallet again
let restoring = false;
let Engine = null;        // the full RateEngine class, once the checkout has loaded it (after the first price)
const names = new Map();  // preset id → its rate card: the picker's names and the comparison's
let compareReady = false; // the comparison of every preset waits for idle time

// ---- price list and locale -------------------------------------------------
$("locale").replaceChildren(...LOCALES.map(([tag, label]) => el("option", { value: tag, textContent: label })));
function setLocale(tag) {
  locale = LOCALES.some(([t]) => t === tag) ? tag : "en-US";
  $("locale").value = locale;
  // The number format is not the language: the page's text stays English (<html lang="en">).
  checkout.locale = locale;
}
setLocale(LOCALES.find(([t]) => t === navigator.language)?.[0] ?? "en-US");
$("locale").addEventListener("change", () => { setLocale($("locale").value); settleSoon(); });

function selectPreset(id) {
  if (id.startsWith("custom:") && customs.has(id)) {
    custom = customs.get(id);
    checkout.rateCard = JSON.parse(custom.json);
    checkout.removeAttribute("preset");
  } else {
    custom = null;
    checkout.rateCard = null;
    checkout.preset = id;
  }
  $("preset").value = id;
  resetWallet();
  // A card with no features quotes nothing, so no quote event comes: the tools follow the
  // card on screen once it is in.
  const wanted = id.startsWith("custom:") ? id.slice("custom:".length) : id;
  whenCard(wanted).then(settleSoon);
}

/**
 * Resolves once the checkout's `ratecard-ready` event says `wanted(detail)`, or at once when it
 * already holds, or after 10 s.
 * @param {(detail: { card: { id: string }, module: string }) => boolean} wanted
 * @param {boolean} already
 */
function whenReady(wanted, already) {
  return new Promise((resolve) => {
    const done = () => { checkout.removeEventListener("ratecard-ready", onReady); clearTimeout(timer); resolve(undefined); };
    /** @param {Event} e */
    const onReady = (e) => { if (wanted(/** @type {CustomEvent} */ (e).detail)) done(); };
    const timer = setTimeout(done, 10000);
    checkout.addEventListener("ratecard-ready", onReady);
    if (already) done();
  });
}

/**
 * Resolves once the checkout shows the rate card `id` (or after 10 s).
 * @param {string} id
 */
function whenCard(id) {
  return whenReady((d) => d.card.id === id, checkout.card?.id === id);
}
$("preset").addEventListener("change", () => selectPreset($("preset").value));

// ---- after each quote: the chart, wallet, capacity, comparison and link ----
/** @type {ReturnType<typeof setTimeout> | undefined} */
let settleTimer;
function settleSoon() {
  document.body.dataset.settled = "false";
  clearTimeout(settleTimer);
  // The total is already on screen: the rest waits for the next task.
  settleTimer = setTimeout(settle, 0);
}
checkout.addEventListener("ratecard-quote", () => { settleSoon(); watchTools(); });
checkout.addEventListener("ratecard-error", () => { settleSoon(); watchTools(); });

// The whole checkout comes from the first-load module; the page's own tools
// (curve, wallet, capacity, comparison) need the full module. It loads once they
// come near the screen (on a phone, when the buyer scrolls to them): a buyer who
// only prices never downloads it, and the first price's time is not spent on it.
// Watched from the first price on, when the checkout has its height.
let watching = false;
function watchTools() {
  if (watching) return;
  watching = true;
  new IntersectionObserver((entries, observer) => {
    if (!entries.some((e) => e.isIntersecting)) return;
    observer.disconnect();
    ready();
  }, { rootMargin: "0px 0px 300px 0px" }).observe($("tools"));
}

function ready() {
  if (document.body.dataset.ready === "true") return;
  document.body.dataset.ready = "true";
  checkout.eager = true;
  engineReady().then(async (E) => {
    Engine = E;
    // The checkout takes the full engine a moment after it loads (its `ratecard-ready`): then the tools draw.
    await whenReady((d) => d.module === "full", Boolean(checkout.engine));
    settleSoon();
    if (!sim && $("since").value && $("today").value) runWallet();
    // The comparison reads every preset: read them one idle moment each (the
    // engine keeps them), so no single task blocks the page.
    const idle = () => new Promise((r) => (window.requestIdleCallback ?? ((f) => setTimeout(f, 50)))(r, { timeout: 1000 }));
    for (const id of names.keys()) {
      await idle();
      Engine.preset(id).free();
    }
    await idle();
    compareReady = true;
    settleSoon();
  });
}

function settle() {
  // The quote is complete from the first-load module on; the tools that need the full module
  // (curve, wallet, capacity, comparison) wait for it themselves.
  if (sim && simPlan !== checkout.selectedPlan) runWallet();
  const q = checkout.quote;
  renderCurve(q);
  renderWallet(q);
  renderCapacity(q);
  renderCompare();
  renderBook(checkout.engine, custom, locale, checkout.selectedPlan);
  if (!restoring) saveState();
  document.body.dataset.settled = "true";
}

const card = () => checkout.card;
const fmt = (v) => inUnit(locale, v, card());
/** Whether the card on screen prices no features (AI Studios): the tools say so. */
const pricesNoFeatures = () => !Object.keys(card()?.features ?? {}).length;

function renderCurve(q) {
  const item = checkout.cart[0];
  const f = item && card()?.features[item.feature];
  const svg = $("curve");
  if (!q || !f || f.input !== "seconds") {
    svg.replaceChildren();
    $("curve-caption").textContent = pricesNoFeatures()
      ? "This price list prices no features, so there is no price by length."
      : "The first item's price at every length appears here for items priced by length.";
    return;
  }
  const plan = card().plans[checkout.selectedPlan];
  const current = Number(q.lines[0].units);   // whole seconds, as metered
  const from = Math.max(1, Math.ceil(Number(f.min ?? 1)));
  let to = Math.max(60, current * 2);
  for (const limit of [f.max, f.lengthLimited === false ? undefined : plan.maxSeconds, 86400]) {
    if (limit !== undefined) to = Math.min(to, Math.floor(Number(limit)));
  }
  const step = Math.max(1, Math.ceil((to - from) / 300));
  let totals;
  if (!checkout.engine) return; // drawn once the full module is in
  try {
    totals = checkout.engine.quoteCurve({ plan: checkout.selectedPlan, item: { feature: item.feature, options: item.options }, fromSeconds: from, toSeconds: to, stepSeconds: step });
  } catch (e) {
    reportError("the price curve", e);
    svg.replaceChildren();
    return;
  }
  const steps = [];
  const notes = [];
  const inc = Number(f.increment ?? 0);
  if (inc > 1 && to / inc <= 80) {
    for (let s = inc; s <= to; s += inc) steps.push(s);
    notes.push(`dashed lines: steps of ${duration(locale, f.increment)}`);
  }
  if (f.minimum !== undefined) {
    steps.push(Number(f.minimum));
    notes.push(`the ${duration(locale, f.minimum)} minimum charge`);
  }
  // The marker shows the quote's own amount for the item, so chart and quote agree at any length.
  drawCurve(svg, { from, step, totals, current, currentTotal: q.lines[0].amount, steps, format: fmt, seconds: (s) => duration(locale, String(s)), width: matchMedia("(max-width: 520px)").matches ? 360 : 640 });
  $("curve-caption").textContent = `Price of ${f.name} on ${plan.name} from ${duration(locale, String(from))} to ${duration(locale, String(from + step * (totals.length - 1)))}; the red line is your ${duration(locale, q.lines[0].units)}.${notes.length ? ` Also marked: ${notes.join(", ")}.` : ""}`;
}

// ---- wallet ------------------------------------------------------------------
function resetWallet() {
  sim = null;
  checkout.grants = null;
  $("grants").hidden = true;
  $("wallet-error").hidden = true;
}

function runWallet() {
  const since = $("since").value, today = $("today").value;
  $("wallet-error").hidden = true;
  if (!since || !today || !checkout.engine) { sim = null; checkout.grants = null; checkout.at = undefined; return; }
  try {
    sim = checkout.engine.simulate({ plan: checkout.selectedPlan, start: since, until: today });
    simPlan = checkout.selectedPlan;
    checkout.grants = sim.grants.filter((g) => !/^-?0*(\.0*)?$/.test(g.remaining));
    checkout.at = today;
  } catch (e) {
    sim = null;
    checkout.grants = null;
    $("wallet-error").hidden = false;
    $("wallet-error").textContent = e.code !== "invalid_request" ? "Your wallet cannot be replayed for this plan."
      : e.path?.[0] === "until" && since <= today ? "The wallet replays at most ten years (3,660 days): choose a later start."
      : "Give both days as dates, the start no later than today.";
  }
}
$("since").addEventListener("input", runWallet);
$("today").addEventListener("input", runWallet);

function renderWallet(q) {
  $("grants").hidden = !sim;
  if (!sim) return;
  const used = new Map();
  for (const line of q?.lines ?? []) for (const b of line.burns ?? []) used.set(b.grant, [...(used.get(b.grant) ?? []), b.credits]);
  $("grants").tBodies[0].replaceChildren(...(checkout.grants ?? []).map((g) =>
    el("tr", {},
      el("th", { scope: "row", textContent: day(locale, g.issuedAt) }),
      el("td", { className: "num", textContent: fmt(g.remaining) }),
      el("td", { textContent: g.expiresAt ? day(locale, g.expiresAt) : "never" }),
      el("td", { className: "num", textContent: (used.get(g.id) ?? []).map(fmt).join(" + ") || "—" }))));
}

function renderCapacity(q) {
  const item = checkout.cart[0];
  if (!q || !item || !checkout.engine) { $("capacity").textContent = ""; return; }
  try {
    const c = checkout.engine.capacity({ plan: checkout.selectedPlan, feature: item.feature, options: item.options, balance: q.balance });
    const f = card().features[item.feature];
    const amount = c.seconds !== undefined ? duration(locale, c.seconds) : `${number(locale, c.quantity)} ${f.unitName ?? (f.input === "seconds" ? "video" : "unit")}${c.quantity === "1" ? "" : "s"}`;
    const why = c.limitedBy === "the balance" ? "your balance" : c.limitedBy.startsWith("plan") ? "the plan's longest video"
      : c.limitedBy.startsWith("the feature") ? `the longest ${f.name} allowed` : "the most one quote can price";
    $("capacity").textContent = `Your balance of ${fmt(q.balance)} buys up to ${amount} of ${f.name} (${fmt(c.cost)}; limited by ${why}).`;
  } catch (e) {
    reportError("what the balance buys", e);
    $("capacity").textContent = "";
  }
}

// ---- comparison ----------------------------------------------------------------
function renderCompare() {
  const cart = checkout.cart;
  if (!cart.length && pricesNoFeatures()) {
    $("compare").tBodies[0].replaceChildren(el("tr", {}, el("td", { colSpan: 3, className: "muted", textContent: "This price list prices no features, so there is no cart to compare." })));
    return;
  }
  if (!cart.length || !compareReady) { $("compare").tBodies[0].replaceChildren(); return; }
  let rows;
  try {
    rows = Engine.compare({ workload: cart });
    // A price list that needs a choice the cart leaves open (Pay-As-You-Go's avatar type) is
    // priced again with the buyer's choice from its row.
    rows = rows.flatMap((r) => {
      const choice = compareChoices.get(r.preset);
      const need = r.runnable ? undefined : missingChoice(r.refusal, names.get(r.preset), cart);
      if (!choice || !need || need.item !== choice.item || need.key !== choice.key) return [r];
      return Engine.compare({ workload: withChoice(cart, choice), presets: [r.preset] }).map((x) => ({ ...x, chosen: choice, need }));
    });
  } catch (e) {
    reportError("the plan comparison", e);
    rows = [];
  }
  // A price list's choice is drawn on its first row only.
  $("compare").tBodies[0].replaceChildren(...rows.map((r, i) => compareRow(r, cart, rows.findIndex((x) => x.preset === r.preset) === i)));
}

/** The buyer's choices for price lists that need one the cart leaves open: preset → `{ item, key, value }`. */
const compareChoices = new Map();

/** One row of the comparison: the price list and plan, the month's price, and what to buy (or why
 *  not, or, on the price list's `first` row, what to choose). */
function compareRow(r, cart, first) {
  const c = names.get(r.preset);
  const plan = r.plan ? c?.plans[r.plan] : undefined;
  const label = `${c?.name ?? r.preset}${plan ? ` · ${plan.name}` : ""}${r.closed ? " (closed to new buyers)" : ""}`;
  const buys = !r.runnable ? cannotRun(r.refusal, c, card(), cart)
    : r.purchases.length ? r.purchases.map((p) => `${number(locale, String(p.quantity))} × ${localText(locale, p.name)}: ${inUnit(locale, p.credits, c)} for ${money(locale, p.price, p.currency)}${p.kind === "renewal" && plan ? ` (${renewalReason(plan.name).replace(/\.$/, "")})` : ""}`).join("; ")
    : "The plan's own credits cover it.";
  const chosen = r.chosen ? ` Priced with ${c.features[cart[r.chosen.item].feature].options[r.chosen.key].label.toLowerCase()} ${r.chosen.value.replaceAll("_", " ")}.` : "";
  const more = `${r.runnable && !r.complete ? " Plus the plan's own price, which is not published." : ""}${r.runnable && r.leftOut ? ` ${leftOutWords(r.leftOut, card(), cart)}` : ""}${chosen}`;
  const price = r.price === undefined ? "—" : `${money(locale, r.price, r.currency)}${r.complete ? "" : " + plan"}`;
  const what = el("td", { textContent: more ? `${buys.replace(/\.?$/, ".")}${more}` : buys });
  // Once per price list (its first row): the choice its price needs, kept once chosen.
  const need = r.need ?? (!r.runnable ? missingChoice(r.refusal, c, cart) : undefined);
  if (need && first) {
    const pick = el("select", { dataset: { testid: `compare-choice-${r.preset}` } },
      el("option", { value: "", textContent: "Choose…" }), ...need.values.map(([v, words]) => el("option", { value: v, textContent: words, selected: v === r.chosen?.value })));
    pick.addEventListener("change", () => { compareChoices.set(r.preset, { item: need.item, key: need.key, value: pick.value }); renderCompare(); });
    what.append(" ", el("label", { className: "inline" }, `${need.label}: `, pick));
  }
  return el("tr", { className: r.runnable ? "" : "muted" },
    el("th", { scope: "row", textContent: label }),
    el("td", { className: "num", textContent: price }),
    what);
}

// ---- the share link: every setting in the URL; back/forward restores ----------
let lastChoice = "";
function saveState() {
  const s = checkout.settings;
  const params = new URLSearchParams({ preset: $("preset").value, locale, plan: s.plan ?? "", rows: JSON.stringify(s.rows ?? []) });
  for (const [k, v] of [["balance", s.balance], ["billing", s.billing], ["seats", s.seats !== "1" ? s.seats : ""], ["since", $("since").value], ["today", $("today").value]]) if (v) params.set(k, v);
  // A custom card goes by reference (the example book) or compressed, so the link stays short;
  // until its compression is done (a moment), as it is.
  if (custom?.example) params.set("example", custom.example);
  else if (custom?.packed) params.set("cardz", custom.packed);
  else if (custom) params.set("card", custom.json);
  const hash = `#${params}`;
  // A new entry for a choice (price list, plan, number format); typing replaces the
  // current one, so Back goes to the previous choice, not the previous keystroke.
  const choice = `${$("preset").value}|${s.plan}|${locale}`;
  if (location.hash !== hash) {
    if (choice !== lastChoice && location.hash) history.pushState(null, "", hash);
    else history.replaceState(null, "", hash);
  }
  lastChoice = choice;
  $("share").href = location.href;
}

async function restoreState() {
  const params = new URLSearchParams(location.hash.slice(1));
  const preset = params.get("preset");
  if (!preset) return false;
  restoring = true;
  setLocale(params.get("locale") ?? locale);
  $("share-notice").hidden = true;
  if (preset.startsWith("custom:")) {
    try {
      const ref = readExampleRef(params.get("example"));
      const packed = params.get("cardz");
      const json = ref ? JSON.stringify(exampleBook(names.get(ref.preset), ref), null, 2) : packed ? await unpackCard(packed, names) : params.get("card");
      const engine = (await engineReady()).fromJson(json ?? "");
      addCustom(engine, json, ref ? params.get("example") : undefined);
    } catch (e) {
      reportError("the share link's rate card", e);
      $("share-notice").hidden = false;
      $("share-notice").textContent = "This link's own rate card could not be restored; showing the built-in HeyGen credit plans instead.";
      selectPreset("heygen-credits");
    }
  } else if ([...$("preset").options].some((o) => o.value === preset)) {
    selectPreset(preset);
  }
  let rows = [];
  try { rows = JSON.parse(params.get("rows") ?? "[]"); } catch { /* a damaged link keeps the defaults */ }
  checkout.settings = { plan: params.get("plan") ?? undefined, balance: params.get("balance") ?? "", billing: params.get("billing") ?? undefined, seats: params.get("seats") ?? "1", rows };
  $("since").value = params.get("since") ?? "";
  $("today").value = params.get("today") ?? "";
  await checkout.updateComplete;
  await new Promise((r) => setTimeout(r, 0));
  runWallet();
  await checkout.updateComplete;
  restoring = false;
  return true;
}
window.addEventListener("popstate", () => { restoreState(); });

$("share-copy").addEventListener("click", async () => {
  saveState();
  try {
    await navigator.clipboard.writeText(location.href);
    $("share-status").textContent = "Link copied.";
  } catch (e) {
    reportError("the copied link", e);
    $("share-status").textContent = "Copy the link from the address bar.";
  }
  setTimeout(() => { $("share-status").textContent = ""; }, 4000);
});

// ---- custom rate cards -----------------------------------------------------------
function addCustom(engine, json, example) {
  const card = engine.rateCard();
  /** @type {{ json: string, name: string, example?: string, packed?: string }} */
  const made = { json, name: card.name, example };
  custom = made;
  if (!example) {
    const mine = custom;
    packCard(json, names).then((packed) => { mine.packed = packed; if (custom === mine && !restoring) saveState(); }, (e) => reportError("the share link's compression", e));
  }
  const key = `custom:${card.id}`;
  customs.set(key, custom);
  if (![...$("preset").options].some((o) => o.value === key)) $("preset").append(el("option", { value: key, textContent: `${card.name} (your own)` }));
  selectPreset(key);
}

async function loadCustomCard(text, example = undefined) {
  try {
    const engine = (await engineReady()).fromJson(text);
    $("card-error").hidden = true;
    // The cart on screen stays: the buyer asked what the same cart costs under these prices.
    const keep = checkout.settings;
    addCustom(engine, text, example);
    checkout.settings = keep;
  } catch (e) {
    $("card-error").hidden = false;
    // The JSON path helps whoever writes the card; the code stays out of sight.
    $("card-error").textContent = `This rate card has a problem: ${e.message}`;
  }
}
$("card-example").addEventListener("click", () => {
  const ref = { preset: $("preset").value, feature: checkout.cart[0]?.feature, plan: checkout.selectedPlan ?? undefined, today: localDay() };
  // From a built-in card only (a custom card's example could not be rebuilt from a link).
  const from = names.get(ref.preset) ?? card();
  const text = JSON.stringify(exampleBook(from, ref), null, 2);
  $("card-json").value = text;
  loadCustomCard(text, names.has(ref.preset) ? exampleRef(ref) : undefined);
});
$("card-start").addEventListener("click", () => { $("card-json").value = JSON.stringify(card(), null, 2); });
$("card-load").addEventListener("click", () => loadCustomCard($("card-json").value));
$("card-file").addEventListener("change", async () => {
  const file = $("card-file").files[0];
  if (file) { $("card-json").value = await file.text(); loadCustomCard($("card-json").value); }
});

// ---- start -------------------------------------------------------------------------
// The picker's names from the first-load module; the full module follows the first price.
for (const [id, c] of await presetCards()) names.set(id, c);
$("preset").replaceChildren(...[...names].map(([id, c]) => el("option", { value: id, textContent: c.name })));
if (!(await restoreState())) selectPreset([...names.keys()][0]);
