import { msg, str } from '../localization.js';
import { html, type PropertyValues } from 'lit';
import type { SmsSent } from '../adapter/types.js';
import { cancelLabel, checkingLabel, codeLabel, verifyLabel } from './common-messages.js';
import { CountdownController } from './countdown-controller.js';
import { formatDuration } from './error-message.js';
import { TwofaCodeStepBase } from './twofa-code-step-base.js';

/**
 * @summary Enter the code sent by text message to the backup phone.
 *
 * @fires {TwofaSubmitEvent} twofa-submit - A complete code (`event.value`).
 * @fires {TwofaStepSignalEvent} twofa-resend - The user asks for a new code (offered once `resendAfter` has passed).
 * @fires {TwofaStepSignalEvent} twofa-back - The user wants to change the number.
 * @fires {TwofaStepSignalEvent} twofa-dismiss - The user pressed Cancel.
 *
 * @csspart heading - The step's heading.
 * @csspart code-input - The code input element.
 * @csspart resend - The resend button.
 * @csspart primary - The Verify button.
 * @csspart cancel - The Cancel button.
 */
export class TwofaStepSmsCode extends TwofaCodeStepBase {
  static properties = { sent: { attribute: false } };

  /** Where the code went and when another may be sent; a new object restarts the resend countdown. */
  sent: SmsSent | null = null;

  private readonly resend = new CountdownController(this);

  protected willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('sent')) this.resend.start(this.sent?.resendAfter ?? 0);
  }

  render() {
    const phone = this.sent?.maskedPhone ?? '';
    const wait = this.resend.remaining;
    return html`
      ${this.renderHeading(msg('Enter the code from the text message', { id: 'twofa-sms-code-heading', desc: 'Heading of the step where the user types the SMS code.' }))}
      <p>${msg(str`We sent a ${this.digits}-digit code to ${phone}.`, { id: 'twofa-sms-code-lead', desc: 'Says where the SMS code went; the phone number is partly hidden.' })}</p>
      ${this.renderCodeEntry(codeLabel(this.digits))}
      <p class="resend">
        <span class="muted">${msg('No text message?', { id: 'twofa-sms-code-none', desc: 'Lead-in to the resend and change-number buttons.' })}</span>
        <button type="button" class="link" part="resend" aria-disabled=${wait || this.busy ? 'true' : 'false'} @click=${this.onResend}>
          ${wait
            ? msg(str`Send a new code in ${formatDuration(wait)}`, { id: 'twofa-sms-code-resend-wait', desc: 'Resend button while waiting; minutes:seconds.' })
            : msg('Send a new code', { id: 'twofa-sms-code-resend', desc: 'Button that sends another SMS code.' })}
        </button>
        <button type="button" class="link" @click=${() => this.signal('twofa-back')}>
          ${msg('Change number', { id: 'twofa-sms-code-change', desc: 'Button that goes back to the phone number step.' })}
        </button>
      </p>
      <div class="actions">
        <button type="button" class="primary" part="primary" aria-disabled=${this.inputDisabled ? 'true' : 'false'} @click=${this.onVerifyClick}>
          ${this.busy ? checkingLabel() : verifyLabel()}
        </button>
        <span class="spacer"></span>
        <button type="button" part="cancel" @click=${() => this.signal('twofa-dismiss')}>${cancelLabel()}</button>
      </div>
    `;
  }

  private onResend(): void {
    if (this.resend.running || this.busy) return;
    this.signal('twofa-resend');
  }
}
