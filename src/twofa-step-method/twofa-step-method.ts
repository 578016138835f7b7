import { TwofaStepMethod } from './twofa-step-method.component.js';

export * from './twofa-step-method.component.js';

if (!customElements.get('twofa-step-method')) customElements.define('twofa-step-method', TwofaStepMethod);

declare global {
  interface HTMLElementTagNameMap {
    'twofa-step-method': TwofaStepMethod;
  }
}
