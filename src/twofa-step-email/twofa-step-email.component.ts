import { css, html } from 'lit';
import { sendCodeLabel } from '../steps/common-messages.js';
import { TwofaStepBase } from '../steps/twofa-step-base.js';
import { isEmailAddress } from './email-address.js';

/**
 * @summary The e-mail address that sign-in codes go to, when e-mail is the chosen method.
 *
 * The address is checked before anything is sent; the server may still refuse it (`invalid_email`).
 *
 * @fires {TwofaSubmitEvent} twofa-submit - The trimmed address (`event.value`).
 * @fires {TwofaStepSignalEvent} twofa-dismiss - The user pressed Cancel.
 *
 * @csspart heading - The step's heading.
 * @csspart input - The e-mail address input.
 * @csspart primary - The Send code button.
 * @csspart cancel - The Cancel button.
 */
export class TwofaStepEmail extends TwofaStepBase {
  static override properties = {
    email: {},
    _problem: { state: true },
  };

  /** An address sent before, refilled when the user comes back to change it. */
  email = '';

  /** What is wrong with the typed address, if anything; translated when rendered. */
  private _problem: '' | 'missing' | 'invalid' = '';

  private _onSubmit(event: Event): void {
    event.preventDefault();
    if (this.rateLimit.running) return;
    const input = this.renderRoot.querySelector('input')!;
    const typed = input.value.trim();
    this._problem = !typed ? 'missing' : isEmailAddress(typed) ? '' : 'invalid';
    if (this._problem) input.focus();
    else this.submitValue(typed);
  }

  override render() {
    const message =
      this._problem === 'missing'
        ? this.msg('Enter your e-mail address.', { id: 'twofa-email-missing', desc: 'Validation: the e-mail field is empty.' })
        : this._problem === 'invalid'
          ? this.msg('Enter an e-mail address in the form name@example.com.', {
              id: 'twofa-email-invalid',
              desc: 'Validation: the e-mail address has the wrong shape.',
            })
          : this.requestError;
    return html`
      ${this.renderHeading(this.msg('Where should we send your codes?', { id: 'twofa-email-heading', desc: 'Heading of the step where the user enters the e-mail address for sign-in codes.' }))}
      <p>
        ${this.msg('We will send a code to this address now, to confirm it is yours, and then each time you sign in.', {
          id: 'twofa-email-lead',
          desc: 'Explains what the e-mail address is used for.',
        })}
      </p>
      ${this.renderForm(
        this._onSubmit,
        html`<label for="email">${this.msg('E-mail address', { id: 'twofa-email-label', desc: 'Label of the e-mail address input.' })}</label>
          <input
            id="email"
            part="input"
            type="email"
            autocomplete="email"
            spellcheck="false"
            autocapitalize="off"
            .value=${this.email}
            aria-invalid=${message ? 'true' : 'false'}
            aria-describedby=${this.describedBy('email-error')}
            @input=${() => (this._problem = '')}
          />
          ${this.renderFieldError('email-error', message)}`,
        sendCodeLabel(this.i18n, this.busy),
      )}
    `;
  }

  static override styles = [
    TwofaStepBase.styles,
    css`
      input {
        width: 100%;
        max-width: 24rem;
      }
    `,
  ];
}
