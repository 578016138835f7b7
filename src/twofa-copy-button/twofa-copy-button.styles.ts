import { css } from 'lit';

export const styles = css`
  :host {
    display: inline-block;
  }
  /* Both labels share one grid cell, so the button keeps the width of the longer one. */
  .labels {
    display: inline-grid;
  }
  .labels > span {
    grid-area: 1 / 1;
  }
  .labels > .inactive {
    visibility: hidden;
  }
  .fallback {
    margin-top: 0.5rem;
  }
  .fallback input {
    display: block;
    width: 100%;
    min-width: min(16rem, 100%);
    font-family: var(--_mono);
  }
  .fallback p {
    margin: 0.25rem 0 0;
    color: var(--_muted);
    font-size: 0.875rem;
  }
`;
