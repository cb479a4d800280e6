// The flat text readers (src/flat.rs gives the layout): one purchase option,
// and a whole quote, each read into the very object the JSON result gives,
// keys in its order. Shared by the lite glue (glue.js) and the full module's
// fast quote (www/full/quote.js).

// One purchase option from flat text's fields `f` at `i` (eleven fields).
export function readPurchase(f, i) {
  const upgrade = f[i + 10];
  return upgrade
    ? { kind: f[i], product: f[i + 1], name: f[i + 2], quantity: Number(f[i + 3]), credits: f[i + 4], price: f[i + 5],
        currency: f[i + 6], period: f[i + 7], balanceAfter: f[i + 8], upgrade, covers: f[i + 9] === "1" }
    : { kind: f[i], product: f[i + 1], name: f[i + 2], quantity: Number(f[i + 3]), credits: f[i + 4], price: f[i + 5],
        currency: f[i + 6], period: f[i + 7], balanceAfter: f[i + 8], covers: f[i + 9] === "1" };
}

// A quote from its flat text (`Q` and the fields), or from `J` and its JSON.
export function readQuote(text) {
  if (text.charCodeAt(0) !== 81 /* Q */) return JSON.parse(text.slice(1)); // `J` + JSON
  const f = text.split("\u001f");
  let i = 1;
  const q = {
    rateCard: f[i++], version: f[i++], cardHash: f[i++], fingerprint: f[i++], plan: f[i++], unit: f[i++],
    currency: f[i++], lines: null, total: f[i++], balance: f[i++], balanceAfter: f[i++], shortfall: f[i++],
    purchase: null, warnings: null,
  };
  const lines = new Array(Number(f[i++]));
  for (let k = 0; k < lines.length; k++) {
    const line = {
      feature: f[i++], name: f[i++], amount: f[i++], billed: f[i++], included: f[i++], units: f[i++],
      rate: f[i++], per: f[i++], multiplier: f[i++], explanation: f[i++], source: f[i++],
    };
    const burns = Number(f[i++]);
    if (burns > 0) {
      line.burns = new Array(burns);
      for (let b = 0; b < burns; b++) line.burns[b] = { grant: f[i++], credits: f[i++] };
    }
    lines[k] = line;
  }
  q.lines = lines;
  const purchase = new Array(Number(f[i++]));
  for (let k = 0; k < purchase.length; k++, i += 11) purchase[k] = readPurchase(f, i);
  q.purchase = purchase;
  q.warnings = f.slice(i + 1, i + 1 + Number(f[i]));
  return q;
}
