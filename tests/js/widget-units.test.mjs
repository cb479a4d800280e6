// Unit tests of the widget's pure modules (www/widget/messages.js, lines.js),
// in Node, against real quotes and errors of the package: engine errors in
// plain words next to their field, and a quote line's sentence in the locale.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { ROOT } from "./helpers.mjs";
import { fieldOf, plainWords } from "../../www/widget/messages.js";
import { lineSentence } from "../../www/widget/lines.js";

const { RateEngine } = createRequire(import.meta.url)(`${ROOT}/dist/full/node.cjs`);
const thrown = (f) => { try { f(); } catch (e) { return e; } throw new Error("no error"); };

test("a quote line's sentence in the buyer's words and number format", () => {
  const engine = RateEngine.preset("heygen-credits");
  const item = { feature: "avatar_iv", seconds: 90, options: { expressive_motion: true } };
  const line = engine.quote({ plan: "business", items: [item], balance: "10" }).lines[0];
  const card = engine.rateCard();
  assert.equal(lineSentence("en-US", line, card, item), "1 min 30 sec × 20 credits/min × 2 (Custom Expressive Motion) = 60 credits");
  assert.equal(lineSentence("de-DE", line, card, item), "1 Min. 30 Sek. × 20 credits/min × 2 (Custom Expressive Motion) = 60 credits");
});

test("engine errors in plain words beside their field, never the engine's message", () => {
  const api = RateEngine.preset("heygen-api");
  const items = [{ feature: "video_avatar", seconds: 181 }];
  const long = thrown(() => api.quote({ plan: "free", items }));
  assert.equal(fieldOf(long), "items.0.seconds");
  assert.equal(plainWords(long, fieldOf(long), { locale: "en-US", card: api.rateCard(), planId: "free", items }), "API Free allows videos up to 3 min.");
  const yearly = thrown(() => api.simulate({ plan: "pro", billing: "year", start: "2026-01-01", until: "2026-02-01" }));
  assert.equal(fieldOf(yearly), "billing");
  assert.equal(plainWords(yearly, "billing", { locale: "en-US", card: api.rateCard(), planId: "pro" }), "API Pro is billed monthly only.");
  const credits = RateEngine.preset("heygen-credits");
  const zero = [{ feature: "avatar_iv", seconds: 0 }];
  const e = thrown(() => credits.quote({ plan: "business", items: zero }));
  assert.equal(plainWords(e, fieldOf(e), { locale: "de-DE", card: credits.rateCard(), planId: "business", items: zero }), "Enter an amount greater than zero.");
  // A message with a path but no path array still names its field.
  assert.equal(fieldOf({ message: "items[2].options.resolution: no" }), "items.2.options.resolution");
});
