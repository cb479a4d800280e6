// <ratecard-checkout>'s own styles, after the shared ones (base.js): the panel,
// its fields, the lines table, the totals and the buy panel; one column under 420px.
import { css, unsafeCSS } from "lit";
import { reserveRules } from "./reserve.js";

export const checkoutStyles = css`
    :host { display: block; min-width: 0; }
    [part~="panel"] { display: grid; gap: var(--_space); padding: var(--_space); border: 1px solid var(--_line);
      border-radius: var(--_radius); background: var(--_bg); min-height: 24rem; align-content: start; }
    .row { display: flex; flex-wrap: wrap; gap: var(--_space); align-items: flex-end; }
    label { display: grid; gap: 0.2rem; font-size: 0.9em; min-width: 0; }
    label > :is(input, select) { font-size: 1rem; }
    label.check { display: flex; align-items: center; gap: 0.4rem; min-height: 2.5rem; }
    .field { display: grid; gap: 0.1rem; min-width: 0; }
    input.amount { width: 8rem; }
    .length { display: inline-flex; gap: 0.25rem; align-items: center; }
    .echo { margin: 0; font-size: 0.875em; }
    ol.items { list-style: none; margin: 0; padding: 0; display: grid; gap: var(--_space); }
    li.item { display: flex; flex-wrap: wrap; gap: var(--_space); align-items: flex-end; padding-bottom: var(--_space); border-bottom: 1px dashed var(--_line); }
    table { border-collapse: collapse; width: 100%; font-size: 0.95em; }
    th, td { text-align: left; vertical-align: top; padding: 0.35rem 0.25rem; border-bottom: 1px solid var(--_line); }
    td.num, th.num { text-align: right; white-space: nowrap; }
    small.source { display: block; color: var(--_muted); font-size: 0.82em; }
    span.end { display: block; }
    .skeleton.line { display: block; width: 100%; height: 1.4em; margin: 0.1em 0; }
    small.skeleton.line { width: 85%; height: 2.4em; }
    dl.totals { display: grid; grid-template-columns: auto 1fr; gap: 0.2rem 1rem; margin: 0; }
    dl.totals dt { color: var(--_muted); }
    dl.totals dd { margin: 0; font-weight: 600; text-align: right; font-variant-numeric: tabular-nums; }
    output[part~="total"] { font-size: 1.25em; }
    .short { border-left: 4px solid var(--_error); padding-left: var(--_space); }
    .stepper { display: inline-flex; align-items: stretch; }
    .stepper input { width: 4.5rem; text-align: center; border-radius: 0; }
    .stepper button { border-radius: 0; min-width: 2.75rem; }
    ul.plain { margin: 0; padding-left: 1.1rem; }
    /* While it loads (aria-busy), the element is a size container: its skeleton holds the panel's
       height for its own width (reserve.js). */
    :host([aria-busy="true"]) { container-type: inline-size; }
    [part~="skeleton"] { box-sizing: border-box; }
    ${unsafeCSS(reserveRules('[part~="skeleton"]', "min-height"))}
    .skeleton.block { display: block; height: 2.5rem; }
    .skeleton.tall { display: block; height: 8rem; }
    .skeleton.narrow { width: 10rem; }
    .heading { margin: 0; font-size: 1rem; font-weight: 700; }
    .notice { border-left: 4px solid var(--_accent); padding-left: var(--_space); }
    p { margin: 0; }
    @media (max-width: 420px) { table, thead, tbody, tr, th, td { display: block; } thead { display: none; } td.num { text-align: left; } }
  `;
