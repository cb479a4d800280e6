// The widget (`ratecard/widget`) from the packed tarball, as a front-end team
// would use it: a plain HTML host page with <ratecard-cost> beside a form, a
// Vite app, a React 19 app, strict `tsc` over a TSX file, and Node/SSR import.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, answers, closeConsumer, contrastRatio, documentation, freePort, openConsumer, serveWww } from "./helpers.mjs";

// React and Vite live in the test consumer only, never in the package.
const DEPS = ["vite@7.3.8", "react@19.2.0", "react-dom@19.2.0", "@types/react@19.2.9", "@types/react-dom@19.2.7"];
let dir, browser;
before(async () => { ({ dir, browser } = await openConsumer(DEPS)); });
after(() => closeConsumer({ dir, browser }));

async function open(url) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.setDefaultTimeout(8000);
  await page.goto(url);
  return { page, errors };
}

/** Opens `url` at 390×844, then at 1280×900 (15 s per wait), and runs `check(page)` on each. */
async function atPhoneAndDesktop(url, check) {
  for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 900 }]) {
    const page = await browser.newPage({ viewport });
    page.setDefaultTimeout(15000);
    try {
      await page.goto(url);
      await check(page);
    } finally {
      await page.close();
    }
  }
}

/** Builds the Vite app in `app` (its time reported) and opens it in Chromium; `check(page)` runs against it. */
async function builtApp(app, check, vite = [join(dir, "node_modules/.bin/vite")]) {
  const start = performance.now();
  execFileSync(vite[0], [...vite.slice(1), "build", "--logLevel", "error", "--outDir", "dist", "--emptyOutDir"], { cwd: app, encoding: "utf8" });
  console.log(`# vite build of ${app.split("/").pop()}: ${((performance.now() - start) / 1000).toFixed(1)} s`);
  const server = await serveWww(join(app, "dist"));
  try {
    const { page, errors } = await open(server.url);
    await check(page);
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    server.close();
  }
}

const costText = (page, id) => page.evaluate(async (id) => {
  const el = document.getElementById(id);
  await el.updateComplete;
  return el.shadowRoot.textContent.replace(/\s+/g, " ").trim();
}, id);

test("Node and SSR: importing ratecard/widget defines nothing without a registry and touches no window", () => {
  writeFileSync(join(dir, "ssr.mjs"), `
    const before = typeof window;
    const w = await import("ratecard/widget");
    console.log(JSON.stringify({ before, after: typeof window, cost: typeof w.RatecardCost, checkout: typeof w.RatecardCheckout, parsed: w.parseNumber("de-DE", "1.000") }));
  `);
  const r = JSON.parse(execFileSync("node", ["ssr.mjs"], { cwd: dir, encoding: "utf8" }));
  assert.deepEqual(r, { before: "undefined", after: "undefined", cost: "function", checkout: "function", parsed: "1000" });
});

test("the custom-elements manifest (package.json customElements) lists each element's attributes, properties, events, parts and custom properties as the elements have them", async () => {
  const pkg = JSON.parse(readFileSync(join(dir, "node_modules/ratecard/package.json"), "utf8"));
  const manifest = JSON.parse(readFileSync(join(dir, "node_modules/ratecard", pkg.customElements), "utf8"));
  const declared = Object.fromEntries(manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName).map((d) => [d.tagName, d]));
  assert.deepEqual(Object.keys(declared).sort(), ["ratecard-checkout", "ratecard-cost"]);
  const w = await import(join(dir, "node_modules/ratecard/dist/widget/ratecard-widget.node.js"));
  const source = ["base.js", "cost.js", "checkout.js", "checkout-view.js"].map((f) => readFileSync(join(ROOT, "www/widget", f), "utf8")).join("\n");
  for (const [tag, cls] of [["ratecard-cost", w.RatecardCost], ["ratecard-checkout", w.RatecardCheckout]]) {
    const d = declared[tag];
    // Attributes: every reactive property that has one, by the element's own definition.
    const attrs = Object.entries(cls.properties).filter(([k, o]) => !o.state && o.attribute !== false && !k.startsWith("_"))
      .map(([k, o]) => (typeof o.attribute === "string" ? o.attribute : k.toLowerCase())).sort();
    assert.deepEqual((d.attributes ?? []).map((a) => a.name).sort(), attrs, `${tag} attributes`);
    const fields = (d.members ?? []).filter((m) => m.kind === "field" && m.privacy !== "private" && !m.name.startsWith("_")).map((m) => m.name);
    for (const p of ["preset", "rateCard", "items", "quote", "request", "error"]) assert.ok(fields.includes(p), `${tag} property ${p}`);
    assert.deepEqual((d.events ?? []).map((e) => e.name).sort(), ["ratecard-buy", "ratecard-error", "ratecard-quote", "ratecard-ready"], `${tag} events`);
    const props = (d.cssProperties ?? []).map((c) => c.name);
    for (const v of ["--ratecard-color", "--ratecard-accent", "--ratecard-font"]) assert.ok(props.includes(v), `${tag} ${v}`);
    assert.ok((d.cssParts ?? []).length >= 6, `${tag} parts`);
  }
  // Every part the elements draw is declared on some element.
  const parts = new Set(Object.values(declared).flatMap((d) => (d.cssParts ?? []).map((p) => p.name)));
  const drawn = [...source.matchAll(/part="([^"$]+)"/g)].flatMap((m) => m[1].split(/\s+/));
  assert.deepEqual([...new Set(drawn)].filter((p) => !parts.has(p)), []);
});

