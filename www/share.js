// The demo page's share link, kept short (under 2,000 characters, which every browser and
// chat app keeps whole): the example price book by reference (the preset, feature, plan and
// day it was made from, rebuilt by book-example.js); any other rate card of the buyer's own
// as what it changes in the built-in card of its id (a JSON merge patch, RFC 7396, by the
// json-merge-patch library), or whole when that is shorter or there is no such card, minified
// and compressed (deflate-raw, base64url). Pure (no DOM; CompressionStream is in browsers and
// Node): unit-tested in Node.
import mergePatch from "json-merge-patch";

/** The most characters a share link should have. */
export const LINK_MAX = 2000;

/**
 * The example price book's reference: `preset~feature~plan~today` (each part URI-encoded).
 * @param {{ preset: string, feature?: string, plan?: string, today: string }} ref
 */
export function exampleRef({ preset, feature, plan, today }) {
  return [preset, feature ?? "", plan ?? "", today].map(encodeURIComponent).join("~");
}

/**
 * A reference back into its parts, or null when it is not one.
 * @param {string | null} text
 * @returns {{ preset: string, feature?: string, plan?: string, today: string } | null}
 */
export function readExampleRef(text) {
  const parts = String(text ?? "").split("~");
  if (parts.length !== 4) return null;
  let decoded;
  try {
    decoded = parts.map(decodeURIComponent);
  } catch {
    return null;
  }
  const [preset, feature, plan, today] = decoded;
  if (!preset || !/^\d{4}-\d{2}-\d{2}$/.test(today)) return null;
  return { preset, ...(feature ? { feature } : {}), ...(plan ? { plan } : {}), today };
}

/**
 * Bytes as base64url (no padding).
 * @param {Uint8Array} bytes
 */
function base64url(bytes) {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/**
 * Text deflated and written in base64url.
 * @param {string} text
 */
async function deflate(text) {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  return base64url(new Uint8Array(await new Response(stream).arrayBuffer()));
}

/**
 * base64url text inflated.
 * @param {string} packed
 */
async function inflate(packed) {
  const binary = atob(packed.replaceAll("-", "+").replaceAll("_", "/"));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return new Response(stream).text();
}

/**
 * A card (or each version of a book) as a merge patch of the built-in card of its id, or
 * undefined when one has none.
 * @param {any} parsed
 * @param {Map<string, any>} builtIn
 */
function patchOf(parsed, builtIn) {
  const versions = Array.isArray(parsed) ? parsed : [parsed];
  const patches = [];
  for (const v of versions) {
    const base = v && typeof v === "object" ? builtIn.get(v.id) : undefined;
    if (!base) return undefined;
    patches.push([v.id, mergePatch.generate(base, v) ?? {}]);
  }
  return Array.isArray(parsed) ? { book: patches } : { card: patches[0] };
}

/**
 * A patch back onto the built-in cards.
 * @param {any} patch
 * @param {Map<string, any>} builtIn
 */
function applyPatch(patch, builtIn) {
  const one = (/** @type {[string, any]} */ [id, p]) => {
    const base = builtIn.get(id);
    if (!base) throw new Error(`the link's rate card is based on "${id}", which is not built in`);
    return mergePatch.apply(structuredClone(base), p);
  };
  return patch.book ? patch.book.map(one) : one(patch.card);
}

/**
 * A rate card's (or price book's) JSON for a link: `p.` and what it changes in the built-in card
 * of its id (`builtIn`: id → card), or `w.` and the whole card, whichever is shorter, each
 * minified and compressed.
 * @param {string} json
 * @param {Map<string, any>} [builtIn]
 * @returns {Promise<string>}
 */
export async function packCard(json, builtIn = new Map()) {
  const parsed = JSON.parse(json);
  const whole = `w.${await deflate(JSON.stringify(parsed))}`;
  const patch = patchOf(parsed, builtIn);
  // A patch that does not give the card back (a null value, which a merge patch reads as "delete") is not used.
  if (!patch || mergePatch.generate(applyPatch(patch, builtIn), parsed) !== undefined) return whole;
  const patched = `p.${await deflate(JSON.stringify(patch))}`;
  return patched.length < whole.length ? patched : whole;
}

/**
 * `packCard`'s text back to the card's JSON; rejects when it is not one.
 * @param {string} packed
 * @param {Map<string, any>} [builtIn]
 * @returns {Promise<string>}
 */
export async function unpackCard(packed, builtIn = new Map()) {
  if (packed.startsWith("w.")) return inflate(packed.slice(2));
  if (packed.startsWith("p.")) return JSON.stringify(applyPatch(JSON.parse(await inflate(packed.slice(2))), builtIn), null, 2);
  throw new Error("not a packed rate card");
}
