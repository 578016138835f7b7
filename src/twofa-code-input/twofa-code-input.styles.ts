import { css } from 'lit';

export const styles = css`
  [part~='input'],
  ::slotted(input) {
    display: block;
    width: var(--twofa-code-input-width, auto);
    max-width: 100%;
    min-height: 3rem;
    font-family: var(--_mono);
    font-size: var(--twofa-code-input-font-size, 1.75rem);
    font-variant-numeric: tabular-nums;
    letter-spacing: 0.3em;
    line-height: 1.2;
  }
  [part~='input']:disabled,
  ::slotted(input:disabled) {
    cursor: not-allowed;
    opacity: 0.6;
  }
  [part~='hint'] {
    color: var(--_muted);
    font-size: 0.875rem;
    margin-top: 0.25rem;
  }
  /* Always in the layout (never display: none): it is a live region, and must exist before it speaks. */
  [part~='error'] {
    color: var(--_danger);
    font-weight: 600;
    margin-top: 0.25rem;
  }
  [part~='error']:empty {
    margin: 0;
  }
`;
