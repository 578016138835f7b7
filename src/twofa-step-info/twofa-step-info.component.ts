import { html } from 'lit';
import type { EnrollmentMode } from '../adapter/types.js';
import { TwofaStepBase } from '../steps/twofa-step-base.js';

/**
 * @summary What two-factor authentication is, what the user needs, and how long it takes.
 *
 * @fires {TwofaStepSignalEvent} twofa-next - The user pressed Start.
 * @fires {TwofaStepSignalEvent} twofa-dismiss - The user pressed Cancel.
 *
 * @csspart heading - The step's heading.
 * @csspart primary - The Start button.
 * @csspart cancel - The Cancel button.
 */
export class TwofaStepInfo extends TwofaStepBase {
  static override properties = { mode: { reflect: true } };

  /** `reset` words the step for replacing a lost authenticator. */
  mode: EnrollmentMode = 'enroll';

  override render() {
    const reset = this.mode === 'reset';
    return html`
      ${this.renderHeading(
        reset
          ? this.msg('Set up a new authenticator', {
              id: 'twofa-info-heading-reset',
              desc: 'Heading of the first step when replacing a lost authenticator app.',
            })
          : this.msg('Set up two-factor authentication', { id: 'twofa-info-heading', desc: 'Heading of the first step of the enrollment wizard.' }),
      )}
      <p class="lead">
        ${this.msg(
          'Two-factor authentication adds a second step when you sign in: after your password, you enter a one-time code from an app on your phone or computer. Even if someone learns your password, they cannot sign in without the code.',
          { id: 'twofa-info-what', desc: 'Explains what two-factor authentication is, on the first step.' },
        )}
      </p>
      ${
        reset
          ? html`<p class="panel">
              ${this.msg('Your old codes will stop working once the new authenticator is confirmed.', {
                id: 'twofa-info-reset-warning',
                desc: 'Reset mode: tells the user the lost authenticator stops working.',
              })}
            </p>`
          : null
      }
      <p><strong>${this.msg('You will need:', { id: 'twofa-info-need', desc: 'Lead-in to what the user needs for enrollment.' })}</strong></p>
      <ul>
        <li>
          ${this.msg('An authenticator app, such as Microsoft Authenticator, Google Authenticator, Enpass or any app for time-based one-time codes (TOTP).', {
            id: 'twofa-info-app',
            desc: 'What the user needs: an authenticator app. App names stay as they are.',
          })}
        </li>
        <li>${this.msg('About two minutes.', { id: 'twofa-info-time', desc: 'What the user needs: how long enrollment takes.' })}</li>
      </ul>
      <div class="actions">
        <button type="button" class="primary" part="primary" ?disabled=${this.busy} @click=${() => this.signal('twofa-next')}>
          ${this.msg('Start', { id: 'twofa-info-start', desc: 'Button that starts the enrollment.' })}
        </button>
        ${this.renderCancel()}
      </div>
    `;
  }
}
