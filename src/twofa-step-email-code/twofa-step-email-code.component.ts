import { str } from '../localization.js';
import type { EmailSent } from '../adapter/types.js';
import { TwofaSentCodeStepBase } from '../steps/twofa-sent-code-step-base.js';

/**
 * @summary Enter the code sent by e-mail.
 *
 * @fires {TwofaSubmitEvent} twofa-submit - A complete code (`event.value`).
 * @fires {TwofaStepSignalEvent} twofa-resend - The user asks for a new code (offered once `resendAfter` has passed).
 * @fires {TwofaStepSignalEvent} twofa-back - The user wants to change the address.
 * @fires {TwofaStepSignalEvent} twofa-dismiss - The user pressed Cancel.
 *
 * @csspart heading - The step's heading.
 * @csspart code-input - The code input element.
 * @csspart label - The code field's visible label (the code input's own part).
 * @csspart input - The code field (the code input's own part).
 * @csspart hint - "6 digits", under the field (the code input's own part).
 * @csspart error - The message under the field (the code input's own part).
 * @csspart resend - The resend button.
 * @csspart change - The "Change address" button.
 * @csspart primary - The Verify button.
 * @csspart cancel - The Cancel button.
 */
export class TwofaStepEmailCode extends TwofaSentCodeStepBase<EmailSent> {
  protected texts() {
    return {
      heading: this.msg('Enter the code from the e-mail', {
        id: 'twofa-email-code-heading',
        desc: 'Heading of the step where the user types the code sent by e-mail.',
      }),
      lead: this.msg(str`We sent a ${this.digits}-digit code to ${this.sent?.maskedEmail ?? ''}. It may take a minute to arrive.`, {
        id: 'twofa-email-code-lead',
        desc: 'Says where the e-mail with the code went; the address is partly hidden.',
      }),
      none: this.msg('No e-mail? Check the spam folder.', {
        id: 'twofa-email-code-none',
        desc: 'Lead-in to the buttons "Send a new code" and "Change address", which follow it.',
      }),
      change: this.msg('Change address', { id: 'twofa-email-code-change', desc: 'Button that goes back to the e-mail address step.' }),
    };
  }
}
