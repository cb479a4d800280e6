// Unit tests of the demo page's share link (www/share.js, pure): the example price book by
// reference, any other card compressed, each back as it was.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { LINK_MAX, exampleRef, packCard, readExampleRef, unpackCard } from "../../www/share.js";
import { exampleBook } from "../../www/book-example.js";

const preset = readFileSync(new URL("../../presets/heygen-credits.json", import.meta.url), "utf8");

test("the example price book goes by reference and is rebuilt as it was", () => {
  const ref = { preset: "heygen-credits", feature: "avatar_iv", plan: "business", today: "2026-12-03" };
  const text = exampleRef(ref);
  assert.equal(text, "heygen-credits~avatar_iv~business~2026-12-03");
  assert.deepEqual(readExampleRef(text), ref);
  assert.deepEqual(readExampleRef(exampleRef({ preset: "heygen-payg", today: "2026-12-03" })), { preset: "heygen-payg", today: "2026-12-03" });
  // The same reference rebuilds the same book, byte for byte.
  const rebuilt = readExampleRef(text);
  assert.ok(rebuilt);
  assert.equal(JSON.stringify(exampleBook(JSON.parse(preset), rebuilt)), JSON.stringify(exampleBook(JSON.parse(preset), ref)));
  for (const bad of [null, "", "a~b", "heygen-credits~~~yesterday", "~a~b~2026-12-03", "x~%E0%A4%A~b~2026-12-03"]) assert.equal(readExampleRef(bad), null, String(bad));
});

test("a custom card goes as what it changes in the built-in card of its id, or whole, compressed: a link of under 2,000 characters that gives the card back", async () => {
  const builtIn = new Map([["heygen-credits", JSON.parse(preset)]]);
  const link = (packed) => `https://example.test/#preset=custom%3Aheygen-credits&locale=en-US&plan=business&cardz=${packed}`;
  // A preset edited by hand (one rate changed), and a price book of two such versions.
  const edited = JSON.parse(preset);
  edited.features.avatar_iv.rate = "25";
  const book = exampleBook(JSON.parse(preset), { feature: "avatar_iv", plan: "business", today: "2026-12-03" });
  for (const card of [edited, book, JSON.parse(preset)]) {
    const pretty = JSON.stringify(card, null, 2);
    const packed = await packCard(pretty, builtIn);
    assert.match(packed, /^p\.[A-Za-z0-9_-]+$/);
    assert.ok(link(packed).length < LINK_MAX, `${link(packed).length} characters (the card is ${pretty.length} as typed)`);
    assert.deepEqual(JSON.parse(await unpackCard(packed, builtIn)), card);
  }
  // A card of its own (no built-in card of its id) goes whole; it still comes back equal.
  const own = { ...JSON.parse(preset), id: "my-prices" };
  const whole = await packCard(JSON.stringify(own), builtIn);
  assert.match(whole, /^w\./);
  assert.deepEqual(JSON.parse(await unpackCard(whole, builtIn)), own);
  console.log(`# a whole preset-sized card of its own: a link of ${link(whole).length} characters`);
  // A null value cannot go as a merge patch (null means "remove"): the card goes whole.
  const withNull = { ...JSON.parse(preset), note: null };
  assert.match(await packCard(JSON.stringify(withNull), builtIn), /^w\./);
  await assert.rejects(unpackCard("p.not-deflate", builtIn));
  await assert.rejects(unpackCard("x.abc", builtIn));
});
