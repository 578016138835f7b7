import { TwofaStepPassword } from './twofa-step-password.component.js';

export * from './twofa-step-password.component.js';

if (!customElements.get('twofa-step-password')) customElements.define('twofa-step-password', TwofaStepPassword);

declare global {
  interface HTMLElementTagNameMap {
    'twofa-step-password': TwofaStepPassword;
  }
}
