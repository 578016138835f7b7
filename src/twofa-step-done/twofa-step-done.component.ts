import { str } from '../localization.js';
import { css, html } from 'lit';
import type { EnrollmentMode } from '../adapter/types.js';
import { TwofaStepBase } from '../steps/twofa-step-base.js';

/**
 * @summary The end: what is now turned on, and room for the page's own actions.
 *
 * @slot - The page's own actions, e.g. a "Back to settings" link.
 *
 * @csspart heading - The step's heading.
 * @csspart methods - The list of enabled methods.
 */
export class TwofaStepDone extends TwofaStepBase {
  static override properties = {
    methods: { type: Array },
    maskedPhone: { attribute: 'masked-phone' },
    maskedEmail: { attribute: 'masked-email' },
    mode: { reflect: true },
  };

  /** What is now enabled, e.g. `['totp', 'sms']`. */
  methods: string[] = [];
  /** Where SMS codes go, e.g. `+47 ••• •• 567`. */
  maskedPhone = '';
  /** Where e-mailed codes go, e.g. `o•••@example.com`. */
  maskedEmail = '';
  /** `reset` words the step for a replaced authenticator. */
  mode: EnrollmentMode = 'enroll';

  override render() {
    return html`
      ${this.renderHeading(
        this.mode === 'reset'
          ? this.msg('Your new authenticator is set up', { id: 'twofa-done-heading-reset', desc: 'Heading of the last step after replacing an authenticator.' })
          : this.msg('Two-factor authentication is on', { id: 'twofa-done-heading', desc: 'Heading of the last step after a successful enrollment.' }),
      )}
      <ul class="plain" part="methods">
        ${this.methods.map((method) => html`<li><span class="check" aria-hidden="true">✓</span> ${this._methodName(method)}</li>`)}
      </ul>
      <p>${this._nextTime()}</p>
      <div class="actions"><slot></slot></div>
    `;
  }

  /** What the next sign-in asks for: the app if it is on, else a passkey, else the code sent by SMS or e-mail. */
  private _nextTime(): string {
    if (!this.methods.includes('totp') && this.methods.includes('passkey'))
      return this.msg('Next time you sign in, confirm it is you with your passkey.', {
        id: 'twofa-done-next-time-passkey',
        desc: 'Tells the user what changes at the next sign-in, when a passkey is the method.',
      });
    if (!this.methods.includes('totp') && this.methods.includes('sms'))
      return this.msg('Next time you sign in, we will send a code to your phone by text message.', {
        id: 'twofa-done-next-time-sms',
        desc: 'Tells the user what changes at the next sign-in, when SMS is the method.',
      });
    if (!this.methods.includes('totp') && this.methods.includes('email'))
      return this.msg('Next time you sign in, we will send a code to your e-mail address.', {
        id: 'twofa-done-next-time-email',
        desc: 'Tells the user what changes at the next sign-in, when e-mail is the method.',
      });
    return this.msg('Next time you sign in, we will ask for a code from your authenticator app.', {
      id: 'twofa-done-next-time',
      desc: 'Tells the user what changes at the next sign-in.',
    });
  }

  private _methodName(method: string): string {
    const primary = !this.methods.includes('totp');
    if (method === 'totp') return this.msg('Authenticator app', { id: 'twofa-done-method-totp', desc: 'Enabled method: the authenticator app.' });
    if (method === 'passkey') return this.msg('Passkey', { id: 'twofa-done-method-passkey', desc: 'Enabled method: a passkey.' });
    if (method === 'email')
      return this.maskedEmail
        ? this.msg(str`Codes by e-mail to ${this.maskedEmail}`, {
            id: 'twofa-done-method-email-to',
            desc: 'Enabled method: codes by e-mail, with the partly hidden address.',
          })
        : this.msg('Codes by e-mail', { id: 'twofa-done-method-email', desc: 'Enabled method: codes by e-mail.' });
    if (method === 'sms' && primary)
      return this.maskedPhone
        ? this.msg(str`Codes by text message (SMS) to ${this.maskedPhone}`, {
            id: 'twofa-done-method-sms-primary-to',
            desc: 'Enabled method: SMS as the main method, with the partly hidden number.',
          })
        : this.msg('Codes by text message (SMS)', { id: 'twofa-done-method-sms-primary', desc: 'Enabled method: SMS as the main method.' });
    if (method === 'sms')
      return this.maskedPhone
        ? this.msg(str`Text message (SMS) backup to ${this.maskedPhone}`, {
            id: 'twofa-done-method-sms-to',
            desc: 'Enabled method: SMS backup, with the partly hidden number.',
          })
        : this.msg('Text message (SMS) backup', { id: 'twofa-done-method-sms', desc: 'Enabled method: SMS backup.' });
    return method;
  }

  static override styles = [
    TwofaStepBase.styles,
    css`
      .check {
        color: var(--_success);
        font-weight: 700;
      }
    `,
  ];
}