test("a plain HTML host page: <ratecard-cost> beside a Generate button, events, two instances, attributes re-quote", async () => {
  const host = join(dir, "host");
  mkdirSync(host, { recursive: true });
  copyFileSync(join(ROOT, "presets/heygen-credits.json"), join(dir, "my-card.json"));
  writeFileSync(join(dir, "host.html"), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title><link rel="icon" href="data:,">
<script type="module" src="./node_modules/ratecard/dist/widget/ratecard-widget.js"></script></head><body>
<main><h1>Make a video</h1>
<form id="f"><label>Length (s) <input id="len" value="90"></label>
  <button type="button" id="generate">Generate</button>
  <ratecard-cost id="a" preset="heygen-credits" plan="business" balance="1500"></ratecard-cost></form>
<p><ratecard-cost id="b" preset="heygen-api" plan="pro" balance="100"></ratecard-cost></p>
<p><ratecard-cost id="c" card-src="./my-card.json" plan="creator" balance="600"></ratecard-cost></p>
<ratecard-checkout id="d" preset="heygen-credits" plan="business" balance="10"></ratecard-checkout>
</main>
<script type="module">
  window.events = [];
  for (const name of ["ratecard-quote", "ratecard-buy", "ratecard-error"]) document.addEventListener(name, (e) => window.events.push({ name, id: e.target.id, detail: e.detail }));
  await customElements.whenDefined("ratecard-cost");
  document.getElementById("a").items = [{ feature: "avatar_iv", seconds: 90 }];
  document.getElementById("b").items = [{ feature: "video_avatar", seconds: 103 }];
  document.getElementById("c").items = [{ feature: "avatar_iv", seconds: 90 }];
  document.getElementById("d").items = [{ feature: "avatar_iv", seconds: 120 }];
  document.body.dataset.ready = "true";
</script></body></html>`);
  const server = await serveWww(dir);
  try {
    const { page, errors } = await open(`${server.url}host.html`);
    await page.waitForSelector("body[data-ready=true]");
    await page.waitForFunction(() => ["a", "b", "c"].every((id) => document.getElementById(id).quote));
    assert.equal(await costText(page, "a"), "30 credits · 1,470 credits left");
    assert.equal(await costText(page, "b"), "2 credits · 98 credits left");
    assert.equal(await costText(page, "c"), "30 credits · 570 credits left", "a card from card-src");
    // The first price may come from the first-load module; the event carries the full quote.
    await page.waitForFunction(() => window.events.some((e) => e.name === "ratecard-quote" && e.id === "a"));
    const quoteEvent = await page.evaluate(() => window.events.find((e) => e.name === "ratecard-quote" && e.id === "a").detail);
    assert.equal(quoteEvent.total, "30");
    assert.match(quoteEvent.fingerprint, /^[0-9a-f]{64}$/);

    // Setting .items updates the text; the other instances stay as they were.
    await page.evaluate(() => { const a = document.getElementById("a"); a.items = [{ feature: "avatar_iv", seconds: 120 }]; a.setAttribute("balance", "10"); });
    assert.equal(await costText(page, "a"), "40 credits — short by 30: Buy 1 block, $5.00");
    assert.equal(await costText(page, "b"), "2 credits · 98 credits left");
    await page.screenshot({ path: join(ROOT, "test-results/widget-cost-in-form.png"), clip: { x: 0, y: 0, width: 900, height: 160 } });

    // The buy button fires ratecard-buy with the option, quantity and fingerprint.
    await page.locator("#a").getByRole("button", { name: "Buy 1 block, $5.00" }).click();
    const buy = await page.evaluate(() => window.events.find((e) => e.name === "ratecard-buy").detail);
    assert.equal(buy.quantity, 1);
    assert.equal(buy.option.product, "credit_block");
    assert.equal(buy.option.price, "5.00");
    assert.equal(buy.fingerprint, await page.evaluate(() => document.getElementById("a").quote.fingerprint));
    // …and the request and the quote it gave, for the server's verify(request, quote, records).
    assert.deepEqual(buy.request, { plan: "business", items: [{ feature: "avatar_iv", seconds: 120 }], balance: "10" });
    assert.equal(buy.quote.total, "40");
    assert.equal(buy.quote.fingerprint, buy.fingerprint);

    // An attribute change re-quotes; bad input is plain words, the code goes in the event.
    await page.evaluate(() => document.getElementById("b").setAttribute("plan", "free"));
    await page.evaluate(() => { document.getElementById("b").items = [{ feature: "video_avatar", seconds: 181 }]; });
    assert.equal(await costText(page, "b"), "API Free allows videos up to 3 min.");
    const err = await page.evaluate(() => window.events.filter((e) => e.name === "ratecard-error" && e.id === "b").at(-1).detail);
    assert.equal(err.code, "plan_limit");
    assert.equal(err.field, "items.0.seconds");
    assert.equal(await costText(page, "a"), "40 credits — short by 30: Buy 1 block, $5.00");

    // No balance: the element says it assumes a fresh month.
    await page.evaluate(() => document.getElementById("a").removeAttribute("balance"));
    assert.match(await costText(page, "a"), /^40 credits · 1,460 credits left No balance given: this quote assumes a fresh month of Business, 1,500 credits\.$/);

    // Host values are decimal strings read exactly, by one rule in both elements.
    await page.waitForFunction(() => document.getElementById("d").quote);
    const checkoutField = (id, name) => page.evaluate(([id, name]) => document.getElementById(id).shadowRoot.querySelector(`[data-testid=${name}]`)?.value, [id, name]);
    for (const [bad, shown] of [["0x10", "0x10"], ["1e3", "1e3"]]) {
      await page.evaluate((b) => document.getElementById("d").setAttribute("balance", b), bad);
      await page.evaluate(() => document.getElementById("d").updateComplete);
      assert.equal(await checkoutField("d", "balance"), shown, "kept as given, not read as a number");
      assert.equal(await page.evaluate(() => document.getElementById("d").quote), null);
      const e = await page.evaluate(() => window.events.filter((x) => x.name === "ratecard-error" && x.id === "d").at(-1).detail);
      assert.equal(e.field, "balance");
      await page.evaluate((b) => document.getElementById("a").setAttribute("balance", b), bad);
      assert.equal(await costText(page, "a"), "Enter your balance as a number, like 1,500.5.");
    }
    await page.evaluate(() => { for (const id of ["a", "d"]) document.getElementById(id).setAttribute("balance", "12.3456789"); });
    await page.evaluate(() => document.getElementById("d").updateComplete);
    assert.equal(await checkoutField("d", "balance"), "12.3456789", "every digit, not rounded to 6");
    await page.evaluate(() => { for (const id of ["a", "d"]) document.getElementById(id).items = [{ feature: "avatar_iv", seconds: "90.0000001" }]; });
    await page.waitForFunction(() => document.getElementById("d").quote && document.getElementById("a").quote);
    const totals = await page.evaluate(() => ["a", "d"].map((id) => document.getElementById(id).quote.total));
    assert.deepEqual(totals, ["30.34", "30.34"], "91 s in both elements (fractional seconds round up)");

    // axe-core over the host page with both elements.
    await page.evaluate(readFileSync(`${ROOT}/node_modules/axe-core/axe.min.js`, "utf8"));
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
    const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), []);
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    server.close();
  }
});

test("a price book: the checkout's notice and the cost's hint in en-US and de-DE, requests carry the day, the buy event the version", async () => {
  copyFileSync(join(ROOT, "presets/heygen-credits.json"), join(dir, "book-card.json"));
  writeFileSync(join(dir, "book.html"), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Book</title><link rel="icon" href="data:,">
<script type="module" src="./node_modules/ratecard/dist/widget/ratecard-widget.js"></script></head><body><main>
<ratecard-cost id="c" plan="business" balance="10" at="2026-12-20"></ratecard-cost>
<ratecard-checkout id="k" plan="business" balance="1000" at="2026-12-20"></ratecard-checkout>
<ratecard-checkout id="g" plan="business" balance="1000" at="2026-12-20" locale="de-DE"></ratecard-checkout>
<ratecard-checkout id="late" plan="business" balance="1000" at="2026-11-20"></ratecard-checkout></main>
<script type="module">
  window.events = [];
  document.addEventListener("ratecard-buy", (e) => window.events.push({ id: e.target.id, detail: e.detail }));
  const now = await (await fetch("./book-card.json")).json();
  // A made-up next version, as the demo page's example: not a real HeyGen price.
  const next = { ...structuredClone(now), version: "2027-01", effectiveFrom: "2027-01-01" };
  next.features.avatar_iv.rate = "25";
  next.plans.business.price = "159.00";
  for (const id of ["c", "k", "g", "late"]) {
    const el = document.getElementById(id);
    el.rateCard = [now, next];
    el.items = [{ feature: "avatar_iv", seconds: 120 }];
  }
  document.body.dataset.ready = "true";
</script></body></html>`);
  const server = await serveWww(dir);
  try {
    const { page, errors } = await open(`${server.url}book.html`);
    await page.waitForSelector("body[data-ready=true]");
    await page.waitForFunction(() => ["c", "k", "g", "late"].every((id) => document.getElementById(id).quote));
    // The notice needs the full module's `upcoming`: the first-load module may price first (a busy machine).
    await page.waitForFunction(() => ["k", "g"].every((id) => document.getElementById(id)?.shadowRoot?.querySelector("[data-testid=price-notice]"))
      && document.getElementById("c")?.shadowRoot?.querySelector("[data-testid=price-hint]"));
    const notice = (id) => page.evaluate((id) => document.getElementById(id).shadowRoot.querySelector("[data-testid=price-notice]")?.textContent.replace(/\s+/g, " ").trim() ?? null, id);
    assert.equal(await notice("k"), "From January 1, 2027: Avatar IV costs 25 credits a minute (now 20); Business costs $159.00 a month (now $149.00).");
    assert.equal(await notice("g"), "From 1. Januar 2027: Avatar IV costs 25 credits a minute (now 20); Business costs 159,00 $ a month (now 149,00 $).");
    assert.equal(await notice("late"), null, "no notice 42 days ahead");
    // Still priced at the version in force on the day: 2 min × 20.
    assert.equal(await page.evaluate(() => document.getElementById("k").quote.total), "40");
    assert.deepEqual(await page.evaluate(() => document.getElementById("k").request.at), "2026-12-20");
    assert.match(await costText(page, "c"), /^40 credits — short by 30: Buy 1 block, \$5\.00 Prices change Jan 1/);
    const hint = await page.evaluate(() => {
      const h = document.getElementById("c").shadowRoot.querySelector("[data-testid=price-hint]");
      return { title: h.title, described: /** @type {any} */ (h.getRootNode()).getElementById(h.getAttribute("aria-describedby"))?.textContent };
    });
    assert.equal(hint.title, "From January 1, 2027: Avatar IV costs 25 credits a minute (now 20); Business costs $159.00 a month (now $149.00).");
    assert.equal(hint.described, hint.title);
    await page.locator("#c").getByRole("button", { name: "Buy 1 block, $5.00" }).click();
    const buy = await page.evaluate(() => window.events.find((e) => e.id === "c").detail);
    assert.equal(buy.version, "2026-11-01");
    assert.equal(buy.request.at, "2026-12-20");
    await page.screenshot({ path: join(ROOT, "test-results/widget-price-notice.png"), fullPage: true });
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    server.close();
  }
});

