import { html, nothing, svg, type PropertyValues } from 'lit';
import { base } from '../styles/base.styles.js';
import { tokens } from '../styles/tokens.styles.js';
import { TwofaElement } from '../twofa-element.js';
import { TwofaQrReadyEvent } from '../events/qr-ready.js';
import { qrPath, QUIET_ZONE } from './qr-path.js';
import { styles } from './twofa-qr-code.styles.js';

type Encode = (typeof import('qrcode/lib/core/qrcode.js'))['create'];

let encoder: Promise<Encode> | undefined;

/**
 * The encoder is fetched on first use, so pages that never show a QR code never load it. A failed
 * fetch is forgotten, so that Try again fetches anew (engines that keep a failed `import()` failed
 * for the life of the page, as Firefox does, fail again: the step's key stays the way on).
 */
function loadEncoder(): Promise<Encode> {
  encoder ??= import('qrcode/lib/core/qrcode.js').then(
    (mod) => mod.create ?? mod.default.create,
    (reason: unknown) => {
      encoder = undefined;
      throw reason;
    },
  );
  return encoder;
}

interface Drawing {
  value: string;
  size: number;
  path: string;
}

/**
 * @summary A QR code of `value` (an `otpauth://` URI) drawn as one SVG path: dark modules on
 * white in every colour scheme, with a 4-module quiet zone and error correction level M.
 *
 * The QR encoder is loaded on demand the first time a value is drawn. While it loads (or while
 * a new value is encoded), a placeholder of the same size holds the place, with `aria-busy`. If it
 * cannot be loaded (the network is gone), the placeholder says so and offers Try again.
 *
 * @fires {TwofaQrReadyEvent} twofa-qr-ready - `{ size: number }` (modules per side, without the quiet zone): the code for the current value is in the DOM.
 *
 * @csspart base - The square that holds the code or its placeholder.
 * @csspart svg - The QR code image (`role="img"`, named by `label`).
 * @csspart retry - The Try again button, shown when the encoder could not be loaded.
 *
 * @cssprop [--twofa-qr-size=12rem] - Width and height of the code (never wider than its container).
 * @cssprop [--twofa-subtle=#f2f4f7] - Background of the placeholder while the code loads.
 * @cssprop [--twofa-muted=#545b66] - Text of the placeholder when the code could not be drawn.
 * @cssprop [--twofa-radius=0.5rem] - Corner radius of the placeholder.
 */
export class TwofaQrCode extends TwofaElement {
  static override styles = [tokens, base, styles];
  static override properties = {
    value: {},
    label: {},
    _drawing: { state: true },
    _failure: { state: true },
  };

  /** The text to encode, e.g. `otpauth://totp/Example:jane%40example.com?secret=…&issuer=Example`. */
  value = '';

  /** The image's accessible name. Empty: a translated generic name. Say where the manual alternative is. */
  label = '';

  private _drawing?: Drawing;
  /** Why the current value is not drawn: the encoder could not be fetched, or the value does not fit in a code. */
  private _failure: '' | 'load' | 'encode' = '';

  /** Bumped on every value change: a load that finishes for an older value is dropped. */
  private _drawId = 0;

  protected override willUpdate(changed: PropertyValues<this>): void {
    // An outdated code must not stay scannable while the new one is encoded.
    if (changed.has('value') && this._drawing?.value !== this.value) {
      this._drawing = undefined;
      this._failure = '';
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('value') && this.value && !this._drawing) void this._draw(this.value);
    if ((changed as PropertyValues).has(/* @__KEY__ */ '_drawing') && this._drawing) {
      this.dispatchEvent(new TwofaQrReadyEvent(this._drawing.size));
    }
  }

  override render() {
    const drawing = this._drawing;
    const busy = !!this.value && !drawing && !this._failure;
    return html`<div part="base" aria-busy=${busy ? 'true' : 'false'}>${drawing ? this._renderCode(drawing) : this._renderPlaceholder(busy)}</div>`;
  }

  private _renderCode({ size, path }: Drawing) {
    const side = size + 2 * QUIET_ZONE;
    const name =
      this.label ||
      this.msg('QR code to scan with your authenticator app.', { id: 'twofa-qr-code-label', desc: 'Default accessible name of the QR code image.' });
    return html`<svg part="svg" role="img" aria-label=${name} viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges" focusable="false">
      ${svg`<rect width=${side} height=${side} fill="#ffffff"></rect><path d=${path} fill="#000000"></path>`}
    </svg>`;
  }

  private _renderPlaceholder(busy: boolean) {
    if (this._failure === 'encode') {
      return html`<div class="placeholder">
        ${this.msg('The QR code could not be drawn.', { id: 'twofa-qr-code-failed', desc: 'In place of the QR code when it could not be created.' })}
      </div>`;
    }
    if (this._failure === 'load') {
      return html`<div class="placeholder" role="alert">
        <p>
          ${this.msg("The QR code couldn't be loaded. Check your connection and try again.", {
            id: 'twofa-qr-code-load-failed',
            desc: 'In place of the QR code when the network failed while it was being loaded.',
          })}
        </p>
        <button type="button" part="retry" @click=${() => this._draw(this.value)}>
          ${this.msg('Try again', { id: 'twofa-retry', desc: 'Button that repeats the failed request.' })}
        </button>
      </div>`;
    }
    return html`<div
      class="placeholder"
      role=${busy ? 'img' : nothing}
      aria-label=${busy ? this.msg('Loading the QR code…', { id: 'twofa-qr-code-loading', desc: 'Accessible name of the placeholder while the QR code is being drawn.' }) : nothing}
    ></div>`;
  }

  private async _draw(value: string): Promise<void> {
    const id = ++this._drawId;
    this._failure = '';
    let create: Encode;
    try {
      create = await loadEncoder();
    } catch {
      if (id === this._drawId) this._failure = 'load';
      return;
    }
    if (id !== this._drawId || value !== this.value) return;
    try {
      const { modules } = create(value, { errorCorrectionLevel: 'M' });
      this._drawing = { value, size: modules.size, path: qrPath(modules.size, modules.data) };
    } catch {
      this._failure = 'encode'; // too long for a QR code
    }
  }
}
