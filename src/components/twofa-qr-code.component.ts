import { css, html, nothing, svg } from 'lit';
import { msg } from '../localization.js';
import { TwofaElement } from '../twofa-element.js';
import { qrCodeElement } from './qr-code-element.js';

/**
 * @summary A QR code of `value` (an `otpauth://` URI) drawn as one SVG path: dark modules on
 * white in every colour scheme, with a 4-module quiet zone and error correction level M.
 *
 * The QR encoder is loaded on demand the first time a value is drawn. While it loads (or while
 * a new value is encoded), a placeholder of the same size holds the place, with `aria-busy`.
 *
 * @fires {TwofaQrReadyEvent} twofa-qr-ready - `{ size: number }` (modules per side, without the quiet zone): the code for the current value is in the DOM.
 *
 * @csspart base - The square that holds the code or its placeholder.
 * @csspart svg - The QR code image (`role="img"`, named by `label`).
 *
 * @cssprop [--twofa-qr-size=12rem] - Width and height of the code (never wider than its container).
 * @cssprop [--twofa-subtle=#f2f4f7] - Background of the placeholder while the code loads.
 * @cssprop [--twofa-muted=#545b66] - Text of the placeholder when the code could not be drawn.
 * @cssprop [--twofa-radius=0.5rem] - Corner radius of the placeholder.
 */
export class TwofaQrCode extends qrCodeElement({ TwofaElement, css, html, nothing, svg, msg }) {
  // Declared again for the API documentation (custom-elements.json, which leaves out qr-code-element.ts):
  // the element is that module's.
  static properties = { value: {}, label: {} };

  /** The text to encode, e.g. `otpauth://totp/Example:jane%40example.com?secret=…&issuer=Example`. */
  value = '';

  /** The image's accessible name. Empty: a translated generic name. Say where the manual alternative is. */
  label = '';
}