test("colours follow the host, not the OS: a light host on a dark OS gets dark text; a dark host, light text", async () => {
  writeFileSync(join(dir, "scheme.html"), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Scheme</title><link rel="icon" href="data:,">
<style>body { color: #222; background: #fff; font-family: Georgia, serif; } #dark { color-scheme: dark; color: #eee; background: #111; padding: 8px; }</style>
<script type="module" src="./node_modules/ratecard/dist/widget/ratecard-widget.js"></script></head><body><main>
<p><ratecard-cost id="light" preset="heygen-credits" plan="business" balance="10"></ratecard-cost></p>
<div id="dark"><ratecard-cost id="night" preset="heygen-credits" plan="business" balance="-1"></ratecard-cost></div></main>
<script type="module">
  for (const id of ["light", "night"]) document.getElementById(id).items = [{ feature: "avatar_iv", seconds: 120 }];
  document.body.dataset.ready = "true";
</script></body></html>`);
  const server = await serveWww(dir);
  try {
    const page = await browser.newPage({ viewport: { width: 900, height: 400 }, colorScheme: "dark" });
    await page.goto(`${server.url}scheme.html`);
    await page.waitForSelector("body[data-ready=true]");
    await page.waitForFunction(() => document.getElementById("light").quote && document.getElementById("night").error);
    const look = (id, sel) => page.evaluate(([id, sel]) => {
      const el = document.getElementById(id).shadowRoot.querySelector(sel);
      const cs = getComputedStyle(el);
      return { color: cs.color, font: cs.fontFamily };
    }, [id, sel]);
    const light = await look("light", "[part~=total]");
    assert.equal(light.color, "rgb(34, 34, 34)", "the host's own text colour, on a dark OS");
    assert.equal(light.font, "Georgia, serif", "the host's font");
    const night = await look("night", ".error");
    assert.equal(night.color, "rgb(255, 129, 130)", "the error colour for a dark host");
    await page.screenshot({ path: join(ROOT, "test-results/widget-schemes.png") });
    await page.close();
  } finally {
    server.close();
  }
});

test("host styles do not leak in (Vite's default template: centred, spaced, upper-case text), muted text keeps 4.5:1 in both schemes, headings only at the host's level", async () => {
  // create-vite's template CSS (vanilla), plus what a host page may set on the widget's container.
  writeFileSync(join(dir, "vite-template.html"), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Vite template</title><link rel="icon" href="data:,">
<style>:root { font-family: system-ui, Avenir, Helvetica, Arial, sans-serif; line-height: 1.5; font-weight: 400; color-scheme: light dark;
  color: rgba(255, 255, 255, 0.87); background-color: #242424; }
@media (prefers-color-scheme: light) { :root { color: #213547; background-color: #ffffff; } }
#app { text-align: center; letter-spacing: 2px; text-transform: uppercase; }</style>
<script type="module" src="./node_modules/ratecard/dist/widget/ratecard-widget.js"></script></head><body><div id="app"><h1>Generate</h1>
<ratecard-checkout id="plain" preset="heygen-credits" plan="business" balance="10"></ratecard-checkout>
<ratecard-checkout id="leveled" preset="heygen-credits" plan="business" balance="10" heading-level="2"></ratecard-checkout></div>
<script type="module">for (const el of document.querySelectorAll("ratecard-checkout")) el.items = [{ feature: "avatar_iv", seconds: 120 }];</script></body></html>`);
  const server = await serveWww(dir);
  try {
    for (const colorScheme of ["light", "dark"]) {
      for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
        const page = await browser.newPage({ viewport, colorScheme });
        page.setDefaultTimeout(15000);
        await page.goto(`${server.url}vite-template.html`);
        await page.waitForFunction(() => [...document.querySelectorAll("ratecard-checkout")].every((/** @type {any} */ el) => el.quote && el.shadowRoot?.querySelector("[data-testid=heading]")));
        const seen = await page.evaluate(() => {
          const root = document.getElementById("plain").shadowRoot;
          const label = getComputedStyle(root.querySelector("label"));
          const muted = getComputedStyle(root.querySelector("[data-testid=plan-note]"));
          const heading = (id) => { const h = document.getElementById(id).shadowRoot.querySelector("[data-testid=heading]"); return [h.getAttribute("role"), h.getAttribute("aria-level")]; };
          return { align: label.textAlign, spacing: label.letterSpacing, transform: label.textTransform, muted: muted.color,
            page: getComputedStyle(document.documentElement).backgroundColor, plain: heading("plain"), leveled: heading("leveled") };
        });
        const where = `${colorScheme} ${viewport.width}px: ${JSON.stringify(seen)}`;
        assert.deepEqual([seen.align, seen.spacing, seen.transform], ["start", "normal", "none"], where);
        assert.ok(contrastRatio(seen.muted, seen.page) >= 4.5, `muted ${contrastRatio(seen.muted, seen.page).toFixed(2)}:1, ${where}`);
        assert.deepEqual([seen.plain, seen.leveled], [[null, null], ["heading", "2"]], where);
        await page.screenshot({ path: join(ROOT, `test-results/vite-template-${colorScheme}-${viewport.width}.png`), fullPage: true });
        await page.close();
      }
    }
  } finally {
    server.close();
  }
});

