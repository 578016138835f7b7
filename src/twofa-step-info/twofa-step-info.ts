import { TwofaStepInfo } from './twofa-step-info.component.js';

export * from './twofa-step-info.component.js';

if (!customElements.get('twofa-step-info')) customElements.define('twofa-step-info', TwofaStepInfo);

declare global {
  interface HTMLElementTagNameMap {
    'twofa-step-info': TwofaStepInfo;
  }
}
