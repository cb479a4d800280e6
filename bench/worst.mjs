// The worst case of each bound, within the limits (README, Reliability): every
// call either answers or is refused, and none may take over a second. Run by
// `npm run bench` (bench/run.mjs), or alone: `node bench/worst.mjs`.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { repeatedWhenCard, worstRateCard } from "./cards.mjs";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const { RateEngine } = createRequire(import.meta.url)(join(ROOT, "dist/full/node.cjs"));
const credits = RateEngine.preset("heygen-credits");
const payg = RateEngine.preset("heygen-payg");

/**
 * How long `f` takes, in ms, and whether it answered or was refused (with its code).
 * @param {() => unknown} f
 * @returns {[number, string]}
 */
const time = (f) => {
  const t0 = performance.now();
  let outcome;
  try { f(); outcome = "answered"; } catch (e) { outcome = `refused (${e.code})`; }
  return [performance.now() - t0, outcome];
};

const many = (n, make) => Array.from({ length: n }, (_, i) => make(i));
const item = { feature: "avatar_iv", seconds: 1000000 };
const thousand = { plan: "business", balance: "10", items: many(1000, () => item) };
const grants = many(10000, (i) => ({ id: `g${i}`, remaining: "1", expiresAt: `2027-${String((i % 12) + 1).padStart(2, "0")}-01` }));
const card = JSON.parse(readFileSync(join(ROOT, "presets/heygen-credits.json"), "utf8"));
// The card's own features, and 1,000 more with long names (near the 1 MiB limit).
const bigCard = { ...card, id: "big", features: { ...card.features, ...Object.fromEntries(many(1000, (i) => [`f${i}`, { ...card.features.avatar_iii, name: "n".repeat(400) }])) } };
const bigCardText = JSON.stringify(bigCard);
// The red team's card: one `when` list repeating one value 85,000 times (refused now).
const repeated = repeatedWhenCard(card);
const repeatedText = JSON.stringify(repeated);
// The worst card the limits let through, near 1 MiB (bench/cards.mjs).
const worstCard = worstRateCard(card);
const worstCardText = JSON.stringify(worstCard);
if (process.env.WORST_CARD_OUT) (await import("node:fs")).writeFileSync(process.env.WORST_CARD_OUT, worstCardText);
const worstEngine = RateEngine.fromJson(worstCardText);
const wideItems = { plan: "business", balance: "10", items: many(1000, () => ({ feature: "wide", seconds: 60, options: { o: "v0" } })) };
// 1,000 open holds (each 1 credit of grant g0) beside 1,000 ranged items on 1,000 grants.
const heldGrants = Array.from({ length: 1000 }, (_, i) => ({ id: `g${i}`, remaining: "1000" }));
const smallHold = credits.hold({ plan: "business", items: [{ feature: "avatar_iv", seconds: 1, maxSeconds: 3 }], grants: [{ id: "g0", remaining: "1" }], at: "2026-12-03" });
const heldRequest = { plan: "business", items: many(1000, () => ({ feature: "avatar_iv", seconds: 60, maxSeconds: 120 })), grants: heldGrants, holds: many(1000, () => smallHold), at: "2026-12-03" };
/** @type {[string, () => unknown][]} */
const cases = [
  ["quote, 1,000 items of 1,000,000 s", () => credits.quote(thousand)],
  ["quote, 1,000 items given 10,000 grants", () => credits.quote({ plan: "business", items: thousand.items, grants, at: "2026-06-01" })],
  ["verify, 1,000 items against the server's records", () => {
    const q = JSON.parse(JSON.stringify(credits.quote(thousand)));
    credits.verify(thousand, q, { plan: "business", balance: "10", periodUsage: {} });
  }],
  ["quote, 50,000 periodUsage keys in descending order (refused: unknown features)", () =>
    credits.quote({ ...thousand, periodUsage: Object.fromEntries(many(50000, (i) => [`k${String(49999 - i).padStart(6, "0")}`, 1])) })],
  ["simulate, auto-reload under 64 usages of 1,000,000 s", () => credits.simulate({
    plan: "business", start: "2026-01-01", until: "2026-01-31", autoReload: { threshold: "100", quantity: 1 },
    usage: many(64, () => ({ at: "2026-01-03", ...item })) })],
  ["simulate, 10,000 purchases on one day", () => credits.simulate({
    plan: "business", start: "2026-01-01", until: "2026-12-31", purchases: many(10000, () => ({ at: "2026-01-02", quantity: 1 })) })],
  ["simulate, 10,000 holds on one day", () => credits.simulate({
    plan: "business", start: "2026-01-01", until: "2026-01-31", holds: many(10000, (i) => ({ at: "2026-01-02", id: `job-${i}`, items: [{ feature: "avatar_iv", seconds: 1 }] })) })],
  ["simulate, 5,000 holds settled in the order made", () => credits.simulate({
    plan: "business", start: "2026-01-01", until: "2026-01-31",
    holds: many(5000, (i) => ({ at: "2026-01-02", id: `job-${i}`, items: [{ feature: "avatar_iv", seconds: 1 }] })),
    settlements: many(5000, (i) => ({ at: "2026-01-02", hold: `job-${i}`, items: [] })) })],
  ["simulate, 9,999 usages over ten years of pay-as-you-go", () => payg.simulate({
    start: "2026-01-01", until: "2035-12-31", purchases: [{ at: "2026-01-01", quantity: 1000000 }],
    usage: many(9999, (i) => ({ at: `20${26 + (i % 10)}-0${(i % 9) + 1}-15`, feature: "text_to_speech", seconds: 7 })) })],
  ["compare, 20,000 repeated presets (refused: named twice)", () => RateEngine.compare({ workload: [item], presets: many(20000, () => "heygen-credits") })],
  ["compare, 16 cards of 1,000 more features each (~600 KiB)", () => RateEngine.compare({ workload: [{ feature: "f1", seconds: 60 }], presets: [], cards: many(16, () => bigCard) })],
  [`fromJson, a ${(bigCardText.length / 1024).toFixed(0)} KiB card`, () => RateEngine.fromJson(bigCardText)],
  [`fromJson, 10,000 combinations against a \`when\` list of one value 85,000 times (${(repeatedText.length / 1024).toFixed(0)} KiB; refused: listed twice)`, () => RateEngine.fromJson(repeatedText)],
  ["compare, 16 such cards (refused)", () => RateEngine.compare({ workload: [{ feature: "avatar_iv", seconds: 60 }], presets: [], cards: many(16, () => repeated) })],
  [`fromJson, 1,000 rates over a 1,000-value enum and 40 features of 10,000 combinations (${(worstCardText.length / 1024).toFixed(0)} KiB)`, () => RateEngine.fromJson(worstCardText)],
  ["quote, 1,000 items each scanning 1,000 rates' lists", () => worstEngine.quote(wideItems)],
  ["quoteRange, 1,000 ranged items beside 1,000 open holds on 1,000 grants", () => credits.quoteRange(heldRequest)],
  ["hold, the same request", () => credits.hold(heldRequest)],
  ["settle, 1,000 items, 1,000 other holds, 1,000 settled holds", () => credits.settle(smallHold, { items: thousand.items.map(() => ({ feature: "avatar_iv", seconds: 60 })), at: "2026-12-03", grants: heldGrants, holds: heldRequest.holds, settledHolds: many(1000, () => "0".repeat(64)) })],
];
const rows = cases.map(([bench, f]) => {
  const [ms, outcome] = time(f);
  return { "worst case within the limits": bench, ms: ms.toFixed(1), outcome, "≤ 1 s": ms <= 1000 ? "yes" : "NO" };
});
console.table(rows);
