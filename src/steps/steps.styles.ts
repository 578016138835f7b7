import { css } from 'lit';

/** Layout shared by the step elements. */
export const steps = css`
  .lead {
    font-size: 1.0625rem;
  }
  .panel {
    background: var(--_subtle);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 0.75) var(--_space);
    margin: var(--_space) 0;
  }
  .field {
    margin: var(--_space) 0 0;
  }
  .status {
    color: var(--_muted);
    min-height: 1.5em;
    margin: 0.5rem 0 0;
  }
  .countdown {
    font-variant-numeric: tabular-nums;
  }
  /* Checkboxes and radios: a 24 px target beside their label. */
  input[type='checkbox'],
  input[type='radio'] {
    width: 1.5rem;
    height: 1.5rem;
    min-height: 0;
    margin: 0;
    flex: none;
    accent-color: var(--_accent);
  }
  ul.plain {
    list-style: none;
    padding: 0;
    margin: 0 0 var(--_space);
  }
  @media (max-width: 360px) {
    .actions {
      flex-direction: column-reverse;
      align-items: stretch;
    }
    .actions .spacer {
      display: none;
    }
  }
`;
