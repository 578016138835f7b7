import { msg, str } from '../localization.js';
import { css, html } from 'lit';
import type { EnrollmentMode } from '../adapter/types.js';
import { TwofaStepBase } from './twofa-step-base.js';

/**
 * @summary The end: what is now turned on, and room for the page's own actions.
 *
 * @slot - The page's own actions, e.g. a "Back to settings" link.
 *
 * @csspart heading - The step's heading.
 * @csspart methods - The list of enabled methods.
 */
export class TwofaStepDone extends TwofaStepBase {
  static properties = {
    methods: { type: Array },
    maskedPhone: { attribute: 'masked-phone' },
    mode: { reflect: true },
  };

  /** What is now enabled, e.g. `['totp', 'sms']`. */
  methods: string[] = [];
  /** Where the SMS backup goes, e.g. `+47 ••• •• 567`. */
  maskedPhone = '';
  /** `reset` words the step for a replaced authenticator. */
  mode: EnrollmentMode = 'enroll';

  render() {
    return html`
      ${this.renderHeading(
        this.mode === 'reset'
          ? msg('Your new authenticator is set up', { id: 'twofa-done-heading-reset', desc: 'Heading of the last step after replacing an authenticator.' })
          : msg('Two-factor authentication is on', { id: 'twofa-done-heading', desc: 'Heading of the last step after a successful enrollment.' }),
      )}
      <ul class="plain" part="methods">
        ${this.methods.map((method) => html`<li><span class="check" aria-hidden="true">✓</span> ${this.methodName(method)}</li>`)}
      </ul>
      <p>
        ${msg('Next time you sign in, we will ask for a code from your authenticator app.', {
          id: 'twofa-done-next-time',
          desc: 'Tells the user what changes at the next sign-in.',
        })}
      </p>
      <div class="actions"><slot></slot></div>
    `;
  }

  private methodName(method: string): string {
    if (method === 'totp') return msg('Authenticator app', { id: 'twofa-done-method-totp', desc: 'Enabled method: the authenticator app.' });
    if (method === 'sms')
      return this.maskedPhone
        ? msg(str`Text message (SMS) backup to ${this.maskedPhone}`, { id: 'twofa-done-method-sms-to', desc: 'Enabled method: SMS backup, with the partly hidden number.' })
        : msg('Text message (SMS) backup', { id: 'twofa-done-method-sms', desc: 'Enabled method: SMS backup.' });
    return method;
  }

  static styles = [
    TwofaStepBase.styles,
    css`
      .check {
        color: var(--_success);
        font-weight: 700;
      }
    `,
  ];
}
