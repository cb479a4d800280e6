// One purchase option from flat text's fields `f` at `i` (src/flat.rs,
// `purchase`: eleven fields), as the JSON result gives it, keys in its order.
// Shared by the lite glue (glue.js) and the full module's quote reader
// (www/engine-reader.js, which build.sh appends after this file, `export` removed).
export function readPurchase(f, i) {
  const upgrade = f[i + 10];
  return upgrade
    ? { kind: f[i], product: f[i + 1], name: f[i + 2], quantity: Number(f[i + 3]), credits: f[i + 4], price: f[i + 5],
        currency: f[i + 6], period: f[i + 7], balanceAfter: f[i + 8], upgrade, covers: f[i + 9] === "1" }
    : { kind: f[i], product: f[i + 1], name: f[i + 2], quantity: Number(f[i + 3]), credits: f[i + 4], price: f[i + 5],
        currency: f[i + 6], period: f[i + 7], balanceAfter: f[i + 8], covers: f[i + 9] === "1" };
}
