// The widget in the frameworks front-end teams build with, each app made from the README's own
// snippet and the packed tarball: Vue 3 and Svelte 5 (type-checked by vue-tsc and svelte-check,
// built by Vite and served by its dev server), Angular 21 (its application builder, strict
// templates) and Next.js App Router (server-rendered, then hydrated), each run in headless Chromium: the price shown, the properties and events reaching
// the app's handlers, no console error. Each build's time is reported as a test diagnostic.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { answers, closeConsumer, documentation, freePort, openConsumer, serveWww } from "./helpers.mjs";

// The frameworks live in the test consumer only, never in the package.
const DEPS = [
  "vite@7.3.8", "typescript@5.9.3",
  "vue@3.5.45", "@vitejs/plugin-vue@6.0.11", "vue-tsc@3.3.14",
  "svelte@5.57.3", "@sveltejs/vite-plugin-svelte@6.2.4", "svelte-check@4.7.8",
  // As create-next-app's: Next's type check needs @types/node in the project.
  "next@16.4.6", "react@19.2.0", "react-dom@19.2.0", "@types/react@19.2.9", "@types/react-dom@19.2.7", "@types/node@20.19.9",
  // Angular 21: Angular 22's CLI needs Node 22, and this project supports Node 20.
  "@angular/core@21.2.26", "@angular/common@21.2.26", "@angular/compiler@21.2.26", "@angular/platform-browser@21.2.26",
  "@angular/compiler-cli@21.2.26", "@angular/build@21.2.27", "@angular/cli@21.2.27", "rxjs@7.8.2", "tslib@2.8.1",
];
const readme = documentation();
/** The README's code block of this kind (```lang kind). */
const snippet = (kind) => {
  const m = readme.match(new RegExp("^```\\w+ " + kind + "\\n([\\s\\S]*?)^```$", "m"));
  assert.ok(m, `README has a ${kind} block`);
  return m[1];
};

let dir, browser;
before(async () => { ({ dir, browser } = await openConsumer(DEPS)); });
after(() => closeConsumer({ dir, browser }));

const bin = (name) => join(dir, "node_modules/.bin", name);
/** Runs a consumer tool in `cwd`; its output, or throws with it. */
const run = (name, args, cwd, env = {}) => execFileSync(bin(name), args, { cwd, encoding: "utf8", env: { ...process.env, ...env }, stdio: "pipe" });
/** `fn()`'s time, reported as a diagnostic of test `t`. */
function timed(t, what, fn) {
  const start = performance.now();
  const out = fn();
  t.diagnostic(`${what}: ${((performance.now() - start) / 1000).toFixed(1)} s`);
  return out;
}
/** The errors a tool printed, or "" when it passed. */
function failures(name, args, cwd) {
  try { run(name, args, cwd); return ""; } catch (e) { return `${e.stdout}${e.stderr}`; }
}

/**
 * The app's page in Chromium, as its buyer uses it: the price of 90 s of Avatar IV on Business with
 * 10 credits reaches the app through ratecard-quote, a longer job re-prices, and the cost's Buy button
 * reaches the app's ratecard-buy handler.
 */
async function exercise(url, viewport = { width: 1280, height: 900 }) {
  const page = await browser.newPage({ viewport });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  await page.addInitScript(() => {
    window.__cls = 0;
    new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; }).observe({ type: "layout-shift", buffered: true });
  });
  try {
    await page.goto(url);
    await page.waitForFunction(() => document.getElementById("total")?.textContent === "30", null, { timeout: 30000 });
    const text = await page.evaluate(async () => {
      const el = document.getElementById("cost");
      await el.updateComplete;
      return el.shadowRoot.textContent.replace(/\s+/g, " ").trim();
    });
    assert.equal(text, "30 credits — short by 20: Buy 1 block, $5.00");
    await page.waitForTimeout(500);
    const cls = await page.evaluate(() => window.__cls);
    await page.click("#longer");
    await page.waitForFunction(() => document.getElementById("total").textContent === "40", null, { timeout: 10000 });
    await page.locator("#cost").getByRole("button", { name: "Buy 1 block, $5.00" }).click();
    await page.waitForFunction(() => document.getElementById("bought").textContent === "1 × 5.00", null, { timeout: 10000 });
    assert.deepEqual(errors, []);
    return { page, cls };
  } catch (e) {
    // What the page said, for the failure's reader.
    console.log(`# ${url}: console and page errors: ${JSON.stringify(errors)}`);
    await page.close();
    throw e;
  }
}

