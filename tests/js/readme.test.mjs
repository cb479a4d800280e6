// Every code example in README.md and docs/*.md, run as a user would: `js node` blocks in a
// consumer project of the packed package, the `html browser` page served from
// it in Chromium, the `js vite` block built with Vite 7 and loaded in Chromium.
// (The `rust` blocks run as doc tests: src/lib.rs includes the README.)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { documentation, freePort, launchChromium, packAndInstall } from "./helpers.mjs";

// The README and the docs/ pages, whose code blocks are all run here.
const readme = documentation();
const blocks = [...readme.matchAll(/^```(\w+)(?: (\w+))?\n([\s\S]*?)^```$/gm)].map(([, lang, kind, code]) => ({ lang, kind, code }));

let dir, browser;
before(async () => {
  ({ dir } = await packAndInstall(["vite@7.3.8"]));
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function load(root, path, done) {
  const port = await freePort();
  const server = spawn("python3", ["-m", "http.server", "--bind", "127.0.0.1", String(port), "--directory", root], { stdio: "ignore" });
  try {
    const url = `http://127.0.0.1:${port}/${path}`;
    for (let i = 0; i < 100; i++) { try { if ((await fetch(url)).ok) break; } catch { await new Promise((r) => setTimeout(r, 50)); } }
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(url);
    await page.waitForFunction(done, null, { timeout: 10000 });
    const text = await page.textContent("body");
    await page.close();
    return { text, errors };
  } finally {
    server.kill();
  }
}

test("the README has examples of every kind", () => {
  const kinds = blocks.map((b) => `${b.lang} ${b.kind ?? ""}`.trim());
  for (const k of ["js node", "html browser", "js vite", "rust"]) assert.ok(kinds.includes(k), `${k} in ${kinds}`);
  // No JS example goes untested.
  // (`tsx react` is type-checked in widget.test.mjs; `tsx next`, `vue`, `svelte`, `angular` and their configs are built
  // and run in frameworks.test.mjs.)
  assert.deepEqual(blocks.filter((b) => ["js", "ts", "tsx", "vue", "svelte", "html", "mjs"].includes(b.lang)
    && !["node", "browser", "vite", "widget", "react", "next", "vue", "vue-config", "svelte", "svelte-config", "angular"].includes(b.kind)), []);
});

test("every `js node` example runs", () => {
  const node = blocks.filter((b) => b.kind === "node");
  assert.ok(node.length >= 3);
  node.forEach((b, i) => {
    writeFileSync(join(dir, `readme-${i}.mjs`), b.code);
    const out = execFileSync("node", [`readme-${i}.mjs`], { cwd: dir, encoding: "utf8" });
    // Each example's comments say what it prints; check the first value of each console.log line.
    for (const [, expected] of b.code.matchAll(/console\.log\([^\n]*\/\/ ([^\n…]+?)(?: …|,|$)/gm)) {
      const first = expected.split(" ")[0].replace(/^[[{]+/, "").replace(/[,]$/, "");
      assert.ok(out.includes(first.replaceAll('"', "")) || out.includes(first), `readme-${i}: "${first}" not in\n${out}`);
    }
  });
});

test("the `html browser` example runs in Chromium", async () => {
  const [page] = blocks.filter((b) => b.kind === "browser");
  writeFileSync(join(dir, "readme.html"), page.code);
  const { text, errors } = await load(dir, "readme.html", () => document.getElementById("out").textContent !== "…");
  assert.deepEqual(errors, []);
  assert.match(text, /30 credits/);
});

test("the `html widget` example runs in Chromium: <ratecard-cost> shows the shortfall and its purchase", async () => {
  const [widget] = blocks.filter((b) => b.kind === "widget");
  writeFileSync(join(dir, "readme-widget.html"), widget.code);
  const { errors } = await load(dir, "readme-widget.html", () => document.getElementById("cost")?.quote);
  assert.deepEqual(errors, []);
  const page = await browser.newPage();
  try {
    const port = await freePort();
    const server = spawn("python3", ["-m", "http.server", "--bind", "127.0.0.1", String(port), "--directory", dir], { stdio: "ignore" });
    try {
      for (let i = 0; i < 100; i++) { try { if ((await fetch(`http://127.0.0.1:${port}/`)).ok) break; } catch { await new Promise((r) => setTimeout(r, 50)); } }
      await page.goto(`http://127.0.0.1:${port}/readme-widget.html`);
      await page.waitForFunction(() => document.getElementById("cost")?.quote);
      const text = await page.evaluate(() => document.getElementById("cost").shadowRoot.textContent.replace(/\s+/g, " ").trim());
      assert.equal(text, "40 credits — short by 30: Buy 1 block, $5.00");
    } finally {
      server.kill();
    }
  } finally {
    await page.close();
  }
});

test("the `js vite` example builds with Vite 7 and runs in Chromium", async () => {
  const [vite] = blocks.filter((b) => b.kind === "vite");
  const app = join(dir, "readme-vite");
  mkdirSync(app, { recursive: true });
  writeFileSync(join(app, "index.html"), `<!doctype html><html><head><link rel="icon" href="data:,"></head><body>…<script type="module" src="./main.js"></script></body></html>`);
  writeFileSync(join(app, "main.js"), vite.code);
  execFileSync(join(dir, "node_modules/.bin/vite"), ["build", "--logLevel", "error", "--outDir", "dist", "--emptyOutDir"], { cwd: app });
  const { text, errors } = await load(join(app, "dist"), "", () => document.body.textContent !== "…");
  assert.deepEqual(errors, []);
  assert.equal(text, "short 30: buy 1 block — $5.00");
});
