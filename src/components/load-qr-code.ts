import { css, html, nothing, svg } from 'lit';
import { msg } from '../localization.js';
import { TwofaElement } from '../twofa-element.js';

/**
 * Defines `<twofa-qr-code>` from its lazily loaded class (qr-code-element.ts), handing it what it
 * shares with the first load: imported there, those modules would be split from the first-load chunk
 * into a chunk of their own. For the wizard's QR step. Pages that want the element on their own import
 * `twofa-enroll/twofa-qr-code.js` (`TwofaQrCode`, the same class made from the same modules); when they
 * do so before the wizard shows a QR code, that is the class defined, else this one, which works alike.
 */
export function loadQrCode(): void {
  if (customElements.get('twofa-qr-code')) return;
  void import('./qr-code-element-lazy.js').then(({ qrCodeElement }) => {
    if (!customElements.get('twofa-qr-code')) customElements.define('twofa-qr-code', qrCodeElement({ TwofaElement, css, html, nothing, svg, msg }));
  });
}
