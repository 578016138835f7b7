import { durationInWords, str, type Translator } from '../localization.js';
import type { ReactiveControllerHost } from 'lit';
import { html } from 'lit';
import type { MachineError } from '../twofa-enroll/machine.js';
import { CountdownController } from './countdown-controller.js';
import { errorMessage, formatDuration } from './error-message.js';

/**
 * A rate limit's countdown for a step: "Too many attempts. Try again in 0:42." every second for
 * sighted users, at most every 15 s for screen readers (a status region), and "You can try again
 * now." at the end. It follows the step's error: a `rate_limited` error with `retryAfter` starts it.
 */
export class RateLimitController extends CountdownController {
  private _limited = false;

  constructor(
    host: ReactiveControllerHost,
    /** The host's language. */
    private readonly _i18n: Translator,
    onEnd?: () => void,
  ) {
    super(host, onEnd);
  }

  private _inWords = (seconds: number) => durationInWords(seconds, this._i18n.locale);

  /** Starts or stops the countdown for the step's (new) error. */
  follow(error: MachineError | null): void {
    this._limited = error?.code === 'rate_limited';
    const retryAfter = error?.code === 'rate_limited' ? error.retryAfter : undefined;
    if (retryAfter) this.start(retryAfter);
    else this.stop();
  }

  /**
   * The visible countdown, only while rate limited, and the status region, always there: a live
   * region must exist before what it announces. The status region has the `id` for a field's
   * `aria-describedby`: a description is spoken, so it is the text in words.
   */
  render(id = 'rate-limit') {
    return html`
      ${this._limited ? html`<p class="error countdown" aria-hidden="true">${rateLimitText(this._i18n, this.remaining, formatDuration)}</p>` : null}
      <p id=${id} class="visually-hidden" role="status">${this._limited ? rateLimitText(this._i18n, this.announced, this._inWords) : ''}</p>
    `;
  }
}

/**
 * "Too many attempts. Try again in …": on screen the wait as m:ss ("0:42"); for screen readers
 * (`durationInWords`) in words, since "0:42" is read as a time of day or as "zero colon forty-two".
 */
function rateLimitText(i18n: Translator, seconds: number, duration: (seconds: number) => string): string {
  const { msg } = i18n;
  const wait = seconds
    ? msg(str`Try again in ${duration(seconds)}.`, {
        id: 'twofa-rate-limit-countdown',
        desc: 'Countdown after too many attempts. The wait is either minutes:seconds (0:42, on screen) or in words (42 seconds, 1 minute and 5 seconds: read by screen readers), formatted for the language.',
      })
    : msg('You can try again now.', { id: 'twofa-rate-limit-over', desc: 'Shown when the rate-limit countdown has ended.' });
  return `${errorMessage({ code: 'rate_limited' }, i18n)} ${wait}`;
}
