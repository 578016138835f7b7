import { TwofaStepEmailCode } from './twofa-step-email-code.component.js';

export * from './twofa-step-email-code.component.js';

if (!customElements.get('twofa-step-email-code')) customElements.define('twofa-step-email-code', TwofaStepEmailCode);

declare global {
  interface HTMLElementTagNameMap {
    'twofa-step-email-code': TwofaStepEmailCode;
  }
}
