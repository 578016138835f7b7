import { html, type PropertyValues } from 'lit';
import { checkingLabel, continueLabel } from '../steps/common-messages.js';
import { attemptsLeftMessage } from '../steps/error-message.js';
import { TwofaStepBase } from '../steps/twofa-step-base.js';

/**
 * @summary Step-up before a change to the second factors: the account password, or a code the user holds.
 *
 * `<twofa-manage>` shows it when the server answers that a change needs more (`password_required`,
 * then `proof_required`), and sends the change again with what the user typed. The server decides;
 * this step only asks, so a page cannot skip it.
 *
 * @fires {TwofaSubmitEvent} twofa-submit - The user sent the password or the code (`event.value`; a code trimmed).
 * @fires {TwofaStepSignalEvent} twofa-dismiss - The user pressed Cancel.
 *
 * @csspart heading - The step's heading.
 * @csspart input - The password or code field.
 * @csspart primary - The Continue button.
 * @csspart cancel - The Cancel button.
 */
export class TwofaStepUp extends TwofaStepBase {
  static override properties = {
    need: { reflect: true },
    account: {},
    _missing: { state: true },
  };

  /** What is asked for: the account `password`, or `proof` (a code from the authenticator app, or a recovery code). */
  need: 'password' | 'proof' = 'password';
  /** The signed-in account, for password managers (a hidden username field). */
  account = '';

  private _missing = false;
  protected override readonly selectFieldOnError = true;

  private get _field(): HTMLInputElement {
    return this.renderRoot.querySelector('#step-up')!;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('need')) this._missing = false;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Asked for the code after the password: a new field, empty.
    if (changed.has('need') && changed.get('need') !== undefined) this._field.value = '';
  }

  /** A refused code, worded for a change (no reset link is involved here), with the attempts left. */
  protected override get requestError(): string {
    if (this.error?.code !== 'invalid_proof') return super.requestError;
    const refused = this.msg("That code didn't work: it is wrong or was used already. Enter a code from your app or an unused recovery code.", {
      id: 'twofa-step-up-invalid-proof',
      desc: 'Error on the step-up form before a change to the two-factor settings: the code given as proof was refused.',
    });
    const left = this.error.attemptsLeft;
    return left === undefined ? refused : `${refused} ${attemptsLeftMessage(left, this.i18n)}`;
  }

  private _onSubmit(event: Event): void {
    event.preventDefault();
    if (this.rateLimit.running) return;
    const value = this.need === 'password' ? this._field.value : this._field.value.trim();
    this._missing = value === '';
    if (this._missing) this._field.focus();
    else this.submitValue(value);
  }

  override render() {
    const password = this.need === 'password';
    const message = this._missing
      ? password
        ? this.msg('Enter your password.', { id: 'twofa-password-missing', desc: 'Validation: the password field is empty.' })
        : this.msg('Enter a code.', { id: 'twofa-proof-missing', desc: 'Validation: the code field is empty.' })
      : this.requestError;
    return html`
      ${this.renderHeading(this.msg('Confirm it is you', { id: 'twofa-password-heading', desc: 'Heading of the password re-entry step.' }))}
      <p>
        ${
          password
            ? this.msg('Enter your password to change your two-factor settings.', {
                id: 'twofa-step-up-password-lead',
                desc: 'Why the password is asked for before a change to the two-factor settings (turning it off, new recovery codes, removing a phone or passkey).',
              })
            : this.msg('Confirm the change with a code from your authenticator app, or with one of your recovery codes.', {
                id: 'twofa-step-up-proof-lead',
                desc: 'Why a code is asked for before a change to the two-factor settings, and which codes work.',
              })
        }
      </p>
      ${this.renderForm(
        this._onSubmit,
        html`${password && this.account ? html`<input type="text" name="username" autocomplete="username" .value=${this.account} hidden />` : null}
          <div class="field">
            <label for="step-up"
              >${
                password
                  ? this.msg('Password', { id: 'twofa-password-label', desc: 'Label of the password field.' })
                  : this.msg('Recovery code or code from the app', {
                      id: 'twofa-proof-label',
                      desc: 'Label of the field for a recovery code or a current code from the authenticator app.',
                    })
              }</label
            >
            <input
              id="step-up"
              part="input"
              type=${password ? 'password' : 'text'}
              autocomplete=${password ? 'current-password' : 'one-time-code'}
              autocapitalize=${password ? 'off' : 'characters'}
              spellcheck="false"
              aria-invalid=${message ? 'true' : 'false'}
              aria-describedby=${this.describedBy('step-up-error')}
              @input=${() => (this._missing = false)}
            />
            ${this.renderFieldError('step-up-error', message)}
          </div>`,
        this.busy ? checkingLabel(this.i18n) : continueLabel(this.i18n),
      )}
    `;
  }
}
