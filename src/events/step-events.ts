/**
 * Events a step element fires to the orchestrator (or to any page using the step on its own).
 * They bubble but do not cross shadow roots: `<twofa-enroll>` turns them into adapter calls.
 */

/** The user submits the step's value (a password, a code, a phone number). */
export class TwofaSubmitEvent extends Event {
  constructor(readonly value: string) {
    super('twofa-submit', { bubbles: true });
  }
}

/** Names of the value-less step events. */
export type StepSignal = 'twofa-next' | 'twofa-back' | 'twofa-skip' | 'twofa-resend' | 'twofa-prepare' | 'twofa-dismiss';

/** A value-less request from a step: next, back, skip, resend, prepare (the passkey's options), dismiss (cancel). */
export class TwofaStepSignalEvent extends Event {
  constructor(type: StepSignal) {
    super(type, { bubbles: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'twofa-submit': TwofaSubmitEvent;
    'twofa-next': TwofaStepSignalEvent;
    'twofa-back': TwofaStepSignalEvent;
    'twofa-skip': TwofaStepSignalEvent;
    'twofa-resend': TwofaStepSignalEvent;
    'twofa-prepare': TwofaStepSignalEvent;
    'twofa-dismiss': TwofaStepSignalEvent;
  }
}
