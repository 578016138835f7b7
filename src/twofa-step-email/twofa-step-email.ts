import { TwofaStepEmail } from './twofa-step-email.component.js';

export * from './twofa-step-email.component.js';

if (!customElements.get('twofa-step-email')) customElements.define('twofa-step-email', TwofaStepEmail);

declare global {
  interface HTMLElementTagNameMap {
    'twofa-step-email': TwofaStepEmail;
  }
}