/** A Vite app in `app`: built and served statically, then served by `vite dev`; `exercise` on each. */
async function viteBuildAndDev(t, app) {
  timed(t, "vite build", () => run("vite", ["build", "--logLevel", "error", "--outDir", "dist", "--emptyOutDir"], app));
  const server = await serveWww(join(app, "dist"));
  try {
    (await exercise(server.url)).page.close();
  } finally {
    server.close();
  }
  const port = await freePort();
  const dev = spawn(bin("vite"), ["--port", String(port), "--strictPort", "--host", "127.0.0.1", "--logLevel", "error"], { cwd: app, stdio: "ignore" });
  try {
    await answers(`http://127.0.0.1:${port}/`);
    (await exercise(`http://127.0.0.1:${port}/`)).page.close();
  } finally {
    dev.kill();
  }
}

const indexHtml = (entry) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Shop</title></head><body><div id="app"></div><script type="module" src="${entry}"></script></body></html>`;
const tsconfig = (include, extra = {}) => JSON.stringify({
  compilerOptions: { strict: true, noEmit: true, skipLibCheck: false, module: "esnext", moduleResolution: "bundler", target: "es2022", lib: ["es2022", "dom", "dom.iterable"], verbatimModuleSyntax: true },
  include, ...extra,
});

test("Vue 3: the README's component type-checks (vue-tsc, strict templates), builds, runs in `vite dev`, and its handlers get the events", async (t) => {
  const app = join(dir, "vue-app");
  mkdirSync(join(app, "src"), { recursive: true });
  writeFileSync(join(app, "index.html"), indexHtml("/src/main.ts"));
  writeFileSync(join(app, "vite.config.js"), snippet("vue-config"));
  writeFileSync(join(app, "src/App.vue"), snippet("vue"));
  writeFileSync(join(app, "src/main.ts"), `import { createApp } from "vue";\nimport App from "./App.vue";\ncreateApp(App).mount("#app");\n`);
  writeFileSync(join(app, "tsconfig.json"), tsconfig(["src/**/*.ts", "src/**/*.vue"], { vueCompilerOptions: { strictTemplates: true } }));
  const out = timed(t, "vue-tsc", () => failures("vue-tsc", ["-p", "tsconfig.json"], app));
  assert.equal(out, "", out);
  // The check bites: a number for a balance, a handler that takes something else than the event.
  mkdirSync(join(app, "wrong"), { recursive: true });
  writeFileSync(join(app, "wrong/Wrong.vue"), `<script setup lang="ts">\nimport "ratecard/widget";\nconst onQuote = (e: number) => e;\n</script>\n<template><ratecard-checkout :balance="12" @ratecard-quote="onQuote" /></template>\n`);
  writeFileSync(join(app, "tsconfig.wrong.json"), tsconfig(["wrong/*.vue"], { vueCompilerOptions: { strictTemplates: true } }));
  const wrong = failures("vue-tsc", ["-p", "tsconfig.wrong.json"], app);
  assert.match(wrong, /Wrong\.vue.*Type 'number' is not assignable to type 'string'/);
  assert.match(wrong, /Wrong\.vue.*'RatecardQuoteEvent' is not assignable to type 'number'/s);
  await viteBuildAndDev(t, app);
});

test("Svelte 5: the README's component type-checks (svelte-check), builds, runs in `vite dev`, and its handlers get the events", async (t) => {
  const app = join(dir, "svelte-app");
  mkdirSync(join(app, "src"), { recursive: true });
  writeFileSync(join(app, "index.html"), indexHtml("/src/main.ts"));
  writeFileSync(join(app, "vite.config.js"), snippet("svelte-config"));
  writeFileSync(join(app, "src/App.svelte"), snippet("svelte"));
  writeFileSync(join(app, "src/main.ts"), `import { mount } from "svelte";\nimport App from "./App.svelte";\nmount(App, { target: document.getElementById("app")! });\n`);
  writeFileSync(join(app, "tsconfig.json"), tsconfig(["src/**/*.ts", "src/**/*.svelte"]));
  const out = timed(t, "svelte-check", () => failures("svelte-check", ["--tsconfig", "./tsconfig.json", "--threshold", "warning", "--output", "machine"], app));
  assert.equal(out, "", out);
  mkdirSync(join(app, "wrong"), { recursive: true });
  writeFileSync(join(app, "wrong/Wrong.svelte"), `<script lang="ts">\n  import "ratecard/widget";\n</script>\n<ratecard-checkout balance={12} onratecard-quote={(e: number) => e}></ratecard-checkout>\n`);
  writeFileSync(join(app, "wrong/tsconfig.json"), tsconfig(["*.svelte"]));
  const wrong = failures("svelte-check", ["--tsconfig", "./wrong/tsconfig.json", "--threshold", "error", "--output", "machine"], app);
  assert.match(wrong, /Wrong\.svelte.*Type 'number' is not assignable to type 'string'/);
  assert.match(wrong, /Wrong\.svelte.*RatecardQuoteEvent/);
  await viteBuildAndDev(t, app);
});

test("Next.js App Router: the README's client component renders on the server without `window`, reserves its space, and hydrates to a price with its events (CLS ≤ 0.02); also in `next dev`", async (t) => {
  const app = join(dir, "next-app");
  mkdirSync(join(app, "app"), { recursive: true });
  writeFileSync(join(app, "app/layout.tsx"), `export const metadata = { title: "Shop", icons: { icon: "data:," } };\nexport default function RootLayout({ children }: { children: React.ReactNode }) {\n  return <html lang="en"><body>{children}</body></html>;\n}\n`);
  writeFileSync(join(app, "app/page.tsx"), `import { Price } from "./price";\nexport default function Page() {\n  return <main><h1>Generate a video</h1><Price /><section id="below" style={{ minHeight: 600 }}><h2>What the video is about</h2><p>A script, a voice, a look.</p></section></main>;\n}\n`);
  writeFileSync(join(app, "app/price.tsx"), snippet("next"));
  // The same component in a 720px column of a wide page, a tall section below it (which any shift
  // of the panel's height moves): the reserved height follows the element's width.
  mkdirSync(join(app, "app/column"), { recursive: true });
  writeFileSync(join(app, "app/column/page.tsx"), `import { Price } from "../price";\nexport default function Page() {\n  return <main style={{ maxWidth: 720, margin: "0 auto" }}><h1>Generate a video</h1><Price /><section id="below" style={{ minHeight: 600 }}><h2>What the video is about</h2><p>A script, a voice, a look.</p></section></main>;\n}\n`);
  writeFileSync(join(app, "next.config.mjs"), "export default {};\n");
  // create-next-app's tsconfig: strict.
  writeFileSync(join(app, "tsconfig.json"), JSON.stringify({
    compilerOptions: { target: "ES2017", lib: ["dom", "dom.iterable", "esnext"], allowJs: true, skipLibCheck: true, strict: true, noEmit: true, esModuleInterop: true, module: "esnext", moduleResolution: "bundler", resolveJsonModule: true, isolatedModules: true, jsx: "react-jsx", incremental: true, plugins: [{ name: "next" }] },
    include: ["next-env.d.ts", "**/*.ts", "**/*.tsx"], exclude: ["node_modules"],
  }));
  const env = { NEXT_TELEMETRY_DISABLED: "1" };
  timed(t, "next build", () => run("next", ["build"], app, env));
  const port = await freePort();
  const server = spawn(bin("next"), ["start", "-p", String(port), "-H", "127.0.0.1"], { cwd: app, stdio: "ignore", env: { ...process.env, ...env } });
  try {
    const url = `http://127.0.0.1:${port}/`;
    await answers(url);
    // The server's HTML: both elements, and the style that reserves their space, in the head.
    const html = await (await fetch(url)).text();
    assert.match(html, /<ratecard-cost id="cost"/);
    assert.match(html, /<ratecard-checkout id="checkout"/);
    assert.match(html, /<head>.*<style data-precedence="ratecard" data-href="ratecard-reserve">ratecard-cost:not\(:defined\)/s);
    for (const [where, viewport] of /** @type {const} */ ([["", { width: 390, height: 844 }], ["", { width: 1280, height: 900 }], ["column", { width: 1280, height: 900 }]])) {
      const { page, cls } = await exercise(`${url}${where}`, viewport);
      t.diagnostic(`CLS at ${viewport.width}×${viewport.height}${where ? " in a 720px column" : ""}: ${cls.toFixed(4)}`);
      assert.ok(cls <= 0.02, `CLS ${cls} at ${viewport.width}${where ? " in a 720px column" : ""}`);
      // The checkout hydrated too: its items came from the app, and buying two blocks reaches onBuy.
      const checkout = page.locator("#checkout");
      await checkout.getByRole("button", { name: "One more" }).click();
      await checkout.getByRole("button", { name: "Buy", exact: true }).click();
      await page.waitForFunction(() => document.getElementById("bought").textContent === "2 × 10.00", null, { timeout: 10000 });
      await page.close();
    }
  } finally {
    server.kill();
  }
  // And in `next dev` (Turbopack), with no configuration.
  const devPort = await freePort();
  const dev = spawn(bin("next"), ["dev", "-p", String(devPort), "-H", "127.0.0.1"], { cwd: app, stdio: "ignore", env: { ...process.env, ...env } });
  try {
    await answers(`http://127.0.0.1:${devPort}/`);
    (await exercise(`http://127.0.0.1:${devPort}/`)).page.close();
  } finally {
    dev.kill();
  }
});

