import { str } from '../localization.js';
import { html } from 'lit';
import { backLabel, checkingLabel, codeLabel, verifyLabel } from '../steps/common-messages.js';
import { TwofaCodeStepBase } from '../steps/twofa-code-step-base.js';

/** Wrong codes in a row after which the user is told the phone's clock may be off. */
const CLOCK_HINT_AFTER = 2;

/**
 * @summary Confirm the authenticator app works: enter the code it shows.
 *
 * One input (never one box per digit) that accepts a pasted code with spaces or dashes and
 * submits itself once all digits are in; Enter and the Verify button submit too.
 *
 * @fires {TwofaSubmitEvent} twofa-submit - A complete code (`event.value`).
 * @fires {TwofaStepSignalEvent} twofa-back - The user goes back to the QR code.
 * @fires {TwofaStepSignalEvent} twofa-dismiss - The user pressed Cancel.
 *
 * @csspart heading - The step's heading.
 * @csspart code-input - The code input element.
 * @csspart label - The code field's visible label (the code input's own part).
 * @csspart input - The code field (the code input's own part).
 * @csspart hint - "6 digits", under the field (the code input's own part).
 * @csspart error - The message under the field (the code input's own part).
 * @csspart clock-hint - The hint about the phone's clock, shown after repeated wrong codes.
 * @csspart primary - The Verify button.
 * @csspart cancel - The Cancel button.
 */
export class TwofaStepConfirm extends TwofaCodeStepBase {
  static override properties = {
    period: { type: Number },
    failures: { type: Number },
    canGoBack: { type: Boolean, attribute: 'can-go-back' },
  };

  /** Seconds a code lasts, for the clock hint. */
  period = 30;
  /** Wrong codes in a row; from the second on, a hint about the phone's clock is shown. */
  failures = 0;
  /** Whether a Back button is offered. */
  canGoBack = false;

  override render() {
    const digits = this.digits;
    return html`
      ${this.renderHeading(this.msg('Enter the code from your app', { id: 'twofa-confirm-heading', desc: 'Heading of the step where the user types the code from the authenticator app.' }))}
      <p>
        ${this.msg(str`Your app now shows a ${digits}-digit code that changes every ${this.period} seconds. Enter the code it shows right now.`, {
          id: 'twofa-confirm-lead',
          desc: 'Instruction on the confirm step; first number is the code length, second how often it changes.',
        })}
      </p>
      ${this.renderCodeEntry(codeLabel(this.i18n, digits))} ${this.failures >= CLOCK_HINT_AFTER ? this._renderClockHint() : null}
      <div class="actions">
        <button type="button" class="primary" part="primary" aria-disabled=${this.blocked ? 'true' : 'false'} @click=${this.onVerifyClick}>
          ${this.busy ? checkingLabel(this.i18n) : verifyLabel(this.i18n)}
        </button>
        ${this.canGoBack ? html`<button type="button" @click=${() => this.signal('twofa-back')}>${backLabel(this.i18n)}</button>` : null}
        <span class="spacer"></span>
        ${this.renderCancel()}
      </div>
    `;
  }

  private _renderClockHint() {
    const serverTime = this.error?.serverTime;
    const time = serverTime ? new Date(serverTime).toLocaleTimeString(this.i18n.intlLocale) : '';
    return html`
      <div class="panel" part="clock-hint">
        <p>
          ${this.msg(
            'Still not working? Codes depend on the time on your phone. Turn on automatic date and time in the phone settings, then enter a fresh code.',
            {
              id: 'twofa-confirm-clock-hint',
              desc: 'Hint after repeated wrong codes: the phone clock may be off.',
            },
          )}
        </p>
        ${
          serverTime
            ? html`<p>
                ${this.msg(str`Our time is ${time}; a new code comes every ${this.period} seconds.`, {
                  id: 'twofa-confirm-server-time',
                  desc: 'The server clock (a time of day, formatted for the language), to compare with the phone; the second value is the code period in seconds.',
                })}
              </p>`
            : null
        }
      </div>
    `;
  }
}
