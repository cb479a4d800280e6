// The demo page's price-book panel: a one-click example book (the card on
// screen and a made-up next version, labelled as such), and for a loaded
// book its versions, what each changes, and a year on the plan across the
// change. Numbers come from the engine; the page only formats them.
import { $, el, reportError } from "./dom.js";
import { localDay, money, noticeDay, noticeSentences } from "./widget/index.js";
import { plusDays } from "./book-example.js";

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
  } catch (e) {
    reportError("a year on the price book", e);
    $("book-year").textContent = "";
  }
}
