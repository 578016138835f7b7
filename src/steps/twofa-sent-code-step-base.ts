import { durationInWords, str } from '../localization.js';
import { html, type PropertyDeclarations, type PropertyValues } from 'lit';
import { checkingLabel, codeLabel, verifyLabel } from './common-messages.js';
import { CountdownController } from './countdown-controller.js';
import { formatDuration } from './error-message.js';
import { TwofaCodeStepBase } from './twofa-code-step-base.js';

/** What a code step needs to know about a code that was sent. */
export interface SentCode {
  /** Seconds before another code may be sent. */
  resendAfter: number;
}

/** The wording that differs between a code sent by text message and one sent by e-mail. */
export interface SentCodeTexts {
  heading: string;
  /** Where the code went. */
  lead: string;
  /** Lead-in to resend and change, e.g. "No text message?". */
  none: string;
  /** The button back to the number or address. */
  change: string;
}

/**
 * A code step for a code the server sent (SMS, e-mail): the code entry, "Send a new code" once
 * `resendAfter` has passed, and a way back to change where it goes.
 */
export abstract class TwofaSentCodeStepBase<Sent extends SentCode> extends TwofaCodeStepBase {
  static override properties: PropertyDeclarations = { sent: { attribute: false } };

  /** Where the code went and when another may be sent; a new object restarts the resend countdown. */
  sent: Sent | null = null;

  private readonly _resend = new CountdownController(this);

  protected abstract texts(): SentCodeTexts;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('sent')) this._resend.start(this.sent?.resendAfter ?? 0);
  }

  override render() {
    const { heading, lead, none, change } = this.texts();
    const wait = this._resend.remaining;
    return html`
      ${this.renderHeading(heading)}
      <p>${lead}</p>
      ${this.renderCodeEntry(codeLabel(this.i18n, this.digits))}
      <p class="resend">
        <span class="muted">${none}</span>
        <button type="button" class="link" part="resend" aria-disabled=${wait || this.blocked ? 'true' : 'false'} @click=${this._onResend}>
          ${
            wait
              ? html`<span aria-hidden="true">${this._waitText(formatDuration(wait))}</span
                  ><span class="visually-hidden">${this._waitText(durationInWords(this._resend.announced, this.i18n.locale))}</span>`
              : this.msg('Send a new code', { id: 'twofa-sms-code-resend', desc: 'Button that sends another code (by SMS or e-mail).' })
          }
        </button>
        <button type="button" class="link" part="change" @click=${() => this.signal('twofa-back')}>${change}</button>
      </p>
      <div class="actions">
        <button type="button" class="primary" part="primary" aria-disabled=${this.blocked ? 'true' : 'false'} @click=${this.onVerifyClick}>
          ${this.busy ? checkingLabel(this.i18n) : verifyLabel(this.i18n)}
        </button>
        <span class="spacer"></span>
        ${this.renderCancel()}
      </div>
    `;
  }

  /**
   * "Send a new code in …", shown with the wait as m:ss; the button's name has it in words ("0:42" is
   * read as a time of day) from `announced`: it changes at most every 15 s, never below the time
   * left, as screen readers speak each new name of a focused button. (Hidden text, not an
   * `aria-label`, which would have to contain the visible text.)
   */
  private _waitText(duration: string): string {
    return this.msg(str`Send a new code in ${duration}`, {
      id: 'twofa-sms-code-resend-wait',
      desc: "Resend button while waiting. The wait is either minutes:seconds (0:42, on screen) or in words (42 seconds, 1 minute and 5 seconds: the button's name, read by screen readers), formatted for the language.",
    });
  }

  private _onResend(): void {
    // Not while a rate limit (of a resend, or of wrong codes) runs either: the server said to wait.
    if (this._resend.running || this.blocked) return;
    this.signal('twofa-resend');
  }
}
