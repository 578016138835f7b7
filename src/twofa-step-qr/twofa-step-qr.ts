import { TwofaStepQr } from './twofa-step-qr.component.js';

export * from './twofa-step-qr.component.js';

if (!customElements.get('twofa-step-qr')) customElements.define('twofa-step-qr', TwofaStepQr);

declare global {
  interface HTMLElementTagNameMap {
    'twofa-step-qr': TwofaStepQr;
  }
}
