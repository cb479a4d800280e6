// Unit tests of the widget's pure modules (www/widget/messages.js, lines.js),
// in Node, against real quotes and errors of the package: engine errors in
// plain words next to their field, and a quote line's sentence in the locale.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { ROOT } from "./helpers.mjs";
import { pathOf, plainWords } from "../../www/widget/messages.js";
import { lineRange, lineSentence } from "../../www/widget/lines.js";
import { heldText, rangeText, settledText, totalText } from "../../www/widget/held.js";

const { RateEngine } = createRequire(import.meta.url)(`${ROOT}/dist/full/node.cjs`);
const thrown = (f) => { try { f(); } catch (e) { return e; } throw new Error("no error"); };

test("a job of unknown length in the buyer's words: its range, its hold and its settlement (en-US, de-DE)", () => {
  const credits = { unit: "credits", unitSingular: "credit", currency: "USD" };
  const usd = { unit: "USD", unitSingular: "USD", currency: "USD" };
  assert.equal(rangeText("en-US", "1.5", "2", credits), "1.5–2 credits");
  assert.equal(rangeText("de-DE", "0.50", "1.00", usd), "0,50\u00a0$–1,00\u00a0$");
  assert.equal(totalText("en-US", { total: "2" }, { total: "1.5" }, credits), "1.5–2 credits");
  assert.equal(totalText("en-US", { total: "2" }, { total: "2" }, credits), "2 credits", "ends that cost the same: one amount");
  assert.equal(totalText("en-US", { total: "1" }, null, credits), "1 credit");
  const hold = { credits: "6", shortfall: "0", expiresAt: "2026-12-04" };
  assert.equal(heldText("en-US", hold, credits), "Held: 6 credits until Dec 4");
  assert.equal(heldText("en-US", hold, credits, false), "6 credits until Dec 4");
  assert.equal(heldText("de-DE", { ...hold, shortfall: "1.5" }, credits), "Held: 6 credits until 4. Dez. (1,5 credits short)");
  assert.equal(heldText("en-US", { credits: "1.00", shortfall: "0.00", expiresAt: "2027-01-02" }, usd), "Held: $1.00 until Jan 2");
  const s = { credits: "4", released: "2", overage: "0", uncharged: "0" };
  assert.equal(settledText("en-US", s, credits), "Charged 4 credits; 2 released");
  assert.equal(settledText("en-US", { ...s, released: "0" }, credits), "Charged 4 credits");
  assert.equal(settledText("de-DE", { credits: "30", released: "0", overage: "0", uncharged: "10" }, credits), "Charged 30 credits; 10 credits not charged");
  assert.equal(settledText("en-US", { credits: "1.5", released: "0", overage: "1.5", uncharged: "0" }, credits), "Charged 1.5 credits; 1.5 credits as overage");
  assert.equal(settledText("en-US", { credits: "0.75", released: "0.25", overage: "0", uncharged: "0" }, usd), "Charged $0.75; $0.25 released");
});

test("a quote line's sentence in the buyer's words and number format", () => {
  const engine = RateEngine.preset("heygen-credits");
  const item = { feature: "avatar_iv", seconds: 90, options: { expressive_motion: true } };
  const line = engine.quote({ plan: "business", items: [item], balance: "10" }).lines[0];
  const card = engine.rateCard();
  assert.equal(lineSentence("en-US", line, card, item), "1 min 30 sec × 20 credits/min × 2 (Custom Expressive Motion) = 60 credits");
  assert.equal(lineSentence("de-DE", line, card, item), "1 Min. 30 Sek. × 20 credits/min × 2 (Custom Expressive Motion) = 60 credits");
});

