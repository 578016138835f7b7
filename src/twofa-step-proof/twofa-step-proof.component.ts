import { html } from 'lit';
import { checkingLabel, continueLabel } from '../steps/common-messages.js';
import { TwofaStepBase } from '../steps/twofa-step-base.js';

/**
 * @summary Proof before a lost authenticator is replaced: a recovery code, or a code from the app.
 *
 * Replacing the second factor with only a signed-in session would let whoever holds the session take
 * the account over, so the server asks for proof. The wizard shows this step when the server does (no
 * reset link was opened, or its token was used or expired): one field that takes either kind of code.
 *
 * @fires {TwofaSubmitEvent} twofa-submit - The user sent a code (`event.value`, as typed, trimmed).
 * @fires {TwofaStepSignalEvent} twofa-dismiss - The user pressed Cancel.
 *
 * @csspart heading - The step's heading.
 * @csspart input - The code field.
 * @csspart primary - The Continue button.
 * @csspart cancel - The Cancel button.
 */
export class TwofaStepProof extends TwofaStepBase {
  static override properties = {
    _codeMissing: { state: true },
  };

  private _codeMissing = false;

  private get _field(): HTMLInputElement {
    return this.renderRoot.querySelector('input')!;
  }

  private _onSubmit(event: Event): void {
    event.preventDefault();
    if (this.rateLimit.running) return;
    const code = this._field.value.trim();
    this._codeMissing = code === '';
    if (this._codeMissing) this._field.focus();
    else this.submitValue(code);
  }

  override render() {
    const message = this._codeMissing
      ? this.msg('Enter a code.', { id: 'twofa-proof-missing', desc: 'Validation: the code field is empty.' })
      : this.requestError;
    return html`
      ${this.renderHeading(this.msg('Confirm with a code you have', { id: 'twofa-proof-heading', desc: 'Heading of the step that asks for proof before the authenticator app is replaced.' }))}
      <p>
        ${this.msg('To replace your authenticator app, confirm it is you with one of your recovery codes, or with a code from the app if you still have it.', {
          id: 'twofa-proof-lead',
          desc: 'Why a code is asked for before the authenticator app is replaced, and which codes work.',
        })}
      </p>
      ${this.renderForm(
        this._onSubmit,
        html`<div class="field">
          <label for="proof"
            >${this.msg('Recovery code or code from the app', { id: 'twofa-proof-label', desc: 'Label of the field for a recovery code or a current code from the authenticator app.' })}</label
          >
          <input
            id="proof"
            part="input"
            type="text"
            autocomplete="one-time-code"
            autocapitalize="characters"
            spellcheck="false"
            aria-invalid=${message ? 'true' : 'false'}
            aria-describedby=${this.describedBy('proof-error')}
            @input=${() => (this._codeMissing = false)}
          />
          ${this.renderFieldError('proof-error', message)}
        </div>`,
        this.busy ? checkingLabel(this.i18n) : continueLabel(this.i18n),
      )}
    `;
  }
}
