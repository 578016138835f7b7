import { TwofaEvent } from './twofa-event.js';

export interface QrReadyDetail {
  /** Modules per side of the QR symbol, without the quiet zone. */
  size: number;
}

/** The QR code for the current value is in the DOM. */
export class TwofaQrReadyEvent extends TwofaEvent<QrReadyDetail> {
  constructor(size: number) {
    super('twofa-qr-ready', { size });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'twofa-qr-ready': TwofaQrReadyEvent;
  }
}