test("a line of a job of unknown length: the sentence at each end, the cost as a range (API 30-second steps; en-US, de-DE)", () => {
  const api = RateEngine.preset("heygen-api");
  const item = { feature: "video_avatar", seconds: 61, maxSeconds: 100 };
  const { low, high } = api.quoteRange({ plan: "pro", items: [item], balance: "100" });
  const card = api.rateCard();
  assert.deepEqual(lineRange("en-US", low.lines[0], high.lines[0], card, item), {
    least: "1 min 1 sec billed as 1 min 30 sec (in steps of 30 sec) × 1 credit/min = 1.5 credits",
    most: "1 min 40 sec billed as 2 min (in steps of 30 sec) × 1 credit/min = 2 credits",
    cost: "1.5–2 credits",
  });
  assert.equal(lineRange("de-DE", low.lines[0], high.lines[0], card, item)?.cost, "1,5–2 credits");
  // Ends that cost the same read as one line: 61 s and 89 s are both billed as 1 min 30 s (the
  // article's floor-plus-one steps: 00:30–00:59 = 1 credit, so 1:30 is already 2).
  const same = api.quoteRange({ plan: "pro", items: [{ feature: "video_avatar", seconds: 61, maxSeconds: 89 }], balance: "100" });
  assert.equal(lineRange("en-US", same.low.lines[0], same.high.lines[0], card), null);
});

test("engine errors in plain words beside their field, never the engine's message", () => {
  const api = RateEngine.preset("heygen-api");
  const items = [{ feature: "video_avatar", seconds: 181 }];
  const long = thrown(() => api.quote({ plan: "free", items }));
  assert.deepEqual(pathOf(long), ["items", 0, "seconds"]);
  assert.equal(plainWords(long, pathOf(long), { locale: "en-US", card: api.rateCard(), planId: "free", items }), "API Free allows videos up to 3 min.");
  const yearly = thrown(() => api.simulate({ plan: "pro", billing: "year", start: "2026-01-01", until: "2026-02-01" }));
  assert.deepEqual(pathOf(yearly), ["billing"]);
  assert.equal(plainWords(yearly, ["billing"], { locale: "en-US", card: api.rateCard(), planId: "pro" }), "API Pro is billed monthly only.");
  const credits = RateEngine.preset("heygen-credits");
  const zero = [{ feature: "avatar_iv", seconds: 0 }];
  const e = thrown(() => credits.quote({ plan: "business", items: zero }));
  assert.equal(plainWords(e, pathOf(e), { locale: "de-DE", card: credits.rateCard(), planId: "business", items: zero }), "Enter an amount greater than zero.");
  // A message with a path but no path array still names its field.
  // The path is data: an error without one is about no one field (the message is never parsed).
  assert.deepEqual(pathOf({ message: "items[2].options.resolution: no" }), []);
});

