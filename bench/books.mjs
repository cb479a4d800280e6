// Price books: the cost of a quote (and of loading) on a book of 2 and of 50
// versions against the card on its own, same request, same process. Run by
// `npm run bench` (bench/run.mjs), or alone: `node bench/books.mjs`.
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const { RateEngine } = createRequire(import.meta.url)(join(ROOT, "dist/full/node.cjs"));
const card = RateEngine.preset("heygen-credits").rateCard();

/** `n` versions, a month apart from 2027-01-01, Avatar IV's rate up by one each month. */
function book(n) {
  return Array.from({ length: n }, (_, i) => {
    const v = { ...structuredClone(card), version: `v${i}` };
    if (i) v.effectiveFrom = `${2027 + Math.floor((i - 1) / 12)}-${String(((i - 1) % 12) + 1).padStart(2, "0")}-01`;
    v.features.avatar_iv.rate = String(20 + i);
    return v;
  });
}

const request = { plan: "business", at: "2027-01-20", items: [{ feature: "avatar_iv", seconds: 120 }], balance: "10" };
const median = (f, batch = 2000, rounds = 11) => {
  for (let i = 0; i < batch; i++) f();
  const t = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) f();
    t.push(Number(process.hrtime.bigint() - t0) / batch / 1000);
  }
  return t.sort((a, b) => a - b)[rounds >> 1];
};
const rows = [];
for (const [label, text] of [["card on its own", JSON.stringify(card)], ["book of 2 versions", JSON.stringify(book(2))], ["book of 50 versions", JSON.stringify(book(50))]]) {
  const t0 = performance.now();
  const engine = RateEngine.fromJson(text);
  const load = performance.now() - t0;
  rows.push({ "rate card": label, "JSON KiB": (text.length / 1024).toFixed(0), "fromJson ms": load.toFixed(1), "quote µs (median)": median(() => engine.quote(request)).toFixed(2) });
}
console.log("price books: a quote on 2027-01-20 (1 item, a short balance)");
console.table(rows);
