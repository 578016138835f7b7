import { TwofaStepSmsCode } from './twofa-step-sms-code.component.js';

export * from './twofa-step-sms-code.component.js';

if (!customElements.get('twofa-step-sms-code')) customElements.define('twofa-step-sms-code', TwofaStepSmsCode);

declare global {
  interface HTMLElementTagNameMap {
    'twofa-step-sms-code': TwofaStepSmsCode;
  }
}
