// The height `<ratecard-checkout>` holds before its module loads and while it loads, by its own
// width (a container query on the element): a narrow panel stacks its fields and is taller. Pure
// CSS text, shared by the element's skeleton (checkout-styles.js) and by `ratecard/react`'s
// reserve style for server-rendered pages, so the two cannot disagree.
//
// The heights are the panel's for a one-item cart with a shortfall (the docs' example: Avatar IV
// on Business, a balance of 10), measured in Chromium at each width with the browser's default
// font and with create-vite's `system-ui` at line-height 1.5 (taking a height between the two).
// A host whose cart differs sets `--ratecard-reserve-height`.

/** `[the widest element, in CSS px, a step applies to, its height in rem]`, widest first; wider than all: `RESERVE_WIDE`. */
export const RESERVE_STEPS = /** @type {const} */ ([[860, 42], [680, 45], [540, 49], [460, 56], [410, 60], [350, 64]]);
/** The height, in rem, of a panel wider than every step. */
export const RESERVE_WIDE = 40;

/**
 * CSS giving `selector` its reserved `property` (`height` or `min-height`) by the width of its
 * query container (the element, made one while it loads), unless `--ratecard-reserve-height` is set.
 * @param {string} selector
 * @param {"height" | "min-height"} property
 */
export function reserveRules(selector, property) {
  const rule = (/** @type {number} */ rem) => `${selector}{${property}:var(--ratecard-reserve-height,${rem}rem)}`;
  // Narrower steps come later, so that they win where several match.
  return rule(RESERVE_WIDE) + RESERVE_STEPS.map(([px, rem]) => `@container (max-width:${px}px){${rule(rem)}}`).join("");
}