test("the checkout's reserved height (ratecard/react's RESERVE_CSS, before the module loads) is within 3rem of the loaded panel at 390 px and in 720 px and 1280 px columns", async () => {
  // RESERVE_CSS as a server-rendered page has it (ratecard/react in Node, as Next.js renders it).
  const reserve = execFileSync("node", ["--input-type=module", "-e", `import { RESERVE_CSS } from "ratecard/react"; console.log(RESERVE_CSS);`], { cwd: dir, encoding: "utf8" }).trim();
  assert.match(reserve, /@container/);
  const page_ = (width, script) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Reserve</title><link rel="icon" href="data:,"><style>${reserve}</style>
${script ? `<script type="module" src="./node_modules/ratecard/dist/widget/ratecard-widget.js"></script>` : ""}</head><body style="margin:0">
<div style="width:${width}px"><ratecard-checkout id="k" preset="heygen-credits" plan="business" balance="10"></ratecard-checkout></div>
${script ? `<script type="module">document.getElementById("k").items = [{ feature: "avatar_iv", seconds: 90 }];</script>` : ""}</body></html>`;
  const cases = [[390, 390], [1280, 720], [1280, 1280]];
  for (const [, width] of cases) {
    writeFileSync(join(dir, `reserved-${width}.html`), page_(width, false));
    writeFileSync(join(dir, `loaded-${width}.html`), page_(width, true));
  }
  const server = await serveWww(dir); // (it lists its files when it starts)
  try {
    for (const [viewport, width] of cases) {
      const page = await browser.newPage({ viewport: { width: viewport, height: 900 } });
      await page.goto(`${server.url}reserved-${width}.html`);
      const reserved = await page.evaluate(() => document.getElementById("k").getBoundingClientRect().height);
      await page.goto(`${server.url}loaded-${width}.html`);
      await page.waitForFunction(() => /credits/.test(document.getElementById("k").shadowRoot?.querySelector("[data-testid=total]")?.textContent ?? ""), null, { timeout: 15000 });
      const loaded = await page.evaluate(() => document.getElementById("k").getBoundingClientRect().height);
      assert.ok(Math.abs(loaded - reserved) <= 48, `${width}px wide: reserved ${(reserved / 16).toFixed(1)}rem, the panel ${(loaded / 16).toFixed(1)}rem`);
      console.log(`# reserve at ${width}px: ${(reserved / 16).toFixed(1)}rem for a panel of ${(loaded / 16).toFixed(1)}rem`);
      await page.close();
    }
  } finally {
    server.close();
  }
});

test("<ratecard-cost max-seconds>: a job of unknown length shows the least and the most it can cost, and what is short at most (en-US, de-DE)", async () => {
  writeFileSync(join(dir, "range.html"), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Range</title><link rel="icon" href="data:,">
<script type="module" src="./node_modules/ratecard/dist/widget/ratecard-widget.js"></script></head><body><main>
<ratecard-cost id="short" preset="heygen-api" plan="pro" balance="1" max-seconds="100"></ratecard-cost>
<ratecard-cost id="kurz" preset="heygen-api" plan="pro" balance="1" max-seconds="100" locale="de-DE"></ratecard-cost>
<ratecard-cost id="covered" preset="heygen-api" plan="pro" balance="100" max-seconds="100"></ratecard-cost>
<ratecard-cost id="same" preset="heygen-payg" balance="10" max-seconds="15"></ratecard-cost></main>
<script type="module">
window.quotes = {};
document.addEventListener("ratecard-quote", (e) => { window.quotes[e.target.id] = e.detail.total; });
for (const id of ["short", "kurz", "covered"]) document.getElementById(id).items = [{ feature: "video_avatar", seconds: 61 }];
document.getElementById("same").items = [{ feature: "cinematic_avatar", seconds: 5 }];
</script></body></html>`);
  const server = await serveWww(dir);
  try {
    await atPhoneAndDesktop(`${server.url}range.html`, async (page) => {
      await page.waitForFunction(() => ["short", "kurz", "covered", "same"].every((id) => window.quotes[id]));
      // API Pro bills 30-second steps: 61 s is billed 90 s (1.5 credits), 100 s 120 s (2 credits).
      assert.equal(await costText(page, "short"), "1.5–2 credits — short by up to 1: Renew API Pro now (100 credits), $99.00");
      assert.equal(await costText(page, "kurz"), "1,5–2 credits — short by up to 1: Renew API Pro now (100 credits), 99,00 $");
      assert.equal(await costText(page, "covered"), "1.5–2 credits · at least 98 credits left");
      assert.equal(await costText(page, "same"), "$7.00 · $3.00 left", "a flat-priced video costs the same at any length: no range");
      const range = await page.evaluate(() => { const el = document.getElementById("short"); return [el.range.low.total, el.range.high.total, el.quote.total, window.quotes.short]; });
      assert.deepEqual(range, ["1.5", "2", "2", "2"], "the element's quote (and its event) is the high end");
    });
  } finally {
    server.close();
  }
});

test("a hold and its settlement on the elements: the range, \"Held: 2 credits until Dec 4\", then \"Charged 1.5 credits; 0.5 released\"; the buy event carries the hold (en-US, de-DE; 390 and 1280 px)", async () => {
  writeFileSync(join(dir, "hold.html"), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hold</title><link rel="icon" href="data:,">
<script type="module" src="./node_modules/ratecard/dist/widget/ratecard-widget.js"></script></head><body><main>
<ratecard-cost id="c" preset="heygen-api" plan="pro" balance="100" max-seconds="100"></ratecard-cost>
<ratecard-cost id="d" preset="heygen-api" plan="pro" balance="1" max-seconds="100" locale="de-DE"></ratecard-cost>
<ratecard-checkout id="k" preset="heygen-api" plan="pro" balance="100" max-seconds="100" eager></ratecard-checkout></main>
<script type="module">
window.buys = [];
document.addEventListener("ratecard-buy", (e) => window.buys.push(e.detail));
for (const id of ["c", "d", "k"]) document.getElementById(id).items = [{ feature: "video_avatar", seconds: 61 }];
</script></body></html>`);
  const server = await serveWww(dir);
  try {
    await atPhoneAndDesktop(`${server.url}hold.html`, async (page) => {
      await page.waitForFunction(() => ["c", "d", "k"].every((id) => document.getElementById(id).range && document.getElementById(id).engine));
      assert.equal(await page.evaluate(() => document.getElementById("k").shadowRoot.querySelector("[data-testid=total]").textContent), "1.5–2 credits");
      assert.equal(await page.evaluate(() => document.getElementById("k").shadowRoot.querySelector("[data-testid=balance-after]").textContent), "at least 98 credits");
      // The line reads at both ends, its cost a range (the total's own words).
      const line = await page.evaluate(() => {
        const row = document.getElementById("k").shadowRoot.querySelector("[data-testid=lines] tbody tr");
        return [...row.querySelectorAll(".end, td.num")].map((e) => e.textContent.trim());
      });
      assert.deepEqual(line, [
        "At least: 1 min 1 sec billed as 1 min 30 sec (in steps of 30 sec) × 1 credit/min = 1.5 credits",
        "At most: 1 min 40 sec billed as 2 min (in steps of 30 sec) × 1 credit/min = 2 credits",
        "1.5–2 credits",
      ]);
      // The server holds the most the job can cost (here the page's own engine stands in for it) and the host shows it.
      await page.evaluate(() => {
        for (const id of ["c", "d", "k"]) {
          const el = document.getElementById(id);
          el.hold = el.engine.hold({ ...el.request, at: "2026-12-03" });
        }
      });
      const held = (id) => page.evaluate((id) => document.getElementById(id).shadowRoot.querySelector("[data-testid=held]")?.textContent, id);
      await page.waitForFunction(() => document.getElementById("k").shadowRoot.querySelector("[data-testid=held]"));
      assert.equal(await held("c"), "Held: 2 credits until Dec 4");
      assert.equal(await held("d"), "Held: 2 credits until 4. Dez. (1 credit short)");
      assert.equal(await held("k"), "2 credits until Dec 4", "the checkout's row is labelled Held");
      // Short at the high end: the buy button's event carries the hold.
      await page.evaluate(() => { /** @type {HTMLElement | null | undefined} */ (document.getElementById("d")?.shadowRoot?.querySelector("[part~=buy-button]"))?.click(); });
      const buy = await page.evaluate(() => window.buys?.at(-1));
      assert.deepEqual([buy.hold.kind, buy.hold.credits, buy.hold.shortfall, buy.quote.total], ["hold", "2", "1", "2"]);
      // The job ran 75 s (billed 90 s): the settlement replaces the hold's line.
      await page.evaluate(() => {
        for (const id of ["c", "d", "k"]) {
          const el = document.getElementById(id);
          el.settlement = el.engine.settle(el.hold, { items: [{ feature: "video_avatar", seconds: 75 }], at: "2026-12-03" });
        }
      });
      const settled = (id) => page.evaluate((id) => document.getElementById(id).shadowRoot.querySelector("[data-testid=settled]")?.textContent, id);
      await page.waitForFunction(() => document.getElementById("k").shadowRoot.querySelector("[data-testid=settled]"));
      assert.equal(await settled("c"), "Charged 1.5 credits; 0.5 released");
      // The hold was 1 credit short (a balance of 1) and the settle request gave no balance: half a credit goes uncharged.
      assert.equal(await settled("d"), "Charged 1 credit; 0,5 credits not charged");
      assert.equal(await settled("k"), "Charged 1.5 credits; 0.5 released");
    });
  } finally {
    server.close();
  }
});

