import { TwofaStepPasskey } from './twofa-step-passkey.component.js';

export * from './twofa-step-passkey.component.js';

if (!customElements.get('twofa-step-passkey')) customElements.define('twofa-step-passkey', TwofaStepPasskey);

declare global {
  interface HTMLElementTagNameMap {
    'twofa-step-passkey': TwofaStepPasskey;
  }
}
