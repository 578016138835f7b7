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

/** Buttons, links, headings and text shared by the steps. */
export const base = css`
  :host {
    display: block;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  h2 {
    font-size: 1.375rem;
    line-height: 1.3;
    margin: 0 0 calc(var(--_space) * 0.75);
  }
  h2:focus {
    outline: none;
  }
  h2:focus-visible {
    box-shadow: var(--_focus);
    border-radius: 2px;
  }
  p {
    margin: 0 0 calc(var(--_space) * 0.75);
  }
  .muted {
    color: var(--_muted);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.5);
    margin-top: var(--_space);
    align-items: center;
  }
  .actions .spacer {
    flex: 1 1 auto;
  }
  button,
  .button {
    font: inherit;
    min-height: 2.75rem;
    min-width: 2.75rem;
    padding: 0.5rem 1.125rem;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_text);
    cursor: pointer;
    text-decoration: none;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.4em;
  }
  button.primary,
  .button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  button.link {
    border-color: transparent;
    background: transparent;
    color: var(--_accent);
    text-decoration: underline;
    padding-inline: 0.25rem;
  }
  button:focus-visible,
  .button:focus-visible,
  a:focus-visible,
  input:focus-visible,
  select:focus-visible,
  summary:focus-visible {
    outline: 2px solid transparent;
    box-shadow: var(--_focus);
  }
  button:disabled,
  button[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.6;
  }
  a {
    color: var(--_accent);
  }
  label {
    display: block;
    font-weight: 600;
    margin-bottom: 0.25rem;
  }
  input,
  select {
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    min-height: 2.75rem;
    padding: 0.5rem 0.75rem;
    max-width: 100%;
  }
  input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .error {
    color: var(--_danger);
    font-weight: 600;
  }
  .error:empty {
    display: none;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0, 0, 0, 0);
    white-space: nowrap;
    border: 0;
  }
`;
