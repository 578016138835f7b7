import { css } from 'lit';

export const styles = css`
  :host {
    --_qr-size: var(--twofa-qr-size, 12rem);
  }
  [part~='base'] {
    width: var(--_qr-size);
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
`;
