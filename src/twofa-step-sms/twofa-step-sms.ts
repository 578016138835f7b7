import { TwofaStepSms } from './twofa-step-sms.component.js';

export * from './twofa-step-sms.component.js';

if (!customElements.get('twofa-step-sms')) customElements.define('twofa-step-sms', TwofaStepSms);

declare global {
  interface HTMLElementTagNameMap {
    'twofa-step-sms': TwofaStepSms;
  }
}
