import { TwofaEvent } from './twofa-event.js';

export interface CompleteDetail {
  /** What is now enabled, e.g. `['totp', 'sms']`. */
  methods: string[];
}

/** Enrollment finished: the backend turned two-factor authentication on. */
export class TwofaCompleteEvent extends TwofaEvent<CompleteDetail> {
  constructor(detail: CompleteDetail) {
    super('twofa-complete', detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'twofa-complete': TwofaCompleteEvent;
  }
}
