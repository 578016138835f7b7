import { str } from '../localization.js';
import { html, nothing, type PropertyValues } from 'lit';
import type { EnrollmentAdapter, EnrollmentMode, MethodId, SmsPolicy } from '../adapter/types.js';
import { TwofaCancelEvent } from '../events/cancel.js';
import { TwofaCompleteEvent } from '../events/complete.js';
import { TwofaErrorEvent } from '../events/error.js';
import { TwofaStepChangeEvent } from '../events/step-change.js';
import type { TwofaSubmitEvent } from '../events/step-events.js';
import '../twofa-step-confirm/twofa-step-confirm.js';
import '../twofa-step-done/twofa-step-done.js';
import '../twofa-step-email/twofa-step-email.js';
import '../twofa-step-email-code/twofa-step-email-code.js';
import '../twofa-step-emergency/twofa-step-emergency.js';
import '../twofa-step-info/twofa-step-info.js';
import '../twofa-step-method/twofa-step-method.js';
import '../twofa-step-passkey/twofa-step-passkey.js';
import '../twofa-step-password/twofa-step-password.js';
import '../twofa-step-proof/twofa-step-proof.js';
import '../twofa-step-qr/twofa-step-qr.js';
import '../twofa-step-sms-code/twofa-step-sms-code.js';
import '../twofa-step-sms/twofa-step-sms.js';
import { cancelLabel } from '../steps/common-messages.js';
import { errorMessage } from '../steps/error-message.js';
import { RateLimitController } from '../steps/rate-limit.js';
import { base } from '../styles/base.styles.js';
import { tokens } from '../styles/tokens.styles.js';
import { TwofaElement } from '../twofa-element.js';
import { ALL_METHODS, EnrollmentSession } from './enrollment-session.js';
import { platformAuthenticator, webauthnSupported } from './passkey-support.js';
import {
  begin,
  canGoBack,
  canSkip,
  FlowConfigError,
  FLOWS,
  isComplete,
  passkeyOptional,
  plan,
  progress,
  transition,
  type Effect,
  type FlowName,
  type FlowPreset,
  type MachineEvent,
  type MachineState,
  type RequestKind,
  type StepId,
  type Transition,
} from './machine.js';
import { enrollStyles } from './twofa-enroll.styles.js';

/** The steps' signals without a value, as machine events. */
const SIGNALS: Record<string, MachineEvent> = {
  'twofa-next': { type: 'NEXT' },
  'twofa-back': { type: 'BACK' },
  'twofa-skip': { type: 'SKIP' },
  'twofa-resend': { type: 'RESEND' },
  'twofa-prepare': { type: 'PREPARE' },
};
/** The steps with a code field, which `code-field="light"` puts in the page's DOM. */
const CODE_STEPS: ReadonlySet<StepId> = new Set(['confirm', 'sms-code', 'email-code']);
/** Forwards the page-side code field to the step (see `_showLightField`). */
const codeFieldSlot = html`<slot name="code-field" slot="code-field"></slot>`;
/**
 * Every part of every step, exported under its own name, so that `twofa-enroll::part(primary)` reaches
 * the main button of whichever step is shown. (Listed in the class JSDoc too; `npm run check:manifest`
 * holds the two together.)
 */
const STEP_PARTS =
  'heading, primary, cancel, input, label, hint, error, code-input, clock-hint, resend, change, country, option, qr, open-app, manual, secret, switch-view, codes, acknowledge, type-back, methods';
/** Numbers the light-DOM code forms, whose ids are unique in the document. */
let lightFields = 0;

interface Focusable {
  focusHeading?: () => void;
  updateComplete?: Promise<unknown>;
}

