// A price-versus-duration chart in plain SVG. The totals are the engine's
// decimal strings; they are turned into numbers only to place pixels and to
// pick round axis marks (d3-array's `ticks`: 0, 10 min, 20 min…; 0, 50, 100
// credits), which label the axes instead of the last sample's odd values.
import { ticks } from "d3-array";

const NS = "http://www.w3.org/2000/svg";
const H = 200, PAD = { left: 48, right: 12, top: 12, bottom: 28 };

function svgEl(tag, attrs = {}, text) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * Draws `totals[i]` at `from + i × step` seconds into `svg`, marks `current`
 * seconds with the quote's own `currentTotal`, and each step position
 * (increment boundaries, a minimum charge). `format` turns a decimal string
 * into display text, `seconds` a number of seconds. `width` is the drawing's
 * width in its own units (640; 360 on a phone, so its labels stay legible at
 * the phone's width: the CSS gives the figure the same aspect ratio).
 */
export function drawCurve(svg, { from, step, totals, current, currentTotal, steps, format, seconds = (s) => `${s} s`, width = 640 }) {
  const W = width;
  svg.replaceChildren();
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  if (!totals.length) return;
  const to = from + step * (totals.length - 1);
  const values = totals.map(Number);
  const top = Math.max(...values, 0) || 1;
  const x = (s) => PAD.left + ((s - from) / Math.max(to - from, 1)) * (W - PAD.left - PAD.right);
  const y = (v) => H - PAD.bottom - (v / top) * (H - PAD.top - PAD.bottom);

  svg.append(svgEl("line", { x1: PAD.left, y1: y(0), x2: W - PAD.right, y2: y(0), class: "axis" }));
  svg.append(svgEl("line", { x1: PAD.left, y1: PAD.top, x2: PAD.left, y2: y(0), class: "axis" }));
  // Round marks: amounts (a grid line and its label inside the plot), and lengths in whole
  // minutes from two minutes up, else in seconds.
  for (const v of ticks(0, top, 3).filter((v) => v > 0 && v <= top)) {
    svg.append(svgEl("line", { x1: PAD.left, y1: y(v), x2: W - PAD.right, y2: y(v), class: "grid" }));
    svg.append(svgEl("text", { x: PAD.left + 4, y: y(v) - 3, class: "label tick-y" }, format(String(v))));
  }
  const perMark = to >= 120 ? 60 : 1;
  const marks = ticks(0, to / perMark, W < 400 ? 3 : 5).map((m) => m * perMark).filter((s) => s >= from && s <= to && Number.isInteger(s));
  for (const [i, s] of marks.entries()) {
    const anchor = i === marks.length - 1 && x(s) > W - 40 ? "end" : i === 0 && x(s) < PAD.left + 20 ? "start" : "middle";
    svg.append(svgEl("line", { x1: x(s), y1: y(0), x2: x(s), y2: y(0) + 4, class: "axis" }));
    svg.append(svgEl("text", { x: x(s), y: H - 8, "text-anchor": anchor, class: "label tick-x" }, seconds(s)));
  }
  for (const s of steps.filter((s) => s >= from && s <= to)) {
    svg.append(svgEl("line", { x1: x(s), y1: PAD.top, x2: x(s), y2: y(0), class: "step" }));
  }
  const points = values.map((v, i) => `${x(from + i * step).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
  svg.append(svgEl("polyline", { points, class: "curve" }));
  if (current >= from && current <= to) {
    // The marker is the quote's own amount (currentTotal), not the nearest sample.
    const amount = currentTotal ?? totals[Math.min(totals.length - 1, Math.max(0, Math.round((current - from) / step)))];
    svg.append(svgEl("line", { x1: x(current), y1: PAD.top, x2: x(current), y2: y(0), class: "now" }));
    svg.append(svgEl("circle", { cx: x(current), cy: y(Number(amount)), r: 4, class: "now-dot" }));
    // Left of the line when it would run past the right edge.
    const right = x(current) + 6 + 150 <= W;
    svg.append(svgEl("text", { x: right ? x(current) + 6 : x(current) - 6, y: PAD.top + 24, "text-anchor": right ? "start" : "end", class: "label now-label" }, `${seconds(current)}: ${format(amount)}`));
  }
}
