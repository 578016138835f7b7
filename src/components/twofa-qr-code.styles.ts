import type { css as litCss } from 'lit';

/** The QR code's styles, made with the `css` it is handed (see qr-code-element.ts). */
export const styles = (css: typeof litCss) => css`
  /*
   * It loads lazily, apart from the theme (tokens.styles.ts) and the base styles, so it brings what it
   * needs of them: inside a kit element it inherits the theme's private properties; on its own it reads
   * the public ones, with the theme's defaults.
   */
  :host {
    display: block;
    font-family: var(--twofa-font, var(--_font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif));
    line-height: 1.5;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  [part~='base'] {
    width: var(--twofa-qr-size, 12rem);
    max-width: 100%;
    aspect-ratio: 1 / 1;
  }
  /* The placeholder takes the code's exact place, so nothing moves when the code arrives. */
  [part~='svg'],
  .placeholder {
    display: block;
    width: 100%;
    height: 100%;
  }
  [part~='svg'] {
    /* Dark on white in every colour scheme, forced colours included: scanners need the contrast. */
    forced-color-adjust: none;
  }
  .placeholder {
    background: var(--twofa-subtle, var(--_subtle, #f2f4f7));
    border-radius: var(--twofa-radius, var(--_radius, 0.5rem));
    display: flex;
    align-items: center;
    justify-content: center;
    padding: 0.5rem;
    text-align: center;
    color: var(--twofa-muted, var(--_muted, #545b66));
    font-size: 0.875rem;
  }
  @media (prefers-color-scheme: dark) {
    .placeholder {
      background: var(--twofa-subtle, var(--_subtle, #2a2e35));
      color: var(--twofa-muted, var(--_muted, #b4bac4));
    }
  }
`;
