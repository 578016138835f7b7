import { TwofaStepProof } from './twofa-step-proof.component.js';

export * from './twofa-step-proof.component.js';

if (!customElements.get('twofa-step-proof')) customElements.define('twofa-step-proof', TwofaStepProof);

declare global {
  interface HTMLElementTagNameMap {
    'twofa-step-proof': TwofaStepProof;
  }
}
