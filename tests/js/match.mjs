// The subset matcher of tests/cases.json, the same rules as tests/cases.rs:
// every expected key present and equal; arrays element by element and of the
// same length; a string starting with "~" matches any string containing the rest;
// an array starting with "~some" matches when each other element matches some
// element of the actual array, in any order.
export function matches(expected, actual, path = "") {
  if (typeof expected === "string" && expected.startsWith("~")) {
    return typeof actual === "string" && actual.includes(expected.slice(1)) ? [] : [`${path}: ${JSON.stringify(actual)} does not contain ${JSON.stringify(expected.slice(1))}`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected an array, got ${JSON.stringify(actual)}`];
    if (expected[0] === "~some") {
      return expected.slice(1).flatMap((e, i) => (actual.some((a) => matches(e, a).length === 0) ? [] : [`${path}: no element matches ${JSON.stringify(e)} (some[${i + 1}])`]));
    }
    const problems = expected.length === actual.length ? [] : [`${path}: expected ${expected.length} elements, got ${actual.length}`];
    expected.forEach((e, i) => problems.push(...matches(e, actual[i], `${path}[${i}]`)));
    return problems;
  }
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object") return [`${path}: expected an object, got ${JSON.stringify(actual)}`];
    return Object.entries(expected).flatMap(([k, v]) => (k in actual ? matches(v, actual[k], `${path}.${k}`) : [`${path}.${k}: missing`]));
  }
  return expected === actual ? [] : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}
