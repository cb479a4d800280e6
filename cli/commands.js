// @ts-check
// The command line's commands: each names its input, calls the engine as the JS API does, and
// carries its help with an example that runs (tests/js/cli.test.mjs runs every one). No pricing
// rule here: the engine answers, this only routes. Used by bin/ratecard.mjs.

/**
 * @typedef {{ input: "request" | "none" | "diff" | "settle" | "verify", card: boolean, summary: string, example: string,
 *   run: (engine: any, input: any, RateEngine: any) => unknown }} Command
 */

const PRESET = "--preset heygen-credits";
const echo = (/** @type {object} */ json) => `echo '${JSON.stringify(json)}'`;

/** @type {Record<string, Command>} */
export const COMMANDS = {
  quote: {
    input: "request", card: true, summary: "price items: lines, total, balance after, shortfall and what to buy",
    example: `${echo({ plan: "business", items: [{ feature: "avatar_iv", seconds: 120 }], balance: "10" })} | ratecard quote ${PRESET}`,
    run: (e, r) => e.quote(r),
  },
  "quote-range": {
    input: "request", card: true, summary: "the least and the most a job of unknown length can cost ({ low, high })",
    example: `${echo({ plan: "pro", items: [{ feature: "video_avatar", seconds: 61, maxSeconds: 100 }], balance: "1" })} | ratecard quote-range --preset heygen-api`,
    run: (e, r) => e.quoteRange(r),
  },
  hold: {
    input: "request", card: true, summary: "hold the most a job can cost until it has run (a server's records)",
    example: `${echo({ plan: "pro", items: [{ feature: "video_avatar", seconds: 61, maxSeconds: 100 }], balance: "3", at: "2026-12-03" })} | ratecard hold --preset heygen-api`,
    run: (e, r) => e.hold(r),
  },
  settle: {
    input: "settle", card: true, summary: "settle a hold with what the job ran: { hold, request: { items, at } }",
    example: `ratecard settle --preset heygen-api settle.json   # settle.json: { "hold": <what hold printed>, "request": { "items": [...], "at": "2026-12-03" } }`,
    run: (e, i) => e.settle(i.hold, i.request),
  },
  "buy-packs": {
    input: "request", card: true, summary: "buy N of the plan's product: price, credits, period",
    example: `${echo({ plan: "business", quantity: 3 })} | ratecard buy-packs ${PRESET}`,
    run: (e, r) => e.buyPacks(r),
  },
  capacity: {
    input: "request", card: true, summary: "the most of a feature a balance buys",
    example: `${echo({ plan: "business", feature: "avatar_iv", balance: "20" })} | ratecard capacity ${PRESET}`,
    run: (e, r) => e.capacity(r),
  },
  simulate: {
    input: "request", card: true, summary: "the wallet over a window: grants, usage, expiry, what was spent",
    example: `${echo({ plan: "creator", start: "2026-01-01", until: "2026-02-15", usage: [{ at: "2026-01-10", feature: "avatar_iv", seconds: 300 }] })} | ratecard simulate ${PRESET}`,
    run: (e, r) => e.simulate(r),
  },
  compare: {
    input: "request", card: false, summary: "a month's workload priced on every plan of every preset (or your cards), cheapest first",
    example: `${echo({ workload: [{ feature: "avatar_iv", seconds: 600 }], presets: ["heygen-credits", "heygen-payg"] })} | ratecard compare`,
    run: (_e, r, RateEngine) => RateEngine.compare(r),
  },
  verify: {
    input: "verify", card: true, summary: "check a quote, hold or settlement against your records: { request, quote, records }",
    example: `ratecard verify ${PRESET} posted.json   # posted.json: { "request": ..., "quote": ..., "records": { "plan": ..., "balance": ..., "at": ... } }`,
    run: (e, i) => (i.quote?.kind === "hold" || i.quote?.kind === "settlement"
      ? e.verifyHeldDetail(i.request, i.quote, i.records)
      : e.verifyDetail(i.request, i.quote, i.records, i.options)),
  },
  versions: {
    input: "none", card: true, summary: "a card's or book's versions: version, effectiveFrom, cardHash",
    example: `ratecard versions ${PRESET}`,
    run: (e) => e.versions(),
  },
  diff: {
    input: "diff", card: true, summary: "what changed between two versions of a book: { from, to } (version names)",
    example: `${echo({ from: "2026-11-01", to: "2026-11-01" })} | ratecard diff ${PRESET}`,
    run: (e, i) => e.diff(i.from, i.to),
  },
  presets: {
    input: "none", card: false, summary: "the built-in rate cards: id, name, version, unit, currency",
    example: "ratecard presets",
    run: (_e, _i, RateEngine) => RateEngine.presetIds().map((/** @type {string} */ id) => {
      const c = RateEngine.preset(id).rateCard();
      return { id, name: c.name, version: c.version, unit: c.unit, currency: c.currency, plans: Object.keys(c.plans) };
    }),
  },
};

/** The usage text: every command, or one command's with its example. */
export function help(/** @type {string | undefined} */ name = undefined) {
  const c = name ? COMMANDS[name] : undefined;
  if (c) {
    const takes = { request: "a JSON request", none: "no input", diff: "{ from, to }", settle: "{ hold, request }", verify: "{ request, quote, records, options? }" }[c.input];
    return [
      `ratecard ${name}: ${c.summary}.`,
      "",
      `usage: ratecard ${name}${c.card ? " (--preset ID | --card FILE)" : ""} [FILE] [--pretty]`,
      `input: ${takes}, from FILE or standard input; output: JSON on standard output.`,
      "",
      "example:",
      `  ${c.example}`,
    ].join("\n");
  }
  return [
    "ratecard: the credit-pricing engine from a shell, in JSON (the same JSON as the JS API).",
    "",
    "usage: ratecard <command> (--preset ID | --card FILE) [FILE] [--pretty]",
    "       ratecard <command> --help",
    "",
    "commands:",
    ...Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(12)} ${c.summary}`),
    "  mcp          serve the Model Context Protocol over stdio (package ratecard-mcp)",
    "",
    "A card is --preset ID (ratecard presets) or --card FILE (a rate card or a price book as JSON).",
    "Errors: one JSON object { code, message, path } on standard error; exit status 2 for invalid",
    "input, 1 otherwise.",
  ].join("\n");
}

/**
 * The arguments: the command, its flags and the input file, or a usage error's message.
 * @param {string[]} argv
 * @returns {{ command?: string, preset?: string, card?: string, file?: string, pretty: boolean, help: boolean, error?: string, rest: string[] }}
 */
export function parseArgs(argv) {
  /** @type {ReturnType<typeof parseArgs>} */
  const out = { pretty: false, help: false, rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--pretty") out.pretty = true;
    else if (a === "--help" || a === "-h") out.help = true;
    else if (a === "--preset" || a === "--card") {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) return { ...out, error: `${a} needs a value` };
      out[a === "--preset" ? "preset" : "card"] = v;
    } else if (a.startsWith("--")) return { ...out, error: `unknown option ${a}` };
    else if (out.command === undefined) out.command = a;
    else if (out.file === undefined) out.file = a;
    else out.rest.push(a);
  }
  return out;
}
