import { html, nothing, type PropertyValues } from 'lit';
import type { PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from '../adapter/types.js';
import { TwofaErrorEvent } from '../events/error.js';
import { str } from '../localization.js';
import { TwofaStepBase } from '../steps/twofa-step-base.js';
import { webauthnSupported } from '../twofa-enroll/passkey-support.js';
import type { CreateFailure } from './passkey-view.js';

type View = typeof import('./passkey-view.js');
/** The view and WebAuthn code, loaded once for every passkey step of the page; a failed load is forgotten, so Try again loads anew. */
let viewLoad: Promise<View> | undefined;
const loadView = () => (viewLoad ??= import('./passkey-view.js').catch((error: unknown) => ((viewLoad = undefined), Promise.reject(error))));

/**
 * @summary A passkey: made by the browser and the device (fingerprint, face or screen lock), then named.
 *
 * The Create button asks for the registration options (`twofa-prepare`); when they arrive in `options`
 * the step calls `navigator.credentials.create` itself. The new passkey gets a name, suggested from the
 * authenticator's AAGUID (iCloud Keychain, Google Password Manager, Windows Hello, 1Password, YubiKey…)
 * or the platform, and is sent with it. Each failure says what happened and offers a way on: Try again
 * after a cancel or time-out, Skip (`optional`) or another method (`can-choose-other`) where the browser
 * cannot make one or already holds one for the account. Its view and WebAuthn code load when the step
 * is first shown.
 *
 * @fires {TwofaStepSignalEvent} twofa-prepare - The user asked to create a passkey: set `options`.
 * @fires {TwofaSubmitEvent} twofa-submit - The passkey and its name, as JSON: `{ credential, name }` (`event.value`).
 * @fires {TwofaStepSignalEvent} twofa-skip - The user skipped the optional passkey.
 * @fires {TwofaStepSignalEvent} twofa-back - The user wants another method (with `can-choose-other`).
 * @fires {TwofaErrorEvent} twofa-error - `code: 'config'`: the browser refused the RP ID for this page (a `SecurityError`); the console says more.
 * @fires {TwofaStepSignalEvent} twofa-dismiss - The user pressed Cancel.
 *
 * @csspart heading - The step's heading.
 * @csspart input - The name field.
 * @csspart primary - The Create, Try again or Save button.
 * @csspart cancel - The Cancel button.
 */
export class TwofaStepPasskey extends TwofaStepBase {
  static override properties = {
    options: { attribute: false },
    optional: { type: Boolean },
    canChooseOther: { type: Boolean, attribute: 'can-choose-other' },
    _view: { state: true },
    _loadFailed: { state: true },
    _phase: { state: true },
    _failure: { state: true },
    _nameProblem: { state: true },
  };

  /** The registration options from the backend, set in answer to `twofa-prepare`. */
  options: PublicKeyCredentialCreationOptionsJSON | null = null;
  /** The passkey is an extra: Skip is offered. */
  optional = false;
  /** Another method can be chosen instead ("Choose another way" fires `twofa-back`). */
  canChooseOther = false;

  private _view?: View;
  private _loadFailed = false;
  private _phase: 'intro' | 'creating' | 'naming' = 'intro';
  private _failure: CreateFailure | null = webauthnSupported() ? null : 'unsupported';
  private _nameProblem: '' | 'missing' | 'long' = '';
  private _credential: RegistrationResponseJSON | null = null;
  private _suggested = '';
  private _abort?: AbortController;

  override connectedCallback(): void {
    super.connectedCallback();
    this._load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._abort?.abort();
  }

  private _load(): void {
    this._loadFailed = false;
    loadView().then(
      (view) => (this._view = view),
      () => (this._loadFailed = true),
    );
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('options') && this.options && this._phase === 'creating') void this._create(this.options);
    if (!changed.has('error') || !this.error) return;
    // The options request failed (creating), or the server refused the passkey itself: make it anew.
    const refused = this.error.code === 'invalid_passkey' || this.error.code === 'passkey_exists';
    if (this._phase === 'creating' || refused) this._phase = 'intro';
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Made: the suggested name selected in its field, so typing replaces it.
    if (changed.has(/* @__KEY__ */ '_phase' as keyof TwofaStepPasskey) && this._phase === 'naming') this._field?.select();
  }

  private get _field(): HTMLInputElement | null {
    return this.renderRoot.querySelector('input');
  }

  private _onCreate(event: Event): void {
    event.preventDefault();
    if (this.blocked || this._phase !== 'intro' || this._view?.cannotCreate(this._failure) !== false) return;
    this._failure = null;
    this._phase = 'creating';
    this.signal('twofa-prepare');
  }

  private async _create(options: PublicKeyCredentialCreationOptionsJSON): Promise<void> {
    const view = this._view!;
    this._abort = new AbortController();
    try {
      const { credential, name } = await view.createPasskey(options, this._abort.signal, this.msg, str);
      this._credential = credential;
      this._suggested = name;
      this._phase = 'naming';
    } catch (error) {
      this._failure = view.createFailure(error);
      this._phase = 'intro';
      if (this._failure === 'security') {
        // For the developer: the page's origin and the options' RP ID do not match (the user sees a plain sentence).
        console.error(
          `twofa-step-passkey: the browser refused the passkey options on ${location.origin} (SecurityError): check the RP ID "${options.rp.id ?? ''}".`,
        );
        this.dispatchEvent(new TwofaErrorEvent({ code: 'config', step: 'passkey' }));
      }
    }
  }

  private _onSave(event: Event): void {
    event.preventDefault();
    if (this.rateLimit.running || !this._credential) return;
    const name = this._field!.value.trim();
    this._nameProblem = !name ? 'missing' : name.length > this._view!.NAME_MAX ? 'long' : '';
    if (this._nameProblem) this._field!.focus();
    else this.submitValue(JSON.stringify({ credential: this._credential, name }));
  }

  override render() {
    const view = this._view;
    const heading =
      view && this._phase === 'naming'
        ? view.namingHeading(this.msg)
        : this.optional
          ? this.msg('Add a passkey too', {
              id: 'twofa-passkey-heading-optional',
              desc: 'Heading of the optional step that adds a passkey after the authenticator app.',
            })
          : this.msg('Create a passkey', { id: 'twofa-passkey-heading', desc: 'Heading of the step that creates a passkey as the second factor.' });
    const skipLabel = this.msg('Not now', { id: 'twofa-passkey-skip', desc: 'Button that skips adding the optional passkey.' });
    const otherLabel = this.msg('Choose another way', {
      id: 'twofa-passkey-other',
      desc: 'Button that goes back to the choice of method instead of a passkey.',
    });
    return html`${this.renderHeading(heading)}
    ${
      view
        ? view.renderPasskey({
            html,
            nothing,
            str,
            msg: this.msg,
            phase: this._phase,
            failure: this._failure,
            optional: this.optional,
            canChooseOther: this.canChooseOther,
            busy: this.busy,
            suggested: this._suggested,
            nameProblem: this._nameProblem,
            requestError: this.requestError,
            skipLabel,
            otherLabel,
            form: (...args) => this.renderForm(...args),
            fieldError: (id, message) => this.renderFieldError(id, message),
            describedBy: (id) => this.describedBy(id),
            rateLimit: () => this.rateLimit.render(),
            onCreate: (event) => this._onCreate(event),
            onSave: (event) => this._onSave(event),
            onSkip: () => this.signal('twofa-skip'),
            onOther: () => this.signal('twofa-back'),
            onNameInput: () => (this._nameProblem = ''),
          })
        : this._loadFailed
          ? this._renderLoadFailed(skipLabel, otherLabel)
          : nothing
    }`;
  }

  /** The view's code could not be loaded (the network dropped): Try again, or another way on. */
  private _renderLoadFailed(skipLabel: string, otherLabel: string) {
    return html`<p class="error" role="alert">
        ${this.msg("This part of the setup couldn't be loaded. Check your connection and try again.", {
          id: 'twofa-passkey-load-failed',
          desc: 'The code of the passkey step failed to load (network).',
        })}
      </p>
      <div class="actions">
        <button type="button" class="primary" part="primary" @click=${this._load}>
          ${this.msg('Try again', { id: 'twofa-retry', desc: 'Button that repeats the failed request.' })}
        </button>
        ${this.optional ? html`<button type="button" @click=${() => this.signal('twofa-skip')}>${skipLabel}</button>` : nothing}
        ${this.canChooseOther ? html`<button type="button" @click=${() => this.signal('twofa-back')}>${otherLabel}</button>` : nothing}
        <span class="spacer"></span>
        ${this.renderCancel()}
      </div>`;
  }
}
