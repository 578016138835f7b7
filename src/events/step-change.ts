import { TwofaEvent } from './twofa-event.js';
import type { StepId } from '../twofa-enroll/machine.js';

export interface StepChangeDetail {
  from: StepId;
  to: StepId;
  /** 1-based position of `to` among the steps this user goes through. */
  index: number;
  total: number;
}

/** The wizard moved to another step. */
export class TwofaStepChangeEvent extends TwofaEvent<StepChangeDetail> {
  constructor(detail: StepChangeDetail) {
    super('twofa-step-change', detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'twofa-step-change': TwofaStepChangeEvent;
  }
}