test("a host under a strict Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval', no unsafe-inline) prices with no violation", async () => {
  writeFileSync(join(dir, "csp.js"), `document.addEventListener("securitypolicyviolation", (e) => { (window.violations ??= []).push(e.violatedDirective); });
document.getElementById("c").items = [{ feature: "avatar_iv", seconds: 90 }];`);
  writeFileSync(join(dir, "csp.html"), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CSP</title><link rel="icon" href="data:,">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:">
<script type="module" src="./node_modules/ratecard/dist/widget/ratecard-widget.js"></script></head><body><main>
<ratecard-cost id="c" preset="heygen-credits" plan="business" balance="1500"></ratecard-cost>
<ratecard-checkout id="k" preset="heygen-credits" plan="business" balance="10" eager></ratecard-checkout></main>
<script type="module" src="./csp.js"></script></body></html>`);
  const server = await serveWww(dir);
  try {
    const { page, errors } = await open(`${server.url}csp.html`);
    await page.waitForFunction(() => document.getElementById("c").quote && document.getElementById("k").engine);
    assert.equal(await costText(page, "c"), "30 credits · 1,470 credits left");
    assert.deepEqual(await page.evaluate(() => window.violations ?? []), []);
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    server.close();
  }
});

test("a load that fails tells the developer why in one console warning and ratecard-error (a CSP without 'wasm-unsafe-eval', a mistyped preset, a 404); the buyer reads plain words", async () => {
  writeFileSync(join(dir, "warn.html"), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Warnings</title><link rel="icon" href="data:,">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:">
<script type="module" src="./node_modules/ratecard/dist/widget/ratecard-widget.js"></script></head><body><main>
<ratecard-cost id="c" preset="heygen-credits" plan="business" balance="1500" load-timeout="4000"></ratecard-cost></main>
<script type="module" src="./warn.js"></script></body></html>`);
  writeFileSync(join(dir, "warn.js"), `window.events = [];
document.addEventListener("ratecard-error", (e) => window.events.push({ id: e.target.id, detail: e.detail }));
document.getElementById("c").items = [{ feature: "avatar_iv", seconds: 90 }];`);
  writeFileSync(join(dir, "typo.html"), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Typo</title><link rel="icon" href="data:,">
<script type="module" src="./node_modules/ratecard/dist/widget/ratecard-widget.js"></script></head><body><main>
<ratecard-cost id="t" preset="heygen-credit" plan="business" balance="1500"></ratecard-cost>
<ratecard-cost id="m" card-src="./nowhere.json" plan="business" balance="1500"></ratecard-cost></main>
<script type="module">window.events = [];
document.addEventListener("ratecard-error", (e) => window.events.push({ id: e.target.id, detail: e.detail }));
for (const el of document.querySelectorAll("ratecard-cost")) el.items = [{ feature: "avatar_iv", seconds: 90 }];</script></body></html>`);
  const server = await serveWww(dir);
  const warningsOf = (page) => {
    const warnings = [];
    page.on("console", (m) => { if (m.type() === "warning" && m.text().startsWith("<ratecard-")) warnings.push(m.text()); });
    return warnings;
  };
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(20000);
    const warnings = warningsOf(page);
    await page.goto(`${server.url}warn.html`);
    await page.waitForFunction(() => window.events.some((e) => e.id === "c"));
    assert.equal(warnings.length, 1, warnings.join("\n"));
    assert.match(warnings[0], /^<ratecard-cost>: no price list.*Content-Security-Policy does not allow WebAssembly: add 'wasm-unsafe-eval' to its script-src/);
    assert.equal(await costText(page, "c"), "The price list could not be loaded. Try again later.");
    await page.close();

    const typo = await browser.newPage();
    typo.setDefaultTimeout(20000);
    const typoWarnings = warningsOf(typo);
    await typo.goto(`${server.url}typo.html`);
    await typo.waitForFunction(() => ["t", "m"].every((id) => window.events.some((e) => e.id === id)));
    const codes = await typo.evaluate(() => window.events.map((e) => `${e.id}:${e.detail.code}`).sort());
    assert.deepEqual(codes, ["m:card_fetch", "t:unknown_preset"]);
    assert.equal(typoWarnings.length, 2, typoWarnings.join("\n"));
    assert.ok(typoWarnings.some((w) => /The preset is not built in .*heygen-credit/.test(w)), typoWarnings.join("\n"));
    assert.ok(typoWarnings.some((w) => /nowhere\.json.*404/.test(w)), typoWarnings.join("\n"));
    await typo.close();
  } finally {
    server.close();
  }
});

test("a failed or hung load is tried a bounded number of times, then reported once in plain words; host input past the limits is refused at once", async () => {
  const page_ = (body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Loads</title><link rel="icon" href="data:,">
<script type="module" src="./node_modules/ratecard/dist/widget/ratecard-widget.js"></script></head><body><main>${body}</main><script type="module">
  window.events = [];
  for (const name of ["ratecard-quote", "ratecard-error"]) document.addEventListener(name, (e) => window.events.push({ name, id: e.target.id, detail: e.detail }));
  await customElements.whenDefined("ratecard-cost");
  for (const el of document.querySelectorAll("ratecard-cost")) el.items = [{ feature: "avatar_iv", seconds: 90 }];
  const many = document.getElementById("many"), odd = document.getElementById("odd");
  if (many) many.items = Array.from({ length: 10000 }, () => ({ feature: "avatar_iv", seconds: 9 }));
  if (odd) odd.items = [{ feature: "avatar_iv", seconds: 9 }, { feature: "no_such_feature", seconds: 9 }];
  const oddCost = document.getElementById("odd-cost");
  if (oddCost) oddCost.items = [{ feature: "avatar_iv", seconds: 9 }, { feature: "no_such_feature", seconds: 9 }];
  document.body.dataset.ready = "true";
</script></body></html>`;
  writeFileSync(join(dir, "loads.html"), page_(`
<ratecard-cost id="missing" card-src="./missing.json" plan="business" balance="10"></ratecard-cost>
<ratecard-cost id="hung" card-src="./hung.json" plan="business" balance="10" load-timeout="300"></ratecard-cost>
<ratecard-checkout id="many" preset="heygen-credits" plan="business" balance="10"></ratecard-checkout>
<ratecard-checkout id="odd" preset="heygen-credits" plan="business" balance="10"></ratecard-checkout>
<ratecard-cost id="odd-cost" preset="heygen-credits" plan="business" balance="10"></ratecard-cost>`));
  writeFileSync(join(dir, "no-full.html"), page_(`<ratecard-cost id="lite" preset="heygen-credits" plan="business" balance="10" eager></ratecard-cost>`));
  const server = await serveWww(dir);
  const errorsOf = (page, id) => page.evaluate((id) => window.events.filter((e) => e.name === "ratecard-error" && e.id === id).map((e) => e.detail.code), id);
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(15000);
    const fetched = { missing: 0, hung: 0 };
    await page.route("**/missing.json", (route) => { fetched.missing++; route.fulfill({ status: 404, body: "not here" }); });
    await page.route("**/hung.json", () => { fetched.hung++; /* never answers */ });
    await page.goto(`${server.url}loads.html`);
    await page.waitForSelector("body[data-ready=true]");
    await page.waitForFunction(() => window.events.some((e) => e.name === "ratecard-error" && e.id === "hung"));
    await page.waitForFunction(() => window.events.some((e) => e.name === "ratecard-error" && e.id === "missing"));
    await page.waitForTimeout(1500); // nothing more is fetched or reported after giving up
    assert.ok(fetched.missing >= 1 && fetched.missing <= 3, `card-src fetched ${fetched.missing} times`);
    assert.ok(fetched.hung >= 1 && fetched.hung <= 3, `hung card-src fetched ${fetched.hung} times`);
    assert.deepEqual(await errorsOf(page, "missing"), ["card_fetch"]);
    assert.deepEqual(await errorsOf(page, "hung"), ["load_timeout"]);
    assert.equal(await costText(page, "missing"), "The price list could not be loaded. Try again later.");
    assert.equal(await costText(page, "hung"), "The price list could not be loaded. Try again later.");
    // 10,000 items and an item the card lacks: refused at once, visibly, with the event.
    const hostError = (id) => page.evaluate((id) => document.getElementById(id).shadowRoot.querySelector("[data-testid=host-error]")?.textContent, id);
    assert.equal(await hostError("many"), "Too many items to price at once.");
    // An item the card lacks: its own row in words with its remove button; the rest of the cart prices.
    const oddView = () => page.evaluate(() => {
      const root = document.getElementById("odd").shadowRoot;
      return { refused: root.querySelector("[data-testid=refused-1]")?.textContent, total: root.querySelector("[data-testid=total]")?.textContent,
        hostError: root.querySelector("[data-testid=host-error]")?.textContent ?? null };
    });
    await page.waitForFunction(() => /credits/.test(document.getElementById("odd").shadowRoot.querySelector("[data-testid=total]")?.textContent ?? ""));
    assert.deepEqual(await oddView(), { refused: "This price list has no “no such feature”.", total: "3 credits", hostError: null });
    const odd = await page.evaluate(() => window.events.filter((e) => e.name === "ratecard-error" && e.id === "odd").at(-1).detail);
    assert.deepEqual([odd.code, odd.field], ["unknown_feature", "items.1.feature"]);
    await page.evaluate(() => /** @type {HTMLElement} */ (document.getElementById("odd").shadowRoot.querySelector("[data-testid=remove-1]")).click());
    await page.waitForFunction(() => !document.getElementById("odd").shadowRoot.querySelector("[data-testid=refused-1]"));
    assert.equal((await oddView()).total, "3 credits");
    // <ratecard-cost> says what is wrong, not "Choose what to generate".
    await page.waitForFunction(() => /no “/.test(document.getElementById("odd-cost").shadowRoot.textContent));
    assert.equal(await costText(page, "odd-cost"), "This price list has no “no such feature”.");
    await page.close();

    // Only the full module fails to load: the first-load price stays, and the host hears it once.
    const second = await browser.newPage();
    second.setDefaultTimeout(15000);
    await second.route("**/ratecard_bg*.wasm", (route) => route.abort());
    await second.goto(`${server.url}no-full.html`);
    await second.waitForFunction(() => window.events.some((e) => e.name === "ratecard-error" && e.id === "lite"));
    await second.waitForTimeout(1000);
    assert.equal(await costText(second, "lite"), "30 credits — short by 20: Buy 1 block, $5.00");
    assert.deepEqual(await errorsOf(second, "lite"), ["wasm_load"]);
    await second.close();
  } finally {
    server.close();
  }
});

