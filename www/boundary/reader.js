// The one flat-text reader of both modules (src/flat.rs gives the layout): a
// purchase option, a whole quote, a summary and a purchase, each read into the
// very object the JSON result gives, keys in its order. Used by the lite glue
// (www/lite/glue.js) and the full module's fast quote (www/full/quote.js).
//
// Fields are read in order by a cursor (`indexOf` and `slice`), not by
// `split`: on a text fresh from wasm memory, which V8's split cache never
// holds, that reads a summary in 0.3 µs instead of 0.5 µs (Node 20).

/** A flat text's fields (separated by U+001F), read one after another. */
class Fields {
  /** @param {string} text @param {number} at where the first field starts */
  constructor(text, at) {
    this.text = text;
    this.at = at;
  }

  /** The next field (empty past the end). */
  next() {
    const text = this.text, from = this.at, to = text.indexOf("\u001f", from);
    if (to < 0) {
      this.at = text.length + 1;
      return text.slice(from);
    }
    this.at = to + 1;
    return text.slice(from, to);
  }

  /** Whether a field is left. */
  get more() {
    return this.at < this.text.length;
  }
}

/**
 * One purchase option: the next eleven fields.
 * @param {Fields} f
 */
function readPurchase(f) {
  const kind = f.next(), product = f.next(), name = f.next(), quantity = Number(f.next()), credits = f.next(), price = f.next(),
    currency = f.next(), period = f.next(), balanceAfter = f.next(), covers = f.next() === "1", upgrade = f.next();
  return upgrade
    ? { kind, product, name, quantity, credits, price, currency, period, balanceAfter, upgrade, covers }
    : { kind, product, name, quantity, credits, price, currency, period, balanceAfter, covers };
}

/**
 * A list of `Number(next field)` entries, each read by `read`.
 * @template T
 * @param {Fields} f
 * @param {(f: Fields) => T} read
 * @returns {T[]}
 */
function readList(f, read) {
  const list = new Array(Number(f.next()));
  for (let k = 0; k < list.length; k++) list[k] = read(f);
  return list;
}

/**
 * One quote line: eleven fields, its burns (a count, then grant and credits each), then `exact` (empty when absent).
 * @param {Fields} f
 */
function readLine(f) {
  /** @type {any} */
  const line = {
    feature: f.next(), name: f.next(), amount: f.next(), billed: f.next(), included: f.next(), units: f.next(),
    rate: f.next(), per: f.next(), multiplier: f.next(), explanation: f.next(), source: f.next(),
  };
  const burns = readList(f, (g) => ({ grant: g.next(), credits: g.next() }));
  if (burns.length > 0) line.burns = burns;
  const exact = f.next();
  if (exact) line.exact = exact;
  return line;
}

/**
 * A quote from its flat text (`Q` and the fields), or from `J` and its JSON.
 * @param {string} text
 * @returns {any}
 */
export function readQuote(text) {
  if (text.charCodeAt(0) !== 81 /* Q */) return JSON.parse(text.slice(1)); // `J` + JSON
  const f = new Fields(text, 2);
  const rateCard = f.next(), version = f.next(), cardHash = f.next(), fingerprint = f.next(), plan = f.next(), unit = f.next();
  const currency = f.next(), total = f.next(), balance = f.next(), balanceAfter = f.next(), shortfall = f.next();
  // The text has the amounts before the lines; the object, JSON's key order.
  const lines = readList(f, readLine);
  return {
    rateCard, version, cardHash, fingerprint, plan, unit, currency, lines, total, balance, balanceAfter, shortfall,
    purchase: readList(f, readPurchase), warnings: readList(f, (g) => g.next()),
  };
}

/**
 * A summary from its text: 5 fields, then 11 per purchase option.
 * @param {string} text
 */
export function readSummary(text) {
  const f = new Fields(text, 0);
  const unit = f.next(), total = f.next(), balance = f.next(), balanceAfter = f.next(), shortfall = f.next();
  /** @type {ReturnType<typeof readPurchase>[]} */
  const purchase = [];
  while (f.more) purchase.push(readPurchase(f));
  return { unit, total, balance, balanceAfter, shortfall, purchase };
}

/**
 * `buyPacks`' result from its text: `{ product, name, quantity, seats?, credits, price, currency, period }`.
 * @param {string} text
 */
export function readBought(text) {
  const f = new Fields(text, 0);
  const product = f.next(), name = f.next(), quantity = Number(f.next()), seats = f.next();
  const credits = f.next(), price = f.next(), currency = f.next(), period = f.next();
  return seats === ""
    ? { product, name, quantity, credits, price, currency, period }
    : { product, name, quantity, seats: Number(seats), credits, price, currency, period };
}
