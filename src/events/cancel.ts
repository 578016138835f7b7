import { TwofaEvent } from './twofa-event.js';
import type { StepId } from '../twofa-enroll/machine.js';

export interface CancelDetail {
  /** The step the user cancelled from. */
  step: StepId;
}

/** The user cancelled the enrollment; the adapter was asked to discard it. */
export class TwofaCancelEvent extends TwofaEvent<CancelDetail> {
  constructor(detail: CancelDetail) {
    super('twofa-cancel', detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'twofa-cancel': TwofaCancelEvent;
  }
}
