// The checkout page: builds its controls from the rate card and asks the
// engine for every number. Amounts stay decimal strings from the engine; the
// page only formats them (Intl.NumberFormat formats strings exactly).
import init, { RateEngine } from "./pkg/ratecard.js";

await init();

const $ = (id) => document.getElementById(id);
const LOCALE = "en-US";

const state = { engine: null, card: null, items: [], buyQuantity: null, quote: null };

// ---- formatting ---------------------------------------------------------
function money(decimalString, currency) {
  return new Intl.NumberFormat(LOCALE, { style: "currency", currency }).format(decimalString);
}
function number(decimalString) {
  return new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 6 }).format(decimalString);
}
function inUnit(decimalString) {
  const { unit, currency } = state.card;
  return unit === currency ? money(decimalString, currency) : `${number(decimalString)} ${unit}`;
}
function plural(n, one) {
  return n === 1 ? one : `${one}s`;
}
function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "dataset") Object.assign(node.dataset, v);
    else if (k in node) node[k] = v;
    else node.setAttribute(k, v);
  }
  node.append(...children);
  return node;
}

// ---- rate card and plan -------------------------------------------------
function loadPreset(id) {
  state.engine = RateEngine.preset(id);
  state.card = state.engine.rateCard();
  const planIds = Object.keys(state.card.plans);
  $("plan").replaceChildren(...planIds.map((p) => el("option", { value: p, textContent: state.card.plans[p].name })));
  $("plan").value = planIds.find((p) => (state.card.plans[p].products || []).length > 0) ?? planIds[0];
  $("balance-unit").textContent = state.card.unit;
  state.items = [newItem()];
  onPlanChange();
}

function planFeatures() {
  const plan = state.card.plans[$("plan").value];
  return plan.features ?? Object.keys(state.card.features);
}

function newItem(feature) {
  const features = planFeatures();
  const id = feature ?? features[0] ?? Object.keys(state.card.features)[0];
  const f = state.card.features[id];
  return { feature: id, amount: f.input === "seconds" ? "60" : "1", options: {} };
}

function onPlanChange() {
  const plan = state.card.plans[$("plan").value];
  $("plan-note").textContent = plan.price === undefined
    ? `${plan.name}: custom price, ${number(plan.included)} ${state.card.unit} a ${plan.period}.`
    : `${plan.name}: ${money(plan.price, state.card.currency)} a ${plan.period}, ${number(plan.included)} ${state.card.unit} included.`;
  $("balance").placeholder = `${number(plan.included)} (a fresh ${plan.period})`;
  renderItems();
  update();
}

// ---- items --------------------------------------------------------------
function renderItems() {
  const list = state.items.map((item, i) => itemRow(item, i));
  $("items").replaceChildren(...list);
}

function itemRow(item, i) {
  const f = state.card.features[item.feature];
  const hook = (name) => (i === 0 ? name : `${name}-${i}`);
  const featureSelect = el("select", { dataset: { testid: hook("feature") } },
    ...Object.entries(state.card.features).map(([id, def]) => el("option", { value: id, textContent: def.name })));
  featureSelect.value = item.feature;
  featureSelect.addEventListener("change", () => {
    state.items[i] = { ...newItem(featureSelect.value), amount: item.amount };
    renderItems();
    update();
  });

  const isSeconds = f.input === "seconds";
  const amountInput = el("input", {
    value: item.amount, inputMode: "decimal", autocomplete: "off", className: "amount",
    dataset: { testid: hook(isSeconds ? "seconds" : "quantity") },
  });
  amountInput.addEventListener("input", () => { item.amount = amountInput.value; update(); });

  const optionControls = Object.entries(f.options || {}).map(([key, def]) => {
    if (def.type === "boolean") {
      const box = el("input", { type: "checkbox", checked: item.options[key] === true, dataset: { testid: hook(`option-${key}`) } });
      box.addEventListener("change", () => { item.options[key] = box.checked; update(); });
      return el("label", { className: "check" }, box, ` ${def.label} (×${def.multiplier})`);
    }
    const select = el("select", { dataset: { testid: hook(`option-${key}`) } },
      ...(def.default === undefined ? [el("option", { value: "", textContent: "— choose —" })] : []),
      ...def.values.map((v) => el("option", { value: v, textContent: v.replaceAll("_", " ") })));
    select.value = item.options[key] ?? def.default ?? "";
    select.addEventListener("change", () => {
      if (select.value) item.options[key] = select.value; else delete item.options[key];
      update();
    });
    return el("label", {}, `${def.label} `, select);
  });

  const remove = el("button", { type: "button", className: "secondary remove", textContent: "Remove", disabled: state.items.length === 1 });
  remove.setAttribute("aria-label", `Remove item ${i + 1}`);
  remove.addEventListener("click", () => { state.items.splice(i, 1); renderItems(); update(); });

  return el("li", { className: "item" },
    el("label", {}, "Feature ", featureSelect),
    el("label", {}, isSeconds ? "Seconds " : `How many ${f.unitName ?? "unit"}s `, amountInput),
    ...optionControls,
    remove);
}

