// @ts-check
// The MCP tools: each one's name, description, input schema and call, and the short text an agent
// reads beside the structured result. The input schemas are built from the package's own
// request schema (ratecard/requests.schema.json, generated from the Rust types), never written
// here. No pricing rule here: the engine answers.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
// (The engine's types are the package's own .d.ts; here it is held as `any`.)
/** @type {any} */
const { RateEngine } = require(/** @type {string} */ ("ratecard"));
/** @type {{ $defs: Record<string, object> }} */
const REQUESTS = JSON.parse(readFileSync(require.resolve("ratecard/requests.schema.json"), "utf8"));

/** A tool's input: `preset` or `card` (unless `cardless`), and its own fields by schema name. */
function input(/** @type {Record<string, object>} */ fields, /** @type {string[]} */ required, cardless = false) {
  const card = cardless ? {} : {
    preset: { type: "string", enum: RateEngine.presetIds(), description: "A built-in rate card (list_presets)." },
    card: { $ref: "#/$defs/CardOrBook", description: "A rate card of your own, or a price book (an array of its versions), as JSON." },
  };
  return { type: "object", properties: { ...card, ...fields }, required, additionalProperties: false, $defs: REQUESTS.$defs };
}

const ref = (/** @type {string} */ name, /** @type {string} */ description) => ({ $ref: `#/$defs/${name}`, description });
const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };

/**
 * @typedef {{ name: string, title: string, description: string, inputSchema: object, cardless?: boolean,
 *   call: (engine: any, args: any) => unknown, text: (result: any, engine: any, args: any) => string }} Tool
 */

/** A number of the card's unit in words: "40 credits", "$7.00". */
function amount(/** @type {any} */ card, /** @type {string} */ value) {
  return card.unit === card.currency ? `${value} ${card.currency}` : `${value} ${value === "1" ? card.unitSingular : card.unit}`;
}

/** "buy 1 block, 5.00 USD": a purchase option in words. */
function purchase(/** @type {any} */ card, /** @type {any} */ o) {
  if (!o) return "nothing to buy on this plan";
  if (o.kind === "renewal" || o.kind === "upgrade") return `${o.name}, ${o.price} ${o.currency}`;
  const unit = card.products?.[o.product]?.unitName ?? "pack";
  return `buy ${o.quantity} ${unit}${o.quantity === 1 ? "" : "s"}, ${o.price} ${o.currency}`;
}

/** "120 s of Avatar IV on Business: 40 credits; short by 30: buy 1 block, 5.00 USD" */
function quoteText(/** @type {any} */ q, /** @type {any} */ engine, /** @type {string | undefined} */ at) {
  const card = engine.rateCard(at);
  const what = q.lines.map((/** @type {any} */ l) => (l.per === "each" ? `${l.units} × ${l.name}` : `${l.units} s of ${l.name}`)).join(" + ");
  const plan = card.plans[q.plan]?.name ?? q.plan;
  const short = Number(q.shortfall) > 0 ? `; short by ${q.shortfall}: ${purchase(card, q.purchase[0])}` : `; ${amount(card, q.balanceAfter)} left`;
  return `${what} on ${plan}: ${amount(card, q.total)}${short}`;
}

