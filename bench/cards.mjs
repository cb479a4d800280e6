// Rate cards at the limits, for the benches (bench/worst.mjs, bench/card-src.mjs).

const many = (n, make) => Array.from({ length: n }, (_, i) => make(i));

/**
 * The worst card the limits let through, near 1 MiB: `card`'s own features, a 1,000-value enum
 * with 1,000 rates, each allowing 100 values that no item picks (every quote scans every list)
 * but the last, which allows every value; and 40 features of 10,000 combinations (100 × 100)
 * whose rates each cover one row, so every combination is checked on load.
 * @param {any} card a preset's rate card (its plans and products are kept)
 */
export function worstRateCard(card) {
  const values = many(1000, (i) => `v${i}`);
  const wide = { name: "wide", input: "seconds", options: { o: { type: "enum", label: "o", values } }, source: "bench",
    rates: [...many(999, (r) => ({ when: { o: many(100, (k) => `v${1 + ((r * 7 + k) % 999)}`) }, rate: "1", per: "second" })),
      { when: { o: values }, rate: "2", per: "second" }] };
  const hundred = many(100, (i) => `a${i}`);
  const grid = { name: "grid", input: "seconds", source: "bench",
    options: { x: { type: "enum", label: "x", values: hundred }, y: { type: "enum", label: "y", values: hundred } },
    rates: hundred.map((v) => ({ when: { x: v }, rate: "1", per: "second" })) };
  return { ...card, id: "worst", features: { ...card.features, wide, ...Object.fromEntries(many(40, (i) => [`grid${i}`, grid])) } };
}

/**
 * The red team's card: a feature of 10,000 combinations (100 × 100 values) whose first rate's
 * `when` list repeats one value 85,000 times and whose second rate covers the rest, so every
 * combination scanned the whole list (14.7 s to load before lists were bounded; refused now).
 * @param {any} card a preset's rate card
 */
export function repeatedWhenCard(card) {
  const hundred = (p) => many(100, (i) => `${p}${i}`);
  const long = { name: "long", input: "seconds", source: "bench",
    options: { x: { type: "enum", label: "x", values: hundred("a") }, y: { type: "enum", label: "y", values: hundred("b") } },
    rates: [{ when: { x: many(85000, () => "a0") }, rate: "1", per: "second" }, { rate: "2", per: "second" }] };
  return { ...card, id: "repeated", features: { ...card.features, long } };
}