test("request building: what the buyer typed, read in the locale, or the field that cannot be read", async () => {
  const { buildRequest } = await import("../../www/widget/request.js");
  const card = RateEngine.preset("heygen-credits").rateCard();
  const row = (text, used = "") => ({ feature: "avatar_iv", text, options: { expressive_motion: true }, used });
  assert.deepEqual(buildRequest({ rows: [row("1.000,5", "60")], card, planId: "business", locale: "de-DE", balanceText: "1.500" }).request,
    { plan: "business", items: [{ feature: "avatar_iv", seconds: "1000.5", options: { expressive_motion: true } }], balance: "1500", periodUsage: { avatar_iv: "60" } });
  const bad = buildRequest({ rows: [row("60.5")], card, planId: "business", locale: "de-DE" });
  assert.deepEqual([bad.local.field, bad.local.text], ["items.0.seconds", "Enter the length in seconds (90), minutes (1,5 min) or minutes and seconds (2:30)."]);
  // A length in minutes, typed or picked, is priced in seconds: "3" with minutes picked is 180 s, never 3 s.
  const minutes = { ...row("3"), unit: /** @type {const} */ ("min") };
  assert.deepEqual(buildRequest({ rows: [minutes, row("2:30"), row("1,5 Min.")], card, planId: "business", locale: "de-DE" }).request.items.map((i) => i.seconds), ["180", "150", "90"]);
  const q = RateEngine.preset("heygen-credits").quote(buildRequest({ rows: [minutes], card, planId: "business", locale: "en-US" }).request);
  assert.equal(q.total, "120", "Avatar IV with expressive motion for 3 minutes on Business: 180 s at 20 credits a minute × 2 (the preset's rates)");
  const grants = [{ id: "g1", remaining: "20" }];
  assert.deepEqual(buildRequest({ rows: [row("90")], card, planId: "business", locale: "en-US", balanceText: "5", grants, at: "2026-11-30" }).request,
    { plan: "business", items: [{ feature: "avatar_iv", seconds: "90", options: { expressive_motion: true } }], grants, at: "2026-11-30" });
  // <ratecard-cost>'s request from the host's values, by the same wallet rule; its quote equals the engine's.
  const { hostRequest } = await import("../../www/widget/request.js");
  const items = [{ feature: "avatar_iv", seconds: 120 }];
  const host = hostRequest({ planId: "business", items, balance: 10 });
  assert.deepEqual(host.request, { plan: "business", items, balance: "10" });
  assert.equal(RateEngine.preset("heygen-credits").quote(host.request).shortfall, "30");
  assert.deepEqual(hostRequest({ planId: "business", items, balance: "5", grants, at: "2026-11-30" }).request, { plan: "business", items, grants, at: "2026-11-30" });
  assert.deepEqual(hostRequest({ planId: "business", items, at: "2026-12-20" }).request, { plan: "business", items, at: "2026-12-20" });
  const hex = hostRequest({ planId: "business", items, balance: "0x10" });
  assert.deepEqual([hex.local.field, hex.local.code, "balance" in hex.request], ["balance", "invalid_request", false]);
});

test("the buy model: the product, the quantity, its price and what it adds, from the engine's buyPacks", async () => {
  const { buyModel } = await import("../../www/widget/buy.js");
  const engine = RateEngine.preset("heygen-credits");
  const card = engine.rateCard();
  const q = engine.quote({ plan: "business", items: [{ feature: "avatar_iv", seconds: 120 }], balance: "10" });
  const m = buyModel({ q, card, plan: card.plans.business, planId: "business", locale: "en-US", buyPacks: (r) => engine.buyPacks(r) });
  assert.deepEqual([m.productId, m.qty, m.total, m.detail], ["credit_block", 1, "Buy 1 block — $5.00", "adds 100 credits — covers the shortfall."]);
  assert.equal(m.option.price, "5.00");
  const three = buyModel({ q, card, plan: card.plans.business, planId: "business", locale: "en-US", qtyText: "3", buyPacks: (r) => engine.buyPacks(r) });
  assert.equal(three.total, "Buy 3 blocks — $15.00");
  const zero = buyModel({ q, card, plan: card.plans.business, planId: "business", locale: "en-US", qtyText: "0", buyPacks: (r) => engine.buyPacks(r) });
  assert.equal(zero.err, "Enter a whole number of blocks, 1 or more.");
  assert.equal(buyModel({ q, card, plan: card.plans.creator, planId: "creator", locale: "en-US", buyPacks: () => null }), null);
});