/** @type {Tool[]} */
export const TOOLS = [
  {
    name: "quote", title: "Price a generation",
    description: "What generation items cost on a plan, in credits and dollars, before they run: each line explained with its source article, the total, the balance after, and when short, what to buy.",
    inputSchema: input({ request: ref("QuoteRequest", "The items, plan, and balance (or the wallet's grants).") }, ["request"]),
    call: (e, a) => e.quote(a.request), text: (r, e, a) => quoteText(r, e, a.request?.at),
  },
  {
    name: "quote_range", title: "Price a job of unknown length",
    description: "The least and the most a job can cost when its length is known only after it runs (each item's seconds to maxSeconds): { low, high }, two complete quotes.",
    inputSchema: input({ request: ref("QuoteRequest", "Items with seconds (the least) and maxSeconds (the most).") }, ["request"]),
    call: (e, a) => e.quoteRange(a.request), text: (r, e, a) => `from ${quoteText(r.low, e, a.request?.at)} to ${quoteText(r.high, e, a.request?.at)}`,
  },
  {
    name: "hold", title: "Hold the most a job can cost",
    description: "The credits a job of unknown length should hold until it has run: the range's high end reserved from the balance or grants in burn-down order, never from credits that expire first. Computes the hold; records nothing.",
    inputSchema: input({ request: ref("QuoteRequest", "The job's items (seconds, maxSeconds), the balance or grants, the day (at), holdFor days.") }, ["request"]),
    call: (e, a) => e.hold(a.request),
    text: (r, e) => `hold ${amount(e.rateCard(r.at), r.credits)} until ${r.expiresAt}${Number(r.shortfall) > 0 ? `; ${r.shortfall} short` : ""}`,
  },
  {
    name: "buy_packs", title: "Price a purchase of packs",
    description: "What buying N of a plan's product (packs, blocks, top-ups, add-on units) costs and adds.",
    inputSchema: input({ request: ref("BuyPacksRequest", "The plan, quantity, seats, billing period.") }, ["request"]),
    call: (e, a) => e.buyPacks(a.request), text: (r) => `${r.quantity} × ${r.name}: ${r.price} ${r.currency}, ${r.credits} credits`,
  },
  {
    name: "capacity", title: "What a balance buys",
    description: "The most of one feature a balance buys on a plan (seconds or count).",
    inputSchema: input({ request: ref("CapacityRequest", "The plan, feature, options and balance.") }, ["request"]),
    call: (e, a) => e.capacity(a.request),
    text: (r, _e, a) => `${a.request.balance} buys ${r.seconds !== undefined ? `${r.seconds} s` : `${r.quantity}`} of ${a.request.feature} (${r.cost})`,
  },
  {
    name: "simulate", title: "Simulate a wallet over time",
    description: "A wallet over a window: grants, usage, rollover and expiry, purchases, upgrades, holds, and what was spent.",
    inputSchema: input({ request: ref("SimulateRequest", "The plan, window (start, until) and the timeline.") }, ["request"]),
    call: (e, a) => e.simulate(a.request),
    text: (r) => `spent ${r.spent} ${r.currency}; ${r.balance} left, ${r.expired} expired, ${r.creditsUsed} used, ${r.refused} usage refused`,
  },
  {
    name: "compare", title: "Compare plans for a workload", cardless: true,
    description: "A month's workload priced on every plan of every preset (or the cards given), cheapest first.",
    inputSchema: input({ request: ref("CompareRequest", "The workload (quote items), presets and/or cards.") }, ["request"], true),
    call: (_e, a) => RateEngine.compare(a.request),
    text: (r) => (r.length ? `cheapest: ${r[0].preset} ${r[0].plan}, ${r[0].price} ${r[0].currency} (${r.length} plans compared)` : "no plan compared"),
  },
  {
    name: "verify", title: "Check a quote, hold or settlement",
    description: "Recompute what a page or runner claims (a quote, a hold, a settlement) with your own records on your own day: match, superseded, expired, stale_card or altered.",
    inputSchema: input({
      request: { description: "The request the claim was made for (a QuoteRequest; for a settlement, the settle request with its hold)." },
      quote: { type: "object", description: "The quote, hold or settlement as the engine wrote it." },
      records: ref("ServerRecords", "Your records: plan, balance or grants, period usage, open holds, and your day (at)."),
    }, ["request", "quote", "records"]),
    call: (e, a) => (a.quote?.kind === "hold" || a.quote?.kind === "settlement" ? e.verifyHeldDetail(a.request, a.quote, a.records) : e.verifyDetail(a.request, a.quote, a.records)),
    text: (r) => `${r.verdict}: ${r.message}`,
  },
  {
    name: "price_book_diff", title: "What changed between two versions",
    description: "The changes between two versions of a price book, in the card's own names.",
    inputSchema: input({ from: { type: "string", description: "A version name." }, to: { type: "string", description: "A later version name." } }, ["from", "to"]),
    call: (e, a) => e.diff(a.from, a.to), text: (r) => (r.length ? `${r.length} changes` : "no change"),
  },
  {
    name: "list_presets", title: "The built-in rate cards", cardless: true,
    description: "The built-in rate cards: id, name, version, card hash, unit, currency and plans.",
    inputSchema: input({}, [], true),
    call: () => RateEngine.presetIds().map((/** @type {string} */ id) => {
      const e = RateEngine.preset(id);
      try {
        const c = e.rateCard();
        return { id, name: c.name, version: c.version, cardHash: e.versions().at(-1).cardHash, unit: c.unit, currency: c.currency, plans: Object.keys(c.plans) };
      } finally {
        e.free();
      }
    }),
    text: (r) => r.map((/** @type {any} */ p) => `${p.id} (${p.name})`).join(", "),
  },
];

/**
 * The engine of a call: its `card` or `preset`, else the server's own card, else none.
 * @param {any} args
 * @param {any} fallback
 */
export function engineFor(args, fallback) {
  if (args.card !== undefined) return RateEngine.fromJson(JSON.stringify(args.card));
  if (args.preset !== undefined) return RateEngine.preset(args.preset);
  if (fallback) return fallback;
  throw Object.assign(new Error("give preset (a built-in rate card: list_presets) or card (your own rate card or price book)"), { code: "invalid_request", path: ["preset"] });
}

/**
 * A tool's result as MCP returns it: the structured result (naming the card's version and
 * hash) and a short text; an engine error as a tool error with its plain message.
 * @param {Tool} tool
 * @param {any} args
 * @param {any} fallback the server's own engine (`--card`), if any
 */
export function callTool(tool, args, fallback) {
  /** @type {any} */
  let engine = null;
  try {
    engine = tool.cardless ? null : engineFor(args ?? {}, fallback);
    /** @type {any} */
    const result = tool.call(engine, args ?? {});
    const card = engine ? engine.versions().at(-1) : null;
    const versions = engine ? { version: result?.version ?? card.version, cardHash: result?.cardHash ?? card.cardHash } : {};
    const structured = { ...versions, result };
    return { content: [{ type: "text", text: tool.text(result, engine, args ?? {}) }], structuredContent: structured };
  } catch (/** @type {any} */ e) {
    const where = Array.isArray(e?.path) && e.path.length ? ` (at ${e.path.join(".")})` : "";
    return { isError: true, content: [{ type: "text", text: `${e?.message ?? e}${where}` }] };
  } finally {
    // The call's own engine (its card or preset) goes now, not when the garbage collector gets
    // to it: the engine's memory is the module's, which never shrinks once grown.
    if (engine && engine !== fallback) engine.free();
  }
}

export { READ_ONLY };
