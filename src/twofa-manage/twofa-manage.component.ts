import { html, nothing, type PropertyValues } from 'lit';
import { toTwofaError } from '../adapter/errors.js';
import type { AccountPasskey, AccountStatus, EnrollmentAdapter, MethodId, StepUp } from '../adapter/types.js';
import { TwofaChangeEvent, type AccountChange } from '../events/change.js';
import type { TwofaSubmitEvent } from '../events/step-events.js';
import { str } from '../localization.js';
import { cancelLabel } from '../steps/common-messages.js';
import { errorMessage } from '../steps/error-message.js';
import { RateLimitController } from '../steps/rate-limit.js';
import { steps } from '../steps/steps.styles.js';
import { base } from '../styles/base.styles.js';
import { tokens } from '../styles/tokens.styles.js';
import type { FlowName, MachineError } from '../twofa-enroll/machine.js';
import type { TwofaEnroll } from '../twofa-enroll/twofa-enroll.component.js';
import { webauthnSupported } from '../twofa-enroll/passkey-support.js';
import { TwofaElement } from '../twofa-element.js';
import { WIZARD_TASKS, isWizardTask, mayAskForStepUp, needsConfirmation, startedAdapter, type PanelAdapter, type Task } from './manage-tasks.js';
import { manageStyles } from './twofa-manage.styles.js';

/** What the panel shows in place of the list while a task runs; `opening` while the wizard's change starts. */
type Stage = 'confirm' | 'rename' | 'step-up' | 'codes' | 'wizard' | 'opening';

/**
 * The parts of what the panel hosts (the step-up form, the recovery codes, the wizard with every step's
 * parts), under their own names: `twofa-manage::part(primary)` reaches the main button of whatever is shown.
 */
const HOSTED_PARTS =
  'progress, step, heading, primary, cancel, input, label, hint, error, code-input, clock-hint, resend, change, country, option, qr, open-app, manual, secret, switch-view, codes, acknowledge, type-back, methods';

/** Passkey names: as the server takes them. */
const NAME_MAX = 64;

/**
 * What a page may set on the wizard the panel hosts (the panel sets the rest: the adapter, and for a
 * change its mode and steps). Not `codeField`: the wizard is in the panel's shadow root, so a "light"
 * field would be there too, out of autofill's reach all the same.
 */
export type WizardOptions = Partial<Pick<TwofaEnroll, 'requirePassword' | 'recoveryProof' | 'recoveryCodeCount' | 'methods' | 'sms'>>;

/**
 * @summary The account's second factors on a settings page: what is on, and each change to it.
 *
 * Lists the authenticator app, codes by text message (the phone, masked) and by e-mail, passkeys (when
 * added and last used) and how many recovery codes are left, with a nudge when 3 or fewer are, and
 * offers each change in place: replace the app (or add one), add, change or remove the phone, add,
 * rename or remove a passkey, new recovery codes, turn two-factor off; when it is off, the wizard to set it up.
 * Removing something and turning off are confirmed first, saying what the user loses. The server
 * decides what a change needs: when it asks for the password or a code, the panel asks the user and
 * sends the change again. The wizard (`<twofa-enroll>`) loads when a change needs it.
 *
 * @fires {TwofaChangeEvent} twofa-change - A change was saved; `detail: { change, method?, methods }`.
 * @fires {TwofaCompleteEvent} twofa-complete - From the hosted wizard, when it finishes.
 *
 * @csspart heading - The panel's heading, and the heading of each task and step.
 * @csspart factors - The list of second factors.
 * @csspart factor - Each row of that list.
 * @csspart action - Each row's buttons (Replace, Change, Remove, Rename, Add…).
 * @csspart nudge - The warning when few or no recovery codes are left.
 * @csspart turn-off - The "Turn off two-factor authentication" button.
 * @csspart primary - The main button of a task (Set up, Remove, Turn off, Save…), and of each step.
 * @csspart cancel - A task's Cancel button, and each step's.
 * @csspart input - The passkey name field, and each step's text field.
 * @csspart notice - The line that says what the last change did.
 * @csspart progress - The hosted wizard's "Step x of y" row.
 * @csspart step - The hosted wizard's step container.
 * @csspart label - The code field's visible label.
 * @csspart hint - "6 digits", under the code field.
 * @csspart error - The message under the code field.
 * @csspart code-input - The code input element of the code steps.
 * @csspart clock-hint - The hint about the phone's clock.
 * @csspart resend - The resend button of the SMS and e-mail code steps.
 * @csspart change - The "Change number" and "Change address" buttons.
 * @csspart country - The country code picker of the SMS step.
 * @csspart option - Each method's row on the method step.
 * @csspart qr - The QR code element.
 * @csspart open-app - The "Open in authenticator app" link.
 * @csspart manual - The "Can't scan the image?" disclosure.
 * @csspart secret - The grouped secret key.
 * @csspart switch-view - The button between the QR view and the key view.
 * @csspart codes - The list of recovery codes.
 * @csspart acknowledge - The "I have safely copied and stored" checkbox row.
 * @csspart type-back - The field for typing a recovery code back.
 * @csspart methods - The list of enabled methods on the wizard's last step.
 *
 * @cssprop [--twofa-accent=#1d5bd8] - Buttons, links and focus ring.
 * @cssprop [--twofa-on-accent=#ffffff] - Text on accent-coloured buttons.
 * @cssprop [--twofa-text=#1b1d21] - Text colour.
 * @cssprop [--twofa-muted=#545b66] - Secondary text.
 * @cssprop [--twofa-surface=#ffffff] - Background.
 * @cssprop [--twofa-subtle=#f2f4f7] - Rows and panels.
 * @cssprop [--twofa-border=#8a919c] - Input and button borders.
 * @cssprop [--twofa-danger=#b3261e] - Errors and the turn-off button.
 * @cssprop [--twofa-success=#18794e] - Confirmations.
 * @cssprop [--twofa-radius=0.5rem] - Corner radius.
 * @cssprop [--twofa-focus-ring=0 0 0 3px color-mix(in srgb, var(--twofa-accent) 45%, transparent)] - The focus indicator (a `box-shadow`).
 * @cssprop [--twofa-font=system-ui] - Font family.
 * @cssprop [--twofa-font-mono=ui-monospace] - Font for codes.
 * @cssprop [--twofa-spacing=1rem] - Base spacing.
 * @cssprop [--twofa-max-width=40rem] - Widest the panel grows.
 */
