// The README's screenshots of the demo page, as a buyer sees it: 120 s of Avatar IV on
// Business with a 10-credit balance, at 1280×900 (docs/screenshot-desktop.png) and 390×844
// (docs/screenshot-phone.png), whole pages, and the same in de-DE (test-results/, not committed).
// Run after `npm run build`: node bench/screenshots.mjs
import { serveWww, launchChromium, ROOT } from "../tests/js/helpers.mjs";

/** @type {[string, { width: number, height: number }][]} */
const VIEWPORTS = [["desktop", { width: 1280, height: 900 }], ["phone", { width: 390, height: 844 }]];

const server = await serveWww();
const browser = await launchChromium();
try {
  for (const [name, viewport] of VIEWPORTS) {
    for (const locale of ["en-US", "de-DE"]) {
      const page = await browser.newPage({ viewport });
      await page.goto(server.url);
      await page.waitForFunction(() => /\d/.test(document.getElementById("checkout")?.shadowRoot?.querySelector('[data-testid="total"]')?.textContent ?? ""), null, { timeout: 20000 });
      await page.locator("#tools").scrollIntoViewIfNeeded();
      await page.waitForSelector("body[data-ready=true]", { state: "attached" });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.getByTestId("locale").selectOption(locale);
      await page.getByTestId("plan").selectOption("business");
      await page.getByTestId("feature").selectOption("avatar_iv");
      await page.getByTestId("seconds").fill("120");
      await page.getByTestId("balance").fill("10");
      await page.waitForSelector("body[data-settled=true]", { state: "attached" });
      const path = locale === "en-US" ? `${ROOT}docs/screenshot-${name}.png` : `${ROOT}test-results/screenshot-${name}-${locale}.png`;
      await page.evaluate(() => /** @type {HTMLElement} */ (document.activeElement)?.blur());
      await page.screenshot({ path, fullPage: true });
      console.log(`[screenshots] ${path}`);
      await page.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}
