// The oracle of the Python replay: each customer's rows made into a `simulate` request by the
// README's rule (by day; on a day, simulate's order of kinds; within a kind, by feature,
// options, seconds, quantity, plan), simulated by the packed npm package. Reads
// `[{ card, start, until, customers: { id: [row] } }]` on standard input, writes
// `[{ id: summary | { error } }]`. Run by python/tests/test_replay.py.
import { createRequire } from "node:module";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { packAndInstall } from "../../tests/js/helpers.mjs";

const chunks = [];
for await (const c of process.stdin) chunks.push(c);
const jobs = JSON.parse(Buffer.concat(chunks).toString("utf8"));

const { dir } = await packAndInstall();
try {
  const { RateEngine } = createRequire(join(dir, "oracle.cjs"))("ratecard");
  const KINDS = ["subscribe", "cancel", "upgrade", "purchase", "unit_change", "usage"];
  // Rust's Option order: absent first; then the value (numbers by value, strings by code unit).
  const cmp = (a, b) => (a === b ? 0 : a == null ? -1 : b == null ? 1 : typeof a === "number" ? a - b : a < b ? -1 : 1);
  const key = (r) => [r.at, KINDS.indexOf(r.kind), r.feature, r.options, r.seconds == null ? null : Number(r.seconds), r.quantity, r.plan];
  const order = (rows) => [...rows].sort((a, b) => { const ka = key(a), kb = key(b); for (let i = 0; i < ka.length; i++) { const c = cmp(ka[i], kb[i]); if (c) return c; } return 0; });

  const out = jobs.map(({ card, start, until, customers }) => {
    const engine = RateEngine.fromJson(card);
    const hashes = Object.fromEntries(engine.versions().map((v) => [v.version, v.cardHash]));
    return Object.fromEntries(Object.entries(customers).map(([id, rows]) => {
      const req = { start: "", until, usage: [], purchases: [], upgrades: [], unitChanges: [] };
      for (const r of order(rows.filter((r) => r.at >= start && r.at <= until))) {
        if (r.kind === "subscribe") {
          Object.assign(req, { start: r.at, ...(r.plan ? { plan: r.plan } : {}), ...(r.billing ? { billing: r.billing } : {}) });
          if (r.allow_overage) req.allowOverage = true;
          if (r.auto_renew) req.autoRenew = true;
        } else if (r.kind === "usage") {
          req.usage.push({ at: r.at, feature: r.feature, ...(r.seconds != null ? { seconds: r.seconds } : { quantity: r.quantity }), options: r.options ? JSON.parse(r.options) : {} });
        } else if (r.kind === "purchase") req.purchases.push({ at: r.at, quantity: r.quantity });
        else if (r.kind === "upgrade") req.upgrades.push({ at: r.at, plan: r.plan });
        else if (r.kind === "unit_change") req.unitChanges.push({ at: r.at, quantity: r.quantity });
        else if (r.kind === "cancel") req.cancelAt = r.at;
      }
      try {
        const s = engine.simulate(req);
        return [id, { plan: s.plan, currency: s.currency, spent: s.spent, credits_granted: s.creditsGranted, credits_used: s.creditsUsed,
          expired: s.expired, overage: s.overage, balance: s.balance, refused: s.refused, version: s.version, card_hash: hashes[s.version] }];
      } catch (e) {
        return [id, { error: e.code, message: e.message }];
      }
    }));
  });
  process.stdout.write(JSON.stringify(out));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
