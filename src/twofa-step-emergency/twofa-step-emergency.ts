import { TwofaStepEmergency } from './twofa-step-emergency.component.js';

export * from './twofa-step-emergency.component.js';

if (!customElements.get('twofa-step-emergency')) customElements.define('twofa-step-emergency', TwofaStepEmergency);

declare global {
  interface HTMLElementTagNameMap {
    'twofa-step-emergency': TwofaStepEmergency;
  }
}