/**
 * @summary A complete two-factor-authentication enrollment wizard in one tag.
 *
 * Drives the step elements with the step machine and talks to the backend through an adapter:
 * the `adapter` property if set, else the HTTP adapter for `endpoint`. Secrets stay in memory
 * and are dropped when the wizard completes, is cancelled or is removed from the page.
 *
 * @fires {TwofaStepChangeEvent} twofa-step-change - Moved to another step; `detail: { from, to, index, total }`.
 * @fires {TwofaCompleteEvent} twofa-complete - Enrollment finished; `detail: { methods }`.
 * @fires {TwofaCancelEvent} twofa-cancel - The user cancelled; `detail: { step }`.
 * @fires {TwofaErrorEvent} twofa-error - A request failed or the flow is misconfigured; `detail: { code, step, retryAfter?, attemptsLeft? }`.
 *
 * @slot - The page's own actions, shown on the final step (e.g. a "Back to settings" link).
 *
 * @csspart progress - The "Step x of y" row.
 * @csspart step - The container of the current step.
 * @csspart heading - Each step's heading, and the heading of a notice (cancelled, expired, failed).
 * @csspart primary - Each step's main button (Start, Continue, Verify, Send code…), and a notice's.
 * @csspart cancel - Each step's Cancel button, and a notice's.
 * @csspart input - A step's text field (password, phone number, e-mail address, the code).
 * @csspart label - The code field's visible label.
 * @csspart hint - "6 digits", under the code field.
 * @csspart error - The message under the code field.
 * @csspart code-input - The code input element of the code steps.
 * @csspart clock-hint - The hint about the phone's clock, shown after repeated wrong codes.
 * @csspart resend - The resend button of the SMS and e-mail code steps.
 * @csspart change - The "Change number" and "Change address" buttons.
 * @csspart country - The country code picker of the SMS step.
 * @csspart option - Each method's row on the method step.
 * @csspart qr - The QR code element.
 * @csspart open-app - The "Open in authenticator app" link.
 * @csspart manual - The "Can't scan the image?" disclosure.
 * @csspart secret - The grouped secret key.
 * @csspart switch-view - The button between the QR view and the key view.
 * @csspart codes - The list of emergency codes.
 * @csspart acknowledge - The "I have safely copied and stored" checkbox row.
 * @csspart type-back - The field for typing an emergency code back.
 * @csspart methods - The list of enabled methods on the last step.
 *
 * @cssprop [--twofa-accent=#1d5bd8] - Buttons, links and focus ring.
 * @cssprop [--twofa-on-accent=#ffffff] - Text on accent-coloured buttons.
 * @cssprop [--twofa-text=#1b1d21] - Text colour.
 * @cssprop [--twofa-muted=#545b66] - Secondary text.
 * @cssprop [--twofa-surface=#ffffff] - Background.
 * @cssprop [--twofa-subtle=#f2f4f7] - Panels and code backgrounds.
 * @cssprop [--twofa-border=#8a919c] - Input and button borders.
 * @cssprop [--twofa-danger=#b3261e] - Errors.
 * @cssprop [--twofa-success=#18794e] - Confirmations.
 * @cssprop [--twofa-radius=0.5rem] - Corner radius.
 * @cssprop [--twofa-focus-ring=0 0 0 3px color-mix(in srgb, var(--twofa-accent) 45%, transparent)] - The focus indicator (a `box-shadow`).
 * @cssprop [--twofa-font=system-ui] - Font family.
 * @cssprop [--twofa-font-mono=ui-monospace] - Font for codes and keys.
 * @cssprop [--twofa-spacing=1rem] - Base spacing.
 * @cssprop [--twofa-max-width=40rem] - Widest the wizard grows.
 * @cssprop [--twofa-padding=0] - Padding around the wizard.
 * @cssprop [--twofa-qr-size=12rem] - Size of the QR code.
 * @cssprop [--twofa-code-input-font-size=1.75rem] - Size of the digits in the code fields.
 * @cssprop [--twofa-code-input-width=auto] - Width of the code fields; by default they fit the code.
 */
