// The checkout page. Its controls come from the rate card, and every number
// comes from the engine as a decimal string; the page only formats them.
import init, { RateEngine } from "./pkg/ratecard.js";
import { $, el } from "./dom.js";
import { drawCurve } from "./chart.js";
import { LOCALES, getLocale, inUnit, isZero, money, number, plural, setLocale } from "./format.js";

await init();

const state = {
  engines: new Map(),   // preset id or "custom:<id>" → RateEngine
  engine: null,
  card: null,
  items: [],            // { feature, amount, used, options }
  quote: null,
  buyQuantity: 1,
};

// ---- rate card and plan -------------------------------------------------
function selectCard(key) {
  state.engine = state.engines.get(key);
  state.card = state.engine.rateCard();
  const plans = Object.entries(state.card.plans);
  $("plan").replaceChildren(...plans.map(([id, p]) => el("option", { value: id, textContent: p.name })));
  $("plan").value = (plans.find(([, p]) => (p.products ?? []).length > 0 && p.price !== undefined) ?? plans.find(([, p]) => (p.products ?? []).length > 0) ?? plans[0])[0];
  $("balance-unit").textContent = state.card.unit;
  $("balance").value = "";
  state.items = featureIds().length ? [newItem()] : [];
  onPlanChange();
}

const plan = () => state.card.plans[$("plan").value];
const featureIds = () => Object.keys(state.card.features);

function newItem(feature) {
  const id = feature ?? (plan().features ?? featureIds())[0] ?? featureIds()[0];
  return { feature: id, amount: state.card.features[id].input === "seconds" ? "60" : "1", used: "", options: {} };
}

function onPlanChange() {
  const p = plan();
  const price = p.price === undefined ? "price not published" : `${money(p.price, state.card.currency)} a ${p.period}`;
  $("plan-note").textContent = `${p.name}: ${price}, ${inUnit(p.included, state.card)} included.`;
  $("balance").placeholder = `${number(p.included)} (a fresh ${p.period})`;
  const periods = [...new Set((p.products ?? []).map((id) => state.card.products[id].period))];
  $("buy-billing").replaceChildren(...periods.map((per) => el("option", { value: per, textContent: per === "once" ? "one-time" : `${per}ly` })));
  $("buy-billing-label").hidden = periods.length < 2;
  renderItems();
  update();
}

// ---- items --------------------------------------------------------------
function renderItems() {
  if (!featureIds().length) {
    $("items").replaceChildren(el("li", { className: "note", textContent: "This rate card prices no features (its source gives no per-feature rates). Load a rate card of your own below to quote generations; packs and units can be bought here." }));
    $("add-item").hidden = true;
    return;
  }
  $("add-item").hidden = false;
  // Re-rendering replaces the controls: keep keyboard focus where it was.
  const focused = document.activeElement?.dataset?.testid;
  $("items").replaceChildren(...state.items.map(itemRow));
  if (focused) document.querySelector(`[data-testid="${CSS.escape(focused)}"]`)?.focus();
}