export class TwofaManage extends TwofaElement {
  static override styles = [tokens, base, steps, manageStyles];
  static override properties = {
    adapter: { attribute: false },
    flow: {},
    wizardOptions: { attribute: false },
    resetToken: { attribute: false },
    _status: { state: true },
    _loadError: { state: true },
    _task: { state: true },
    _stage: { state: true },
    _need: { state: true },
    _busy: { state: true },
    _error: { state: true },
    _codes: { state: true },
    _notice: { state: true },
    _nameMissing: { state: true },
  };

  /** The backend: an `EnrollmentAdapter` that is also an `AccountAdapter` (`HttpAccountAdapter`, `MemoryAdapter`). */
  adapter?: PanelAdapter;
  /** The wizard's flow when two-factor is off and the user sets it up (see `<twofa-enroll flow>`). */
  flow: FlowName = 'standard';
  /** Settings for the wizard the panel hosts, e.g. `{ requirePassword: true, recoveryProof: 'type-back' }`. */
  wizardOptions: WizardOptions = {};
  /**
   * The token of a reset link the user opened (the page reads it from the link and removes it from the
   * address): the panel opens the replacement of the authenticator at once, with the token as its proof.
   * A property only, never an attribute; handed to the wizard and forgotten.
   */
  resetToken?: string;

  private _status: AccountStatus | null = null;
  private _loadError: MachineError | null = null;
  private _task: Task | null = null;
  private _stage: Stage = 'confirm';
  /** What step-up asks for now. */
  private _need: 'password' | 'proof' = 'password';
  private _busy = false;
  private _error: MachineError | null = null;
  /** New recovery codes, shown once; gone when the user goes on. */
  private _codes: string[] = [];
  /** What the last change did, announced (a status region). */
  private _notice = '';
  private _nameMissing = false;
  /** The passkey's new name, as sent (again, after step-up or a failure). */
  private _newName = '';
  /** What the user gave for step-up, for the task at hand only. */
  private _stepUp: StepUp = {};
  /** The hosted wizard's adapter and set-up, for a wizard task. */
  private _wizard?: { adapter: EnrollmentAdapter; mode: string; steps?: readonly string[]; resetToken?: string };
  /** Focus moves to the new view's heading after it renders. */
  private _focusNext = false;
  /** How many status reads began: the number of the latest. */
  private _reads = 0;
  /** A `rate_limited` change: the countdown, and nothing is sent until it ends. */
  private readonly _rateLimit = new RateLimitController(this, this.i18n);

  /**
   * The account's status as the panel last read it (what it lists), or null before its first answer and
   * while a new `adapter` is read. Current when `twofa-change` fires: a page reads it rather than asking the adapter again.
   */
  get status(): AccountStatus | null {
    return this._status;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Codes and proofs leave with the panel.
    this._end();
  }

