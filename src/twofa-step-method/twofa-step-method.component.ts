import { css, html, nothing } from 'lit';
import type { MethodId } from '../adapter/types.js';
import { continueLabel } from '../steps/common-messages.js';
import { TwofaStepBase } from '../steps/twofa-step-base.js';

/**
 * @summary The choice of the second factor: a passkey, or codes from an authenticator app, by text message (SMS) or by e-mail.
 *
 * A group of radio buttons (arrow keys move between them); the first offered method is preselected.
 * When the backend refused the method picked (e-mail alone, `email_only`), the error says why and the
 * wizard offers only what it accepts.
 *
 * @fires {TwofaSubmitEvent} twofa-submit - The chosen method (`event.value`: `totp`, `sms`, `email` or `passkey`).
 * @fires {TwofaStepSignalEvent} twofa-dismiss - The user pressed Cancel.
 *
 * @csspart heading - The step's heading.
 * @csspart option - Each method's row.
 * @csspart primary - The Continue button.
 * @csspart cancel - The Cancel button.
 */
export class TwofaStepMethod extends TwofaStepBase {
  static override properties = { methods: { attribute: false }, recommended: {} };

  /** The methods offered, in order. */
  methods: MethodId[] = ['totp', 'sms', 'email'];
  /** The method marked "(recommended)": `totp`, or `passkey` where the device keeps passkeys itself. */
  recommended: MethodId = 'totp';

  private _onSubmit(event: Event): void {
    event.preventDefault();
    const chosen = this.renderRoot.querySelector<HTMLInputElement>('input:checked');
    if (chosen) this.submitValue(chosen.value);
  }

  override render() {
    return html`
      ${this.renderHeading(this.msg('How do you want to get your codes?', { id: 'twofa-method-heading', desc: 'Heading of the step where the user picks the two-factor method.' }))}
      <p>
        ${this.msg('Each time you sign in, you will enter a one-time code after your password. Choose how you want to get it.', {
          id: 'twofa-method-lead',
          desc: 'Explains the choice of two-factor method.',
        })}
      </p>
      ${this.renderForm(
        this._onSubmit,
        html`<fieldset>
            <legend class="visually-hidden">
              ${this.msg('Method', { id: 'twofa-method-legend', desc: 'Screen readers only: name of the group of method choices.' })}
            </legend>
            ${this.methods.map((method, index) => this._renderOption(method, index === 0))}
          </fieldset>
          ${this.requestError ? html`<p class="error" role="alert">${this.requestError}</p>` : nothing}`,
        continueLabel(this.i18n),
      )}
    `;
  }

  private _renderOption(method: MethodId, checked: boolean) {
    const [name, about] = this._describe(method);
    return html`<label class="option" part="option">
      <input type="radio" name="method" value=${method} ?checked=${checked} aria-labelledby="name-${method}" aria-describedby="about-${method}" />
      <span>
        <strong id="name-${method}">${name}</strong>
        <span id="about-${method}" class="muted">${about}</span>
      </span>
    </label>`;
  }

  private _describe(method: MethodId): [string, string] {
    switch (method) {
      case 'passkey':
        return [
          this.recommended === 'passkey'
            ? this.msg('Passkey (recommended)', { id: 'twofa-method-passkey-recommended', desc: 'Method choice: a passkey, recommended on this device.' })
            : this.msg('Passkey', { id: 'twofa-method-passkey', desc: 'Method choice: a passkey.' }),
          this.msg('Confirm it is you with your fingerprint, face or screen lock. There is no code to type.', {
            id: 'twofa-method-passkey-about',
            desc: 'Method choice: what the passkey option means.',
          }),
        ];
      case 'totp':
        return [
          this.recommended === 'totp'
            ? this.msg('Authenticator app (recommended)', { id: 'twofa-method-totp', desc: 'Method choice: codes from an authenticator app.' })
            : this.msg('Authenticator app', {
                id: 'twofa-method-totp-plain',
                desc: 'Method choice: codes from an authenticator app (another method is recommended).',
              }),
          this.msg('An app on your phone or computer makes the codes. It works without mobile coverage.', {
            id: 'twofa-method-totp-about',
            desc: 'Method choice: what the authenticator app option means.',
          }),
        ];
      case 'sms':
        return [
          this.msg('Text message (SMS)', { id: 'twofa-method-sms', desc: 'Method choice: codes by text message.' }),
          this.msg('We send a code to your mobile phone.', { id: 'twofa-method-sms-about', desc: 'Method choice: what the SMS option means.' }),
        ];
      case 'email':
        return [
          this.msg('E-mail', { id: 'twofa-method-email', desc: 'Method choice: codes by e-mail.' }),
          this.msg('We send a code to your e-mail address.', { id: 'twofa-method-email-about', desc: 'Method choice: what the e-mail option means.' }),
        ];
    }
  }

  static override styles = [
    TwofaStepBase.styles,
    css`
      fieldset {
        border: 0;
        margin: 0 0 var(--_space);
        padding: 0;
        display: grid;
        gap: 0.5rem;
      }
      .option {
        display: flex;
        gap: 0.75rem;
        align-items: flex-start;
        padding: 0.75rem var(--_space);
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        font-weight: 400;
        cursor: pointer;
      }
      .option:has(:checked) {
        border-color: var(--_accent);
        box-shadow: inset 0 0 0 1px var(--_accent);
      }
      .option span {
        display: grid;
        gap: 0.125rem;
      }
    `,
  ];
}