function itemRow(item, i) {
  const f = state.card.features[item.feature];
  const hook = (name) => (i === 0 ? name : `${name}-${i}`);
  const rerender = () => { renderItems(); update(); };

  const feature = el("select", { dataset: { testid: hook("feature") } },
    ...Object.entries(state.card.features).map(([id, def]) => el("option", { value: id, textContent: def.name })));
  feature.value = item.feature;
  feature.addEventListener("change", () => { state.items[i] = { ...newItem(feature.value), amount: item.amount }; rerender(); });

  const isSeconds = f.input === "seconds";
  const amount = el("input", { value: item.amount, inputMode: "decimal", autocomplete: "off", className: "amount", dataset: { testid: hook(isSeconds ? "seconds" : "quantity") } });
  amount.addEventListener("input", () => { item.amount = amount.value; update(); });
  const unitWord = isSeconds ? "Seconds" : `How many (${plural(2, f.unitName ?? "unit")})`;
  const controls = [el("label", {}, "Feature ", feature), el("label", {}, `${unitWord} `, amount)];

  for (const [key, def] of Object.entries(f.options ?? {})) controls.push(optionControl(item, key, def, hook));

  const allowance = (plan().allowances ?? []).find((a) => a.feature === item.feature && a.amount !== undefined);
  if (allowance) {
    const used = el("input", { value: item.used, inputMode: "decimal", autocomplete: "off", className: "amount", placeholder: "0", dataset: { testid: hook("used") } });
    used.addEventListener("input", () => { item.used = used.value; update(); });
    controls.push(el("label", { title: allowance.label }, `Used this ${plan().period} (${isSeconds ? "s" : plural(2, f.unitName ?? "unit")}) `, used));
  }

  const remove = el("button", { type: "button", className: "secondary remove", textContent: "Remove", disabled: state.items.length === 1, "aria-label": `Remove item ${i + 1}` });
  remove.addEventListener("click", () => { state.items.splice(i, 1); rerender(); });
  return el("li", { className: "item" }, ...controls, remove);
}

function optionControl(item, key, def, hook) {
  if (def.type === "boolean") {
    const box = el("input", { type: "checkbox", checked: item.options[key] === true, dataset: { testid: hook(`option-${key}`) } });
    box.addEventListener("change", () => { item.options[key] = box.checked; update(); });
    const suffix = def.multiplier !== undefined ? ` (×${def.multiplier})` : "";
    return el("label", { className: "check", title: def.gate ?? "" }, box, ` ${def.label}${suffix}`);
  }
  const planMax = plan().maxOptions?.[key];
  const blank = def.default !== undefined ? [] : [el("option", { value: "", textContent: planMax ? `plan's highest (${planMax})` : "— choose —" })];
  const select = el("select", { dataset: { testid: hook(`option-${key}`) } }, ...blank,
    ...def.values.map((v) => el("option", { value: v, textContent: v.replaceAll("_", " ") + (def.unavailable?.[v] ? " (not available)" : "") })));
  select.value = item.options[key] ?? def.default ?? "";
  select.addEventListener("change", () => {
    if (select.value) item.options[key] = select.value; else delete item.options[key];
    update();
  });
  return el("label", {}, `${def.label} `, select);
}

// ---- quote --------------------------------------------------------------
// The wallet: grants replayed from the subscription start, when given.
function wallet() {
  const since = $("since").value, today = $("today").value;
  if (!since || !today) return null;
  return state.engine.simulate({ plan: $("plan").value, start: since, until: today });
}

function request(grants) {
  const balance = $("balance").value.trim();
  const periodUsage = {};
  for (const { feature, used } of state.items) if (used.trim() && !(feature in periodUsage)) periodUsage[feature] = used.trim();
  return {
    plan: $("plan").value,
    items: state.items.map(({ feature, amount, options }) => ({
      feature,
      [state.card.features[feature].input === "seconds" ? "seconds" : "quantity"]: amount.trim(),
      options,
    })),
    ...(grants ? { grants, at: $("today").value } : balance ? { balance } : {}),
    ...(Object.keys(periodUsage).length ? { periodUsage } : {}),
  };
}

function update() {
  state.quote = null;
  let sim = null;
  if (state.items.length) {
    try {
      sim = wallet();
      state.quote = state.engine.quote(request(sim?.grants.filter((g) => !isZero(g.remaining))));
      $("error").hidden = true;
    } catch (e) {
      $("error").hidden = false;
      $("error").textContent = e.code ? `${e.message} (${e.code})` : String(e);
    }
  } else {
    $("error").hidden = true;
  }
  // What the buyer is waiting for — the total, the lines, what to buy — is
  // drawn now; the chart, capacity, comparison and link follow in the next
  // task (one pass however fast the input), so typing never waits for them.
  renderQuote(state.quote);
  renderWallet(sim, state.quote);
  const pack = state.quote?.purchase.find((p) => p.kind !== "upgrade" && p.product === chosenProduct());
  state.buyQuantity = pack ? pack.quantity : 1;
  renderBuy();
  if (document.body.dataset.settled !== "false") {
    document.body.dataset.settled = "false";
    setTimeout(settle, 0);
  }
}

