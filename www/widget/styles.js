// What both elements' shadow roots share: the theme (CSS custom properties,
// `--ratecard-*`; by default the host's colour and font, and light or dark by
// the host's color-scheme, never the OS's alone), buttons, fields, errors,
// skeletons and the screen-reader-only text.
import { css } from "lit";

export const sharedStyles = css`
    /* The host's own colour, font and colour scheme by default: dark only when the host
       is (its color-scheme, which a shadow root inherits) or asks (--ratecard-*). */
    :host {
      color: var(--ratecard-color);
      font: var(--ratecard-font);
      --_bg: var(--ratecard-background, transparent);
      /* Muted text is the text colour itself unless set: a mix with transparent fell to 3.27:1 on a
         host whose own text is already translucent (Vite's template), and the shadow root cannot
         see the background to derive a safe mix. Set --ratecard-muted to a colour checked against yours. */
      --_muted: var(--ratecard-muted, currentColor);
      --_accent: var(--ratecard-accent, light-dark(#0b5fff, #58a6ff));
      --_accent-fg: var(--ratecard-accent-contrast, light-dark(#ffffff, #0d1117));
      --_error: var(--ratecard-error, light-dark(#b42318, #ff8182));
      --_line: var(--ratecard-border, color-mix(in srgb, currentColor 28%, transparent));
      --_radius: var(--ratecard-radius, 8px);
      --_space: var(--ratecard-space, 0.75rem);
      line-height: 1.45;
      /* What must not inherit from the host's page: its alignment, spacing and case. */
      text-align: start; letter-spacing: normal; word-spacing: normal; text-transform: none; text-indent: 0;
      font-style: normal; white-space: normal; font-variant: normal;
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
      background: linear-gradient(90deg, color-mix(in srgb, CanvasText 16%, transparent), color-mix(in srgb, CanvasText 7%, transparent));
    }
    .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    :focus-visible { outline: 2px solid var(--_accent); outline-offset: 2px; }
`;
