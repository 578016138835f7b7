import { css } from 'lit';

/**
 * The theme every element shares. Pages set `--twofa-*` custom properties on
 * `<twofa-enroll>` (or any ancestor); the fallbacks look right with no styling,
 * in light and dark (`prefers-color-scheme`).
 */
export const tokens = css`
  :host {
    --_accent: var(--twofa-accent, #1d5bd8);
    --_on-accent: var(--twofa-on-accent, #ffffff);
    --_text: var(--twofa-text, #1b1d21);
    --_muted: var(--twofa-muted, #545b66);
    --_surface: var(--twofa-surface, #ffffff);
    --_subtle: var(--twofa-subtle, #f2f4f7);
    --_border: var(--twofa-border, #8a919c);
    --_danger: var(--twofa-danger, #b3261e);
    --_success: var(--twofa-success, #18794e);
    --_radius: var(--twofa-radius, 0.5rem);
    --_font: var(--twofa-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_mono: var(--twofa-font-mono, ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace);
    --_space: var(--twofa-spacing, 1rem);
    --_focus: var(--twofa-focus-ring, 0 0 0 3px color-mix(in srgb, var(--_accent) 45%, transparent));
    color: var(--_text);
    font-family: var(--_font);
    line-height: 1.5;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_accent: var(--twofa-accent, #8ab4ff);
      --_on-accent: var(--twofa-on-accent, #0b1a33);
      --_text: var(--twofa-text, #e8eaed);
      --_muted: var(--twofa-muted, #b4bac4);
      --_surface: var(--twofa-surface, #1c1f24);
      --_subtle: var(--twofa-subtle, #2a2e35);
      --_border: var(--twofa-border, #8a919c);
      --_danger: var(--twofa-danger, #ffb4ab);
      --_success: var(--twofa-success, #7bd8a8);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    :host *,
    :host *::before,
    :host *::after {
      transition: none !important;
      animation: none !important;
    }
  }
`;