/** The rest of an update: body[data-settled=true] once it is drawn. */
function settle() {
  renderCurve(state.quote);
  renderCapacity(state.quote);
  renderCompare();
  saveState();
  document.body.dataset.settled = "true";
}

// ---- the price curve of the first item ----------------------------------
function renderCurve(q) {
  const item = state.items[0];
  const f = item && state.card.features[item.feature];
  const current = Number.parseInt(item?.amount ?? "", 10);
  $("curve-figure").hidden = !q || !f || f.input !== "seconds" || !(current > 0);
  if ($("curve-figure").hidden) return;
  const p = plan();
  const from = Math.max(1, Math.ceil(Number(f.min ?? 1)));
  let to = Math.max(60, current * 2);
  for (const limit of [f.max, f.lengthLimited === false ? undefined : p.maxSeconds, 86400]) {
    if (limit !== undefined) to = Math.min(to, Math.floor(Number(limit)));
  }
  const step = Math.max(1, Math.ceil((to - from) / 300));
  let totals;
  try {
    totals = state.engine.quoteCurve({ plan: $("plan").value, item: { feature: item.feature, options: item.options }, fromSeconds: from, toSeconds: to, stepSeconds: step });
  } catch {
    $("curve-figure").hidden = true;
    return;
  }
  const steps = [];
  const notes = [];
  const inc = Number(f.increment ?? 0);
  if (inc > 1 && to / inc <= 80) {
    for (let s = inc; s <= to; s += inc) steps.push(s);
    notes.push(`dashed lines: ${inc} s increments`);
  }
  if (f.minimum !== undefined) {
    steps.push(Number(f.minimum));
    notes.push(`the ${f.minimum} s minimum charge`);
  }
  drawCurve($("curve"), { from, step, totals, current, steps, format: (t) => inUnit(t, state.card) });
  $("curve-caption").textContent = `Price of ${f.name} on ${p.name} from ${from} s to ${from + step * (totals.length - 1)} s; the red line is your ${current} s.${notes.length ? ` Also marked: ${notes.join(", ")}.` : ""}`;
}

// ---- the state in the URL, so a quote can be shared by link --------------
function saveState() {
  const params = new URLSearchParams({
    preset: $("preset").value, plan: $("plan").value, locale: getLocale(),
    items: JSON.stringify(state.items),
  });
  for (const id of ["balance", "since", "today"]) if ($(id).value) params.set(id, $(id).value);
  history.replaceState(null, "", `#${params}`);
  $("share").href = location.href;
}

function restoreState() {
  const params = new URLSearchParams(location.hash.slice(1));
  const preset = params.get("preset");
  if (!preset || !state.engines.has(preset)) return false;
  setLocale(params.get("locale") ?? getLocale());
  $("locale").value = getLocale();
  $("preset").value = preset;
  selectCard(preset);
  if (params.get("plan") in state.card.plans) $("plan").value = params.get("plan");
  for (const id of ["balance", "since", "today"]) $(id).value = params.get(id) ?? "";
  try {
    const items = JSON.parse(params.get("items") ?? "[]");
    const valid = Array.isArray(items) ? items.filter((it) => it && it.feature in state.card.features) : [];
    if (valid.length) state.items = valid.map((it) => ({ feature: it.feature, amount: String(it.amount ?? ""), used: String(it.used ?? ""), options: typeof it.options === "object" && it.options ? it.options : {} }));
  } catch { /* a damaged link keeps the defaults */ }
  onPlanChange();
  return true;
}

