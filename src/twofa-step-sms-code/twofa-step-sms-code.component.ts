import { str } from '../localization.js';
import type { SmsSent } from '../adapter/types.js';
import { TwofaSentCodeStepBase } from '../steps/twofa-sent-code-step-base.js';

/**
 * @summary Enter the code sent by text message to the phone.
 *
 * @fires {TwofaSubmitEvent} twofa-submit - A complete code (`event.value`).
 * @fires {TwofaStepSignalEvent} twofa-resend - The user asks for a new code (offered once `resendAfter` has passed).
 * @fires {TwofaStepSignalEvent} twofa-back - The user wants to change the number.
 * @fires {TwofaStepSignalEvent} twofa-dismiss - The user pressed Cancel.
 *
 * @csspart heading - The step's heading.
 * @csspart code-input - The code input element.
 * @csspart label - The code field's visible label (the code input's own part).
 * @csspart input - The code field (the code input's own part).
 * @csspart hint - "6 digits", under the field (the code input's own part).
 * @csspart error - The message under the field (the code input's own part).
 * @csspart resend - The resend button.
 * @csspart change - The "Change number" button.
 * @csspart primary - The Verify button.
 * @csspart cancel - The Cancel button.
 */
export class TwofaStepSmsCode extends TwofaSentCodeStepBase<SmsSent> {
  protected texts() {
    return {
      heading: this.msg('Enter the code from the text message', {
        id: 'twofa-sms-code-heading',
        desc: 'Heading of the step where the user types the SMS code.',
      }),
      lead: this.msg(str`We sent a ${this.digits}-digit code to ${this.sent?.maskedPhone ?? ''}.`, {
        id: 'twofa-sms-code-lead',
        desc: 'Says where the SMS code went; the phone number is partly hidden.',
      }),
      none: this.msg('No text message?', { id: 'twofa-sms-code-none', desc: 'Lead-in to the resend and change-number buttons.' }),
      change: this.msg('Change number', { id: 'twofa-sms-code-change', desc: 'Button that goes back to the phone number step.' }),
    };
  }
}
