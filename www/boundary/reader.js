// The one flat-text reader of both modules (src/flat.rs gives the layout): a
// purchase option, a whole quote, a summary and a purchase, each read into the
// very object the JSON result gives, keys in its order. Used by the lite glue
// (www/lite/glue.js) and the full module's fast quote (www/full/quote.js).

/**
 * One purchase option from flat text's fields `f` at `i` (eleven fields).
 * @param {string[]} f
 * @param {number} i
 */
function readPurchase(f, i) {
  const upgrade = f[i + 10];
  return upgrade
    ? { kind: f[i], product: f[i + 1], name: f[i + 2], quantity: Number(f[i + 3]), credits: f[i + 4], price: f[i + 5],
        currency: f[i + 6], period: f[i + 7], balanceAfter: f[i + 8], upgrade, covers: f[i + 9] === "1" }
    : { kind: f[i], product: f[i + 1], name: f[i + 2], quantity: Number(f[i + 3]), credits: f[i + 4], price: f[i + 5],
        currency: f[i + 6], period: f[i + 7], balanceAfter: f[i + 8], covers: f[i + 9] === "1" };
}

/**
 * A quote from its flat text (`Q` and the fields), or from `J` and its JSON.
 * @param {string} text
 * @returns {any}
 */
export function readQuote(text) {
  if (text.charCodeAt(0) !== 81 /* Q */) return JSON.parse(text.slice(1)); // `J` + JSON
  const f = text.split("\u001f");
  let i = 1;
  /** @type {any} */
  const q = {
    rateCard: f[i++], version: f[i++], cardHash: f[i++], fingerprint: f[i++], plan: f[i++], unit: f[i++],
    currency: f[i++], lines: null, total: f[i++], balance: f[i++], balanceAfter: f[i++], shortfall: f[i++],
    purchase: null, warnings: null,
  };
  const lines = new Array(Number(f[i++]));
  for (let k = 0; k < lines.length; k++) {
    /** @type {any} */
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

/**
 * A summary from its text: 5 fields, then 11 per purchase option.
 * @param {string} text
 */
export function readSummary(text) {
  const f = text.split("\u001f");
  const n = ((f.length - 5) / 11) | 0;
  const purchase = new Array(n);
  for (let k = 0; k < n; k++) purchase[k] = readPurchase(f, 5 + 11 * k);
  return { unit: f[0], total: f[1], balance: f[2], balanceAfter: f[3], shortfall: f[4], purchase };
}

/**
 * `buyPacks`' result from its text: `{ product, name, quantity, seats?, credits, price, currency, period }`.
 * @param {string} text
 */
export function readBought(text) {
  const f = text.split("\u001f");
  return f[3] === ""
    ? { product: f[0], name: f[1], quantity: Number(f[2]), credits: f[4], price: f[5], currency: f[6], period: f[7] }
    : { product: f[0], name: f[1], quantity: Number(f[2]), seats: Number(f[3]), credits: f[4], price: f[5], currency: f[6], period: f[7] };
}
