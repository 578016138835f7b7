import { msg, str } from '../localization.js';
import { html, nothing, type PropertyValues } from 'lit';
// Imported, not loaded on demand: what a request needs must not depend on the network being up when it runs.
import { checkEnrollment } from '../adapter/check-enrollment.js';
import { toTwofaError } from '../adapter/errors.js';
import { HttpAdapter } from '../adapter/http-adapter.js';
import type { EmailSent, Enrollment, EnrollmentAdapter, EnrollmentMode, MethodId, SmsPolicy, SmsSent } from '../adapter/types.js';
import { TwofaCancelEvent } from '../events/cancel.js';
import { TwofaCompleteEvent } from '../events/complete.js';
import { TwofaErrorEvent } from '../events/error.js';
import { TwofaStepChangeEvent } from '../events/step-change.js';
import type { TwofaSubmitEvent } from '../events/step-events.js';
import '../steps/twofa-step-confirm.js';
import '../steps/twofa-step-done.js';
import '../steps/twofa-step-email.js';
import '../steps/twofa-step-email-code.js';
import '../steps/twofa-step-emergency.js';
import '../steps/twofa-step-info.js';
import '../steps/twofa-step-method.js';
import '../steps/twofa-step-password.js';
import '../steps/twofa-step-qr.js';
import '../steps/twofa-step-sms-code.js';
import '../steps/twofa-step-sms.js';
import { cancelLabel } from '../steps/common-messages.js';
import { errorMessage } from '../steps/error-message.js';
import { RateLimitController } from '../steps/rate-limit.js';
import { base } from '../styles/base.styles.js';
import { tokens } from '../styles/tokens.styles.js';
import { TwofaElement } from '../twofa-element.js';
import {
  canGoBack,
  FlowConfigError,
  FLOWS,
  initialState,
  plan,
  isComplete,
  progress,
  transition,
  type MachineEvent,
  type MachineState,
  type FlowName,
  type RequestKind,
  type StepId,
} from './machine.js';
import { enrollStyles } from './twofa-enroll.styles.js';

