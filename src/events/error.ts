import { TwofaEvent } from './twofa-event.js';
import type { TwofaErrorCode } from '../adapter/errors.js';
import type { StepId } from '../twofa-enroll/machine.js';

export interface ErrorDetail {
  /** Machine-readable code: `invalid_code`, `expired`, `network`, … or `config` for an invalid flow. */
  code: TwofaErrorCode | 'config';
  /** The step on which it happened. */
  step: StepId | null;
  retryAfter?: number;
  attemptsLeft?: number;
}

/** A request failed (the wizard shows a translated message), or the configuration is invalid. */
export class TwofaErrorEvent extends TwofaEvent<ErrorDetail> {
  constructor(detail: ErrorDetail) {
    super('twofa-error', detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'twofa-error': TwofaErrorEvent;
  }
}
