// The demo page's price-book panel: a one-click example book (the card on
// screen and a made-up next version, labelled as such), and for a loaded
// book its versions, what each changes, and a year on the plan across the
// change. Numbers come from the engine; the page only formats them.
import { $, el } from "./dom.js";
import { money } from "./widget/locale.js";
import { localDay, noticeDay, noticeSentences } from "./widget/notice.js";

/** `YYYY-MM-DD` `days` after `iso`. */
const plusDays = (iso, days) => localDay(new Date(new Date(`${iso}T12:00:00`).getTime() + days * 86400000));

/**
 * A decimal string × 1.25, exactly, rounded half up to its own places ("20" → "25",
 * "149.00" → "186.25"): integer arithmetic on the digits, no float.
 * @param {string} d
 */
export function raiseByAQuarter(d) {
  const [int, frac = ""] = d.split(".");
  const q = (BigInt(`${int}${frac}`) * 125n + 50n) / 100n;
  const digits = q.toString().padStart(frac.length + 1, "0");
  return frac ? `${digits.slice(0, -frac.length)}.${digits.slice(-frac.length)}` : digits;
}

/**
 * `card` and a made-up next version taking effect `today` + 14 days: the rate of `feature`
 * (else the first feature with one) and the price of `plan` (else the first priced plan) up
 * by a quarter; both named as an example, not a real price.
 * @param {any} card
 * @param {{ feature?: string, plan?: string, today: string }} focus
 */
export function exampleBook(card, { feature, plan, today }) {
  const now = structuredClone(card);
  delete now.effectiveFrom;
  now.name = `${card.name} (example price book)`;
  const next = { ...structuredClone(now), version: `${now.version}-example`, effectiveFrom: plusDays(today, 14) };
  const f = [next.features[feature], ...Object.values(next.features)].find((x) => x?.rate);
  if (f) f.rate = raiseByAQuarter(f.rate);
  const p = [next.plans[plan], ...Object.values(next.plans)].find((x) => x?.price && !/^0*(\.0*)?$/.test(x.price));
  if (p) p.price = raiseByAQuarter(p.price);
  return [now, next];
}

/** What the panel shows now: `[engine, custom, locale, plan]`. */
let shown = [];

/**
 * Shows a loaded book's versions, their changes and a year on `plan` from today (hidden
 * for a card on its own).
 * @param {any} engine the checkout's full engine, or null
 * @param {{ example?: boolean } | null} custom the loaded card, or null for a preset
 * @param {string} locale
 * @param {string} plan
 */
export function renderBook(engine, custom, locale, plan) {
  // Drawn again only when what it shows can change (not on every keystroke: it replays a year).
  const key = [engine, custom, locale, plan];
  if (shown.length && key.every((k, i) => k === shown[i])) return;
  shown = key;
  const versions = custom && engine ? engine.versions() : [];
  $("book").hidden = versions.length < 2;
  if (versions.length < 2) return;
  $("book-label").textContent = custom.example ? "An example with made-up prices, not real HeyGen prices." : `${versions.length} versions.`;
  $("book-versions").replaceChildren(...versions.map((v, i) => {
    const changes = i ? engine.diff(versions[i - 1].version, v.version) : [];
    const upcoming = { from: "", version: v.version, effectiveFrom: v.effectiveFrom, changes };
    const said = changes.length ? `: ${noticeSentences(locale, upcoming, { max: 20 }).join("; ")}` : "";
    return el("li", { textContent: `Version ${v.version}, ${v.effectiveFrom ? `from ${noticeDay(locale, v.effectiveFrom)}` : "from the start"}${said}` });
  }));
  const start = localDay();
  try {
    const s = engine.simulate({ plan, start, until: plusDays(start, 364) });
    const changed = s.events.find((e) => e.kind === "price_change" && e.note.startsWith("renewal"));
    $("book-year").textContent = `A year on this plan from today: ${money(locale, s.spent, s.currency)}${changed ? `; renewals from ${noticeDay(locale, changed.at)} at the new version's prices` : ""}.`;
  } catch {
    $("book-year").textContent = "";
  }
}
