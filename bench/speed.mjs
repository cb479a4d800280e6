// The speed table of `npm run bench` (bench/run.mjs) and of its inner loop (bench/quick.mjs):
// the requests timed, the alternating-rounds timer, and each row against its target in
// targets.json. One definition, so the quick rows are the bench's rows.

/** A 1-item quote request with a short balance (a purchase option), the 5-item one, the curve. */
export const one = { plan: "business", items: [{ feature: "avatar_iv", seconds: 120, options: { expressive_motion: true } }], balance: "10" };
export const five = {
  plan: "business",
  items: [
    { feature: "avatar_iv", seconds: 90, options: { expressive_motion: true } },
    { feature: "generate_look", quantity: 4 },
    { feature: "video_translation", seconds: 300, options: { mode: "precision" } },
    { feature: "video_asset", seconds: 8, options: { model: "seedance2" } },
    { feature: "avatar_iii", seconds: 45 },
  ],
  balance: "120.5",
};
export const curve = { plan: "business", item: { feature: "avatar_iv", options: {} }, fromSeconds: 1, toSeconds: 1800, stepSeconds: 1 };

/**
 * Two functions timed in alternating rounds (a, b, a, b, …), so that the machine's drift over
 * the run (it is shared) weighs on both alike; the median round of each, in ns per call.
 * @param {() => unknown} fa
 * @param {() => unknown} fb
 * @param {{ batch: number, rounds?: number }} options
 */
export function pair(fa, fb, { batch, rounds = 15 }) {
  for (let i = 0; i < batch; i++) { fa(); fb(); } // warm up
  /** @type {number[]} */
  const ta = [], tb = [];
  const round = (/** @type {() => unknown} */ fn) => {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) fn();
    return Number(process.hrtime.bigint() - t0) / batch;
  };
  for (let r = 0; r < rounds; r++) { ta.push(round(fa)); tb.push(round(fb)); }
  ta.sort((x, y) => x - y);
  tb.sort((x, y) => x - y);
  return [ta[Math.floor(rounds / 2)], tb[Math.floor(rounds / 2)]];
}

/** The checkout's first read: total, shortfall and the first purchase's price. */
const read = (/** @type {any} */ s) => s.total.length + s.shortfall.length + (s.purchase[0]?.price.length ?? 0);

/**
 * The speed rows, each `{ key, bench, w, j, batch, target }`: ratecard (`w`) against the
 * decimal.js engine (`j`), with the target of targets.json's `speed[key]`.
 * @param {{ lite: any, wasm: any, js: any, targets: Record<string, number> }} engines
 */
export function speedRows({ lite, wasm, js, targets }) {
  return [
    ["liteSummary", "checkout read: lite quoteSummary → total, shortfall, purchase[0].price", () => read(lite.quoteSummary(one)), () => read(js.quote(one)), 4000],
    ["fullSummary", "checkout read: full quoteSummary (same fields)", () => read(wasm.quoteSummary(one)), () => read(js.quote(one)), 4000],
    ["liteQuote", "1-item lite quote (the full object), balance + purchase options", () => lite.quote(one), () => js.quote(one), 2000],
    ["fullQuote", "1-item full quote, balance + purchase options", () => wasm.quote(one), () => js.quote(one), 2000],
    ["fiveItemQuote", "5-item full quote", () => wasm.quote(five), () => js.quote(five), 1000],
    ["curve", "curve 1..1800 s, one call", () => wasm.quoteCurve(curve), () => js.quoteCurve(curve), 5],
  ].map(([key, bench, w, j, batch]) => ({ key, bench, w, j, batch, target: targets[/** @type {string} */ (key)] }));
}

/**
 * Times each row: `{ bench, "ratecard µs", "decimal.js µs", ratio, target, met }`.
 * @param {ReturnType<typeof speedRows>} rows
 */
export function timeRows(rows) {
  return rows.map(({ bench, w, j, batch, target }) => {
    const [a, b] = pair(/** @type {() => unknown} */ (w), /** @type {() => unknown} */ (j), { batch: /** @type {number} */ (batch) });
    return { bench, "ratecard µs": (a / 1000).toFixed(2), "decimal.js µs": (b / 1000).toFixed(2), ratio: (a / b).toFixed(3), target: `≤ ${target}`, met: a / b <= target ? "yes" : "NO" };
  });
}
