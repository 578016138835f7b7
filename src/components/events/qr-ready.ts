export interface QrReadyDetail {
  /** Modules per side of the QR symbol, without the quiet zone. */
  size: number;
}

/**
 * The QR code for the current value is in the DOM. (Not a `TwofaEvent`: this lazily loaded module would then
 * share one more export with the first load.)
 */
export class TwofaQrReadyEvent extends CustomEvent<QrReadyDetail> {
  constructor(size: number) {
    super('twofa-qr-ready', { bubbles: true, composed: true, detail: { size } });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'twofa-qr-ready': TwofaQrReadyEvent;
  }
}
