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
