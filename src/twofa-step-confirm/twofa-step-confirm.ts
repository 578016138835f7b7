import { TwofaStepConfirm } from './twofa-step-confirm.component.js';

export * from './twofa-step-confirm.component.js';

if (!customElements.get('twofa-step-confirm')) customElements.define('twofa-step-confirm', TwofaStepConfirm);

declare global {
  interface HTMLElementTagNameMap {
    'twofa-step-confirm': TwofaStepConfirm;
  }
}