function renderQuote(q) {
  const card = state.card;
  $("lines").tBodies[0].replaceChildren(...(q?.lines ?? []).map((line) =>
    el("tr", {},
      el("th", { scope: "row", textContent: line.name }),
      el("td", {}, el("span", { textContent: line.explanation }), el("small", { className: "source", textContent: line.source })),
      el("td", { className: "num", textContent: inUnit(line.amount, card) }))));
  $("total").textContent = q ? inUnit(q.total, card) : "—";
  $("balance-after").textContent = q ? inUnit(q.balanceAfter, card) : "—";
  $("warnings").replaceChildren(...(q?.warnings ?? []).map((w) => el("li", { textContent: w })));
  const short = q !== null && !isZero(q.shortfall);
  $("short").hidden = !short;
  if (!short) return;
  $("shortfall").textContent = inUnit(q.shortfall, card);
  $("upgrades").replaceChildren(...q.purchase.filter((p) => p.kind === "upgrade").map((p) =>
    el("li", { textContent: `${p.name}: +${number(p.credits)} ${q.unit} now for ${money(p.price, p.currency)} more a ${p.period} (balance after ${inUnit(p.balanceAfter, card)})` })));
}

function renderWallet(sim, q) {
  $("balance").disabled = sim !== null;
  $("grants").hidden = !sim;
  if (!sim) return;
  const burned = new Map();
  for (const line of q?.lines ?? []) for (const b of line.burns ?? []) burned.set(b.grant, [...(burned.get(b.grant) ?? []), b.credits]);
  $("grants").tBodies[0].replaceChildren(...sim.grants.filter((g) => !isZero(g.remaining)).map((g) =>
    el("tr", {},
      el("th", { scope: "row", textContent: g.id }),
      el("td", { textContent: g.source }),
      el("td", { className: "num", textContent: inUnit(g.remaining, state.card) }),
      el("td", { textContent: g.expiresAt ?? "never" }),
      el("td", { className: "num", textContent: (burned.get(g.id) ?? []).map((c) => inUnit(c, state.card)).join(" + ") || "—" }))));
}

function renderCapacity(q) {
  const item = state.items[0];
  if (!q || !item) { $("capacity").textContent = ""; return; }
  try {
    const c = state.engine.capacity({ plan: $("plan").value, feature: item.feature, options: item.options, balance: q.balance });
    const f = state.card.features[item.feature];
    const amount = c.seconds !== undefined ? `${number(c.seconds)} s` : `${number(c.quantity)} ${plural(Number(c.quantity), f.unitName ?? "unit")}`;
    $("capacity").textContent = `Your balance of ${inUnit(q.balance, state.card)} buys up to ${amount} of ${f.name} (${inUnit(c.cost, state.card)}; limited by ${c.limitedBy}).`;
  } catch (e) {
    $("capacity").textContent = "";
  }
}

function renderCompare() {
  let rows = [];
  try {
    if (state.items.length) rows = RateEngine.compare({ workload: request().items });
  } catch { rows = []; }
  $("compare").tBodies[0].replaceChildren(...rows.map((r) =>
    el("tr", { className: r.runnable ? "" : "muted" },
      el("th", { scope: "row", textContent: r.plan ? `${r.preset} · ${r.plan}` : r.preset }),
      el("td", { className: "num", textContent: r.usd !== undefined ? money(r.usd, "USD") : "—" }),
      el("td", { textContent: r.explanation }))));
}

// ---- buying more --------------------------------------------------------
function chosenProduct() {
  const period = $("buy-billing").value;
  return (plan().products ?? []).find((id) => state.card.products[id].period === period);
}