export class TwofaEnroll extends TwofaElement {
  static override styles = [tokens, base, enrollStyles];
  static override properties = {
    endpoint: {},
    flow: { reflect: true },
    requirePassword: { type: Boolean, attribute: 'require-password', reflect: true },
    sms: {},
    mode: { reflect: true },
    methods: {},
    recoveryCodeCount: { type: Number, attribute: 'recovery-codes' },
    recoveryProof: { attribute: 'recovery-proof' },
    codeField: { attribute: 'code-field' },
    steps: { attribute: false },
    adapter: { attribute: false },
    resetToken: { attribute: false },
    _machine: { state: true },
    _misconfigured: { state: true },
  };

  /** Base URL of the backend's JSON API (the HTTP adapter), e.g. `/api/2fa`. Ignored when `adapter` is set. */
  endpoint = '';
  /**
   * The named flow: `standard` (app, an optional passkey and SMS backup, one emergency code), `authenticator`
   * (app only), `desktop` (the key for an app on this computer first), `method-choice` (app, SMS
   * or e-mail, or a passkey; ten recovery codes first), `reset` (a new authenticator after a lost one)
   * or `passkey` (a passkey, then ten recovery codes).
   * The `steps` property overrides its step list.
   */
  flow: FlowName = 'standard';
  /** Ask for the account password before the enrollment starts. Without it the server may still ask (its re-authentication rule): the password step then appears when it does. */
  requirePassword = false;
  /** Overrides the backend's SMS backup policy: `off`, `optional` or `required`. */
  sms?: SmsPolicy;
  /** `reset` replaces a lost authenticator instead of adding a first one (`flow="reset"` implies it). */
  mode: EnrollmentMode = 'enroll';
  /**
   * The methods the `method` step offers, space-separated, in order: `totp`, `sms`, `email`, `passkey`.
   * A passkey is offered where the browser and the adapter can make one, first (and recommended) on a
   * device with a built-in authenticator, else last.
   */
  methods = 'totp sms email passkey';
  /** How many recovery codes to ask the backend for; by default 10 after a method choice or with a passkey as the method, else 1 emergency code. */
  recoveryCodeCount?: number;
  /** How the user proves the codes were saved: `checkbox` (tick a box) or `type-back` (type one of them back). */
  recoveryProof: 'checkbox' | 'type-back' = 'checkbox';
  /**
   * Where the one-time-code field lives: `shadow` (inside the wizard) or `light`: an `<input>` the
   * wizard adds to its own children (with a `<form>` it belongs to) while a code step is shown, in the
   * page's DOM, where Safari's code autofill and password managers look for it.
   */
  codeField: 'shadow' | 'light' = 'shadow';
  /** A custom ordered step list (overrides `flow`), validated when set. */
  steps?: StepId[];
  /** The backend; by default an HTTP adapter for `endpoint`. */
  adapter?: EnrollmentAdapter;
  /**
   * A reset's proof: the token of the reset link the user opened (the page reads it from the link
   * and removes it from the address). A property only, never an attribute, so it stays out of the
   * DOM. Without it, or when the server refuses it, the wizard asks for a code instead.
   */
  resetToken?: string;

  private _machine: MachineState | null = null;
  /** The flow is set up wrongly (see the console): the wizard shows a notice instead. */
  private _misconfigured = false;
  /** The device has a built-in passkey authenticator (known shortly after the wizard connects). */
  private _devicePasskey = false;

  /** The requests, and what the steps need from their answers, in memory only; a new one per enrollment. */
  private _session = this._newSession();
  private _moved = false;
  /** A failed load that was rate limited: the countdown before Try again. */
  private readonly _retryWait = new RateLimitController(this, this.i18n);
  private _previousStep: StepId | null = null;
  /** The light-DOM code field (`code-field="light"`) while a code step is shown. */
  private _lightField?: { form: HTMLFormElement; input: HTMLInputElement };

  /** The current step, or null before the wizard is set up. */
  get currentStep(): StepId | null {
    return this._machine?.step ?? null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void platformAuthenticator().then((available) => {
      this._devicePasskey = available;
      this._send({ type: 'DEVICE', platformPasskey: this._platformPasskey });
    });
  }