test("rows: host items as text in the locale, refused items shown, a new row opens on a price", async () => {
  const { featuresOf, newRow, relocale, rowsFrom, rowsFromSettings } = await import("../../www/widget/rows.js");
  const card = RateEngine.preset("heygen-credits").rateCard();
  const { rows, hostError } = rowsFrom([{ feature: "avatar_iv", seconds: "1234.5" }], card, "business", "de-DE", RateEngine.limits().maxItems);
  assert.equal(hostError, null);
  assert.deepEqual(rows, [{ feature: "avatar_iv", text: "1.234,5", options: {}, used: "" }]);
  // A value that is no decimal stays as given, for the field to refuse in plain words.
  assert.equal(rowsFrom([{ feature: "avatar_iv", seconds: "0x10" }], card, "business", "en-US", 1000).rows[0].text, "0x10");
  const unknown = rowsFrom([{ feature: "avatar_iv", seconds: 1 }, { feature: "nope" }], card, "business", "en-US", 1000);
  // An item the card lacks is a row of its own, in words, and the request leaves it out; the others price.
  assert.equal(unknown.hostError, null);
  assert.deepEqual(unknown.rows.map((r) => r.refused), [undefined, "This price list has no “nope”."]);
  assert.equal(rowsFrom([{ feature: "constructor" }, null], card, "business", "en-US", 1000).rows.filter((r) => r.refused).length, 2);
  const { buildRequest } = await import("../../www/widget/request.js");
  const mixed = [{ ...unknown.rows[1] }, { ...unknown.rows[0] }];
  const built = buildRequest({ rows: mixed, card, planId: "business", locale: "en-US" });
  assert.deepEqual([built.request.items, built.rowOf], [[{ feature: "avatar_iv", seconds: "1", options: {} }], [1]]);
  const { rowField } = await import("../../www/widget/rows.js");
  assert.deepEqual([rowField("items.0.seconds", [1]), rowField("items.0", [2]), rowField("balance", [1]), rowField("items.3.seconds", [1])],
    ["items.1.seconds", "items.2", "balance", "items.3.seconds"]);
  assert.equal(rowsFrom(Array(1001).fill({ feature: "avatar_iv", seconds: 1 }), card, "business", "en-US", RateEngine.limits().maxItems).hostError.code, "invalid_request");
  // No items: one row of the plan's first feature, at 60 seconds.
  const [first] = rowsFrom(undefined, card, "business", "en-US", 1000).rows;
  assert.equal(first.feature, featuresOf(card, "business")[0]);
  assert.equal(newRow(card, "avatar_iv", "en-US").text, "60");
  assert.equal(relocale("en-US", "de-DE", "1,234.5"), "1.234,5");
  assert.equal(relocale("en-US", "de-DE", "abc"), "abc");
  assert.deepEqual(rowsFromSettings([{ feature: "avatar_iv", text: 90 }, { feature: "nope" }, null], card),
    [{ feature: "avatar_iv", text: "90", used: "", options: {} }]);
});

test("a price change in the buyer's words and number format, the cart's changes first", async () => {
  const { changeSentence, localDay, noticeDay, noticeSentences } = await import("../../www/widget/notice.js");
  const now = RateEngine.preset("heygen-credits").rateCard();
  const next = structuredClone(now);
  Object.assign(next, { version: "2027-01", effectiveFrom: "2027-01-01" });
  next.features.avatar_iv.rate = "25";
  next.plans.business.price = "1159.00";
  const book = RateEngine.fromJson(JSON.stringify([now, next]));
  const up = book.upcoming("2026-12-20");
  assert.deepEqual(up.changes.map((c) => [c.segments, c.subject, c.field, c.unit, c.per ?? c.period]), [
    [["features", "avatar_iv", "rate"], { kind: "feature", id: "avatar_iv" }, "rate", "credits", "minute"],
    [["plans", "business", "price"], { kind: "plan", id: "business" }, "price", "USD", "month"],
  ]);
  assert.deepEqual(noticeSentences("en-US", up, { plan: "business", features: ["avatar_iv"] }),
    ["Avatar IV costs 25 credits a minute (now 20)", "Business costs $1,159.00 a month (now $149.00)"]);
  assert.deepEqual(noticeSentences("de-DE", up, { plan: "business" }),
    ["Business costs 1.159,00\u00a0$ a month (now 149,00\u00a0$)", "Avatar IV costs 25 credits a minute (now 20)"]);
  assert.equal(noticeDay("en-US", "2027-01-01"), "January 1, 2027");
  assert.equal(noticeDay("de-DE", "2027-01-01"), "1. Januar 2027");
  assert.equal(noticeDay("en-US", "2027-01-01", "short"), "Jan 1");
  assert.equal(localDay(new Date(2026, 11, 5)), "2026-12-05");
  const part = { path: "", segments: [], field: "" };
  assert.equal(changeSentence("en-US", { ...part, kind: "added", name: "X" }), "X is added");
  assert.equal(changeSentence("en-US", { ...part, kind: "removed", name: "Pro" }), "Pro is no longer offered");
  assert.equal(changeSentence("de-DE", { ...part, kind: "changed", name: "Pro", field: "annualPrice", unit: "USD", period: "year", before: "990.00", after: "1188.00" }),
    "Pro costs 1.188,00\u00a0$ a year (now 990,00\u00a0$)");
  assert.equal(changeSentence("en-US", { ...part, kind: "changed", name: "Creator", field: "included", unit: "credits", before: "200", after: "250" }),
    "Creator includes 250 credits (now 200)");
  assert.equal(book.upcoming("2026-11-20"), null);
});

