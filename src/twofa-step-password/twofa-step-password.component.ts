import { html } from 'lit';
import { checkingLabel, continueLabel } from '../steps/common-messages.js';
import { TwofaStepBase } from '../steps/twofa-step-base.js';

/**
 * @summary Re-enter the account password before the enrollment starts.
 *
 * @fires {TwofaSubmitEvent} twofa-submit - The user sent the password (`event.value`).
 * @fires {TwofaStepSignalEvent} twofa-dismiss - The user pressed Cancel.
 *
 * @csspart heading - The step's heading.
 * @csspart input - The password input.
 * @csspart primary - The Continue button.
 * @csspart cancel - The Cancel button.
 */
export class TwofaStepPassword extends TwofaStepBase {
  static override properties = {
    account: {},
    _passwordMissing: { state: true },
  };

  /** The signed-in account, shown so the user knows whose password is asked for. */
  account = '';

  private _passwordMissing = false;

  /** The password field (not the hidden username field that precedes it when `account` is set). */
  private get _field(): HTMLInputElement {
    return this.renderRoot.querySelector('#password')!;
  }

  protected override readonly selectFieldOnError = true;

  private _onSubmit(event: Event): void {
    event.preventDefault();
    if (this.rateLimit.running) return;
    this._passwordMissing = this._field.value === '';
    if (this._passwordMissing) {
      this._field.focus();
      return;
    }
    this.submitValue(this._field.value);
  }

  override render() {
    const message = this._passwordMissing
      ? this.msg('Enter your password.', { id: 'twofa-password-missing', desc: 'Validation: the password field is empty.' })
      : this.requestError;
    return html`
      ${this.renderHeading(this.msg('Confirm it is you', { id: 'twofa-password-heading', desc: 'Heading of the password re-entry step.' }))}
      <p>
        ${this.msg('Enter your password to start setting up two-factor authentication.', {
          id: 'twofa-password-lead',
          desc: 'Explains why the password is asked for again.',
        })}
      </p>
      ${this.renderForm(
        this._onSubmit,
        html`${this.account ? html`<input type="text" name="username" autocomplete="username" .value=${this.account} hidden />` : null}
          <div class="field">
            <label for="password">${this.msg('Password', { id: 'twofa-password-label', desc: 'Label of the password field.' })}</label>
            <input
              id="password"
              part="input"
              type="password"
              name="password"
              autocomplete="current-password"
              required
              aria-invalid=${message ? 'true' : 'false'}
              aria-describedby=${this.describedBy('password-error')}
              @input=${() => (this._passwordMissing = false)}
            />
            ${this.renderFieldError('password-error', message)}
          </div>`,
        this.busy ? checkingLabel(this.i18n) : continueLabel(this.i18n),
      )}
    `;
  }
}
