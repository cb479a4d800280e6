// Shared by the Node tests: a static server for www/ and a headless Chromium.
import { spawn } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { once } from "node:events";
import net from "node:net";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/**
 * The documentation as one text: the README (the front door) and every page of docs/, whose code
 * blocks the tests run wherever a block lives.
 */
export function documentation() {
  const pages = readdirSync(`${ROOT}docs`).filter((f) => f.endsWith(".md")).sort();
  return [`${ROOT}README.md`, ...pages.map((f) => `${ROOT}docs/${f}`)].map((p) => readFileSync(p, "utf8")).join("\n");
}

export async function freePort() {
  const srv = net.createServer().listen(0, "127.0.0.1");
  await once(srv, "listening");
  const { port } = /** @type {import("node:net").AddressInfo} */ (srv.address());
  srv.close();
  return port;
}

/** Waits until a server just started answers `url` (with any status), for up to `ms` (30 s). */
export async function answers(url, ms = 30000) {
  for (let i = 0; i < ms / 100; i++) {
    try { await fetch(url); return; } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} never answered`);
}

/** Serves the built page (www/dist) as `npm start` does, or `dir`; resolves when it answers. */
export async function serveWww(dir = "www/dist") {
  const port = await freePort();
  const child = spawn("node", ["scripts/serve.mjs", dir, String(port)], { cwd: ROOT, stdio: "ignore" });
  const url = `http://127.0.0.1:${port}/`;
  await answers(url);
  return { url, close: () => child.kill() };
}

/** A test file's consumer: the packed package installed with `deps` in a fresh project, and Chromium. */
export async function openConsumer(deps) {
  const { dir } = await packAndInstall(deps);
  return { dir, browser: await launchChromium() };
}

/** Closes what `openConsumer` opened. */
export async function closeConsumer({ dir, browser }) {
  await browser?.close();
  const { rmSync } = await import("node:fs");
  if (dir) rmSync(dir, { recursive: true, force: true });
}

/** Debian's Chromium, headless, with the flags this machine needs (see the README, Toolchain). */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/**
 * The test consumers' dependencies (Vite, React, Vue, Svelte, Next.js, Angular…), installed once
 * per lock file from tests/consumer/package.json and its committed package-lock.json (`npm ci`)
 * into target/consumer; every test file's consumer project then hard-links that tree
 * (`cp -al`) instead of installing its own. Returns the cache folder.
 */
async function consumerModules() {
  const { execFileSync } = await import("node:child_process");
  const { createHash } = await import("node:crypto");
  const { existsSync, mkdirSync, rmSync, copyFileSync, writeFileSync } = await import("node:fs");
  const { join } = await import("node:path");
  const source = join(ROOT, "tests/consumer");
  const cache = join(ROOT, "target/consumer");
  const hash = createHash("sha256").update(readFileSync(join(source, "package.json"))).update(readFileSync(join(source, "package-lock.json"))).digest("hex");
  const stamp = join(cache, ".installed");
  const done = () => existsSync(stamp) && readFileSync(stamp, "utf8") === hash;
  if (done()) return cache;
  // One installer at a time (test files may run in parallel): a lock folder, waited on.
  const lock = `${cache}.lock`;
  mkdirSync(join(ROOT, "target"), { recursive: true });
  for (let i = 0; ; i++) {
    try { mkdirSync(lock); break; } catch { if (i > 3000) throw new Error(`${lock} held for 10 minutes`); await new Promise((r) => setTimeout(r, 200)); }
  }
  try {
    if (done()) return cache;
    rmSync(cache, { recursive: true, force: true });
    mkdirSync(cache, { recursive: true });
    for (const f of ["package.json", "package-lock.json"]) copyFileSync(join(source, f), join(cache, f));
    execFileSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: cache, stdio: "ignore" });
    writeFileSync(stamp, hash);
    return cache;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Packs the package (already built by `npm test`) and installs the tarball
 * into a fresh project in a temporary folder, as a user would. With `extraDeps`
 * (`name@version`, each pinned in tests/consumer/package.json), the project starts
 * from the consumers' shared install (see `consumerModules`) and adds only the tarball.
 * Returns { dir, packed } where packed is `npm pack --json`'s entry.
 */
