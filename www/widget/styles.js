// What both elements' shadow roots share: the theme (CSS custom properties,
// `--ratecard-*`, with light and dark defaults), buttons, fields, errors,
// skeletons and the screen-reader-only text.
import { css } from "lit";

export const sharedStyles = css`
    :host {
      --_fg: var(--ratecard-color, #1b1f24);
      --_bg: var(--ratecard-background, #ffffff);
      --_muted: var(--ratecard-muted, #57606a);
      --_accent: var(--ratecard-accent, #0b5fff);
      --_accent-fg: var(--ratecard-accent-contrast, #ffffff);
      --_error: var(--ratecard-error, #b42318);
      --_line: var(--ratecard-border, #d0d7de);
      --_radius: var(--ratecard-radius, 8px);
      --_space: var(--ratecard-space, 0.75rem);
      font: var(--ratecard-font, 1rem/1.45 system-ui, sans-serif);
      color: var(--_fg);
      color-scheme: light dark;
    }
    @media (prefers-color-scheme: dark) {
      :host {
        --_fg: var(--ratecard-color, #e6edf3);
        --_bg: var(--ratecard-background, #0d1117);
        --_muted: var(--ratecard-muted, #9da7b3);
        --_accent: var(--ratecard-accent, #58a6ff);
        --_accent-fg: var(--ratecard-accent-contrast, #0d1117);
        --_error: var(--ratecard-error, #ff8182);
        --_line: var(--ratecard-border, #30363d);
      }
    }
    button {
      font: inherit; cursor: pointer; border-radius: var(--_radius); padding: 0.4em 0.9em;
      border: 1px solid var(--_accent); background: var(--_accent); color: var(--_accent-fg); min-height: 2.5rem;
    }
    button.secondary { background: transparent; color: var(--_accent); }
    button[aria-disabled="true"] { opacity: 0.5; cursor: not-allowed; }
    input, select {
      font: inherit; color: inherit; background: var(--_bg); border: 1px solid var(--_line);
      border-radius: calc(var(--_radius) / 2); padding: 0.35em 0.5em; min-height: 2.5rem; box-sizing: border-box; max-width: 100%;
    }
    [aria-invalid="true"] { border-color: var(--_error); outline-color: var(--_error); }
    .error { color: var(--_error); margin: 0.25rem 0 0; font-size: 0.9em; }
    .muted { color: var(--_muted); }
    .skeleton {
      display: inline-block; border-radius: 4px; min-height: 1em; color: transparent;
      background: linear-gradient(90deg, color-mix(in srgb, var(--_line) 60%, transparent), color-mix(in srgb, var(--_line) 25%, transparent));
    }
    .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    :focus-visible { outline: 2px solid var(--_accent); outline-offset: 2px; }
`;
