// The one DOM helper: builds elements from properties and children. Text is
// always set as text (textContent / text nodes), never parsed as HTML.
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "dataset") Object.assign(node.dataset, v);
    else if (k in node) node[k] = v;
    else node.setAttribute(k, v);
  }
  node.append(...children);
  return node;
}

/**
 * The page's element with id `id`: typed `any`, as the page's ids name inputs, tables
 * and the widget's elements alike (each use reads the property it knows is there).
 * @param {string} id
 * @returns {any}
 */
export const $ = (id) => document.getElementById(id);

/**
 * A part of the page that could not be drawn: said on the console for the developer (the buyer
 * sees the part left out, or its own plain sentence), never swallowed.
 * @param {string} part what the page was drawing, e.g. "the price curve"
 * @param {unknown} error
 */
export function reportError(part, error) {
  console.error(`ratecard demo page: ${part} could not be drawn:`, error);
}
