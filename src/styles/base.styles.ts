import { css } from 'lit';

/**
 * Buttons, links, headings and text shared by the steps and the wizard's own pieces; fields slotted in
 * from the page (a code field in the page's DOM) look like the element's own.
 */
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
  .button,
  input,
  ::slotted(input),
  select {
    font: inherit;
    min-height: 2.75rem;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_text);
  }
  button,
  .button {
    min-width: 2.75rem;
    padding: 0.5rem 1.125rem;
    cursor: pointer;
    text-decoration: none;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.4em;
  }
  button.primary {
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
  input:focus-visible,
  ::slotted(input:focus-visible),
  select:focus-visible,
  summary:focus-visible {
    outline: 2px solid transparent;
    box-shadow: var(--_focus);
  }
  /* WebKit draws no box-shadow on a native select, checkbox or radio: their ring is an outline. */
  select:focus-visible,
  input[type='checkbox']:focus-visible,
  input[type='radio']:focus-visible {
    outline: 3px solid color-mix(in srgb, var(--_accent) 45%, transparent);
    box-shadow: none;
  }
  button:disabled,
  button[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.6;
  }
  label {
    display: block;
    font-weight: 600;
    margin-bottom: 0.25rem;
  }
  input,
  ::slotted(input),
  select {
    padding: 0.5rem 0.75rem;
    max-width: 100%;
  }
  input[aria-invalid='true'],
  ::slotted(input[aria-invalid='true']) {
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