test("the page's example price book: a made-up next version, its prices raised exactly (no float)", async () => {
  const { exampleBook, plusDays, raiseByAQuarter } = await import("../../www/book-example.js");
  assert.deepEqual([plusDays("2026-12-20", 14), plusDays("2028-02-28", 1), plusDays("2026-03-01", 364)], ["2027-01-03", "2028-02-29", "2027-02-28"]);
  assert.deepEqual(["20", "149.00", "0.99", "3", "0.5"].map(raiseByAQuarter), ["25", "186.25", "1.24", "4", "0.6"]);
  const card = RateEngine.preset("heygen-credits").rateCard();
  const [now, next] = exampleBook(card, { feature: "avatar_iv", plan: "business", today: "2026-12-20" });
  assert.equal(next.effectiveFrom, "2027-01-03");
  assert.equal(now.effectiveFrom, undefined);
  assert.deepEqual([next.features.avatar_iv.rate, next.plans.business.price, next.plans.creator.price], ["25", "186.25", "29.00"]);
  assert.match(next.name, /\(example price book\)$/);
  assert.equal(RateEngine.fromJson(JSON.stringify([now, next])).versions().length, 2);
});

test("the comparison says in plain words why a price list cannot run the cart", async () => {
  const { cannotRun } = await import("../../www/compare-words.js");
  const credits = RateEngine.preset("heygen-credits").rateCard();
  const cart = [{ feature: "avatar_iii", seconds: 60 }];
  const rows = RateEngine.compare({ workload: cart });
  const why = Object.fromEntries(rows.filter((r) => !r.runnable).map((r) => [r.preset, cannotRun(r.refusal, RateEngine.preset(r.preset).rateCard(), credits, cart)]));
  assert.equal(why["heygen-api"], "This price list has no Avatar III.");
  assert.equal(why["heygen-payg"], "Avatar III is available to existing customers only.");
  const payg = RateEngine.preset("heygen-payg").rateCard();
  const iv = [{ feature: "avatar_iv", seconds: 60 }];
  const row = RateEngine.compare({ workload: iv, presets: ["heygen-payg"] })[0];
  assert.equal(cannotRun(row.refusal, payg, credits, iv), "HeyGen Pay-As-You-Go (USD wallet) needs an avatar type for Avatar IV.");
  assert.equal(cannotRun(undefined, payg, credits, iv), "No plan of this price list can run this cart.");
});

test("typed and shown numbers: full-width digits in ja-JP, grouped numbers inside a card's names in de-DE", async () => {
  const { localText, parseNumber } = await import("../../www/widget/locale.js");
  assert.equal(parseNumber("ja-JP", "１，２００．５"), "1200.5");
  assert.equal(parseNumber("ja-JP", "９０"), "90");
  assert.equal(localText("de-DE", "Generative Credit Pack (annual, 3,600 credits at once)"), "Generative Credit Pack (annual, 3.600 credits at once)");
  assert.equal(localText("en-US", "100-credit block"), "100-credit block");
});

