import { TwofaStepUp } from './twofa-step-up.component.js';

export * from './twofa-step-up.component.js';

if (!customElements.get('twofa-step-up')) customElements.define('twofa-step-up', TwofaStepUp);

declare global {
  interface HTMLElementTagNameMap {
    'twofa-step-up': TwofaStepUp;
  }
}
