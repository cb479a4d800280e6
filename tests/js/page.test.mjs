// The checkout page in real headless Chromium, driven through its data-testid hooks.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { serveWww, launchChromium, ROOT } from "./helpers.mjs";

let server, browser, page;
const errors = [];

before(async () => {
  server = await serveWww();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1100, height: 1000 } });
  page.setDefaultTimeout(5000);
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
});
after(async () => { await browser?.close(); server?.close(); });

const byId = (id) => page.getByTestId(id);
/** The chart, capacity, comparison and link are drawn in the task after an
 * input (the total at once): wait for body[data-settled=true]. */
const settled = (p = page) => p.waitForSelector("body[data-settled=true]", { state: "attached" });

/** Each test starts from a freshly loaded page. */
async function fresh() {
  await page.goto(server.url);
  await page.waitForSelector("body[data-ready=true]");
}

test("90 s of Avatar IV on Business shows 30 credits", async () => {
  await fresh();
  assert.equal(await byId("preset").inputValue(), "heygen-credits");
  await byId("plan").selectOption("business");
  await byId("feature").selectOption("avatar_iv");
  await byId("seconds").fill("90");
  await byId("balance").fill("1500");
  assert.equal(await byId("total").textContent(), "30 credits");
  assert.equal(await byId("shortfall").isVisible(), false);
  assert.match(await page.locator("#lines tbody").textContent(), /90 s × 20 credits\/min = 30 credits/);
});

test("a balance of 10 with 120 s is 30 short: buy 1 block — $5.00, and the stepper reprices", async () => {
  await fresh();
  await byId("plan").selectOption("business");
  await byId("feature").selectOption("avatar_iv");
  await byId("balance").fill("10");
  await byId("seconds").fill("120");
  assert.equal(await byId("total").textContent(), "40 credits");
  assert.equal(await byId("shortfall").textContent(), "30 credits");
  assert.equal(await byId("buy-quantity").inputValue(), "1");
  assert.equal(await byId("buy-total").textContent(), "Buy 1 block — $5.00");
  await page.click("#buy-plus");
  await page.click("#buy-plus");
  assert.equal(await byId("buy-quantity").inputValue(), "3");
  assert.equal(await byId("buy-total").textContent(), "Buy 3 blocks — $15.00");
  mkdirSync(`${ROOT}/test-results`, { recursive: true });
  await page.screenshot({ path: `${ROOT}/test-results/page-business-short.png`, fullPage: true });   // README: docs/
});

test("expressive motion doubles the scene; a second item adds a line", async () => {
  await fresh();
  await byId("plan").selectOption("business");
  await byId("feature").selectOption("avatar_iv");
  await byId("seconds").fill("30");
  await byId("option-expressive_motion").check();
  assert.equal(await byId("total").textContent(), "20 credits");   // seed 001: 10 + 10
  await page.click("#add-item");
  await page.getByTestId("feature-1").selectOption("generate_look");
  await page.getByTestId("quantity-1").fill("4");
  assert.equal(await byId("total").textContent(), "24 credits");
  assert.equal(await page.locator("#lines tbody tr").count(), 2);
});

test("Creator is short: the upgrade to Pro is suggested instead of packs", async () => {
  await fresh();
  await byId("plan").selectOption("creator");
  await byId("feature").selectOption("avatar_iv");
  await byId("seconds").fill("60");
  await byId("balance").fill("5");
  assert.equal(await byId("shortfall").textContent(), "15 credits");
  assert.equal(await page.locator("#buy").isVisible(), false);
  assert.match(await page.locator("#upgrades").textContent(), /Upgrade to Pro.*\+400 credits now for \$20\.00 more a month/);
});

test("bad input shows a message with its code and the page keeps quoting", async () => {
  await fresh();
  await byId("feature").selectOption("avatar_iv");
  await byId("seconds").fill("-3");
  assert.match(await page.locator("#error").textContent(), /items\[0\]\.seconds: must be greater than 0.*invalid_quantity/);
  assert.equal(await byId("total").textContent(), "—");
  await byId("balance").fill("abc");
  await byId("seconds").fill("90");
  assert.match(await page.locator("#error").textContent(), /balance: .*invalid_request/);
  await byId("balance").fill("100");
  assert.equal(await page.locator("#error").isVisible(), false);
  assert.equal(await byId("total").textContent(), "30 credits");
  await byId("plan").selectOption("free");
  assert.match(await page.locator("#error").textContent(), /Free users do not use credits.*not_available/);
  await byId("plan").selectOption("business");
  assert.equal(await byId("total").textContent(), "30 credits");
  assert.deepEqual(errors, []);
});