test("every card download is aborted on timeout, on a new card-src and on disconnect: two trickling card servers leave a third element on the same origin pricing", async () => {
  const { createServer } = await import("node:http");
  const { default: sirv } = await import("sirv");
  const assets = sirv(dir, { dev: true });
  const open_ = new Set(); // trickling responses whose connection is still open
  let trickles = 0;
  const server = createServer((req, res) => {
    if (req.url.startsWith("/slow/")) {
      // A card server that sends one byte every 500 ms and never ends.
      trickles++;
      res.writeHead(200, { "Content-Type": "application/json" });
      res.write("[");
      const timer = setInterval(() => res.write(" "), 500);
      open_.add(res);
      res.on("close", () => { clearInterval(timer); open_.delete(res); });
      return;
    }
    assets(req, res, () => { res.statusCode = 404; res.end("not found"); });
  });
  server.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  const origin = `http://127.0.0.1:${/** @type {import("node:net").AddressInfo} */ (server.address()).port}`;
  copyFileSync(join(ROOT, "presets/heygen-credits.json"), join(dir, "good-card.json"));
  writeFileSync(join(dir, "trickle.html"), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Trickle</title><link rel="icon" href="data:,">
<script type="module" src="./node_modules/ratecard/dist/widget/ratecard-widget.js"></script></head><body><main>
<ratecard-cost id="a" card-src="/slow/a.json" plan="business" balance="10" load-timeout="700"></ratecard-cost>
<ratecard-cost id="b" card-src="/slow/b.json" plan="business" balance="10" load-timeout="700"></ratecard-cost>
<ratecard-cost id="gone" card-src="/slow/gone.json" plan="business" balance="10" load-timeout="60000"></ratecard-cost>
<ratecard-cost id="moved" card-src="/slow/moved.json" plan="business" balance="10" load-timeout="60000"></ratecard-cost>
</main><script type="module">
  window.events = [];
  document.addEventListener("ratecard-error", (e) => window.events.push({ id: e.target.id, code: e.detail.code }));
  await customElements.whenDefined("ratecard-cost");
  for (const el of document.querySelectorAll("ratecard-cost")) el.items = [{ feature: "avatar_iv", seconds: 90 }];
  document.body.dataset.ready = "true";
</script></body></html>`);
  const page = await browser.newPage();
  page.setDefaultTimeout(20000);
  try {
    await page.goto(`${origin}/trickle.html`, { waitUntil: "commit" });
    await page.waitForSelector("body[data-ready=true]");
    await page.waitForFunction(() => document.getElementById("gone").isConnected && performance.now() > 1500);
    // One element leaves the page, another is given a new card-src: both downloads end.
    await page.evaluate(() => {
      document.getElementById("gone").remove();
      document.getElementById("moved").setAttribute("card-src", "/good-card.json");
    });
    // The two that time out give up after their tries, each download aborted.
    await page.waitForFunction(() => ["a", "b"].every((id) => window.events.some((e) => e.id === id)));
    assert.deepEqual(await page.evaluate(() => window.events.map((e) => e.code)), ["load_timeout", "load_timeout"]);
    // A third element on the same origin still prices (without aborts, six trickling downloads hold
    // all of Chromium's connections to the origin and it never does).
    await page.evaluate(() => {
      const el = document.createElement("ratecard-cost");
      Object.assign(el, { id: "third", plan: "business", balance: "10" });
      el.setAttribute("card-src", "/good-card.json?third");
      el.items = [{ feature: "avatar_iv", seconds: 90 }];
      document.querySelector("main").append(el);
    });
    await page.waitForFunction(() => document.getElementById("third").quote && document.getElementById("moved").quote);
    assert.equal(await costText(page, "third"), "30 credits — short by 20: Buy 1 block, $5.00");
    await page.waitForTimeout(300);
    assert.ok(trickles >= 4, `trickling downloads started: ${trickles}`);
    assert.equal(open_.size, 0, `trickling downloads still open: ${open_.size}`);
  } finally {
    await page.close();
    server.close();
    server.closeAllConnections();
  }
});

test("a large card from card-src (over 64 KiB) is read in steps, prices as the same card read at once, and a bad one says so", async () => {
  const card = JSON.parse(readFileSync(join(ROOT, "presets/heygen-credits.json"), "utf8"));
  const extra = Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`f${i}`, { ...card.features.avatar_iii, name: `Feature ${i} ${"n".repeat(300)}` }]));
  const big = { ...card, id: "big", features: { ...card.features, ...extra } };
  writeFileSync(join(dir, "big-card.json"), JSON.stringify(big));
  const bad = structuredClone(big);
  bad.features.f399.rate = "-1";
  writeFileSync(join(dir, "big-bad.json"), JSON.stringify(bad));
  assert.ok(JSON.stringify(big).length > 64 * 1024);
  writeFileSync(join(dir, "big.html"), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Big</title><link rel="icon" href="data:,">
<script type="module" src="./node_modules/ratecard/dist/widget/ratecard-widget.js"></script></head><body><main>
<ratecard-cost id="big" card-src="./big-card.json" plan="business" balance="10"></ratecard-cost>
<ratecard-cost id="bad" card-src="./big-bad.json" plan="business" balance="10"></ratecard-cost>
</main><script type="module">
  window.errors = [];
  document.addEventListener("ratecard-error", (e) => window.errors.push([e.target.id, e.detail.code, e.detail.field]));
  await customElements.whenDefined("ratecard-cost");
  for (const el of document.querySelectorAll("ratecard-cost")) el.items = [{ feature: "f399", seconds: 90 }];
</script></body></html>`);
  const server = await serveWww(dir);
  try {
    const { page, errors } = await open(`${server.url}big.html`);
    await page.waitForFunction(() => document.getElementById("big").quote && window.errors.length > 0, null, { timeout: 15000 });
    // Avatar III's rate on Business, 90 s: the price of the same card read at once in Node.
    const { RateEngine } = await import(join(dir, "node_modules/ratecard/dist/full/node.cjs"));
    const expected = RateEngine.fromJson(JSON.stringify(big)).quote({ plan: "business", items: [{ feature: "f399", seconds: 90 }], balance: "10" });
    assert.equal(await page.evaluate(() => document.getElementById("big").quote.total), expected.total);
    assert.equal(await page.evaluate(() => document.getElementById("big").quote.cardHash), expected.cardHash);
    assert.deepEqual(await page.evaluate(() => window.errors), [["bad", "invalid_rate_card", "card"]]);
    assert.equal(await costText(page, "bad"), "This rate card could not be read, so no price can be shown.");
    assert.deepEqual(errors.filter((e) => !e.includes("Failed to load resource")), []);
    await page.close();
  } finally {
    server.close();
  }
});