test("buyer-facing copy: a prepaid wallet is no subscription; a negative balance and a purchase past the limit say so", async () => {
  const { assumedBalance, balancePlaceholder, planNote, plainWords } = await import("../../www/widget/messages.js");
  const { buyModel } = await import("../../www/widget/buy.js");
  const payg = RateEngine.preset("heygen-payg").rateCard();
  const wallet = payg.plans.payg;
  assert.equal(planNote("en-US", payg, wallet), "Pay-As-You-Go wallet: a prepaid wallet, no subscription: top it up and each generation is paid from it.");
  assert.equal(assumedBalance("en-US", payg, wallet), "No balance given: this quote assumes an empty wallet ($0.00).");
  assert.equal(balancePlaceholder("en-US", wallet), "0 (an empty wallet)");
  const engine = RateEngine.preset("heygen-credits");
  const credits = engine.rateCard();
  assert.equal(planNote("en-US", credits, credits.plans.business), "Business: $149.00 a month, 1,500 credits included.");
  const e = thrown(() => engine.quote({ plan: "business", items: [{ feature: "avatar_iv", seconds: 60 }], balance: "-5" }));
  assert.deepEqual([e.code, e.path], ["invalid_request", ["balance"]]);
  assert.equal(plainWords(e, ["balance"], { locale: "en-US", card: credits, planId: "business" }), "Enter a balance of 0 or more.");
  const m = buyModel({ q: null, card: credits, plan: credits.plans.business, planId: "business", locale: "en-US", qtyText: "9,999,999", buyPacks: (r) => engine.buyPacks(r), limits: RateEngine.limits() });
  assert.equal(m.err, "At most 1,000,000 blocks at once.");
});

test("the comparison prices the same job or says what it leaves out: Expressive Motion on the API plans", async () => {
  const { leftOutWords } = await import("../../www/compare-words.js");
  const credits = RateEngine.preset("heygen-credits").rateCard();
  const cart = [{ feature: "avatar_iv", seconds: 60, options: { expressive_motion: true } }];
  const rows = RateEngine.compare({ workload: cart, presets: ["heygen-api", "heygen-credits"] });
  const api = rows.find((r) => r.preset === "heygen-api" && r.runnable);
  assert.deepEqual(api.leftOut, [{ item: 0, option: "expressive_motion" }]);
  assert.equal(leftOutWords(api.leftOut, credits, cart), "Priced without Custom Expressive Motion (Avatar IV): this price list does not offer it.");
  assert.equal(rows.find((r) => r.preset === "heygen-credits" && r.runnable).leftOut, undefined);
  const off = RateEngine.compare({ workload: [{ ...cart[0], options: { expressive_motion: false } }], presets: ["heygen-api"] });
  assert.ok(off.every((r) => r.leftOut === undefined), "an option turned off leaves nothing out");
});

