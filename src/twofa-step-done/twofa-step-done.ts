import { TwofaStepDone } from './twofa-step-done.component.js';

export * from './twofa-step-done.component.js';

if (!customElements.get('twofa-step-done')) customElements.define('twofa-step-done', TwofaStepDone);

declare global {
  interface HTMLElementTagNameMap {
    'twofa-step-done': TwofaStepDone;
  }
}