const ALL_METHODS: readonly MethodId[] = ['totp', 'sms', 'email'];
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
    _machine: { state: true },
    _misconfigured: { state: true },
  };

  /** Base URL of the backend's JSON API (the HTTP adapter), e.g. `/api/2fa`. Ignored when `adapter` is set. */
  endpoint = '';
  /**
   * The named flow: `standard` (app, optional SMS backup, one emergency code), `authenticator`
   * (app only), `desktop` (the key for an app on this computer first), `method-choice` (app, SMS
   * or e-mail; ten recovery codes first) or `reset` (a new authenticator after a lost one).
   * The `steps` property overrides its step list.
   */
  flow: FlowName = 'standard';
  /** Ask for the account password before the enrollment starts. */
  requirePassword = false;
  /** Overrides the backend's SMS backup policy: `off`, `optional` or `required`. */
  sms?: SmsPolicy;
  /** `reset` replaces a lost authenticator instead of adding a first one (`flow="reset"` implies it). */
  mode: EnrollmentMode = 'enroll';
  /** The methods the `method` step offers, space-separated, in order: `totp`, `sms`, `email`. */
  methods = 'totp sms email';
  /** How many recovery codes to ask the backend for; by default 10 after a method choice, else 1 emergency code. */
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

  private _machine: MachineState | null = null;
  /** The flow is set up wrongly (see the console): the wizard shows a notice instead. */
  private _misconfigured = false;

  // What the steps need, in memory only; `_wipe()` drops it.
  private _enrollment: Enrollment | null = null;
  private _emergencyCodes: string[] = [];
  private _smsSent: SmsSent | null = null;
  private _emailSent: EmailSent | null = null;
  private _enabledMethods: string[] = [];
  private _phoneNumber = '';
  private _emailAddress = '';
  private _typed = '';

  /** Bumped on cancel, restart and removal, so late answers of older requests are ignored. */
  private _generation = 0;
  private _expiryTimer?: ReturnType<typeof setTimeout>;
  private _httpAdapter?: { endpoint: string; adapter: HttpAdapter };
  private _moved = false;
  /** A failed load that was rate limited: the countdown before Try again. */
  private readonly _retryWait = new RateLimitController(this);
  private _previousStep: StepId | null = null;
  /** The light-DOM code field (`code-field="light"`) while a code step is shown. */
  private _lightField?: { form: HTMLFormElement; input: HTMLInputElement };

  /** The current step, or null before the wizard is set up. */
  get currentStep(): StepId | null {
    return this._machine?.step ?? null;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Removed mid-flow: discard the enrollment on the server and forget its secrets.
    if (this._machine?.facts.enrolled && !isComplete(this._machine)) this._cancelOnServer();
    this._resetTo(null);
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
        ${msg('Two-factor setup cannot start because it is set up incorrectly on this page. Please contact support.', {
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
      <span>${msg(str`Step ${index} of ${total}`, { id: 'twofa-progress', desc: 'Progress above each step: current step number and how many steps there are.' })}</span>
      <progress max=${total} .value=${index} aria-hidden="true"></progress>
    </p>`;
  }

  private _renderView(machine: MachineState) {
    const { status, step, error } = machine;
    if (status === 'expired') {
      return this._renderNotice(
        msg('This setup has expired', { id: 'twofa-expired-heading', desc: 'Heading shown when the enrollment expired.' }),
        msg('For your security, setup must be finished within a few minutes. Start again to get a new code.', {
          id: 'twofa-expired-text',
          desc: 'Explains the expired enrollment.',
        }),
        msg('Start again', { id: 'twofa-start-again', desc: 'Button that starts the enrollment from the beginning.' }),
        () => this._restart(),
      );
    }
    if (status === 'cancelled') {
      return this._renderNotice(
        msg('Setup cancelled', { id: 'twofa-cancelled-heading', desc: 'Heading shown after the user cancelled.' }),
        msg('Two-factor authentication was not turned on.', { id: 'twofa-cancelled-text', desc: 'Shown after the user cancelled.' }),
        msg('Start again', { id: 'twofa-start-again', desc: 'Button that starts the enrollment from the beginning.' }),
        () => this._restart(),
      );
    }
    if (status === 'failed') {
      // Rate limited: the countdown instead of the bare message, and Try again held back until it ends.
      const limited = error?.code === 'rate_limited';
      return this._renderNotice(
        msg('Something went wrong', { id: 'twofa-failed-heading', desc: 'Heading when loading what a step needs failed.' }),
        error && !limited ? errorMessage(error) : '',
        msg('Try again', { id: 'twofa-retry', desc: 'Button that repeats the failed request.' }),
        () => this._retryWait.running || this._send({ type: 'RETRY' }),
        true,
        limited,
      );
    }
    const busy = status === 'busy';
    const enrollment = this._enrollment;
    switch (step) {
      case 'method':
        return html`<twofa-step-method exportparts=${STEP_PARTS} ?busy=${busy} .methods=${this._offeredMethods()}></twofa-step-method>`;
      case 'email':
        return html`<twofa-step-email exportparts=${STEP_PARTS} ?busy=${busy} .error=${error} email=${this._emailAddress}></twofa-step-email>`;
      case 'email-code':
        return html`<twofa-step-email-code exportparts=${STEP_PARTS} ?busy=${busy} .error=${error} .sent=${this._emailSent}>${codeFieldSlot}</twofa-step-email-code>`;
      case 'password':
        return html`<twofa-step-password exportparts=${STEP_PARTS} ?busy=${busy} .error=${error}></twofa-step-password>`;
      case 'info':
        return html`<twofa-step-info exportparts=${STEP_PARTS} ?busy=${busy} mode=${this._effectiveMode}></twofa-step-info>`;
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
          view=${this.flow === 'desktop' ? 'key' : 'qr'}
          mode=${this._effectiveMode}
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
          policy=${(this.sms ?? machine.facts.sms) === 'required' || machine.facts.method === 'sms' || this._smsSent ? 'required' : 'optional'}
          phone=${this._phoneNumber}
        ></twofa-step-sms>`;
      case 'sms-code':
        return html`<twofa-step-sms-code exportparts=${STEP_PARTS} ?busy=${busy} .error=${error} .sent=${this._smsSent}>${codeFieldSlot}</twofa-step-sms-code>`;
      case 'emergency':
        return html`<twofa-step-emergency
          exportparts=${STEP_PARTS}
          ?busy=${busy}
          .error=${error}
          .codes=${this._emergencyCodes}
          proof=${this.recoveryProof}
          issuer=${enrollment?.issuer ?? ''}
          account=${enrollment?.account ?? ''}
        ></twofa-step-emergency>`;
      case 'done':
        return busy
          ? html`<h2 part="heading" tabindex="-1">${msg('Finishing setup…', { id: 'twofa-finishing', desc: 'Shown while the server turns two-factor authentication on.' })}</h2>`
          : html`<twofa-step-done
              exportparts=${STEP_PARTS}
              .methods=${this._enabledMethods}
              masked-phone=${this._smsSent?.maskedPhone ?? ''}
              masked-email=${this._emailSent?.maskedEmail ?? ''}
              mode=${this._effectiveMode}
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
        <button type="button" class="primary" part="primary" aria-disabled=${limited && this._retryWait.running ? 'true' : 'false'} @click=${onAction}>${action}</button>
        ${offerCancel ? html`<button type="button" part="cancel" @click=${this._cancelFlow}>${cancelLabel()}</button>` : nothing}
      </div>
    `;
  }

  /** Applies an event to the machine; runs the request it asks for; false when refused. */
  private _send(event: MachineEvent): boolean {
    const previous = this._machine;
    if (!previous) return false;
    const next = transition(previous, event);
    if (next === previous) return false;
    this._machine = next;
    if (next.error !== previous.error) this._retryWait.follow(next.status === 'failed' ? next.error : null);
    if (shownView(previous) !== shownView(next)) this._moved = true;
    const startsRequest = next.status === 'busy' && (previous.status !== 'busy' || next.pending !== previous.pending || next.step !== previous.step);
    if (startsRequest && next.pending) void this._request(next.pending);
    if (isComplete(next) && !isComplete(previous)) this._finish();
    return true;
  }

  /** `twofa-next` → NEXT, `twofa-back` → BACK, `twofa-skip` → SKIP, `twofa-resend` → RESEND. */
  private _onSignal(event: Event): void {
    this._send({ type: event.type.slice('twofa-'.length).toUpperCase() } as MachineEvent);
  }

  private _onSubmit(event: TwofaSubmitEvent): void {
    const machine = this._machine;
    if (machine?.step === 'method') return void this._send({ type: 'CHOOSE', method: event.value as MethodId });
    if (!machine || transition(machine, { type: 'SUBMIT' }) === machine) return;
    if (machine.step === 'sms-phone') this._phoneNumber = event.value;
    else if (machine.step === 'email') this._emailAddress = event.value;
    else this._typed = event.value;
    this._send({ type: 'SUBMIT' });
  }

  private async _request(kind: RequestKind): Promise<void> {
    const generation = this._generation;
    const step = this._machine?.step ?? null;
    try {
      const facts = await this._perform(kind);
      if (generation === this._generation) this._send({ type: 'RESOLVE', facts });
    } catch (thrown) {
      if (generation !== this._generation) return;
      const { code, retryAfter, attemptsLeft, serverTime } = toTwofaError(thrown);
      this._send({ type: 'REJECT', error: { code, retryAfter, attemptsLeft, serverTime } });
      this.dispatchEvent(new TwofaErrorEvent({ code, step, retryAfter, attemptsLeft }));
    }
  }

  /** Runs one adapter request and keeps what it returns; resolves to the facts the machine's guards need. */
  private async _perform(kind: RequestKind) {
    const typed = this._typed;
    this._typed = '';
    const adapter = this._resolveAdapter();
    switch (kind) {
      case 'start': {
        // Any adapter's answer is checked before it is drawn. A malformed one throws an Error,
        // which fails the request as 'server' (see `toTwofaError`).
        const enrollment = checkEnrollment(await adapter.start({ password: typed || undefined, mode: this._effectiveMode }));
        this._enrollment = enrollment;
        this._scheduleExpiry(enrollment.expiresAt);
        return { enrolled: true, sms: enrollment.sms, phoneOnFile: Boolean(enrollment.phoneOnFile) };
      }
      case 'verifyTotp':
        await adapter.verifyTotp(typed);
        return undefined;
      case 'sendSms':
        this._smsSent = sentCode(await adapter.sendSms(this._phoneNumber), 'maskedPhone');
        return undefined;
      case 'verifySms':
        await adapter.verifySms(typed);
        return undefined;
      case 'sendEmail':
        this._emailSent = sentCode(await emailOf(adapter).sendEmail(this._emailAddress), 'maskedEmail');
        return undefined;
      case 'verifyEmail':
        await emailOf(adapter).verifyEmail(typed);
        return undefined;
      case 'recoveryCodes': {
        const count = this.recoveryCodeCount ?? (this._machine?.steps.includes('method') ? 10 : 1);
        const codes = field(await adapter.recoveryCodes({ count }), 'codes');
        // Reported as a server error, like anything else an adapter gets wrong (never as a TypeError, which would say "network").
        if (!isStringList(codes) || codes.some((code) => !code.trim())) throw new Error('bad codes');
        this._emergencyCodes = codes;
        return undefined;
      }
      case 'complete': {
        const methods = field(await adapter.complete(), 'methods');
        if (!isStringList(methods)) throw new Error('bad methods');
        // Raw server text is never shown: only the methods the wizard can name.
        this._enabledMethods = methods.filter((method) => (ALL_METHODS as readonly string[]).includes(method));
        return undefined;
      }
    }
  }

  private _cancelFlow = (): void => {
    const machine = this._machine;
    if (!machine || !this._send({ type: 'CANCEL' })) return;
    this._generation++;
    if (machine.facts.enrolled || machine.pending === 'start') this._cancelOnServer();
    this._wipe();
    this.dispatchEvent(new TwofaCancelEvent({ step: machine.step }));
  };

  private _restart(): void {
    this._generation++;
    this._wipe();
    this._send({ type: 'RESTART' });
  }

  private _finish(): void {
    const methods = this._enabledMethods;
    // The secret, the URI and the codes are not needed any more: drop them now.
    this._enrollment = null;
    this._emergencyCodes = [];
    clearTimeout(this._expiryTimer);
    this.dispatchEvent(new TwofaCompleteEvent({ methods }));
  }

  private _cancelOnServer(): void {
    // Best effort: the server expires abandoned enrollments anyway.
    Promise.resolve()
      .then(() => this._resolveAdapter().cancel())
      .catch(() => undefined);
  }

  private _scheduleExpiry(expiresAt: number | undefined): void {
    clearTimeout(this._expiryTimer);
    if (!expiresAt) return;
    // setTimeout overflows past ~24.8 days (an enrollment never lives that long); a past time fires at once.
    this._expiryTimer = setTimeout(() => this._send({ type: 'EXPIRE' }), Math.min(expiresAt - Date.now(), 2 ** 31 - 1));
  }

  private _wipe(): void {
    clearTimeout(this._expiryTimer);
    this._enrollment = null;
    this._emergencyCodes = [];
    this._smsSent = null;
    this._emailSent = null;
    this._enabledMethods = [];
    this._phoneNumber = '';
    this._emailAddress = '';
    this._typed = '';
  }

  /** Drops all state; the next update configures a fresh machine. */
  private _resetTo(machine: MachineState | null): void {
    this._generation++;
    this._wipe();
    this._machine = machine;
  }

  private _configure(): void {
    try {
      const steps = this.steps ?? FLOWS[this.flow];
      if (!steps) throw new FlowConfigError([`unknown flow "${this.flow}" (known: ${Object.keys(FLOWS).join(', ')})`]);
      const machine = initialState({ steps, requirePassword: this.requirePassword, sms: this.sms });
      this._misconfigured = false;
      this._resetTo(machine);
      this._previousStep = machine.step;
      if (machine.status === 'busy' && machine.pending) void this._request(machine.pending);
    } catch (error) {
      if (!(error instanceof FlowConfigError)) throw error;
      this._misconfigured = true;
      this._resetTo(null);
      console.error(error.message);
      this.dispatchEvent(new TwofaErrorEvent({ code: 'config', step: null }));
    }
  }

  private _isUntouched(): boolean {
    const machine = this._machine;
    return !machine || (!machine.facts.enrolled && !machine.facts.method && machine.step === plan(machine)[0]);
  }

  private get _effectiveMode(): EnrollmentMode {
    return this.flow === 'reset' ? 'reset' : this.mode;
  }

  /** The `methods` the page allows, less SMS when it is off and e-mail when the adapter cannot send it. */
  private _offeredMethods(): MethodId[] {
    const wanted = this.methods.split(/\s+/);
    return ALL_METHODS.filter(
      (method) => wanted.includes(method) && !(method === 'sms' && this.sms === 'off') && !(method === 'email' && this.adapter && !this.adapter.sendEmail),
    );
  }



  /** The `adapter` property, else the HTTP adapter for `endpoint` (made again when `endpoint` changes). */
  private _resolveAdapter(): EnrollmentAdapter {
    if (this.adapter) return this.adapter;
    if (this._httpAdapter?.endpoint !== this.endpoint) this._httpAdapter = { endpoint: this.endpoint, adapter: new HttpAdapter({ endpoint: this.endpoint }) };
    return this._httpAdapter.adapter;
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

/** An adapter's e-mail methods; one without them (a custom `steps` list with e-mail) fails as 'server', not as 'network'. */
function emailOf(adapter: EnrollmentAdapter): Required<Pick<EnrollmentAdapter, 'sendEmail' | 'verifyEmail'>> {
  if (!adapter.sendEmail || !adapter.verifyEmail) throw new Error('the adapter has no sendEmail/verifyEmail');
  return adapter as Required<EnrollmentAdapter>;
}

/** A field of an adapter's answer, whatever the answer is (`null`, a string…). */
function field(answer: unknown, key: string): unknown {
  return typeof answer === 'object' && answer !== null ? (answer as Record<string, unknown>)[key] : undefined;
}

const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string');

/** A "code sent" answer made safe to show: the masked address a string, the resend wait a finite number of seconds ≥ 0. */
function sentCode<T extends { resendAfter: number }>(answer: T, masked: keyof T & string): T {
  const resendAfter = field(answer, 'resendAfter');
  if (typeof field(answer, masked) !== 'string') throw new Error(`bad ${masked}`);
  return { ...answer, resendAfter: typeof resendAfter === 'number' && resendAfter >= 0 && resendAfter < Infinity ? resendAfter : 0 };
}