// ---- every preset, one quote each, and its purchase panel ----------------

async function choose(preset, plan) {
  await fresh();
  await byId("preset").selectOption(preset);
  if (plan) await byId("plan").selectOption(plan);
}

test("heygen-gencredits: 1 look bills a batch of 4; monthly or annual packs", async () => {
  await choose("heygen-gencredits", "creator");
  await byId("feature").selectOption("generate_look");
  await byId("quantity").fill("1");
  await byId("balance").fill("0");
  assert.equal(await byId("total").textContent(), "4 credits");
  assert.equal(await byId("buy-total").textContent(), "Buy 1 pack — $15.00 a month");
  await byId("buy-billing").selectOption("year");
  assert.equal(await byId("buy-total").textContent(), "Buy 1 pack — $150.00 a year");
  assert.match(await page.locator("#buy-detail").textContent(), /adds 3,600 credits/);
});

test("heygen-gencredits: the 16th image of the month is charged, with usage entered", async () => {
  await choose("heygen-gencredits", "team");
  await byId("feature").selectOption("image_asset");
  await byId("quantity").fill("1");
  await byId("used").fill("14");
  assert.equal(await byId("total").textContent(), "0 credits");
  await byId("used").fill("15");
  assert.equal(await byId("total").textContent(), "2 credits");
});

test("heygen-api: a 1:43 video is 2 credits; Free is held to 3 minutes and 720p", async () => {
  await choose("heygen-api", "pro");
  await byId("feature").selectOption("video_avatar");
  await byId("seconds").fill("103");
  assert.equal(await byId("total").textContent(), "2 credits");
  await byId("plan").selectOption("free");
  await byId("seconds").fill("181");
  assert.match(await page.locator("#error").textContent(), /up to 180 s.*plan_limit/);
  await byId("seconds").fill("30");
  await byId("option-resolution").selectOption("1080p");
  assert.match(await page.locator("#error").textContent(), /up to 720p.*plan_limit/);
  await byId("option-resolution").selectOption("");
  assert.equal(await byId("total").textContent(), "1 credit");
  assert.match(await page.locator("#warnings").textContent(), /watermark/);
});

test("heygen-liveavatar: short on Full SDK minutes buys a $100 pack; overage is explained", async () => {
  await choose("heygen-liveavatar");
  await byId("feature").selectOption("full_sdk");
  await byId("seconds").fill("600");
  await byId("balance").fill("0");
  assert.equal(await byId("total").textContent(), "20 credits");
  assert.equal(await byId("buy-total").textContent(), "Buy 1 pack — $100.00");
  assert.match(await page.locator("#warnings").textContent(), /Allow Overage.*2\.00 USD/);
});

test("heygen-payg: a USD wallet, rates by avatar type × resolution, a whole-dollar top-up", async () => {
  await choose("heygen-payg");
  await byId("feature").selectOption("avatar_iv");
  await byId("seconds").fill("60");
  await byId("option-avatar_type").selectOption("studio_avatar");
  await byId("option-resolution").selectOption("4k");
  assert.equal(await byId("total").textContent(), "$5.00");
  await byId("balance").fill("0.63");
  assert.equal(await byId("shortfall").textContent(), "$4.37");
  assert.equal(await byId("buy-total").textContent(), "Top up $5.00");
  await byId("feature").selectOption("cinematic_avatar");
  await byId("seconds").fill("20");
  assert.match(await page.locator("#error").textContent(), /at most 15 s.*invalid_quantity/);
});

test("aistudios: no feature rates; units × seats show the new monthly charge", async () => {
  await choose("aistudios", "basic");
  assert.match(await page.locator("#items").textContent(), /prices no features/);
  assert.equal(await byId("buy-total").textContent(), "Buy 1 unit × 1 seat — $10.00 a month");
  await byId("buy-seats").fill("3");
  await page.click("#buy-plus");
  assert.equal(await byId("buy-total").textContent(), "Buy 2 units × 3 seats — $60.00 a month");
  assert.match(await page.locator("#buy-detail").textContent(), /adds 360 credits \(new monthly add-on charge\)/);
  await byId("plan").selectOption("team");
  assert.equal(await byId("buy-total").textContent(), "Buy 1 unit — $30.00 a month");
});

