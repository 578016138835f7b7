import { html, nothing, type CSSResultGroup, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type { MachineError } from '../twofa-enroll/machine.js';
import { TwofaStepSignalEvent, TwofaSubmitEvent, type StepSignal } from '../events/step-events.js';
import { base } from '../styles/base.styles.js';
import { tokens } from '../styles/tokens.styles.js';
import { TwofaElement } from '../twofa-element.js';
import { cancelLabel } from './common-messages.js';
import { errorMessage } from './error-message.js';
import { RateLimitController } from './rate-limit.js';
import { steps } from './steps.styles.js';

/**
 * What every step element shares: `busy` and `error` in, step events out, and a
 * heading the orchestrator focuses on each transition. Steps never call an adapter.
 *
 * Every step takes the kit's theme (the same custom properties as `<twofa-enroll>`, which passes
 * them down; the fallbacks follow the user's light or dark scheme):
 *
 * @cssprop [--twofa-accent=#1d5bd8] - Buttons, links and focus ring.
 * @cssprop [--twofa-on-accent=#ffffff] - Text on accent-coloured buttons.
 * @cssprop [--twofa-text=#1b1d21] - Text colour.
 * @cssprop [--twofa-muted=#545b66] - Secondary text.
 * @cssprop [--twofa-surface=#ffffff] - Background of buttons and fields.
 * @cssprop [--twofa-subtle=#f2f4f7] - Panels and code backgrounds.
 * @cssprop [--twofa-border=#8a919c] - Input and button borders.
 * @cssprop [--twofa-danger=#b3261e] - Errors.
 * @cssprop [--twofa-success=#18794e] - Confirmations.
 * @cssprop [--twofa-radius=0.5rem] - Corner radius.
 * @cssprop [--twofa-focus-ring=0 0 0 3px color-mix(in srgb, var(--twofa-accent) 45%, transparent)] - The focus indicator (a `box-shadow`).
 * @cssprop [--twofa-font=system-ui] - Font family.
 * @cssprop [--twofa-font-mono=ui-monospace] - Font for codes and keys.
 * @cssprop [--twofa-spacing=1rem] - Base spacing.
 */
export abstract class TwofaStepBase extends TwofaElement {
  static override styles: CSSResultGroup = [tokens, base, steps];
  static override properties: PropertyDeclarations = {
    busy: { type: Boolean, reflect: true },
    error: { attribute: false },
  };

  /** A request for this step is in flight: actions are disabled and say so. */
  busy = false;

  /** The last failure of this step's request, shown as a translated message. */
  error: MachineError | null = null;

  /** A `rate_limited` error's countdown (steps render it with `rateLimit.render()`); nothing is sent until it ends. */
  protected readonly rateLimit = new RateLimitController(this, this.i18n, () => this.rateLimitEnded());

  /** Sending is held back: a request is in flight, or the server's wait is not over. */
  protected get blocked(): boolean {
    return this.busy || this.rateLimit.running;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('error')) this.rateLimit.follow(this.error);
  }

  /**
   * After a failed request, what was typed in the field is selected, so typing replaces it (a
   * wrong password is typed anew; a phone number or address is usually corrected, so not there).
   */
  protected readonly selectFieldOnError: boolean = false;

  /** The id of the error `renderFieldError` rendered last: the field it describes is the one to fix. */
  private _fieldErrorId = '';

  protected override updated(changed: PropertyValues<this>): void {
    // A failed request: focus back in the field its error describes (after a click, focus was on the button,
    // where typing goes nowhere).
    if (!changed.has('error') || !this.error || !this._fieldErrorId) return;
    const field = this.renderRoot.querySelector<HTMLInputElement>(`form [aria-describedby~="${this._fieldErrorId}"]`);
    field?.focus();
    if (this.selectFieldOnError) field?.select();
  }

  /** Called when a rate limit's countdown ends. */
  protected rateLimitEnded(): void {}

  /** Moves focus to the step's heading, so screen readers announce the new step. */
  focusHeading(): void {
    this.renderRoot?.querySelector('h2')?.focus();
  }

  protected renderHeading(text: string) {
    return html`<h2 part="heading" tabindex="-1">${text}</h2>`;
  }

  /** Cancel, which every step offers: it ends the whole enrollment. */
  protected renderCancel() {
    return html`<button type="button" part="cancel" @click=${this._dismiss}>${cancelLabel(this.i18n)}</button>`;
  }

  /**
   * The form of a step the user fills in: its fields, then the actions: the main button (held back
   * while blocked: `aria-disabled`, so it stays focusable and says why; left out when nothing can be
   * sent), any others, and Cancel apart.
   */
  protected renderForm(
    onSubmit: (event: Event) => void,
    fields: TemplateResult,
    primary: string,
    others: TemplateResult | typeof nothing = nothing,
    showPrimary = true,
  ) {
    return html`<form @submit=${onSubmit} novalidate>
      ${fields}
      <div class="actions">
        ${
          showPrimary
            ? html`<button type="submit" class="primary" part="primary" aria-disabled=${this.blocked ? 'true' : 'false'}>${primary}</button>`
            : nothing
        }
        ${others}
        <span class="spacer"></span>
        ${this.renderCancel()}
      </div>
    </form>`;
  }

  /**
   * A field's error (`id`, announced as it appears), then the rate limit's countdown while one runs.
   * The field that `describedBy(id)` names is focused again when a request fails.
   */
  protected renderFieldError(id: string, message: string) {
    this._fieldErrorId = id;
    return html`<p id=${id} class="error" role="alert">${message}</p>
      ${this.rateLimit.render()}`;
  }

  /** What describes a field: its error, and the countdown while rate limited. */
  protected describedBy(errorId: string): string {
    return this.error?.code === 'rate_limited' ? `${errorId} rate-limit` : errorId;
  }

  /** The request's failure as a sentence; none for a rate limit, which the countdown tells. */
  protected get requestError(): string {
    return this.error && this.error.code !== 'rate_limited' ? errorMessage(this.error, this.i18n) : '';
  }

  private _dismiss = (): void => this.signal('twofa-dismiss');

  protected signal(type: StepSignal): void {
    this.dispatchEvent(new TwofaStepSignalEvent(type));
  }

  /** Sends the step's value, once: a busy or rate-limited step ignores repeated clicks and Enter presses. */
  protected submitValue(value: string): void {
    if (this.blocked) return;
    this.dispatchEvent(new TwofaSubmitEvent(value));
  }
}
