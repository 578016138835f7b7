import { css } from 'lit';

export const enrollStyles = css`
  :host {
    display: block;
    max-width: var(--twofa-max-width, 40rem);
    background: var(--_surface);
    color: var(--_text);
    border-radius: var(--_radius);
    padding: var(--twofa-padding, 0);
  }
  .progress {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    margin: 0 0 var(--_space);
    color: var(--_muted);
    font-size: 0.9375rem;
  }
  progress {
    flex: 1 1 auto;
    height: 0.375rem;
    appearance: none;
    border: none;
    border-radius: 999px;
    background: var(--_subtle);
    overflow: hidden;
  }
  progress::-webkit-progress-bar {
    background: var(--_subtle);
  }
  progress::-webkit-progress-value {
    background: var(--_accent);
  }
  /* Only here: the reduced-motion override in tokens.styles.ts cannot reach a pseudo-element. */
  @media (prefers-reduced-motion: no-preference) {
    progress::-webkit-progress-value {
      transition: inline-size 200ms ease;
    }
  }
  progress::-moz-progress-bar {
    background: var(--_accent);
  }
`;