test("the page runs under a strict Content-Security-Policy with no violation", async () => {
  await fresh();
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.equal(await page.locator("[style]").count(), 0, "no inline style attributes");
  assert.equal(await page.locator("script:not([src])").count(), 0, "no inline scripts");
  await byId("seconds").fill("90");
  assert.ok((await byId("total").textContent()).endsWith("credits"));
  assert.deepEqual(errors.filter((e) => /Content Security Policy/i.test(e)), []);
});

test("a custom rate card: a bad one shows its JSON path, a good one quotes", async () => {
  await fresh();
  await page.locator("#custom summary").click();
  await page.click("#card-start");
  const card = JSON.parse(await byId("card-json").inputValue());
  card.features.avatar_iv.rate = 0.1;
  await byId("card-json").fill(JSON.stringify(card));
  await byId("card-load").click();
  assert.match(await byId("card-error").textContent(), /^features\.avatar_iv\.rate: expected a decimal string, got 0\.1.*invalid_rate_card/);
  card.id = "my-card";
  card.name = "<b>My</b> card";
  card.features.avatar_iv.rate = "10";
  await byId("card-json").fill(JSON.stringify(card));
  await byId("card-load").click();
  assert.equal(await byId("card-error").isVisible(), false);
  assert.equal(await byId("preset").inputValue(), "custom:my-card");
  assert.equal(await page.locator("#preset option:checked").textContent(), "<b>My</b> card (custom)");
  await byId("plan").selectOption("business");
  await byId("feature").selectOption("avatar_iv");
  await byId("seconds").fill("90");
  assert.equal(await byId("total").textContent(), "15 credits");
  assert.deepEqual(errors, []);
});

// ---- wallet, capacity, comparison ---------------------------------------

test("the wallet panel replays grants; the quote burns the soonest-expiring first and warns", async () => {
  await choose("heygen-credits", "creator");
  await byId("feature").selectOption("avatar_iv");
  await byId("seconds").fill("90");
  await byId("since").fill("2026-01-01");
  await byId("today").fill("2026-02-25");
  const rows = await page.locator("#grants tbody tr").allTextContents();
  assert.equal(rows.length, 2);
  assert.match(rows[0], /^g1.*600 credits2026-03-0130 credits$/);
  assert.match(rows[1], /^g2.*600 credits2026-04-01—$/);
  assert.equal(await byId("balance").isDisabled(), true);
  assert.equal(await byId("total").textContent(), "30 credits");
  assert.match(await page.locator("#warnings").textContent(), /570 credits of grant g1 expire on 2026-03-01, unused by this quote/);
  await settled();
  assert.match(await byId("capacity").textContent(), /balance of 1,200 credits buys up to 3,600 s of Avatar IV/);
});

test("the comparison lists every rate card's plans for the cart, cheapest first", async () => {
  await choose("heygen-credits", "business");
  await byId("feature").selectOption("avatar_iv");
  await byId("seconds").fill("3600");   // 1,200 credits
  await settled();
  const rows = await page.locator("#compare tbody tr").allTextContents();
  assert.ok(rows.some((r) => /^heygen-credits · business\$149\.00/.test(r)), rows.join("\n"));
  // Creator (600 + 400 by upgrading) and Pro (1,000) cannot cover 1,200 credits: not listed.
  assert.ok(!rows.some((r) => /^heygen-credits · (creator|pro)/.test(r)), rows.join("\n"));
  assert.ok(rows.some((r) => /^heygen-gencredits · creator\$90\.00.*\+ 6 × Generative Credit Pack \(monthly, 300 credits\): 1800 credits for 90\.00/.test(r)), rows.join("\n"));
  assert.ok(rows.some((r) => /^heygen-api—.*plan "pro" allows videos up to 1800 s/.test(r)));
  assert.ok(rows.some((r) => /^aistudios—.*no feature/.test(r)));
  assert.deepEqual(errors, []);
});

// ---- buyers' expectations: locale, shared links, chart, keyboard, accessibility

