import { msg, str } from '../localization.js';
import { html } from 'lit';
import type { MachineError } from '../enroll/machine.js';
import { CountdownController } from './countdown-controller.js';
import { errorMessage, formatDuration } from './error-message.js';

/**
 * A rate limit's countdown for a step: "Too many attempts. Try again in 0:42." every second for
 * sighted users, at most every 15 s for screen readers (a status region), and "You can try again
 * now." at the end. It follows the step's error: a `rate_limited` error with `retryAfter` starts it.
 */
export class RateLimitController extends CountdownController {
  private limited = false;

  /** Starts or stops the countdown for the step's (new) error. */
  follow(error: MachineError | null): void {
    this.limited = error?.code === 'rate_limited';
    const retryAfter = error?.code === 'rate_limited' ? error.retryAfter : undefined;
    if (retryAfter) this.start(retryAfter);
    else this.stop();
  }

  /**
   * The visible countdown (`id` for `aria-describedby`), only while rate limited, and the status
   * region, always there: a live region must exist before what it announces.
   */
  render(id = 'rate-limit') {
    return html`
      ${this.limited ? html`<p id=${id} class="error countdown" aria-hidden="true">${rateLimitText(this.remaining)}</p>` : null}
      <p class="visually-hidden" role="status">${this.limited ? rateLimitText(this.announced) : ''}</p>
    `;
  }
}

function rateLimitText(seconds: number): string {
  const wait = seconds
    ? msg(str`Try again in ${formatDuration(seconds)}.`, {
        id: 'twofa-rate-limit-countdown',
        desc: 'Countdown after too many attempts; the time is minutes:seconds, e.g. 0:42.',
      })
    : msg('You can try again now.', { id: 'twofa-rate-limit-over', desc: 'Shown when the rate-limit countdown has ended.' });
  return `${errorMessage({ code: 'rate_limited' })} ${wait}`;
}
