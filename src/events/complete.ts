export interface CompleteDetail {
  /** What is now enabled, e.g. `['totp', 'sms']`. */
  methods: string[];
}

/** Enrollment finished: the backend turned two-factor authentication on. */
export class TwofaCompleteEvent extends CustomEvent<CompleteDetail> {
  constructor(detail: CompleteDetail) {
    super('twofa-complete', { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'twofa-complete': TwofaCompleteEvent;
  }
}