test("Angular 21: the README's component (CUSTOM_ELEMENTS_SCHEMA, strict templates) builds with the README's two assets and runs in `ng serve` with its prebundle line, and its handlers get the events", async (t) => {
  const app = join(dir, "angular-app");
  mkdirSync(join(app, "src"), { recursive: true });
  // The workspace's node_modules, where the README's asset paths point (the consumer's, one folder up).
  symlinkSync(join(dir, "node_modules"), join(app, "node_modules"));
  const { assets } = JSON.parse(`{${snippet("angular-assets")}}`);
  const build = { builder: "@angular/build:application", options: { browser: "src/main.ts", index: "src/index.html", tsConfig: "tsconfig.json", outputPath: "dist", assets } };
  // `ng serve` with the README's one line in the serve target's options.
  const serve = { builder: "@angular/build:dev-server", options: { buildTarget: "shop:build", ...JSON.parse(`{${snippet("angular-serve")}}`) } };
  writeFileSync(join(app, "angular.json"), JSON.stringify({ version: 1, cli: { analytics: false }, projects: { shop: { projectType: "application", root: "", sourceRoot: "src", architect: { build, serve } } } }));
  writeFileSync(join(app, "tsconfig.json"), JSON.stringify({
    compilerOptions: { strict: true, skipLibCheck: false, module: "preserve", moduleResolution: "bundler", target: "es2022", lib: ["es2022", "dom"], isolatedModules: true, outDir: "out-tsc" },
    files: ["src/main.ts"], angularCompilerOptions: { strictTemplates: true },
  }));
  writeFileSync(join(app, "src/index.html"), `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Shop</title></head><body><app-price></app-price></body></html>`);
  writeFileSync(join(app, "src/main.ts"), `import { bootstrapApplication } from "@angular/platform-browser";\nimport { PriceComponent } from "./price.component";\nbootstrapApplication(PriceComponent).catch((e) => console.error(e));\n`);
  writeFileSync(join(app, "src/price.component.ts"), snippet("angular"));
  timed(t, "ng build", () => run("ng", ["build"], app, { NG_CLI_ANALYTICS: "false" }));
  const server = await serveWww(join(app, "dist/browser"));
  try {
    (await exercise(server.url)).page.close();
  } finally {
    server.close();
  }
  const port = await freePort();
  const started = performance.now();
  const dev = spawn(bin("ng"), ["serve", "--port", String(port), "--host", "127.0.0.1", "--no-open", "--no-hmr"], { cwd: app, stdio: "ignore", env: { ...process.env, NG_CLI_ANALYTICS: "false" } });
  try {
    await answers(`http://127.0.0.1:${port}/`, 120000);
    t.diagnostic(`ng serve answered in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    (await exercise(`http://127.0.0.1:${port}/`)).page.close();
  } finally {
    dev.kill();
  }
});