test("the widget's contract is written once: every attribute, property and event of the manifest is typed, and nothing else", async () => {
  const { readFileSync, writeFileSync, mkdtempSync, rmSync } = await import("node:fs");
  const { execFileSync } = await import("node:child_process");
  const { join } = await import("node:path");
  const { tmpdir } = await import("node:os");
  // custom-elements.json: written by the build from the elements' Lit properties and JSDoc.
  const manifest = JSON.parse(readFileSync(join(ROOT, "custom-elements.json"), "utf8"));
  const elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName);
  assert.deepEqual(elements.map((d) => d.tagName).sort(), ["ratecard-checkout", "ratecard-cost"]);
  const cost = elements.find((d) => d.tagName === "ratecard-cost");
  const attributes = cost.attributes.map((a) => a.name);
  const properties = cost.members.filter((m) => m.kind === "field" && m.privacy === "public").map((m) => m.name);
  const events = cost.events.map((e) => e.name);
  assert.ok(attributes.includes("load-timeout") && attributes.includes("eager") && properties.includes("rateCard"));
  const union = (xs) => xs.map((x) => JSON.stringify(x)).join(" | ");
  const propertyOnly = properties.filter((p) => !cost.attributes.some((a) => a.fieldName === p));
  const dir = mkdtempSync(join(tmpdir(), "ratecard-contract-"));
  try {
    writeFileSync(join(dir, "contract.ts"), `
import type { RatecardProps, RatecardCost, RatecardCheckout, RatecardEventMap } from ${JSON.stringify(join(ROOT, "www/widget/index.js"))};
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// Every attribute (its HTML spelling) and every property-only field is a prop, and no prop is anything else.
export const props: Same<Exclude<keyof RatecardProps, "class">, ${union([...attributes, ...propertyOnly])}> = true;
// Every public property is a property of both elements.
export const onCost: Same<${union(properties)} extends keyof RatecardCost ? true : false, true> = true;
export const onCheckout: Same<${union(properties)} extends keyof RatecardCheckout ? true : false, true> = true;
// The events: exactly the manifest's @fires.
export const fired: Same<keyof RatecardEventMap, ${union(events)}> = true;
// Literal unions: the presets are the engine's built-in ids, billing the three periods.
export const presets: Same<NonNullable<RatecardProps["preset"]>, ${union(RateEngine.presetIds())}> = true;
export const billing: Same<NonNullable<RatecardProps["billing"]>, "once" | "month" | "year"> = true;
// @ts-expect-error a mistyped preset is a type error
export const typo: RatecardProps = { preset: "heygen-credit" };
`);
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, skipLibCheck: true, module: "esnext",
      moduleResolution: "bundler", target: "es2022", lib: ["es2022", "dom", "esnext.disposable"], types: [] }, files: ["contract.ts"] }));
    let out = "";
    try { execFileSync(join(ROOT, "node_modules/.bin/tsc"), ["-p", dir], { encoding: "utf8" }); } catch (e) { out = String(e.stdout); }
    assert.equal(out, "");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // The elements' one list of events (which `ratecard/react` makes its handlers from) is the manifest's.
  const { EVENTS } = await import(`${ROOT}/dist/widget/ratecard-widget.node.js`);
  assert.deepEqual([...EVENTS], events);
  // Editor data for plain HTML, from the same manifest: VS Code's custom data and JetBrains' web-types
  // (package.json "web-types") list every attribute of both elements, with the presets and billing periods as values.
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  const vscode = JSON.parse(readFileSync(join(ROOT, "dist/widget/vscode.html-custom-data.json"), "utf8"));
  const webTypes = JSON.parse(readFileSync(join(ROOT, pkg["web-types"]), "utf8"));
  assert.ok(pkg.files.includes(pkg["web-types"].replace(/^\.\//, "")) && pkg.files.includes("dist/widget/vscode.html-custom-data.json"));
  for (const element of elements) {
    const inVsCode = vscode.tags.find((t) => t.name === element.tagName);
    const inWebTypes = webTypes.contributions.html.elements.find((t) => t.name === element.tagName);
    for (const a of element.attributes) {
      assert.ok(inVsCode.attributes.some((x) => x.name === a.name), `VS Code data: ${element.tagName} ${a.name}`);
      assert.ok(inWebTypes.attributes.some((x) => x.name === a.name), `web-types: ${element.tagName} ${a.name}`);
    }
    const values = (name) => inVsCode.attributes.find((x) => x.name === name).values.map((v) => v.name);
    assert.deepEqual(values("preset"), RateEngine.presetIds());
    assert.deepEqual(values("billing"), ["once", "month", "year"]);
  }
  // The docs' attribute table names every attribute and property-only field.
  const docs = readFileSync(join(ROOT, "docs/widget.md"), "utf8");
  const table = docs.slice(docs.indexOf("| attribute / property | what |"));
  for (const a of attributes) assert.ok(table.includes(`\`${a}\``), `docs/widget.md's table names \`${a}\``);
  for (const p of propertyOnly) assert.ok(table.includes(`\`.${p}\``), `docs/widget.md's table names \`.${p}\``);
});
