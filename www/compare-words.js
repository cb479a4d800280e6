// Why a price list cannot run the cart, in plain words, from the engine's
// refusal as data (`row.refusal`: `{ code, path }`, the path as segments): "this price list has no
// Avatar III", "Pay-As-You-Go needs an avatar type", "Avatar III is available
// to existing customers only". Pure: no DOM, no engine; unit-tested in Node.

/** @param {string} word */
const article = (word) => (/^[aeiou]/i.test(word) ? "an" : "a");

/**
 * @param {{ code: string, path: (string | number)[] } | undefined} refusal the first plan's refusal
 * @param {any} rowCard the price list of the row
 * @param {any} cartCard the price list the cart was made on (its names)
 * @param {{ feature: string }[]} cart
 * @returns {string}
 */
export function cannotRun(refusal, rowCard, cartCard, cart) {
  const generic = "No plan of this price list can run this cart.";
  const [top, index, field, key] = refusal?.path ?? [];
  const fits = top === "items" && typeof index === "number" && (field === "options" ? typeof key === "string" : ["feature", "seconds", "quantity"].includes(String(field)));
  if (!refusal || !fits) return generic;
  const id = cart[index]?.feature;
  const name = cartCard?.features?.[id]?.name ?? rowCard?.features?.[id]?.name ?? "this feature";
  const feature = rowCard?.features?.[id];
  if (refusal.code === "unknown_feature") return `This price list has no ${name}.`;
  const option = field === "options" ? feature?.options?.[key] : undefined;
  // A gate (Avatar III for existing customers) says why in the card's own words.
  if (option?.type === "boolean" && option.gate) return `${option.gate.split(";")[0].trim().replace(/\.$/, "")}.`;
  if (refusal.code === "invalid_option" && option) return `${rowCard.name} needs ${article(option.label)} ${option.label.toLowerCase()} for ${name}.`;
  if (refusal.code === "not_available") return `No plan of this price list includes ${name}.`;
  if (refusal.code === "plan_limit" || refusal.code === "invalid_quantity") return `No plan of this price list allows this much ${name}.`;
  return generic;
}

/**
 * What a row's price leaves out of the cart, or "": "Priced without Custom Expressive
 * Motion (Avatar IV): this price list does not offer it."
 * @param {{ item: number, option: string }[] | undefined} leftOut
 * @param {any} cartCard the price list the cart was made on (its names)
 * @param {{ feature: string }[]} cart
 */
export function leftOutWords(leftOut, cartCard, cart) {
  if (!leftOut?.length) return "";
  const names = leftOut.map(({ item, option }) => {
    const feature = cartCard?.features?.[cart[item]?.feature];
    const label = feature?.options?.[option]?.label ?? option.replaceAll("_", " ");
    return `${label} (${feature?.name ?? "an item"})`;
  });
  return `Priced without ${[...new Set(names)].join(", ")}: this price list does not offer ${leftOut.length > 1 ? "them" : "it"}.`;
}

/**
 * Why a comparison row buys a renewal: "API Pro sells no credit packs: more credits this month
 * means renewing now, which starts a new month today."
 * @param {string} planName
 */
export function renewalReason(planName) {
  return `${planName} sells no credit packs: more credits this month means renewing now, which starts a new month today.`;
}

/**
 * The choice a row asks of the buyer, when its refusal is an option the cart leaves unset that
 * the row's price list offers as a list: `{ item, key, label, values }` (values as
 * `[value, words]`), else undefined. Pay-As-You-Go's avatar type, for one.
 * @param {{ code: string, path: (string | number)[] } | undefined} refusal
 * @param {any} rowCard
 * @param {{ feature: string, options?: Record<string, unknown> }[]} cart
 */
export function missingChoice(refusal, rowCard, cart) {
  const [top, index, field, key] = refusal?.path ?? [];
  if (refusal?.code !== "invalid_option" || top !== "items" || typeof index !== "number" || field !== "options" || typeof key !== "string") return undefined;
  const option = rowCard?.features?.[cart[index]?.feature]?.options?.[key];
  if (option?.type !== "enum") return undefined;
  return { item: index, key, label: option.label, values: option.values.map((/** @type {string} */ v) => [v, v.replaceAll("_", " ")]) };
}

/**
 * The cart with the buyer's choice for one row set: item `item`'s option `key` = `value`.
 * @param {{ feature: string, options?: Record<string, unknown> }[]} cart
 * @param {{ item: number, key: string, value: string }} choice
 */
export function withChoice(cart, { item, key, value }) {
  return cart.map((it, i) => (i === item ? { ...it, options: { ...(it.options ?? {}), [key]: value } } : it));
}
