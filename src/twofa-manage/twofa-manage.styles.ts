import { css } from 'lit';

export const manageStyles = css`
  :host {
    display: block;
    max-width: var(--twofa-max-width, 40rem);
    background: var(--_surface);
    color: var(--_text);
  }
  .factors,
  .passkeys {
    list-style: none;
    padding: 0;
    margin: var(--_space) 0;
  }
  .factor {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem var(--_space);
    padding: calc(var(--_space) * 0.75) 0;
    border-top: 1px solid var(--_subtle);
  }
  .what {
    flex: 1 1 14rem;
    display: flex;
    flex-direction: column;
    gap: 0.125rem;
  }
  .detail {
    color: var(--_muted);
  }
  .masked {
    font-family: var(--_mono);
  }
  .row-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .passkeys {
    flex: 1 1 100%;
    margin: 0;
  }
  .passkey {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem var(--_space);
    padding: 0.5rem 0 0.5rem var(--_space);
  }
  .name {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .nudge,
  .warning {
    color: var(--_danger);
    font-weight: 600;
  }
  .notice:empty {
    margin: 0;
  }
  .notice {
    color: var(--_success);
  }
  /* New codes are in force once shown (the old ones are revoked): no Cancel that would seem to undo that. */
  twofa-step-emergency::part(cancel) {
    display: none;
  }
  button.danger {
    color: var(--_danger);
    border-color: var(--_danger);
  }
  button.danger[part='primary'] {
    background: var(--_danger);
    color: var(--_on-accent);
  }
`;