  /** Reads the account's factors again (after a change made elsewhere, e.g. in another tab). */
  async refresh(): Promise<void> {
    // Reads may answer out of order (a slow one, or the previous adapter's): only the latest one is shown.
    const read = ++this._reads;
    const adapter = this.adapter;
    if (!adapter) return;
    try {
      const status = await adapter.status();
      if (read !== this._reads) return;
      this._status = status;
      this._loadError = null;
    } catch (error) {
      if (read === this._reads) this._loadError = machineError(error);
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A new backend: what the old one said, and any task begun with it, go.
    if (changed.has('adapter')) {
      if (changed.get('adapter') !== undefined) this._end();
      this._status = null;
      this._loadError = null;
      void this.refresh();
    }
    if ((changed as PropertyValues).has(/* @__KEY__ */ '_error')) this._rateLimit.follow(this._error);
    // A reset link was opened: the replacement starts once the account is known to have two-factor on.
    if (this.resetToken && this._status?.enabled && !this._task) this._begin({ kind: 'replace' });
  }

  protected override async updated(): Promise<void> {
    if (!this._focusNext) return;
    this._focusNext = false;
    const step = this.renderRoot.querySelector<HTMLElement & { focusHeading?(): void; updateComplete?: Promise<unknown> }>('.task > [data-step]');
    if (step?.focusHeading) {
      await step.updateComplete;
      step.focusHeading();
    } else this.renderRoot.querySelector<HTMLElement>('h2[tabindex], h3[tabindex], p[tabindex]')?.focus();
  }

  override render() {
    // The status region stays while a task runs, so what the task did is announced when the list returns.
    return html`
      ${
        this._task
          ? html`<div class="task">${this._renderTask(this._task)}</div>`
          : html`${this._heading(this.msg('Two-factor authentication', { id: 'twofa-manage-heading', desc: 'Heading of the panel that lists the second factors of the account.' }), 'h2')}
            ${this._renderBody()}`
      }
      <p part="notice" class="notice" role="status">${this._notice}</p>
    `;
  }

  private _renderBody() {
    if (this._loadError)
      return html`<p class="error" role="alert">${errorMessage(this._loadError, this.i18n)}</p>
        <div class="actions"><button type="button" class="primary" part="primary" @click=${this._retryRead}>${this._tryAgain()}</button></div>`;
    const status = this._status;
    if (!status) return html`<p class="status" role="status">${this._loading()}</p>`;
    if (!status.enabled)
      return html`<p>
          ${this.msg('Two-factor authentication is off. Turn it on, so that a password alone is not enough to sign in to your account.', {
            id: 'twofa-manage-off',
            desc: 'The panel, when the account has no second factor.',
          })}
        </p>
        <div class="actions">
          <button type="button" class="primary" part="primary" @click=${() => this._begin({ kind: 'setup' })}>
            ${this.msg('Set up two-factor authentication', { id: 'twofa-manage-set-up', desc: 'Button that opens the enrollment wizard when two-factor is off.' })}
          </button>
        </div>`;
    return html`
      <p class="on">${this.msg('Two-factor authentication is on.', { id: 'twofa-manage-on', desc: 'The panel, when the account has a second factor.' })}</p>
      <ul class="factors" part="factors">
        ${this._renderApp(status)} ${this._renderPhone(status)} ${this._renderEmail(status)} ${this._renderPasskeys(status)} ${this._renderCodes(status)}
      </ul>
      <div class="actions">
        <button type="button" class="danger" part="turn-off" @click=${() => this._begin({ kind: 'off' })}>
          ${this.msg('Turn off two-factor authentication', { id: 'twofa-manage-turn-off', desc: 'Button that starts turning two-factor authentication off (confirmed first).' })}
        </button>
      </div>
    `;
  }

  private _renderApp(status: AccountStatus) {
    const name = this.msg('Authenticator app', { id: 'twofa-done-method-totp', desc: 'Enabled method: the authenticator app.' });
    const on = status.methods.includes('totp');
    return this._row(
      name,
      on ? this._added(status.addedAt.totp) : this._notSetUp(),
      on
        ? this._action(
            this.msg('Replace', { id: 'twofa-manage-replace', desc: 'Button on the authenticator app row: set up a new app in place of this one.' }),
            this.msg('Replace authenticator app', {
              id: 'twofa-manage-replace-label',
              desc: 'Accessible name of the Replace button on the authenticator app row.',
            }),
            { kind: 'replace' },
          )
        : this._action(
            this._addLabel(),
            this.msg('Add authenticator app', { id: 'twofa-manage-add-app-label', desc: 'Accessible name of the Add button on the authenticator app row.' }),
            { kind: 'app' },
          ),
    );
  }

  private _renderPhone(status: AccountStatus) {
    const name = this.msg('Codes by text message (SMS)', { id: 'twofa-done-method-sms-primary', desc: 'Enabled method: SMS as the main method.' });
    if (!status.maskedPhone || !status.methods.includes('sms'))
      return this._row(
        name,
        this._notSetUp(),
        this._action(
          this._addLabel(),
          this.msg('Add phone number', { id: 'twofa-manage-add-phone-label', desc: 'Accessible name of the Add button on the text message row.' }),
          { kind: 'phone' },
        ),
      );
    return this._row(
      name,
      html`<span class="masked">${status.maskedPhone}</span> · ${this._added(status.addedAt.sms)}`,
      html`${this._action(
        this.msg('Change', { id: 'twofa-manage-change', desc: 'Button on the text message row: use another number.' }),
        this.msg('Change phone number', { id: 'twofa-manage-change-phone-label', desc: 'Accessible name of the Change button on the text message row.' }),
        { kind: 'phone' },
      )}
      ${this._action(
        this._removeLabel(),
        this.msg('Remove phone number', { id: 'twofa-manage-remove-phone-label', desc: 'Accessible name of the Remove button on the text message row.' }),
        {
          kind: 'remove',
          factor: { method: 'sms' },
          name: status.maskedPhone,
        },
      )}`,
    );
  }

  private _renderEmail(status: AccountStatus) {
    if (!status.maskedEmail || !status.methods.includes('email')) return nothing;
    return this._row(
      this.msg('Codes by e-mail', { id: 'twofa-done-method-email', desc: 'Enabled method: codes by e-mail.' }),
      html`<span class="masked">${status.maskedEmail}</span> · ${this._added(status.addedAt.email)}`,
      this._action(
        this._removeLabel(),
        this.msg('Remove e-mail codes', { id: 'twofa-manage-remove-email-label', desc: 'Accessible name of the Remove button on the e-mail row.' }),
        {
          kind: 'remove',
          factor: { method: 'email' },
          name: status.maskedEmail,
        },
      ),
    );
  }

  private _renderPasskeys(status: AccountStatus) {
    const canAdd = webauthnSupported() && typeof this.adapter?.passkeyOptions === 'function';
    if (!status.passkeys.length && !canAdd) return nothing;
    return html`<li class="factor" part="factor">
      <div class="what">
        <strong>${this.msg('Passkeys', { id: 'twofa-manage-passkeys', desc: 'Row of the panel: the passkeys of the account.' })}</strong>
        ${status.passkeys.length ? nothing : html`<span class="detail">${this._notSetUp()}</span>`}
      </div>
      ${
        canAdd
          ? html`<div class="row-actions">
              ${this._action(this._addLabel(), this.msg('Add a passkey', { id: 'twofa-manage-add-passkey-label', desc: 'Accessible name of the Add button on the passkeys row.' }), { kind: 'passkey' })}
            </div>`
          : nothing
      }
      ${
        status.passkeys.length
          ? html`<ul class="passkeys">
              ${status.passkeys.map((passkey) => this._renderPasskey(passkey))}
            </ul>`
          : nothing
      }
    </li>`;
  }

  private _renderPasskey(passkey: AccountPasskey) {
    const used = passkey.lastUsedAt
      ? this.msg(str`last used ${this._date(passkey.lastUsedAt)}`, {
          id: 'twofa-manage-last-used',
          desc: 'When a passkey was last used to sign in; the date is formatted for the language.',
        })
      : this.msg('not used yet', { id: 'twofa-manage-never-used', desc: 'A passkey that has not been used to sign in yet.' });
    return html`<li class="passkey">
      <div class="what">
        <span class="name">${passkey.name}</span>
        <span class="detail">${this._added(passkey.createdAt)} · ${used}</span>
      </div>
      <div class="row-actions">
        ${this._action(
          this.msg('Rename', { id: 'twofa-manage-rename', desc: 'Button on a passkey row: give the passkey another name.' }),
          this.msg(str`Rename ${passkey.name}`, {
            id: 'twofa-manage-rename-label',
            desc: 'Accessible name of the Rename button on a passkey row; the passkey’s name.',
          }),
          { kind: 'rename', passkey },
        )}
        ${this._action(
          this._removeLabel(),
          this.msg(str`Remove ${passkey.name}`, {
            id: 'twofa-manage-remove-passkey-label',
            desc: 'Accessible name of the Remove button on a passkey row; the passkey’s name.',
          }),
          { kind: 'remove', factor: { method: 'passkey', id: passkey.id }, name: passkey.name },
        )}
      </div>
    </li>`;
  }

  private _renderCodes(status: AccountStatus) {
    const left = status.recoveryCodes;
    const count =
      new Intl.PluralRules(this.i18n.locale).select(left) === 'one'
        ? this.msg(str`${left} code left`, {
            id: 'twofa-manage-codes-left-one',
            desc: 'Recovery codes row: how many unused codes, singular form (the number is 1).',
          })
        : this.msg(str`${left} codes left`, {
            id: 'twofa-manage-codes-left-other',
            desc: 'Recovery codes row: how many unused codes, plural form (0, or 2 and more).',
          });
    const nudge =
      left === 0
        ? this.msg('You have no recovery codes left. Create new ones, so that you can still sign in if you lose your phone.', {
            id: 'twofa-manage-codes-none',
            desc: 'Warning on the recovery codes row when every code is used.',
          })
        : left <= 3
          ? this.msg('Few recovery codes are left. Create new ones before you run out.', {
              id: 'twofa-manage-codes-few',
              desc: 'Warning on the recovery codes row when 3 or fewer codes are left.',
            })
          : '';
    return html`<li class="factor" part="factor">
      <div class="what">
        <strong>${this.msg('Recovery codes', { id: 'twofa-manage-codes', desc: 'Row of the panel: the one-time recovery codes.' })}</strong>
        <span class="detail">${count}</span>
        ${nudge ? html`<span class="nudge" part="nudge">${nudge}</span>` : nothing}
      </div>
      <div class="row-actions">
        ${this._action(
          this.msg('Create new', { id: 'twofa-manage-new-codes', desc: 'Button on the recovery codes row: make a new set (the old one stops working).' }),
          this.msg('Create new recovery codes', {
            id: 'twofa-manage-new-codes-label',
            desc: 'Accessible name of the Create new button on the recovery codes row.',
          }),
          { kind: 'codes' },
        )}
      </div>
    </li>`;
  }

  private _renderTask(task: Task) {
    switch (this._stage) {
      case 'step-up':
        return html`<twofa-step-up
          data-step
          exportparts=${HOSTED_PARTS}
          .need=${this._need}
          .account=${this._status?.account ?? ''}
          .busy=${this._busy}
          .error=${this._error}
          @twofa-submit=${this._onStepUp}
          @twofa-dismiss=${this._cancel}
        ></twofa-step-up>`;
      case 'codes':
        return html`<twofa-step-emergency
          data-step
          exportparts=${HOSTED_PARTS}
          .codes=${this._codes}
          @twofa-next=${this._codesStored}
          @twofa-dismiss=${this._codesStored}
        ></twofa-step-emergency>`;
      case 'wizard': {
        const { adapter, mode, steps, resetToken } = this._wizard!;
        const options = this.wizardOptions;
        return html`<twofa-enroll
          data-step
          exportparts=${HOSTED_PARTS}
          .adapter=${adapter}
          .flow=${this.flow}
          .mode=${mode}
          .steps=${steps}
          .resetToken=${resetToken}
          .requirePassword=${options.requirePassword ?? false}
          .recoveryProof=${options.recoveryProof ?? 'checkbox'}
          .recoveryCodeCount=${options.recoveryCodeCount}
          .methods=${options.methods ?? 'totp sms email passkey'}
          .sms=${task.kind === 'phone' ? 'required' : options.sms}
          @twofa-complete=${this._wizardComplete}
          @twofa-cancel=${this._cancel}
          ><button type="button" class="primary" part="primary" @click=${() => void this._finish(this._task, null)}>
            ${this.msg('Done', { id: 'twofa-manage-wizard-done', desc: 'Button on the last step of the wizard inside the panel: back to the list of factors.' })}
          </button></twofa-enroll
        >`;
      }
      case 'rename':
        return this._renderRename(task as Extract<Task, { kind: 'rename' }>);
      case 'opening':
        // Focus waits on the status (the row's button is gone) until the step that opens takes it.
        return html`<p class="status" role="status" tabindex="-1">${this._busy ? this._loading() : ''}</p>
          ${this._renderError()}
          <div class="actions">
            ${this._error ? html`<button type="button" class="primary" part="primary" @click=${() => void this._run()}>${this._tryAgain()}</button>` : nothing}
            <span class="spacer"></span>
            <button type="button" part="cancel" @click=${this._cancel}>${cancelLabel(this.i18n)}</button>
          </div>`;
      default:
        return this._renderConfirm(task);
    }
  }

  private _renderConfirm(task: Task) {
    const { heading, text, action } = this._confirmation(task);
    return html`
      ${this._heading(heading, 'h3')}
      <p>${text}</p>
      ${this._lastFactor(task) ? html`<p class="warning">${this._lastFactorText()}</p>` : nothing} ${this._renderError()}
      <div class="actions">
        <button
          type="button"
          class=${task.kind === 'codes' ? 'primary' : 'danger'}
          part="primary"
          aria-disabled=${this._busy || this._rateLimit.running ? 'true' : 'false'}
          @click=${() => void this._run()}
        >
          ${action}
        </button>
        <span class="spacer"></span>
        <button type="button" part="cancel" aria-disabled=${this._busy && task.kind === 'codes' ? 'true' : 'false'} @click=${this._cancel}>
          ${cancelLabel(this.i18n)}
        </button>
      </div>
    `;
  }

  private _renderRename({ passkey }: { passkey: AccountPasskey }) {
    return html`
      ${this._heading(this.msg('Rename passkey', { id: 'twofa-manage-rename-heading', desc: 'Heading of the form that renames a passkey.' }), 'h3')}
      <form novalidate @submit=${this._onRename}>
        <div class="field">
          <label for="name">${this.msg('Name', { id: 'twofa-manage-name', desc: 'Label of the passkey name field.' })}</label>
          <input
            id="name"
            part="input"
            type="text"
            maxlength=${NAME_MAX}
            autocomplete="off"
            .value=${passkey.name}
            aria-invalid=${this._nameMissing || this._error ? 'true' : 'false'}
            aria-describedby="task-error"
            @input=${() => (this._nameMissing = false)}
          />
        </div>
        ${this._renderError(this._nameMissing ? this.msg('Enter a name.', { id: 'twofa-manage-name-missing', desc: 'Validation: the passkey name is empty.' }) : '')}
        <div class="actions">
          <button type="submit" class="primary" part="primary" aria-disabled=${this._busy || this._rateLimit.running ? 'true' : 'false'}>
            ${this.msg('Save', { id: 'twofa-manage-save', desc: 'Button that saves the new passkey name.' })}
          </button>
          <span class="spacer"></span>
          <button type="button" part="cancel" @click=${this._cancel}>${cancelLabel(this.i18n)}</button>
        </div>
      </form>
    `;
  }

  /** The task's failure (or a validation message), announced, under the form. */
  private _renderError(message = '') {
    // A rate limit is told by its countdown.
    const text = message || (this._error && this._error.code !== 'rate_limited' ? errorMessage(this._error, this.i18n) : '');
    return html`<p id="task-error" class="error" role="alert">${text}</p>
      ${this._rateLimit.render()}`;
  }

  private _confirmation(task: Task): { heading: string; text: string; action: string } {
    if (task.kind === 'off')
      return {
        heading: this.msg('Turn off two-factor authentication?', {
          id: 'twofa-manage-off-heading',
          desc: 'Heading of the confirmation before turning two-factor off.',
        }),
        text: this.msg(
          'Signing in will then need only your password. Your authenticator app, passkeys, codes by text message or e-mail and recovery codes will no longer work for this account.',
          { id: 'twofa-manage-off-text', desc: 'What the user loses when turning two-factor off.' },
        ),
        action: this.msg('Turn off', { id: 'twofa-manage-off-action', desc: 'Button that confirms turning two-factor off.' }),
      };
    if (task.kind === 'codes')
      return {
        heading: this.msg('Create new recovery codes?', {
          id: 'twofa-manage-codes-heading',
          desc: 'Heading of the confirmation before new recovery codes are made.',
        }),
        text: this.msg('Your current recovery codes will stop working. The new ones are shown once: save them somewhere safe.', {
          id: 'twofa-manage-codes-text',
          desc: 'What happens when new recovery codes are made.',
        }),
        action: this.msg('Create new codes', { id: 'twofa-manage-codes-action', desc: 'Button that confirms making new recovery codes.' }),
      };
    const { factor, name } = task as Extract<Task, { kind: 'remove' }>;
    const action = this._removeLabel();
    if (factor.method === 'passkey')
      return {
        heading: this.msg(str`Remove the passkey “${name}”?`, {
          id: 'twofa-manage-remove-passkey-heading',
          desc: 'Heading of the confirmation before a passkey is removed; its name.',
        }),
        text: this.msg('You will no longer be able to sign in with it. You can also delete it from the device or password manager that keeps it.', {
          id: 'twofa-manage-remove-passkey-text',
          desc: 'What the user loses when removing a passkey.',
        }),
        action,
      };
    if (factor.method === 'sms')
      return {
        heading: this.msg('Remove the phone number?', {
          id: 'twofa-manage-remove-phone-heading',
          desc: 'Heading of the confirmation before the phone number for codes by text message is removed.',
        }),
        text: this.msg(str`Codes will no longer be sent by text message to ${name}.`, {
          id: 'twofa-manage-remove-phone-text',
          desc: 'What the user loses when removing the backup phone; the partly hidden number.',
        }),
        action,
      };
    return {
      heading: this.msg('Remove codes by e-mail?', {
        id: 'twofa-manage-remove-email-heading',
        desc: 'Heading of the confirmation before codes by e-mail are removed.',
      }),
      text: this.msg(str`Codes will no longer be sent to ${name}.`, {
        id: 'twofa-manage-remove-email-text',
        desc: 'What the user loses when removing codes by e-mail; the partly hidden address.',
      }),
      action,
    };
  }

  /** Removing it leaves no second factor: two-factor goes off, recovery codes with it. */
  private _lastFactor(task: Task): boolean {
    const status = this._status;
    if (task.kind !== 'remove' || !status) return false;
    const left = status.methods.filter((method) => method !== task.factor.method);
    const passkeysLeft = task.factor.method === 'passkey' ? status.passkeys.length - 1 : status.passkeys.length;
    return !left.length && !(passkeysLeft > 0 && status.methods.includes('passkey'));
  }

  private _lastFactorText(): string {
    return this.msg(
      'Nothing else will be left to confirm your sign-in: two-factor authentication will be turned off, and your recovery codes will stop working.',
      {
        id: 'twofa-manage-last-factor',
        desc: 'Added to a removal confirmation when nothing else would be left.',
      },
    );
  }

  private _begin(task: Task): void {
    this._task = task;
    this._stepUp = {};
    this._error = null;
    this._notice = '';
    this._nameMissing = false;
    this._stage = task.kind === 'rename' ? 'rename' : needsConfirmation(task) ? 'confirm' : 'opening';
    this._focusNext = true;
    if (!needsConfirmation(task) && task.kind !== 'rename') void this._run();
  }

  /** Sends the task's change with what step-up gave so far; asks for more when the server wants it. */
  private async _run(): Promise<void> {
    const task = this._task;
    const adapter = this.adapter;
    if (!task || !adapter || this._busy || this._rateLimit.running) return;
    this._busy = true;
    this._error = null;
    try {
      await this._perform(task, adapter);
    } catch (error) {
      if (this._task !== task) return;
      const failure = machineError(error);
      if (failure.code === 'password_required' || failure.code === 'proof_required') {
        this._need = failure.code === 'password_required' ? 'password' : 'proof';
        this._show('step-up');
        return;
      }
      // A wrong password or code is asked for again; what else was given stays.
      if (failure.code === 'invalid_password') delete this._stepUp.password;
      if (failure.code === 'invalid_proof') delete this._stepUp.code;
      this._error = failure;
    } finally {
      // A task left meanwhile (Cancel, a new adapter) took its busy state with it: the next one may run.
      if (this._task === task) this._busy = false;
    }
  }

  private async _perform(task: Task, adapter: PanelAdapter): Promise<void> {
    const stepUp = { ...this._stepUp };
    // What the answer is shown with loads first: new codes that could not be shown would be lost, the old ones
    // revoked; and the step-up form shows as soon as the server asks for it.
    if (mayAskForStepUp(task)) await import('../twofa-step-up/twofa-step-up.js');
    if (task.kind === 'codes') await import('../twofa-step-emergency/twofa-step-emergency.js');
    // The wizard loads when it is needed: a page with the panel alone does not carry it.
    if (task.kind === 'setup' || isWizardTask(task)) await import('../twofa-enroll/twofa-enroll.js');
    // Left while those loaded: nothing is sent.
    if (this._task !== task) return;
    if (task.kind === 'setup' || isWizardTask(task)) {
      if (task.kind === 'setup') this._wizard = { adapter, mode: 'enroll' };
      else {
        const { mode, steps, prestart } = WIZARD_TASKS[task.kind];
        const start = () => adapter.start({ mode, ...stepUp });
        const resetToken = this.resetToken;
        this.resetToken = undefined;
        const wizardAdapter = prestart ? startedAdapter(adapter, await start(), start) : adapter;
        if (this._task !== task) return;
        this._wizard = { adapter: wizardAdapter, mode, steps, resetToken };
      }
      this._show('wizard');
    } else if (task.kind === 'codes') {
      const { codes } = await adapter.regenerateRecoveryCodes(stepUp);
      void this._changed('recovery-codes');
      // Not kept by a panel that was removed or given another adapter meanwhile (Cancel waits for them).
      if (this._task !== task) return;
      this._codes = codes;
      this._show('codes');
    } else if (task.kind === 'remove') {
      await adapter.removeFactor(task.factor, stepUp);
      await this._finish(task, 'removed', task.factor.method);
    } else if (task.kind === 'off') {
      await adapter.turnOff(stepUp);
      await this._finish(task, 'off');
    } else if (task.kind === 'rename') {
      await adapter.renamePasskey(task.passkey.id, this._newName);
      await this._finish(task, 'passkey-renamed', 'passkey');
    }
  }

  private _show(stage: Stage): void {
    this._stage = stage;
    this._focusNext = true;
  }

  private _onStepUp = (event: TwofaSubmitEvent): void => {
    if (this._need === 'password') this._stepUp.password = event.value;
    else this._stepUp.code = event.value;
    void this._run();
  };

  private _onRename = (event: Event): void => {
    event.preventDefault();
    const field = this.renderRoot.querySelector<HTMLInputElement>('#name')!;
    this._newName = field.value.trim();
    this._nameMissing = !this._newName;
    if (this._nameMissing) field.focus();
    else void this._run();
  };

  /**
   * The failure gives way to Loading… while the read runs, so a failure again is a new alert (said
   * again), and the button goes: focus goes to the heading.
   */
  private _retryRead = (): void => {
    this._loadError = null;
    this._focusNext = true;
    void this.refresh();
  };

  private _codesStored = (): void => void this._finish(this._task, null);

  /** The wizard shows its last step (with the panel's Done); the list behind it is read again. */
  private _wizardComplete = (): void => {
    const kind = this._task?.kind;
    const change: AccountChange = kind === 'replace' ? 'replaced' : kind === 'phone' ? 'phone' : kind === 'passkey' ? 'passkey-added' : 'enabled';
    void this._changed(change, kind === 'phone' ? 'sms' : kind === 'passkey' ? 'passkey' : kind === 'app' || kind === 'replace' ? 'totp' : undefined);
  };

  private _cancel = (): void => {
    // New codes are in force once made, the old ones revoked: they are waited for, to be shown.
    if (this._busy && this._task?.kind === 'codes') return;
    this._end();
    this._focusNext = true;
  };

  /**
   * Back to the list, told what changed (`null`: already told, e.g. new codes once stored). A task the
   * user left while its change was on its way leaves the screen (and focus) where the user is now.
   */
  private async _finish(task: Task | null, change: AccountChange | null, method?: MethodId): Promise<void> {
    if (this._task === task) {
      this._notice = this._noticeFor(task);
      this._end();
      this._focusNext = true;
    }
    if (change) await this._changed(change, method);
    else await this.refresh();
  }

  private async _changed(change: AccountChange, method?: MethodId): Promise<void> {
    await this.refresh();
    this.dispatchEvent(new TwofaChangeEvent({ change, method, methods: this._status?.methods ?? [] }));
  }

  /** Leaves the task: codes, proofs and the wizard go. */
  private _end(): void {
    this._task = null;
    this._busy = false;
    this._codes = [];
    this._stepUp = {};
    this._wizard = undefined;
    this._error = null;
    this._stage = 'confirm';
  }

  private _noticeFor(task: Task | null): string {
    switch (task?.kind) {
      case 'off':
        return this.msg('Two-factor authentication is turned off.', { id: 'twofa-manage-done-off', desc: 'Announced after two-factor was turned off.' });
      case 'codes':
        return this.msg('Your new recovery codes are saved. The old ones no longer work.', {
          id: 'twofa-manage-done-codes',
          desc: 'Announced after new recovery codes were made and stored.',
        });
      case 'remove':
        return this.msg(str`Removed: ${task.name}.`, {
          id: 'twofa-manage-done-removed',
          desc: 'Announced after a factor was removed; the passkey’s name or the partly hidden number or address.',
        });
      case 'rename':
        return this.msg('The passkey has been renamed.', { id: 'twofa-manage-done-renamed', desc: 'Announced after a passkey was renamed.' });
      case undefined:
        return '';
      default:
        return this.msg('Your change is saved.', {
          id: 'twofa-manage-done',
          desc: 'Announced after a change made in the wizard (a new app, phone or passkey, or two-factor set up).',
        });
    }
  }

  private _heading(text: string, level: 'h2' | 'h3') {
    return level === 'h2' ? html`<h2 part="heading" tabindex="-1">${text}</h2>` : html`<h3 part="heading" tabindex="-1">${text}</h3>`;
  }

  private _row(name: string, detail: unknown, actions: unknown) {
    return html`<li class="factor" part="factor">
      <div class="what">
        <strong>${name}</strong>
        <span class="detail">${detail}</span>
      </div>
      <div class="row-actions">${actions}</div>
    </li>`;
  }

  /** A row's button: a short visible word, and a name that says what it acts on (the word comes first in it). */
  private _action(text: string, label: string, task: Task) {
    return html`<button type="button" part="action" aria-label=${label} @click=${() => this._begin(task)}>${text}</button>`;
  }

  private _added(at: number | null): string {
    return at === null
      ? this.msg('on', { id: 'twofa-manage-on-short', desc: 'A factor that is on, when the date it was added is not known.' })
      : this.msg(str`added ${this._date(at)}`, { id: 'twofa-manage-added', desc: 'When a factor was added; the date is formatted for the language.' });
  }

  private _date(at: number): string {
    return new Intl.DateTimeFormat(this.i18n.intlLocale, { dateStyle: 'medium' }).format(at);
  }

  private _loading = () => this.msg('Loading…', { id: 'twofa-manage-loading', desc: 'Shown while the panel reads the account’s factors or opens a change.' });
  private _notSetUp = () => this.msg('Not set up', { id: 'twofa-manage-not-set-up', desc: 'A factor the account does not have.' });
  private _addLabel = () => this.msg('Add', { id: 'twofa-manage-add', desc: 'Button on a row: add this factor.' });
  private _removeLabel = () => this.msg('Remove', { id: 'twofa-manage-remove', desc: 'Button that removes a factor (on its row, and in the confirmation).' });
  private _tryAgain = () => this.msg('Try again', { id: 'twofa-retry', desc: 'Button that repeats the failed request.' });
}

function machineError(error: unknown): MachineError {
  const { code, retryAfter, attemptsLeft, serverTime } = toTwofaError(error);
  return { code, retryAfter, attemptsLeft, serverTime };
}