  /** A passkey can be kept on this device, and the backend registers passkeys. */
  private get _platformPasskey(): boolean {
    return this._devicePasskey && this._session.canRegisterPasskey;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Removed mid-flow: discard the enrollment on the server and forget its secrets.
    if (this._machine?.facts.enrolled && !isComplete(this._machine)) this._session.discard();
    this._forget();
    this._machine = null;
    this._showLightField(false);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const configChanged = changed.has('steps') || changed.has('flow') || changed.has('requirePassword') || changed.has('sms');
    // The flow is configured before the user starts; later changes would pull the rug from under them.
    if (!this._machine || (configChanged && this._isUntouched())) this._configure();
  }

  protected override updated(): void {
    const machine = this._machine;
    this._showLightField(this.codeField === 'light' && !!machine && CODE_STEPS.has(machine.step) && (machine.status === 'ready' || machine.status === 'busy'));
    if (!machine || !this._moved) return;
    this._moved = false;
    const from = this._previousStep;
    this._previousStep = machine.step;
    this._focusCurrentHeading();
    if (from && from !== machine.step) {
      const { index, total } = progress(machine);
      this.dispatchEvent(new TwofaStepChangeEvent({ from, to: machine.step, index, total }));
    }
  }

  override render() {
    if (this._misconfigured) {
      return html`<p class="error" role="alert">
        ${this.msg('Two-factor setup cannot start because it is set up incorrectly on this page. Please contact support.', {
          id: 'twofa-config-error',
          desc: 'Shown instead of the wizard when the developer configured an invalid flow.',
        })}
      </p>`;
    }
    const machine = this._machine;
    if (!machine) return nothing;
    return html`
      ${this._renderProgress(machine)}
      <div
        part="step"
        class="step"
        @twofa-submit=${this._onSubmit}
        @twofa-next=${this._onSignal}
        @twofa-back=${this._onSignal}
        @twofa-skip=${this._onSignal}
        @twofa-resend=${this._onSignal}
        @twofa-prepare=${this._onSignal}
        @twofa-dismiss=${this._cancelFlow}
      >
        ${this._renderView(machine)}
      </div>
    `;
  }

  private _renderProgress(machine: MachineState) {
    if (machine.status === 'cancelled' || machine.status === 'expired' || machine.step === 'done') return nothing;
    const { index, total } = progress(machine);
    return html`<p class="progress" part="progress">
      <span
        >${this.msg(str`Step ${index} of ${total}`, { id: 'twofa-progress', desc: 'Progress above each step: current step number and how many steps there are.' })}</span
      >
      <progress max=${total} .value=${index} aria-hidden="true"></progress>
    </p>`;
  }

