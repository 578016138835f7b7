import { TwofaQrCode } from './twofa-qr-code.component.js';

export * from './twofa-qr-code.component.js';

if (!customElements.get('twofa-qr-code')) customElements.define('twofa-qr-code', TwofaQrCode);

declare global {
  interface HTMLElementTagNameMap {
    'twofa-qr-code': TwofaQrCode;
  }
}
