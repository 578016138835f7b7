/**
 * `<twofa-qr-code>`'s class, made from what it shares with the first load (`TwofaElement`, Lit,
 * `msg`), which is handed in rather than imported: the wizard loads this module lazily
 * (load-qr-code.ts), and a lazily loaded module that imports a module of the first load would cost a
 * chunk of its own. `TwofaQrCode` (twofa-qr-code.component.ts, documented there) is this class made
 * from those imports. custom-elements.json leaves this module out (its members are private).
 */
import type { css as litCss, html as litHtml, nothing as litNothing, PropertyValues, svg as litSvg } from 'lit';
import type { KitMsg } from '../localization.js';
import type { TwofaElement } from '../twofa-element.js';
import { TwofaQrReadyEvent } from './events/qr-ready.js';
import { qrPath, QUIET_ZONE } from './qr-path.js';
import { styles } from './twofa-qr-code.styles.js';

/** What the QR code takes from the first load. */
export interface QrCodeKit {
  TwofaElement: typeof TwofaElement;
  css: typeof litCss;
  html: typeof litHtml;
  nothing: typeof litNothing;
  svg: typeof litSvg;
  msg: KitMsg;
}

/** The public side of `<twofa-qr-code>` (see `TwofaQrCode` for its documentation). */
export interface QrCodeElement extends TwofaElement {
  value: string;
  label: string;
}

type Encode = (typeof import('qrcode/lib/core/qrcode.js'))['create'];

let encoder: Promise<Encode> | undefined;

/** The encoder is fetched on first use, so pages that never show a QR code never load it. */
function loadEncoder(): Promise<Encode> {
  encoder ??= import('qrcode/lib/core/qrcode.js').then(
    (mod) => mod.create ?? mod.default.create,
    (reason: unknown) => {
      encoder = undefined; // let a later value try again
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


/** `<twofa-qr-code>`'s class, on the kit's `TwofaElement`, with Lit and `msg` from `kit`. */
export function qrCodeElement({ TwofaElement, css, html, nothing, svg, msg }: QrCodeKit): new () => QrCodeElement {
  class TwofaQrCode extends TwofaElement {
    static styles = styles(css);
    static properties = {
      value: {},
      label: {},
      drawing: { state: true },
      drawFailed: { state: true },
    };

    /** The text to encode, e.g. `otpauth://totp/Example:jane%40example.com?secret=…&issuer=Example`. */
    value = '';

    /** The image's accessible name. Empty: a translated generic name. Say where the manual alternative is. */
    label = '';

    private drawing?: Drawing;
    private drawFailed = false;

    /** Bumped on every value change: a load that finishes for an older value is dropped. */
    private drawId = 0;

    protected willUpdate(changed: PropertyValues<this>): void {
      // An outdated code must not stay scannable while the new one is encoded.
      if (changed.has('value') && this.drawing?.value !== this.value) {
        this.drawing = undefined;
        this.drawFailed = false;
      }
    }

    protected updated(changed: PropertyValues<this>): void {
      if (changed.has('value') && this.value && !this.drawing) void this.draw(this.value);
      if ((changed as PropertyValues).has('drawing') && this.drawing) {
        this.dispatchEvent(new TwofaQrReadyEvent(this.drawing.size));
      }
    }

    render() {
      const drawing = this.drawing;
      const busy = !!this.value && !drawing && !this.drawFailed;
      return html`<div part="base" aria-busy=${busy ? 'true' : 'false'}>
        ${drawing ? this.renderCode(drawing) : this.renderPlaceholder(busy)}
      </div>`;
    }

    private renderCode({ size, path }: Drawing) {
      const side = size + 2 * QUIET_ZONE;
      const name =
        this.label ||
        msg('QR code to scan with your authenticator app.', { id: 'twofa-qr-code-label', desc: 'Default accessible name of the QR code image.' });
      return html`<svg
        part="svg"
        role="img"
        aria-label=${name}
        viewBox="0 0 ${side} ${side}"
        shape-rendering="crispEdges"
        focusable="false"
      >
        ${svg`<rect width=${side} height=${side} fill="#ffffff"></rect><path d=${path} fill="#000000"></path>`}
      </svg>`;
    }

    private renderPlaceholder(busy: boolean) {
      if (this.drawFailed) {
        return html`<div class="placeholder">
          ${msg('The QR code could not be drawn.', { id: 'twofa-qr-code-failed', desc: 'In place of the QR code when it could not be created.' })}
        </div>`;
      }
      return html`<div
        class="placeholder"
        role=${busy ? 'img' : nothing}
        aria-label=${busy ? msg('Loading the QR code…', { id: 'twofa-qr-code-loading', desc: 'Accessible name of the placeholder while the QR code is being drawn.' }) : nothing}
      ></div>`;
    }

    private async draw(value: string): Promise<void> {
      const id = ++this.drawId;
      try {
        const create = await loadEncoder();
        if (id !== this.drawId || value !== this.value) return;
        const { modules } = create(value, { errorCorrectionLevel: 'M' });
        this.drawing = { value, size: modules.size, path: qrPath(modules.size, modules.data) };
      } catch {
        // Too long to encode, or the encoder could not be fetched.
        if (id === this.drawId) this.drawFailed = true;
      }
    }
  }
  return TwofaQrCode;
}
