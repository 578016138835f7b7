import { html, LitElement } from 'lit';
import { property, query } from 'lit/decorators.js';
import type { MachineError } from '../enroll/machine.js';
import { LocaleController } from '../locale-controller.js';
import { TwofaStepSignalEvent, TwofaSubmitEvent, type StepSignal } from '../events/step-events.js';
import { base, tokens } from '../styles/tokens.styles.js';
import { steps } from './steps.styles.js';

/**
 * What every step element shares: `busy` and `error` in, step events out, and a
 * heading the orchestrator focuses on each transition. Steps never call an adapter.
 */
export abstract class TwofaStepBase extends LitElement {
  static styles = [tokens, base, steps];

  /** A request for this step is in flight: actions are disabled and say so. */
  @property({ type: Boolean, reflect: true }) busy = false;

  /** The last failure of this step's request, shown as a translated message. */
  @property({ attribute: false }) error: MachineError | null = null;

  /** The step's language (its own or an ancestor's `lang`): re-renders it in place when that changes. */
  protected readonly i18n = LocaleController.for(this);

  @query('h2') private heading?: HTMLHeadingElement;

  /** Moves focus to the step's heading, so screen readers announce the new step. */
  focusHeading(): void {
    this.heading?.focus();
  }

  protected renderHeading(text: string) {
    return html`<h2 part="heading" tabindex="-1">${text}</h2>`;
  }

  protected signal(type: StepSignal): void {
    this.dispatchEvent(new TwofaStepSignalEvent(type));
  }

  /** Sends the step's value, once: a busy step ignores repeated clicks and Enter presses. */
  protected submitValue(value: string): void {
    if (this.busy) return;
    this.dispatchEvent(new TwofaSubmitEvent(value));
  }
}
