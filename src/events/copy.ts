import { TwofaEvent } from './twofa-event.js';

export interface CopyDetail {
  /** True when the clipboard took the text; false when copying was blocked (the text is then shown selected). */
  ok: boolean;
}

/** A copy attempt finished. The detail never carries the copied text. */
export class TwofaCopyEvent extends TwofaEvent<CopyDetail> {
  constructor(ok: boolean) {
    super('twofa-copy', { ok });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'twofa-copy': TwofaCopyEvent;
  }
}
