import { TwofaEvent } from './twofa-event.js';

export interface CodeCompleteDetail {
  /** The code: exactly `digits` ASCII digits. */
  code: string;
}

/** A one-time code is fully entered: typed, pasted or autofilled (auto-submit), or Enter was pressed. */
export class TwofaCodeCompleteEvent extends TwofaEvent<CodeCompleteDetail> {
  constructor(code: string) {
    super('twofa-code-complete', { code });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'twofa-code-complete': TwofaCodeCompleteEvent;
  }
}
