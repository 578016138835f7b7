import { css } from 'lit';

/** The QR code's own look; the theme and the buttons come from tokens.styles.ts and base.styles.ts. */
export const styles = css`
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
    background: var(--_subtle);
    border-radius: var(--_radius);
    display: flex;
    align-items: center;
    justify-content: center;
    padding: 0.5rem;
    text-align: center;
    color: var(--_muted);
    font-size: 0.875rem;
  }
  .placeholder[role='alert'] {
    flex-direction: column;
    gap: 0.5rem;
  }
  .placeholder p {
    margin: 0;
  }
`;
