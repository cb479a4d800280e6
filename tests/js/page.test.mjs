// The checkout page in real headless Chromium, driven through its data-testid hooks.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { serveWww, launchChromium, ROOT } from "./helpers.mjs";

let server, browser, page;
const errors = [];

before(async () => {
  server = await serveWww();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1100, height: 1000 } });
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
});
after(async () => { await browser?.close(); server?.close(); });

const byId = (id) => page.getByTestId(id);

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
  await page.screenshot({ path: `${ROOT}/test-results/page-business-short.png`, fullPage: true });
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
