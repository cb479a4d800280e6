// Holds: the cost of `hold` and `settle` beside `quote` and `quoteRange` for the same job, same
// process (the full module in Node), and of a quote that carries open holds. Run by
// `npm run bench` (bench/run.mjs), or alone: `node bench/holds.mjs`.
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const { RateEngine } = createRequire(import.meta.url)(join(ROOT, "dist/full/node.cjs"));
const engine = RateEngine.preset("heygen-credits");

const grants = [
  { id: "g1", remaining: "50", expiresAt: "2026-12-05" },
  { id: "g2", remaining: "1000", expiresAt: "2027-01-01" },
  { id: "g3", remaining: "20" },
];
const job = { plan: "business", items: [{ feature: "avatar_iv", seconds: 60, maxSeconds: 120, options: { expressive_motion: true } }], grants, at: "2026-12-03" };
const hold = engine.hold(job);
const ten = Array.from({ length: 10 }, () => hold);
const ran = { items: [{ feature: "avatar_iv", seconds: 90, options: { expressive_motion: true } }], at: "2026-12-03" };

/** The median of 15 rounds of `batch` calls, in µs per call. */
function time(/** @type {() => unknown} */ fn, batch = 2000) {
  for (let i = 0; i < batch; i++) fn();
  const rounds = [];
  for (let r = 0; r < 15; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) fn();
    rounds.push(Number(process.hrtime.bigint() - t0) / batch / 1000);
  }
  return rounds.sort((a, b) => a - b)[7];
}

const rows = [
  ["quote (the least, 60 s), with grants", () => engine.quote(job)],
  ["quoteRange (60–120 s: both ends)", () => engine.quoteRange(job)],
  ["hold (the high end, reserved from the grants)", () => engine.hold(job)],
  ["settle (90 s at the hold's version)", () => engine.settle(hold, ran)],
  ["quote beside 10 open holds", () => engine.quote({ ...job, holds: ten, grants: [{ ...grants[0], remaining: "500" }, { ...grants[1], remaining: "2000" }, grants[2]] })],
].map(([bench, fn]) => ({ bench, "µs": time(/** @type {() => unknown} */ (fn)).toFixed(1) }));
console.log("holds (full module, Node):");
console.table(rows);