test("numbers and money follow the chosen locale, formatted from the engine's strings", async () => {
  await choose("heygen-credits", "business");
  await byId("feature").selectOption("avatar_iii");
  await byId("seconds").fill("90");          // 4.5 credits
  await byId("balance").fill("1.5");         // short by 3: one block
  await byId("locale").selectOption("de-DE");
  assert.equal(await byId("total").textContent(), "4,5 credits");
  assert.equal(await byId("buy-total").textContent(), "Buy 1 block — 5,00\u00a0$");
  await byId("locale").selectOption("ja-JP");
  assert.equal(await byId("buy-total").textContent(), "Buy 1 block — $5.00");
  await byId("balance").fill("1234567.5");
  assert.equal(await byId("balance-after").textContent(), "1,234,563 credits");
  await byId("locale").selectOption("de-DE");
  assert.equal(await byId("balance-after").textContent(), "1.234.563 credits");
});

test("the quote lives in the URL: a shared link restores it", async () => {
  await choose("heygen-api", "scale");
  await byId("feature").selectOption("video_translation");
  await byId("seconds").fill("103");
  await byId("balance").fill("5");
  await byId("locale").selectOption("de-DE");
  await settled();
  const link = await byId("share").getAttribute("href");
  assert.match(link, /#preset=heygen-api&plan=scale/);
  const other = await browser.newPage();
  await other.goto(link);
  await other.waitForSelector("body[data-ready=true]");
  assert.equal(await other.getByTestId("plan").inputValue(), "scale");
  assert.equal(await other.getByTestId("seconds").inputValue(), "103");
  assert.equal(await other.getByTestId("total").textContent(), "6 credits");
  assert.equal(await other.getByTestId("shortfall").textContent(), "1 credit");
  assert.equal(await other.getByTestId("locale").inputValue(), "de-DE");
  await other.close();
});

test("the price curve comes from one quoteCurve call and marks the duration and increments", async () => {
  await choose("heygen-api", "pro");
  await byId("feature").selectOption("video_avatar");
  await byId("seconds").fill("103");
  await settled();
  assert.equal(await page.locator("#curve polyline").count(), 1);
  assert.equal(await page.locator("#curve line.now").count(), 1);
  assert.ok(await page.locator("#curve line.step").count() >= 6);
  assert.match(await page.locator("#curve-caption").textContent(), /30 s increments/);
  assert.match(await page.locator("#curve .now-label").textContent(), /^103 s: 2 credits$/);
  await byId("feature").selectOption("streaming");
  await byId("seconds").fill("10");
  await settled();
  assert.match(await page.locator("#curve-caption").textContent(), /the 30 s minimum charge/);
  mkdirSync(`${ROOT}/test-results`, { recursive: true });
  await page.screenshot({ path: `${ROOT}/test-results/page-api-curve.png`, fullPage: true });
});

test("usable by keyboard alone", async () => {
  await fresh();
  await byId("plan").focus();
  await page.keyboard.press("End");                  // the last plan: Business
  await page.keyboard.press("Tab");                  // → number format
  await page.keyboard.press("Tab");                  // → balance
  await page.keyboard.type("10");
  await page.keyboard.press("Tab");                  // → the share link
  await page.keyboard.press("Tab");                  // → first item's feature
  await page.keyboard.press("Home");                 // Avatar III
  await page.keyboard.press("ArrowDown");            // Avatar IV
  await page.keyboard.press("Tab");                  // → seconds
  await page.keyboard.press("Control+A");
  await page.keyboard.type("120");
  assert.equal(await byId("plan").inputValue(), "business");
  assert.equal(await byId("shortfall").textContent(), "30 credits");
  await page.locator("#buy-plus").focus();
  await page.keyboard.press("Enter");
  assert.equal(await byId("buy-total").textContent(), "Buy 2 blocks — $10.00");
});

test("axe-core finds no serious or critical accessibility violation, on desktop and phone", async () => {
  for (const viewport of [{ width: 1100, height: 1000 }, { width: 390, height: 844 }]) {
    await page.setViewportSize(viewport);
    await choose("heygen-credits", "business");
    await byId("seconds").fill("120");
    await byId("balance").fill("10");
    // Through the DevTools protocol: the page's CSP (rightly) refuses injected inline scripts.
    await page.evaluate(readFileSync(`${ROOT}/node_modules/axe-core/axe.min.js`, "utf8"));
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
    const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), []);
    await page.screenshot({ path: `${ROOT}/test-results/page-${viewport.width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1100, height: 1000 });
});
