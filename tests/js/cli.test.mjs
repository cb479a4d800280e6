// The command line through the packed tarball (`npx ratecard`): every command on a preset and on
// a custom book, standard input and a file, every exit status, and each command's --help example.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, packAndInstall } from "./helpers.mjs";

/** @type {string} */
let dir;
before(async () => {
  ({ dir } = await packAndInstall());
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** `npx ratecard …args` in the consumer project, `input` on standard input. */
function ratecard(/** @type {string[]} */ args, /** @type {string | undefined} */ input = undefined) {
  const r = spawnSync("npx", ["--no-install", "ratecard", ...args], { cwd: dir, input: input ?? "", encoding: "utf8" });
  const json = (/** @type {string} */ s) => { try { return JSON.parse(s); } catch { return null; } };
  return { status: r.status, out: json(r.stdout), stdout: r.stdout, err: json(r.stderr), stderr: r.stderr };
}

const REQ = { plan: "business", items: [{ feature: "avatar_iv", seconds: 120 }], balance: "10" };

test("npx ratecard: each command answers in JSON, the same as the JS API", () => {
  const q = ratecard(["quote", "--preset", "heygen-credits"], JSON.stringify(REQ));
  assert.equal(q.status, 0, q.stderr);
  assert.deepEqual([q.out.total, q.out.shortfall, q.out.purchase[0].price], ["40", "30", "5.00"]);
  writeFileSync(join(dir, "req.json"), JSON.stringify(REQ));
  const fromFile = ratecard(["quote", "--preset", "heygen-credits", "req.json", "--pretty"]);
  assert.equal(fromFile.out.fingerprint, q.out.fingerprint, "a file and standard input are the same request");
  assert.match(fromFile.stdout, /^\{\n {2}"rateCard"/, "--pretty indents");
  const range = ratecard(["quote-range", "--preset", "heygen-api"], JSON.stringify({ plan: "pro", items: [{ feature: "video_avatar", seconds: 61, maxSeconds: 100 }] }));
  assert.deepEqual([range.out.low.total, range.out.high.total], ["1.5", "2"]);
  const hold = ratecard(["hold", "--preset", "heygen-api"], JSON.stringify({ plan: "pro", items: [{ feature: "video_avatar", seconds: 61, maxSeconds: 100 }], balance: "3", at: "2026-12-03" }));
  assert.deepEqual([hold.out.kind, hold.out.credits, hold.out.expiresAt], ["hold", "2", "2026-12-04"]);
  const settled = ratecard(["settle", "--preset", "heygen-api"], JSON.stringify({ hold: hold.out, request: { items: [{ feature: "video_avatar", seconds: 75 }], at: "2026-12-03" } }));
  assert.deepEqual([settled.out.credits, settled.out.released], ["1.5", "0.5"]);
  assert.equal(ratecard(["buy-packs", "--preset", "heygen-credits"], JSON.stringify({ plan: "business", quantity: 3 })).out.price, "15.00");
  assert.equal(ratecard(["capacity", "--preset", "heygen-credits"], JSON.stringify({ plan: "business", feature: "avatar_iv", balance: "20" })).out.seconds, "60");
  assert.equal(ratecard(["simulate", "--preset", "heygen-credits"], JSON.stringify({ plan: "creator", start: "2026-01-01", until: "2026-02-15", usage: [{ at: "2026-01-10", feature: "avatar_iv", seconds: 300 }] })).out.spent, "58.00");
  assert.equal(ratecard(["compare"], JSON.stringify({ workload: [{ feature: "avatar_iv", seconds: 90 }], presets: ["heygen-credits"] })).out[0].price, "29.00");
  const posted = { request: REQ, quote: q.out, records: { plan: "business", balance: "10", at: "2026-12-03" } };
  assert.equal(ratecard(["verify", "--preset", "heygen-credits"], JSON.stringify(posted)).out.verdict, "match");
  assert.equal(ratecard(["verify", "--preset", "heygen-credits"], JSON.stringify({ ...posted, quote: { ...q.out, total: "1" } })).out.verdict, "altered");
  assert.equal(ratecard(["verify", "--preset", "heygen-api"], JSON.stringify({ request: { plan: "pro", items: [{ feature: "video_avatar", seconds: 61, maxSeconds: 100 }], balance: "3", at: "2026-12-03" }, quote: hold.out, records: { balance: "3", at: "2026-12-03" } })).out.verdict, "match");
  assert.equal(ratecard(["versions", "--preset", "heygen-credits"]).out[0].version, "2026-11-01");
  const presets = ratecard(["presets"]).out;
  assert.deepEqual(presets.map((/** @type {any} */ p) => p.id), ["heygen-credits", "heygen-gencredits", "heygen-api", "heygen-liveavatar", "heygen-payg", "aistudios"]);
});

test("npx ratecard --card: a custom price book prices by the version in force, and diffs its versions", () => {
  const card = JSON.parse(ratecard(["presets"]).stdout).find((/** @type {any} */ p) => p.id === "heygen-credits");
  assert.ok(card);
  const now = JSON.parse(spawnSync("node", ["-e", "console.log(JSON.stringify(require('ratecard').RateEngine.preset('heygen-credits').rateCard()))"], { cwd: dir, encoding: "utf8" }).stdout);
  const next = { ...structuredClone(now), version: "2027-01", effectiveFrom: "2027-01-01" };
  next.features.avatar_iv.rate = "25";
  writeFileSync(join(dir, "book.json"), JSON.stringify([now, next]));
  const at = (/** @type {string} */ day) => ratecard(["quote", "--card", "book.json"], JSON.stringify({ ...REQ, at: day })).out.total;
  assert.deepEqual([at("2026-12-31"), at("2027-01-01")], ["40", "50"]);
  const diff = ratecard(["diff", "--card", "book.json"], JSON.stringify({ from: "2026-11-01", to: "2027-01" }));
  assert.equal(diff.status, 0, diff.stderr);
  assert.ok(diff.out.some((/** @type {any} */ c) => c.path.includes("avatar_iv") && c.after === "25"), JSON.stringify(diff.out));
  assert.deepEqual(ratecard(["versions", "--card", "book.json"]).out.map((/** @type {any} */ v) => v.version), ["2026-11-01", "2027-01"]);
});

test("npx ratecard: errors are one JSON object on standard error; 2 for invalid input, 1 otherwise", () => {
  const bad = ratecard(["quote", "--preset", "heygen-credits"], JSON.stringify({ plan: "business", items: [{ feature: "avatar_iv", seconds: 0 }] }));
  assert.equal(bad.status, 2);
  assert.deepEqual([bad.err.code, bad.err.path], ["invalid_quantity", ["items", 0, "seconds"]]);
  assert.equal(bad.stdout, "");
  for (const args of [["quote"], ["quote", "--preset", "nope"], ["nope"], ["quote", "--preset"], ["quote", "--card", "missing.json"], ["quote", "--preset", "heygen-credits", "--loud"]]) {
    const r = ratecard(args, JSON.stringify(REQ));
    assert.equal(r.status, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.equal(typeof r.err?.code, "string", r.stderr);
  }
  const notJson = ratecard(["quote", "--preset", "heygen-credits"], "{ nope");
  assert.deepEqual([notJson.status, notJson.err.code], [2, "invalid_request"]);
  assert.match(notJson.err.message, /not JSON/);
  writeFileSync(join(dir, "broken.json"), "[1,");
  assert.equal(ratecard(["quote", "--card", "broken.json"], JSON.stringify(REQ)).status, 2);
  const mcp = ratecard(["mcp"]);
  assert.deepEqual([mcp.status, mcp.err.code], [2, "invalid_request"]);
  assert.match(mcp.err.message, /npm install ratecard-mcp/);
  // Status 1 is what is not the input's fault (an uncoded exception): no input reaches it.
  assert.equal(ratecard(["--help"]).status, 0);
});

test("npx ratecard <command> --help: each command's usage, and its example runs", () => {
  const top = ratecard(["--help"]);
  assert.match(top.stdout, /usage: ratecard <command>/);
  const hold = ratecard(["hold", "--preset", "heygen-api"], JSON.stringify({ plan: "pro", items: [{ feature: "video_avatar", seconds: 61, maxSeconds: 100 }], balance: "3", at: "2026-12-03" })).out;
  writeFileSync(join(dir, "settle.json"), JSON.stringify({ hold, request: { items: [{ feature: "video_avatar", seconds: 75 }], at: "2026-12-03" } }));
  const quote = ratecard(["quote", "--preset", "heygen-credits"], JSON.stringify(REQ)).out;
  writeFileSync(join(dir, "posted.json"), JSON.stringify({ request: REQ, quote, records: { plan: "business", balance: "10", at: "2026-12-03" } }));
  const names = [...top.stdout.matchAll(/^ {2}([a-z-]+) {2,}/gm)].map((m) => m[1]).filter((n) => n !== "mcp");
  assert.equal(names.length, 12);
  for (const name of names) {
    const h = ratecard([name, "--help"]);
    assert.equal(h.status, 0, name);
    const example = /example:\n {2}(.+?)(?: {3}#.*)?$/m.exec(h.stdout)?.[1];
    assert.ok(example, `${name}: an example`);
    const run = spawnSync("bash", ["-c", example.replace(/\bratecard /, "npx --no-install ratecard ")], { cwd: dir, encoding: "utf8" });
    assert.equal(run.status, 0, `${name}: ${example}\n${run.stderr}`);
    assert.ok(JSON.parse(run.stdout), name);
  }
});

test("the README's command-line examples run", () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const block = /^```sh cli\n([\s\S]*?)^```$/m.exec(readme)?.[1];
  assert.ok(block, "a `sh cli` block");
  for (const line of block.trim().split("\n")) {
    const run = spawnSync("bash", ["-c", line.replace("npx ratecard", "npx --no-install ratecard")], { cwd: dir, encoding: "utf8" });
    assert.equal(run.status, 0, `${line}\n${run.stderr}`);
    assert.ok(JSON.parse(run.stdout), line);
  }
});