export async function packAndInstall(extraDeps = []) {
  const { execFileSync } = await import("node:child_process");
  const { mkdtempSync, writeFileSync, copyFileSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const dir = mkdtempSync(join(tmpdir(), "ratecard-consumer-"));
  const out = execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", dir], { cwd: ROOT, encoding: "utf8" });
  const packed = JSON.parse(out)[0];
  if (!extraDeps.length) {
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    execFileSync("npm", ["install", "--no-audit", "--no-fund", join(dir, packed.filename)], { cwd: dir, stdio: "ignore" });
    return { dir, packed };
  }
  const pinned = JSON.parse(readFileSync(join(ROOT, "tests/consumer/package.json"), "utf8")).dependencies;
  for (const dep of extraDeps) {
    const at = dep.lastIndexOf("@");
    if (pinned[dep.slice(0, at)] !== dep.slice(at + 1)) throw new Error(`${dep}: pin it in tests/consumer/package.json (and its lock) first`);
  }
  const cache = await consumerModules();
  for (const f of ["package.json", "package-lock.json"]) copyFileSync(join(cache, f), join(dir, f));
  execFileSync("cp", ["-al", join(cache, "node_modules"), join(dir, "node_modules")]);
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--no-save", join(dir, packed.filename)], { cwd: dir, stdio: "ignore" });
  return { dir, packed };
}

/**
 * The page's cumulative layout shift from navigation until it has settled
 * (body[data-settled=true]) and half a second more: shifts without recent
 * input, summed from a buffered PerformanceObserver.
 */
export async function measureCls(browser, url, viewport, conditions) {
  const page = await browser.newPage({ viewport });
  try {
    if (conditions) await throttle(page, conditions);
    await page.addInitScript(() => {
      window.__cls = 0;
      new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; }).observe({ type: "layout-shift", buffered: true });
    });
    await page.goto(url);
    await page.waitForSelector("body[data-settled=true]", { state: "attached", timeout: 60000 });
    await page.waitForTimeout(500);
    return await page.evaluate(() => window.__cls);
  } finally {
    await page.close();
  }
}

/** Disables `page`'s cache and, given `conditions` (a NETWORKS entry), emulates that network (CDP). */
async function throttle(page, conditions) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  if (conditions) await cdp.send("Network.emulateNetworkConditions", { offline: false, ...conditions });
}

/** Network profiles of issue 14: emulated Fast 3G and 4G (CDP), in bytes per second. */
export const NETWORKS = {
  "Fast 3G": { latency: 150, downloadThroughput: (1.6 * 1e6) / 8, uploadThroughput: (0.75 * 1e6) / 8 },
  "4G": { latency: 60, downloadThroughput: (9 * 1e6) / 8, uploadThroughput: (1.5 * 1e6) / 8 },
};

/**
 * Navigation → the first total shown by <ratecard-checkout> (its total reads a
 * number, not "—" or a skeleton), in ms, on a fresh page with the cache
 * disabled and the network emulated (`conditions`: a NETWORKS entry, or none).
 */
export async function firstPrice(browser, url, conditions, complete = false) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  try {
    await throttle(page, conditions);
    await page.goto(url, { waitUntil: "commit" });
    // The first total; or (`complete`) the whole checkout: the total, each line's
    // sentence and source, and the buy panel's price.
    await page.waitForFunction((complete) => {
      const root = document.getElementById("checkout")?.shadowRoot;
      const t = root?.querySelector('[data-testid="total"]')?.textContent ?? "";
      if (!complete) return /\d/.test(t);
      const source = root?.querySelector('[data-testid="lines"] .source')?.textContent ?? "";
      // The buy panel, where the plan sells something: its price shown.
      const buy = !root?.querySelector('[data-testid="buy"]') || /\d/.test(root.querySelector('[data-testid="buy-total"]')?.textContent ?? "");
      return /\d/.test(t) && source.includes("Help Center") && buy;
    }, complete, { timeout: 60000, polling: "raf" });
    return await page.evaluate(() => performance.now());
  } finally {
    await context.close();
  }
}

/**
 * A CSS colour as Chromium computes it (`rgb(…)`, `rgba(…)`, `color(srgb r g b / a)`) → [r, g, b, a], r–b in 0–1.
 * @param {string} css
 */
function rgba(css) {
  let m = /^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/.exec(css);
  if (m) return [Number(m[1]) / 255, Number(m[2]) / 255, Number(m[3]) / 255, m[4] === undefined ? 1 : Number(m[4])];
  m = /^color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)(?: \/ ([\d.]+))?\)$/.exec(css);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])];
  throw new Error(`a colour this helper does not read: ${css}`);
}

/**
 * WCAG 2 contrast of `fg` drawn over the opaque `bg` (both computed CSS colours; a translucent `fg` is blended first).
 * @param {string} fg
 * @param {string} bg
 */
export function contrastRatio(fg, bg) {
  const b = rgba(bg), f = rgba(fg);
  const over = f.slice(0, 3).map((c, i) => c * f[3] + b[i] * (1 - f[3]));
  const lum = (/** @type {number[]} */ c) => {
    const [r, g, bl] = c.map((x) => (x <= 0.04045 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(over), lum(b.slice(0, 3))].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