  private _renderView(machine: MachineState) {
    const { status, step, error } = machine;
    if (status === 'expired') {
      return this._renderNotice(
        this.msg('This setup has expired', { id: 'twofa-expired-heading', desc: 'Heading shown when the enrollment expired.' }),
        this.msg('For your security, setup must be finished within a few minutes. Start again to get a new code.', {
          id: 'twofa-expired-text',
          desc: 'Explains the expired enrollment.',
        }),
        this.msg('Start again', { id: 'twofa-start-again', desc: 'Button that starts the enrollment from the beginning.' }),
        () => this._send({ type: 'RESTART' }),
      );
    }
    if (status === 'cancelled') {
      return this._renderNotice(
        this.msg('Setup cancelled', { id: 'twofa-cancelled-heading', desc: 'Heading shown after the user cancelled.' }),
        this.msg('Two-factor authentication was not turned on.', { id: 'twofa-cancelled-text', desc: 'Shown after the user cancelled.' }),
        this.msg('Start again', { id: 'twofa-start-again', desc: 'Button that starts the enrollment from the beginning.' }),
        () => this._send({ type: 'RESTART' }),
      );
    }
    if (status === 'failed') {
      // Rate limited: the countdown instead of the bare message, and Try again held back until it ends.
      const limited = error?.code === 'rate_limited';
      return this._renderNotice(
        this.msg('Something went wrong', { id: 'twofa-failed-heading', desc: 'Heading when loading what a step needs failed.' }),
        error && !limited ? errorMessage(error, this.i18n) : '',
        this.msg('Try again', { id: 'twofa-retry', desc: 'Button that repeats the failed request.' }),
        () => this._retryWait.running || this._send({ type: 'RETRY' }),
        true,
        limited,
      );
    }
    const busy = status === 'busy';
    const { enrollment, smsSent, emailSent } = this._session;
    switch (step) {
      case 'method': {
        const offered = this._offeredMethods(machine.facts.methods);
        return html`<twofa-step-method
          exportparts=${STEP_PARTS}
          ?busy=${busy}
          .error=${error}
          .methods=${offered}
          recommended=${machine.platformPasskey && offered.includes('passkey') ? 'passkey' : 'totp'}
        ></twofa-step-method>`;
      }
      case 'email':
        return html`<twofa-step-email exportparts=${STEP_PARTS} ?busy=${busy} .error=${error} email=${machine.entered.email}></twofa-step-email>`;
      case 'email-code':
        return html`<twofa-step-email-code exportparts=${STEP_PARTS} ?busy=${busy} .error=${error} .sent=${emailSent}>${codeFieldSlot}</twofa-step-email-code>`;
      case 'password':
        return html`<twofa-step-password exportparts=${STEP_PARTS} ?busy=${busy} .error=${error}></twofa-step-password>`;
      case 'proof':
        return html`<twofa-step-proof exportparts=${STEP_PARTS} ?busy=${busy} .error=${error}></twofa-step-proof>`;
      case 'info':
        return html`<twofa-step-info exportparts=${STEP_PARTS} ?busy=${busy} mode=${this._mode}></twofa-step-info>`;
      case 'qr':
        return html`<twofa-step-qr
          exportparts=${STEP_PARTS}
          ?busy=${busy}
          .error=${error}
          .uri=${enrollment?.uri ?? ''}
          .secret=${enrollment?.secret ?? ''}
          issuer=${enrollment?.issuer ?? ''}
          account=${enrollment?.account ?? ''}
          .digits=${enrollment?.digits ?? 6}
          .period=${enrollment?.period ?? 30}
          algorithm=${enrollment?.algorithm ?? 'SHA1'}
          view=${this._preset?.view ?? 'qr'}
          mode=${this._mode}
          ?can-go-back=${canGoBack(machine)}
        ></twofa-step-qr>`;
      case 'confirm':
        return html`<twofa-step-confirm
          exportparts=${STEP_PARTS}
          ?busy=${busy}
          .error=${error}
          .digits=${enrollment?.digits ?? 6}
          .period=${enrollment?.period ?? 30}
          .failures=${machine.failures}
          ?can-go-back=${canGoBack(machine)}
          >${codeFieldSlot}</twofa-step-confirm
        >`;
      case 'sms-phone':
        return html`<twofa-step-sms
          exportparts=${STEP_PARTS}
          ?busy=${busy}
          .error=${error}
          policy=${canSkip(machine) ? 'optional' : 'required'}
          phone=${machine.entered.phone}
        ></twofa-step-sms>`;
      case 'sms-code':
        return html`<twofa-step-sms-code exportparts=${STEP_PARTS} ?busy=${busy} .error=${error} .sent=${smsSent}>${codeFieldSlot}</twofa-step-sms-code>`;
      case 'emergency':
        return html`<twofa-step-emergency
          exportparts=${STEP_PARTS}
          ?busy=${busy}
          .error=${error}
          .codes=${this._session.emergencyCodes}
          proof=${this.recoveryProof}
          issuer=${enrollment?.issuer ?? ''}
          account=${enrollment?.account ?? ''}
        ></twofa-step-emergency>`;
      case 'passkey':
        return html`<twofa-step-passkey
          exportparts=${STEP_PARTS}
          ?busy=${busy}
          .error=${error}
          .options=${this._session.passkeyOptions}
          ?optional=${passkeyOptional(machine.steps)}
          ?can-choose-other=${machine.steps.includes('method')}
        ></twofa-step-passkey>`;
      case 'done':
        return busy
          ? html`<h2 part="heading" tabindex="-1">
              ${this.msg('Finishing setup…', { id: 'twofa-finishing', desc: 'Shown while the server turns two-factor authentication on.' })}
            </h2>`
          : html`<twofa-step-done
              exportparts=${STEP_PARTS}
              .methods=${this._session.enabledMethods}
              masked-phone=${smsSent?.maskedPhone ?? ''}
              masked-email=${emailSent?.maskedEmail ?? ''}
              mode=${this._mode}
              ><slot></slot
            ></twofa-step-done>`;
    }
  }