test("ratecard-ready says when a rate card prices: the first-load module, then the full one with its engine", async () => {
  writeFileSync(join(dir, "ready.html"), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ready</title><link rel="icon" href="data:,">
<script type="module" src="./node_modules/ratecard/dist/widget/ratecard-widget.js"></script></head><body><main>
<ratecard-cost id="c" preset="heygen-credits" plan="business" balance="10" eager></ratecard-cost>
</main><script>
  window.ready = [];
  document.addEventListener("ratecard-ready", (e) => window.ready.push([e.target.id, e.detail.module, e.detail.card.id, Boolean(e.target.engine)]));
</script></body></html>`);
  const server = await serveWww(dir);
  try {
    const { page, errors } = await open(`${server.url}ready.html`);
    await page.waitForFunction(() => window.ready.length >= 2);
    assert.deepEqual(await page.evaluate(() => window.ready), [["c", "lite", "heygen-credits", false], ["c", "full", "heygen-credits", true]]);
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    server.close();
  }
});

/** A Vite app in `name`: <ratecard-cost> from "ratecard/widget", its quote's total in the title. */
function costApp(name) {
  const app = join(dir, name);
  mkdirSync(app, { recursive: true });
  writeFileSync(join(app, "index.html"), `<!doctype html><html lang="en"><head><link rel="icon" href="data:,"><title>Vite</title></head><body>
<ratecard-cost id="cost" preset="heygen-credits" plan="business" balance="1500"></ratecard-cost><script type="module" src="./main.js"></script></body></html>`);
  writeFileSync(join(app, "main.js"), `
import "ratecard/widget";
const cost = document.getElementById("cost");
cost.addEventListener("ratecard-quote", (e) => { document.title = "total " + e.detail.total; });
cost.items = [{ feature: "avatar_iv", seconds: 90 }];
`);
  return app;
}

test("a Vite 7 app builds the widget from the tarball, copies the .wasm, and prices in Chromium", async () => {
  const app = costApp("vite-widget");
  await builtApp(app, async (page) => {
    await page.waitForFunction(() => document.title === "total 30");
    assert.equal(await costText(page, "cost"), "30 credits · 1,470 credits left");
  });
});

/** Serves the Vite app in `app` with `vite dev` and opens it in Chromium; `check(page)` runs against it. */
async function devApp(app, check, vite = [join(dir, "node_modules/.bin/vite")]) {
  const port = await freePort();
  const server = spawn(vite[0], [...vite.slice(1), "--port", String(port), "--strictPort", "--host", "127.0.0.1", "--logLevel", "error"], { cwd: app, stdio: "ignore" });
  try {
    const url = `http://127.0.0.1:${port}/`;
    await answers(url);
    const { page, errors } = await open(url);
    await check(page);
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    server.kill();
  }
}

// The one line (README, "Vite"): the package's .wasm files sit beside its JS, and Vite's
// dependency pre-bundling would move the JS away from them.
const DEV_CONFIG = `optimizeDeps: { exclude: ["ratecard"] }`;

test("the Vite dev server (not only a build) serves the widget and its .wasm, with the README's one line of config", async () => {
  const app = costApp("vite-dev");
  assert.ok(documentation().includes(DEV_CONFIG), "the docs state the line");
  writeFileSync(join(app, "vite.config.js"), `export default { ${DEV_CONFIG} };\n`);
  await devApp(app, async (page) => {
    await page.waitForFunction(() => document.title === "total 30", null, { timeout: 20000 });
    assert.equal(await costText(page, "cost"), "30 credits · 1,470 credits left");
  });
});

test("Vite 8 (beside Vite 7): the build, and the dev server with no config at all (the docs say the line is for Vite 7)", async () => {
  // tests/consumer pins Vite 8 as the alias `vite8`; its own bin, since `.bin/vite` is Vite 7's.
  const vite8 = join(dir, "node_modules/vite8/bin/vite.js");
  assert.match(execFileSync(process.execPath, [vite8, "--version"], { encoding: "utf8" }), /^vite\/8\./);
  const app = costApp("vite8-app");
  const priced = async (/** @type {any} */ page) => {
    await page.waitForFunction(() => document.title === "total 30", null, { timeout: 20000 });
    assert.equal(await costText(page, "cost"), "30 credits · 1,470 credits left");
  };
  await builtApp(app, priced, [process.execPath, vite8]);
  await devApp(app, priced, [process.execPath, vite8]);
});

test("a browser bundle of `import \"ratecard\"` (Vite build) resolves the web build by the `browser` condition, not the Node one with `fs`", async () => {
  const app = join(dir, "vite-root");
  mkdirSync(app, { recursive: true });
  writeFileSync(join(app, "index.html"), `<!doctype html><html lang="en"><head><link rel="icon" href="data:,"><title>Vite</title></head><body><p id="out">…</p><script type="module" src="./main.js"></script></body></html>`);
  writeFileSync(join(app, "main.js"), `
import init, { RateEngine } from "ratecard";
import initLite, { RateEngine as Lite } from "ratecard/lite";
await init();
await initLite();
const q = RateEngine.preset("heygen-credits").quote({ plan: "business", items: [{ feature: "avatar_iv", seconds: 90 }] });
const s = Lite.preset("heygen-credits").quoteSummary({ plan: "business", items: [{ feature: "avatar_iv", seconds: 90 }] });
document.getElementById("out").textContent = q.total + " " + s.total;
`);
  await builtApp(app, async (page) => {
    await page.waitForFunction(() => document.getElementById("out").textContent === "30 30");
  });
});

test("a React 19 app, built and in `vite dev`: properties, attributes and onratecard-* events on the elements", async () => {
  const app = join(dir, "react-app");
  mkdirSync(app, { recursive: true });
  writeFileSync(join(app, "index.html"), `<!doctype html><html lang="en"><head><link rel="icon" href="data:,"><title>React</title></head><body><div id="root"></div><script type="module" src="./main.jsx"></script></body></html>`);
  writeFileSync(join(app, "vite.config.js"), `export default { esbuild: { jsx: "automatic" }, ${DEV_CONFIG} };`);
  writeFileSync(join(app, "main.jsx"), `
import { useState } from "react";
import { createRoot } from "react-dom/client";
import "ratecard/widget";
function App() {
  const [seconds, setSeconds] = useState(90);
  const [total, setTotal] = useState("");
  return <form>
    <button type="button" id="longer" onClick={() => setSeconds(120)}>Longer</button>
    <ratecard-cost id="cost" preset="heygen-credits" plan="business" balance="10"
      items={[{ feature: "avatar_iv", seconds }]} onratecard-quote={(e) => setTotal(e.detail.total)} />
    <output id="total">{total}</output>
  </form>;
}
createRoot(document.getElementById("root")).render(<App />);
`);
  const check = async (page) => {
    // (In `vite dev` the page may not have rendered yet, or may reload once its dependencies are optimized.)
    await page.waitForFunction(() => document.getElementById("total")?.textContent === "30", null, { timeout: 20000 });
    assert.equal(await costText(page, "cost"), "30 credits — short by 20: Buy 1 block, $5.00");
    await page.click("#longer");
    await page.waitForFunction(() => document.getElementById("total")?.textContent === "40");
  };
  await builtApp(app, check);
  // And in Vite's dev server (React's own dependencies pre-bundled, the package's not).
  await devApp(app, check);
});

test("strict tsc over a TSX file: the elements and their events are typed with no declarations of the consumer's own", () => {
  writeFileSync(join(dir, "tsconfig.widget.json"), JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, skipLibCheck: false, jsx: "react-jsx", module: "nodenext", moduleResolution: "nodenext", target: "es2022", lib: ["es2022", "dom"] },
    files: ["app.tsx", "dom.ts", "readme-react.tsx", "readme-next.tsx"],
  }));
  // The README's React snippets, as written: the element in TSX, and the `ratecard/react` components.
  const readme = documentation();
  for (const kind of ["react", "next"]) {
    const block = readme.match(new RegExp("^```tsx " + kind + "\\n([\\s\\S]*?)^```$", "m"));
    assert.ok(block, `README has a tsx ${kind} block`);
    writeFileSync(join(dir, `readme-${kind}.tsx`), `${block[1]}\n${kind === "next" ? `
import { RatecardCost as Cost } from "ratecard/react";
// @ts-expect-error balance is a decimal string, not a number
export const wrong = <Cost balance={12} />;
export const typed = <Cost title="Cost" tabIndex={-1} className="cost" onClick={(e) => e.currentTarget} onError={(e) => e.detail.code} />;
` : ""}`);
  }
  writeFileSync(join(dir, "app.tsx"), `
import "ratecard/widget";
import type { RatecardBuyEvent } from "ratecard/widget";
export function Price({ seconds }: { seconds: number }) {
  return <ratecard-cost preset="heygen-credits" plan="business" balance="1500" items={[{ feature: "avatar_iv", seconds }]}
    onratecard-buy={(e: RatecardBuyEvent) => console.log(e.detail.option.price, e.detail.quantity, e.detail.fingerprint)}
    onratecard-quote={(e) => { const total: string = e.detail.total; console.log(total); }} />;
}
// @ts-expect-error balance is a decimal string, not a number
export const wrong = <ratecard-cost balance={12} />;
`);
  writeFileSync(join(dir, "dom.ts"), `
import { setLiteWasmUrl, type Quote } from "ratecard/widget";
const cost = document.querySelector("ratecard-cost");
if (cost) {
  cost.items = [{ feature: "avatar_iv", seconds: 90 }];
  const q: Quote | null = cost.quote;
  cost.addEventListener("ratecard-error", (e) => { const code: string = e.detail.code; console.log(code, q); });
}
setLiteWasmUrl(new URL("/assets/ratecard_lite_bg.wasm", location.href));
// @ts-expect-error a URL or a string
setLiteWasmUrl(42);
const checkout = document.createElement("ratecard-checkout");
const plan: string | null = checkout.selectedPlan;
export { plan };
`);
  let out = "";
  try {
    execFileSync(join(ROOT, "node_modules/.bin/tsc"), ["-p", join(dir, "tsconfig.widget.json")], { cwd: dir, encoding: "utf8" });
  } catch (e) {
    out = `${e.stdout}${e.stderr}`;
  }
  assert.equal(out, "", out);
});
