import { TwofaCodeInput } from './twofa-code-input.component.js';

export * from './twofa-code-input.component.js';

if (!customElements.get('twofa-code-input')) customElements.define('twofa-code-input', TwofaCodeInput);

declare global {
  interface HTMLElementTagNameMap {
    'twofa-code-input': TwofaCodeInput;
  }
}