// ---- quote --------------------------------------------------------------
function request() {
  const balance = $("balance").value.trim();
  return {
    plan: $("plan").value,
    items: state.items.map(({ feature, amount, options }) => {
      const isSeconds = state.card.features[feature].input === "seconds";
      return { feature, [isSeconds ? "seconds" : "quantity"]: amount.trim(), options };
    }),
    ...(balance ? { balance } : {}),
  };
}

function update() {
  let quote;
  try {
    quote = state.engine.quote(request());
  } catch (e) {
    showError(e);
    return;
  }
  $("error").hidden = true;
  state.quote = quote;
  renderQuote(quote);
}

function showError(e) {
  state.quote = null;
  $("error").hidden = false;
  $("error").textContent = e.code ? `${e.message} (${e.code})` : String(e);
  $("lines").tBodies[0].replaceChildren();
  $("total").textContent = "—";
  $("balance-after").textContent = "—";
  $("short").hidden = true;
  $("warnings").replaceChildren();
}

function renderQuote(q) {
  $("lines").tBodies[0].replaceChildren(...q.lines.map((line) =>
    el("tr", {},
      el("th", { scope: "row", textContent: line.name }),
      el("td", {}, el("span", { textContent: line.explanation }), el("small", { className: "source", textContent: line.source })),
      el("td", { className: "num", textContent: inUnit(line.amount) }))));
  $("total").textContent = inUnit(q.total);
  $("balance-after").textContent = inUnit(q.balanceAfter);
  $("warnings").replaceChildren(...q.warnings.map((w) => el("li", { textContent: w })));

  const short = q.shortfall !== "0" && q.shortfall !== "0.00";
  $("short").hidden = !short;
  if (!short) return;
  $("shortfall").textContent = inUnit(q.shortfall);
  const pack = q.purchase.find((p) => p.kind !== "upgrade");
  $("buy").hidden = !pack;
  if (pack) {
    state.buyQuantity = pack.quantity;
    renderBuy(pack);
  }
  $("upgrades").replaceChildren(...q.purchase.filter((p) => p.kind === "upgrade").map((p) =>
    el("li", { textContent: `${p.name}: +${number(p.credits)} ${q.unit} now for ${money(p.price, p.currency)} more a ${p.period} (balance after ${inUnit(p.balanceAfter)})` })));
}

function renderBuy(suggested) {
  const n = state.buyQuantity;
  $("buy-quantity").value = String(n);
  $("buy-minus").disabled = n <= 1;
  let purchase;
  try {
    purchase = state.engine.buyPacks({ plan: $("plan").value, quantity: n });
  } catch (e) {
    $("buy-total").textContent = "";
    $("buy-detail").textContent = e.message;
    return;
  }
  const product = state.card.products[purchase.product];
  $("buy-total").textContent = `Buy ${n} ${plural(n, product.unitName)} — ${money(purchase.price, purchase.currency)}`;
  const enough = n >= suggested.quantity ? "covers the shortfall" : `not enough: ${suggested.quantity} needed`;
  $("buy-detail").textContent = `adds ${number(purchase.credits)} ${state.card.unit} (${enough})`;
}

function stepBuy(delta) {
  const pack = state.quote?.purchase.find((p) => p.kind !== "upgrade");
  if (!pack) return;
  state.buyQuantity = Math.max(1, state.buyQuantity + delta);
  renderBuy(pack);
}

// ---- wiring -------------------------------------------------------------
$("preset").replaceChildren(...RateEngine.presetIds().map((id) => el("option", { value: id, textContent: id })));
$("preset").addEventListener("change", () => loadPreset($("preset").value));
$("plan").addEventListener("change", () => { state.items = state.items.map((it) => it); onPlanChange(); });
$("balance").addEventListener("input", update);
$("add-item").addEventListener("click", () => { state.items.push(newItem()); renderItems(); update(); });
$("buy-minus").addEventListener("click", () => stepBuy(-1));
$("buy-plus").addEventListener("click", () => stepBuy(1));
$("buy-quantity").addEventListener("change", () => {
  const n = Number.parseInt($("buy-quantity").value, 10);
  state.buyQuantity = Number.isInteger(n) && n >= 1 ? n : 1;
  const pack = state.quote?.purchase.find((p) => p.kind !== "upgrade");
  if (pack) renderBuy(pack);
});

loadPreset(RateEngine.presetIds()[0]);
document.body.dataset.ready = "true";