  private _renderNotice(heading: string, text: string, action: string, onAction: () => void, offerCancel = false, limited = false) {
    return html`
      <h2 part="heading" tabindex="-1">${heading}</h2>
      <p role="alert">${text}</p>
      ${limited ? this._retryWait.render() : nothing}
      <div class="actions">
        <button type="button" class="primary" part="primary" aria-disabled=${limited && this._retryWait.running ? 'true' : 'false'} @click=${onAction}>
          ${action}
        </button>
        ${offerCancel ? html`<button type="button" part="cancel" @click=${this._cancelFlow}>${cancelLabel(this.i18n)}</button>` : nothing}
      </div>
    `;
  }

  /** Applies an event to the machine and runs the effects it asks for. */
  private _send(event: MachineEvent): void {
    const previous = this._machine;
    if (previous) this._apply(previous, transition(previous, event));
  }

  private _apply(previous: MachineState | null, { state, effects }: Transition): void {
    if (state === previous) return;
    this._machine = state;
    if (state.error !== previous?.error) this._retryWait.follow(state.status === 'failed' ? state.error : null);
    if (previous && shownView(previous) !== shownView(state)) this._moved = true;
    for (const effect of effects) this._run(effect, state);
  }

  private _run(effect: Effect, state: MachineState): void {
    switch (effect.type) {
      case 'request':
        return void this._request(effect.request, effect.value, state.step);
      case 'forget':
        return this._forget();
      case 'cancelled':
        if (effect.discard) this._session.discard();
        return void this.dispatchEvent(new TwofaCancelEvent({ step: effect.step }));
      case 'completed':
        this._session.end();
        return void this.dispatchEvent(new TwofaCompleteEvent({ methods: this._session.enabledMethods }));
    }
  }

  private _newSession(): EnrollmentSession {
    const settings = () => ({
      adapter: this.adapter,
      endpoint: this.endpoint,
      mode: this._mode,
      resetToken: this.resetToken,
      recoveryCodeCount: this.recoveryCodeCount ?? (this._machine && this._primaryChoice(this._machine.steps) ? 10 : 1),
    });
    return new EnrollmentSession(settings, () => this._send({ type: 'EXPIRE' }));
  }

  /** Drops the enrollment's secrets; answers still on their way belong to the old session and are ignored. */
  private _forget(): void {
    this._session.end();
    this._session = this._newSession();
  }

  private async _request(request: RequestKind, value: string | undefined, step: StepId): Promise<void> {
    const session = this._session;
    const answer = await session.run(request, value);
    if (session !== this._session) return;
    this._send(answer);
    if (answer.type === 'REJECT') {
      const { code, retryAfter, attemptsLeft } = answer.error;
      this.dispatchEvent(new TwofaErrorEvent({ code, step, retryAfter, attemptsLeft }));
    }
  }

  /** `twofa-next` → NEXT, `twofa-back` → BACK, `twofa-skip` → SKIP, `twofa-resend` → RESEND. */
  private _onSignal(event: Event): void {
    this._send(SIGNALS[event.type]);
  }

  private _onSubmit(event: TwofaSubmitEvent): void {
    this._send({ type: 'SUBMIT', value: event.value });
  }

  private _cancelFlow = (): void => this._send({ type: 'CANCEL' });