function renderBuy() {
  const productId = chosenProduct();
  $("buy").hidden = !productId;
  if (!productId) return;
  const product = state.card.products[productId];
  $("buy-seats-label").hidden = !product.perSeat;
  const n = state.buyQuantity;
  $("buy-quantity").value = String(n);
  $("buy-minus").disabled = n <= 1;
  let p;
  try {
    p = state.engine.buyPacks({
      plan: $("plan").value, quantity: n, billing: product.period,
      ...(product.perSeat ? { seats: $("buy-seats").value.trim() } : {}),
    });
  } catch (e) {
    $("buy-total").textContent = "";
    $("buy-detail").textContent = `${e.message} (${e.code})`;
    return;
  }
  const every = p.period === "once" ? "" : ` a ${p.period}`;
  const seats = p.seats !== undefined ? ` × ${p.seats} ${plural(p.seats, "seat")}` : "";
  $("buy-total").textContent = product.kind === "top_up"
    ? `Top up ${money(p.price, p.currency)}`
    : `Buy ${n} ${plural(n, product.unitName)}${seats} — ${money(p.price, p.currency)}${every}`;
  const suggested = state.quote?.purchase.find((o) => o.product === productId);
  const cover = !suggested ? "" : n >= suggested.quantity ? " — covers the shortfall" : ` — not enough: ${suggested.quantity} needed`;
  const charge = p.period === "once" ? "" : ` (new ${p.period}ly add-on charge)`;
  $("buy-detail").textContent = `adds ${inUnit(p.credits, state.card)}${charge}${cover}`;
}

function setBuyQuantity(n) {
  state.buyQuantity = Number.isInteger(n) && n >= 1 ? n : 1;
  renderBuy();
}

// ---- custom rate cards --------------------------------------------------
function loadCustomCard(text) {
  let engine;
  try {
    engine = RateEngine.fromJson(text);
  } catch (e) {
    $("card-error").hidden = false;
    $("card-error").textContent = `${e.message} (${e.code})`;
    return;
  }
  $("card-error").hidden = true;
  const key = `custom:${engine.id}`;
  state.engines.set(key, engine);
  if (![...$("preset").options].some((o) => o.value === key)) {
    $("preset").append(el("option", { value: key, textContent: `${engine.rateCard().name} (custom)` }));
  }
  $("preset").value = key;
  selectCard(key);
}

// ---- wiring -------------------------------------------------------------
for (const id of RateEngine.presetIds()) {
  state.engines.set(id, RateEngine.preset(id));
  $("preset").append(el("option", { value: id, textContent: `${id} — ${state.engines.get(id).rateCard().name}` }));
}
$("preset").addEventListener("change", () => selectCard($("preset").value));
$("plan").addEventListener("change", onPlanChange);
$("balance").addEventListener("input", update);
$("since").addEventListener("input", update);
$("today").addEventListener("input", update);
$("add-item").addEventListener("click", () => { state.items.push(newItem()); renderItems(); update(); });
$("buy-minus").addEventListener("click", () => setBuyQuantity(state.buyQuantity - 1));
$("buy-plus").addEventListener("click", () => setBuyQuantity(state.buyQuantity + 1));
$("buy-quantity").addEventListener("change", () => setBuyQuantity(Number($("buy-quantity").value)));
$("buy-billing").addEventListener("change", update);
$("buy-seats").addEventListener("input", renderBuy);
$("card-start").addEventListener("click", () => { $("card-json").value = JSON.stringify(state.card, null, 2); });
$("card-load").addEventListener("click", () => loadCustomCard($("card-json").value));
$("card-file").addEventListener("change", async () => {
  const file = $("card-file").files[0];
  if (file) { $("card-json").value = await file.text(); loadCustomCard($("card-json").value); }
});

$("locale").replaceChildren(...LOCALES.map((tag) => el("option", { value: tag, textContent: tag })));
setLocale(LOCALES.find((tag) => tag === navigator.language) ?? "en-US");
$("locale").value = getLocale();
$("locale").addEventListener("change", () => { setLocale($("locale").value); onPlanChange(); });

if (!restoreState()) selectCard(RateEngine.presetIds()[0]);
document.body.dataset.ready = "true";
