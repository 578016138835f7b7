import { TwofaCopyButton } from './twofa-copy-button.component.js';

export * from './twofa-copy-button.component.js';

if (!customElements.get('twofa-copy-button')) customElements.define('twofa-copy-button', TwofaCopyButton);

declare global {
  interface HTMLElementTagNameMap {
    'twofa-copy-button': TwofaCopyButton;
  }
}
