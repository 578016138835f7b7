import { html, type PropertyDeclarations, type PropertyValues } from 'lit';
import '../twofa-code-input/twofa-code-input.js';
import type { TwofaCodeInput } from '../twofa-code-input/twofa-code-input.component.js';
import { attemptsLeftMessage, errorMessage } from './error-message.js';
import { TwofaStepBase } from './twofa-step-base.js';

/**
 * What the two code steps (authenticator code, SMS code) share: one code input that
 * submits itself, the error with attempts left, and a rate-limit countdown that keeps
 * the input disabled until it ends.
 *
 * @slot code-field - Optional: an `<input>` of the page's, used as the code field (see `<twofa-code-input>`'s `input` slot).
 *
 * @cssprop [--twofa-code-input-font-size=1.75rem] - Size of the digits in the code field.
 * @cssprop [--twofa-code-input-width=auto] - Width of the code field; by default it fits the code.
 */
export abstract class TwofaCodeStepBase extends TwofaStepBase {
  static override properties: PropertyDeclarations = { digits: { type: Number } };

  /** Digits of a code. */
  digits = 6;

  protected get codeInput(): TwofaCodeInput | null {
    return this.renderRoot.querySelector('twofa-code-input');
  }

  // Focus once the end is rendered: this runs before the re-render that enables the input, and a
  // disabled input cannot take focus (the code input enables its field a microtask later still).
  protected override rateLimitEnded(): void {
    setTimeout(() => this.codeInput?.focus());
  }

  protected override async updated(changed: PropertyValues<this>): Promise<void> {
    if (!changed.has('error') || !this.error || !this.codeInput) return;
    // Rate limited: the input is disabled until the wait is over (then it takes focus again), so
    // focus goes to the heading rather than being lost; the status region tells how long.
    if (this.rateLimit.running) return this.focusHeading();
    // A wrong code: empty the input, ready for the next code. Any failure: the cursor back in the
    // input, which the error describes (after a click on Verify or Send a new code, focus was on the button).
    if (this.error.code === 'invalid_code') this.codeInput.clear();
    await this.codeInput.updateComplete;
    this.codeInput.focus();
  }

  // The input itself is disabled only by a rate limit, so focus stays in it while a code is checked.
  protected onCodeComplete(event: CustomEvent<{ code: string }>): void {
    this.submitValue(event.detail.code);
  }

  protected onVerifyClick(): void {
    // Verify is only aria-disabled (it stays focusable): while rate limited, the code still in the field must not go out.
    if (this.blocked) return;
    const code = this.codeInput?.value ?? '';
    if (code.length === this.digits) this.submitValue(code);
    else this.codeInput?.reportValidity();
  }

  /** The input, its error (with attempts left) and the rate-limit countdown. */
  protected renderCodeEntry(label: string) {
    const error = this.error;
    const parts = error && error.code !== 'rate_limited' ? [errorMessage(error, this.i18n)] : [];
    if (error?.attemptsLeft !== undefined && error.code === 'invalid_code') parts.push(attemptsLeftMessage(error.attemptsLeft, this.i18n));
    return html`
      <twofa-code-input
        part="code-input"
        exportparts="label, input, hint, error"
        label=${label}
        .digits=${this.digits}
        .error=${parts.join(' ')}
        ?disabled=${this.rateLimit.running}
        @twofa-code-complete=${this.onCodeComplete}
        ><slot name="code-field" slot="input"></slot
      ></twofa-code-input>
      ${this.rateLimit.render()}
    `;
  }
}