  private _configure(): void {
    this._forget();
    this._machine = null;
    try {
      const steps = this.steps ?? this._preset?.steps;
      if (!steps) throw new FlowConfigError([`unknown flow "${this.flow}" (known: ${Object.keys(FLOWS).join(', ')})`]);
      const start = begin({ steps, requirePassword: this.requirePassword, sms: this.sms, platformPasskey: this._platformPasskey });
      this._misconfigured = false;
      this._previousStep = start.state.step;
      this._apply(null, start);
    } catch (error) {
      if (!(error instanceof FlowConfigError)) throw error;
      this._misconfigured = true;
      console.error(error.message);
      this.dispatchEvent(new TwofaErrorEvent({ code: 'config', step: null }));
    }
  }

  private _isUntouched(): boolean {
    const machine = this._machine;
    return !machine || (!machine.facts.enrolled && !machine.facts.method && machine.step === plan(machine)[0]);
  }

  /** The named flow (none for an unknown name, which only custom `steps` can make work). */
  private get _preset(): FlowPreset | undefined {
    return FLOWS[this.flow];
  }

  /** The `mode` property, unless the flow's preset sets one (`reset`). */
  private get _mode(): EnrollmentMode {
    return this._preset?.mode ?? this.mode;
  }

  /** Ten recovery codes where the method stands alone: after a choice, or with a passkey as the method. */
  private _primaryChoice(steps: readonly StepId[]): boolean {
    return steps.includes('method') || (steps.includes('passkey') && !passkeyOptional(steps));
  }

  /**
   * The `methods` asked for, less what cannot work: SMS switched off, e-mail without an adapter for it, a
   * passkey without WebAuthn or an adapter for it, what the backend refuses alone (`accepted`). A passkey
   * comes first on a device that keeps one itself, else last.
   */
  private _offeredMethods(accepted: readonly MethodId[] | null): MethodId[] {
    const wanted = this.methods.split(/\s+/);
    const offered = ALL_METHODS.filter(
      (method) =>
        wanted.includes(method) &&
        (accepted ?? ALL_METHODS).includes(method) &&
        !(method === 'sms' && this.sms === 'off') &&
        !(method === 'email' && !this._session.canSendEmail) &&
        !(method === 'passkey' && !(webauthnSupported() && this._session.canRegisterPasskey)),
    );
    const others = offered.filter((method) => method !== 'passkey');
    if (!offered.includes('passkey')) return others;
    return this._machine?.platformPasskey ? ['passkey', ...others] : [...others, 'passkey'];
  }

  /**
   * Adds or removes the light-DOM code field. The input is slotted through the step into its code
   * input, which drives it; the form is never shown (no such slot), it only gives the input a form
   * owner, as autofill expects, and keeps Enter from submitting anything.
   */
  private _showLightField(show: boolean): void {
    if (show && !this._lightField) {
      const form = document.createElement('form');
      form.id = `twofa-code-form-${++lightFields}`;
      form.slot = 'code-form';
      form.addEventListener('submit', (event) => event.preventDefault());
      const input = document.createElement('input');
      input.slot = 'code-field';
      input.name = 'one-time-code';
      input.setAttribute('form', form.id);
      this.append(form, input);
      this._lightField = { form, input };
    } else if (!show && this._lightField) {
      this._lightField.form.remove();
      this._lightField.input.remove();
      this._lightField = undefined;
    }
  }

  /** Focuses the new view's heading: the step's own, or the `<h2>` a notice starts with. */
  private async _focusCurrentHeading(): Promise<void> {
    const view = this.renderRoot.querySelector('.step')?.firstElementChild as (HTMLElement & Focusable) | null | undefined;
    if (!view?.focusHeading) return view?.focus();
    await view.updateComplete;
    view.focusHeading();
  }
}

/** What the user sees: the step, or a notice on it (expired, cancelled, failed), or "Finishing setup…". */
function shownView({ step, status }: MachineState): string {
  return status === 'ready' || (status === 'busy' && step !== 'done') ? step : `${step} ${status}`;
}
