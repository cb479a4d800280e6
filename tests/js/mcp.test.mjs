// The MCP server (package ratecard-mcp) through the official SDK's own client over stdio: both
// packed tarballs installed in a consumer project, the server started as `npx ratecard mcp`.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT, packAndInstall } from "./helpers.mjs";

/** @type {string} */
let dir;
/** @type {any} */
let sdk;
/** @type {any} */
let RateEngine;
before(async () => {
  ({ dir } = await packAndInstall());
  const out = execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", dir], { cwd: join(ROOT, "packages/mcp"), encoding: "utf8" });
  execFileSync("npm", ["install", "--no-audit", "--no-fund", join(dir, JSON.parse(out)[0].filename)], { cwd: dir, stdio: "ignore" });
  const esm = (/** @type {string} */ p) => import(pathToFileURL(join(dir, "node_modules/@modelcontextprotocol/sdk/dist/esm", p)).href);
  sdk = { ...(await esm("client/index.js")), ...(await esm("client/stdio.js")) };
  ({ RateEngine } = createRequire(join(dir, "x.cjs"))("ratecard"));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A client connected to `command args…` run in the consumer project.
 * @param {string} command
 * @param {string[]} args
 * @param {Record<string, string>} [env] added to this process's environment
 */
async function connect(command, args, env) {
  const transport = new sdk.StdioClientTransport({ command, args, cwd: dir, stderr: "pipe", ...(env && { env: { ...process.env, ...env } }) });
  const client = new sdk.Client({ name: "ratecard-test", version: "1.0.0" });
  await client.connect(transport);
  return { client, transport };
}

const REQ = { plan: "business", items: [{ feature: "avatar_iv", seconds: 120 }], balance: "10" };

test("npx ratecard mcp: tools listed with schemas from the request schema, each read-only; each call equals the JS API", async () => {
  const { client } = await connect("npx", ["--no-install", "ratecard", "mcp"]);
  try {
    const { tools } = await client.listTools();
    const names = tools.map((/** @type {any} */ t) => t.name);
    assert.deepEqual(names, ["quote", "quote_range", "hold", "buy_packs", "capacity", "simulate", "compare", "verify", "price_book_diff", "list_presets"]);
    const shipped = JSON.parse(readFileSync(join(dir, "node_modules/ratecard/schema/requests.schema.json"), "utf8"));
    for (const t of tools) {
      assert.equal(t.inputSchema.type, "object", t.name);
      assert.deepEqual(t.inputSchema.$defs, shipped.$defs, `${t.name}: its schema is the shipped one`);
      assert.equal(t.annotations.readOnlyHint, true, t.name);
    }
    assert.deepEqual(tools[0].inputSchema.properties.request, { $ref: "#/$defs/QuoteRequest", description: "The items, plan, and balance (or the wallet's grants)." });

    const call = async (/** @type {string} */ name, /** @type {object} */ args) => client.callTool({ name, arguments: args });
    const engine = RateEngine.preset("heygen-credits");
    const q = await call("quote", { preset: "heygen-credits", request: REQ });
    assert.deepEqual(q.structuredContent.result, engine.quote(REQ));
    assert.deepEqual([q.structuredContent.version, q.structuredContent.cardHash], ["2026-11-01", engine.versions()[0].cardHash]);
    assert.equal(q.content[0].text, "120 s of Avatar IV on Business: 40 credits; short by 30: buy 1 block, 5.00 USD");
    const api = RateEngine.preset("heygen-api");
    const ranged = { plan: "pro", items: [{ feature: "video_avatar", seconds: 61, maxSeconds: 100 }], balance: "3", at: "2026-12-03" };
    assert.deepEqual((await call("quote_range", { preset: "heygen-api", request: ranged })).structuredContent.result, api.quoteRange(ranged));
    const hold = await call("hold", { preset: "heygen-api", request: ranged });
    assert.deepEqual(hold.structuredContent.result, api.hold(ranged));
    assert.equal(hold.content[0].text, "hold 2 credits until 2026-12-04");
    const buy = { plan: "business", quantity: 3 };
    assert.deepEqual((await call("buy_packs", { preset: "heygen-credits", request: buy })).structuredContent.result, engine.buyPacks(buy));
    const cap = { plan: "business", feature: "avatar_iv", balance: "20" };
    assert.deepEqual((await call("capacity", { preset: "heygen-credits", request: cap })).structuredContent.result, engine.capacity(cap));
    const sim = { plan: "creator", start: "2026-01-01", until: "2026-03-31" };
    const simulated = await call("simulate", { preset: "heygen-credits", request: sim });
    assert.deepEqual(simulated.structuredContent.result, engine.simulate(sim));
    assert.match(simulated.content[0].text, /^spent 87\.00 USD/);
    const cmp = { workload: [{ feature: "avatar_iv", seconds: 90 }], presets: ["heygen-credits"] };
    assert.deepEqual((await call("compare", { request: cmp })).structuredContent.result, RateEngine.compare(cmp));
    const quote = engine.quote(REQ);
    const v = await call("verify", { preset: "heygen-credits", request: REQ, quote, records: { plan: "business", balance: "10", at: "2026-12-03" } });
    assert.equal(v.structuredContent.result.verdict, "match");
    const forged = await call("verify", { preset: "heygen-credits", request: REQ, quote: { ...quote, total: "1" }, records: { plan: "business", balance: "10", at: "2026-12-03" } });
    assert.equal(forged.structuredContent.result.verdict, "altered");
    const presets = await call("list_presets", {});
    assert.equal(presets.structuredContent.result.length, 6);
    // A bad request: a tool error in plain words, and the server keeps answering.
    const bad = await call("quote", { preset: "heygen-credits", request: { plan: "business", items: [{ feature: "avatar_iv", seconds: 0 }] } });
    assert.equal(bad.isError, true);
    assert.match(bad.content[0].text, /items\[0\]\.seconds: must be greater than 0/);
    assert.equal((await call("quote", { request: REQ })).isError, true, "no card named: an error, not a crash");
    assert.equal((await call("quote", { preset: "heygen-credits", request: REQ })).isError, undefined);
  } finally {
    await client.close();
  }
});

test("the MCP server on a custom book: per call (card) and for the whole server (--card), and price_book_diff", async () => {
  const now = RateEngine.preset("heygen-credits").rateCard();
  const next = { ...structuredClone(now), version: "2027-01", effectiveFrom: "2027-01-01" };
  next.features.avatar_iv.rate = "25";
  writeFileSync(join(dir, "prices.json"), JSON.stringify([now, next]));
  const { client } = await connect("npx", ["--no-install", "ratecard", "mcp", "--card", "prices.json"]);
  try {
    const q = await client.callTool({ name: "quote", arguments: { request: { ...REQ, at: "2027-01-05" } } });
    assert.deepEqual([q.structuredContent.result.total, q.structuredContent.version], ["50", "2027-01"]);
    const perCall = await client.callTool({ name: "quote", arguments: { card: now, request: REQ } });
    assert.equal(perCall.structuredContent.result.total, "40");
    const diff = await client.callTool({ name: "price_book_diff", arguments: { from: "2026-11-01", to: "2027-01" } });
    assert.ok(diff.structuredContent.result.some((/** @type {any} */ c) => c.after === "25"));
  } finally {
    await client.close();
  }
});

test("2,000 calls in a row: every answer right, the server's memory flat", async () => {
  // What stays in use after a garbage collection, asked of the server through a preloaded probe
  // (RSS says little: V8 grows its heap lazily while there is room, 90 → 118 MB over 4,000 calls
  // with nothing kept).
  const file = join(dir, "memory.json");
  const probe = join(ROOT, "tests/js/memory-probe.mjs");
  const bin = join(dir, "node_modules/ratecard/bin/ratecard.mjs");
  const { client, transport } = await connect("node", ["--expose-gc", "--import", pathToFileURL(probe).href, bin, "mcp"], { MEMORY_PROBE: file });
  const inUse = async () => {
    rmSync(file, { force: true });
    process.kill(transport.pid, "SIGUSR2");
    for (let i = 0; i < 200 && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 10));
    return /** @type {{ heapUsed: number, wasm: number }} */ (JSON.parse(readFileSync(file, "utf8")));
  };
  const MB = (/** @type {number} */ b) => (b / 2 ** 20).toFixed(2);
  try {
    const card = RateEngine.preset("heygen-credits").rateCard();
    const call = (/** @type {object} */ args) => client.callTool({ name: "quote", arguments: { ...args, request: REQ } });
    for (let i = 0; i < 100; i++) await call({ preset: "heygen-credits" });
    for (let i = 0; i < 100; i++) await call({ card });
    const before = await inUse();
    for (let i = 0; i < 1000; i++) assert.equal((await call({ preset: "heygen-credits" })).structuredContent.result.total, "40");
    // A card of the caller's own: an engine made and freed on every call.
    for (let i = 0; i < 1000; i++) assert.equal((await call({ card })).structuredContent.result.total, "40");
    const after = await inUse();
    console.log(`# 2,000 MCP calls, in use after GC: JS heap ${MB(before.heapUsed)} → ${MB(after.heapUsed)} MB, the engine's memory ${MB(before.wasm)} → ${MB(after.wasm)} MB`);
    // 1 KB kept per call would be 2 MB; the engine's memory grows in 64 KiB pages, and an
    // engine left to the garbage collector instead of freed grew it 1.2 → 5.3 MB here.
    assert.ok(after.heapUsed - before.heapUsed < 2 ** 21, "the JS heap grew");
    assert.ok(after.wasm - before.wasm <= 2 ** 16, "the engine's memory grew");
  } finally {
    await client.close();
  }
});

test("the README's MCP client configuration starts the server (npx -y ratecard-mcp, here from the installed package)", async () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const config = JSON.parse(/^```json mcp\n([\s\S]*?)^```$/m.exec(readme)?.[1] ?? "null");
  const { command, args } = config.mcpServers.ratecard;
  assert.deepEqual([command, args], ["npx", ["-y", "ratecard-mcp"]]);
  // `-y` would fetch it from the registry; the consumer project has it installed already.
  const t0 = performance.now();
  const { client } = await connect(command, args.map((/** @type {string} */ a) => (a === "-y" ? "--no-install" : a)));
  try {
    const { tools } = await client.listTools();
    console.log(`# MCP server (npx ratecard-mcp): tools listed ${(performance.now() - t0).toFixed(0)} ms after spawn`);
    assert.equal(tools.length, 10);
  } finally {
    await client.close();
  }
});
