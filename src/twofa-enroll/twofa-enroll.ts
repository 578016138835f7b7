import { TwofaEnroll } from './twofa-enroll.component.js';

export * from './twofa-enroll.component.js';

if (!customElements.get('twofa-enroll')) customElements.define('twofa-enroll', TwofaEnroll);

declare global {
  interface HTMLElementTagNameMap {
    'twofa-enroll': TwofaEnroll;
  }
}
