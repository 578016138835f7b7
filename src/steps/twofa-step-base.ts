import { html, type CSSResultGroup, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { MachineError } from '../twofa-enroll/machine.js';
import { TwofaStepSignalEvent, TwofaSubmitEvent, type StepSignal } from '../events/step-events.js';
import { base } from '../styles/base.styles.js';
import { tokens } from '../styles/tokens.styles.js';
import { TwofaElement } from '../twofa-element.js';
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

  /** Called when a rate limit's countdown ends. */
  protected rateLimitEnded(): void {}

  /** Moves focus to the step's heading, so screen readers announce the new step. */
  focusHeading(): void {
    this.renderRoot?.querySelector('h2')?.focus();
  }

  protected renderHeading(text: string) {
    return html`<h2 part="heading" tabindex="-1">${text}</h2>`;
  }

  protected signal(type: StepSignal): void {
    this.dispatchEvent(new TwofaStepSignalEvent(type));
  }

  /** Sends the step's value, once: a busy or rate-limited step ignores repeated clicks and Enter presses. */
  protected submitValue(value: string): void {
    if (this.blocked) return;
    this.dispatchEvent(new TwofaSubmitEvent(value));
  }
}
