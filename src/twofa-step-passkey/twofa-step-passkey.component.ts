import { html, nothing } from 'lit';
import type { PublicKeyCredentialCreationOptionsJSON } from '../adapter/types.js';
import { TwofaErrorEvent } from '../events/error.js';
import { str } from '../localization.js';
import { TwofaStepBase } from '../steps/twofa-step-base.js';
import { webauthnSupported } from '../twofa-enroll/passkey-support.js';
import type { PasskeyView } from './passkey-view.js';

type View = typeof import('./passkey-view.js');
/** The step's behaviour and view, loaded once for every passkey step of the page; a failed load is forgotten, so Try again loads anew. */
let viewLoad: Promise<View> | undefined;
const loadView = () => (viewLoad ??= import('./passkey-view.js').catch((error: unknown) => ((viewLoad = undefined), Promise.reject(error))));

/**
 * @summary A passkey: made by the browser and the device (fingerprint, face or screen lock), then named.
 *
 * The Create button asks for the registration options (`twofa-prepare`); when they arrive in `options`
 * the step calls `navigator.credentials.create` itself. The new passkey gets a name, suggested from the
 * authenticator's AAGUID (the site's own `authenticatorNames`, then iCloud Keychain, Google Password
 * Manager, Windows Hello, 1Password, YubiKey…) or the platform, and is sent with it. Each failure says what happened and offers a way on: Try again
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
  };

  /**
   * The site's own names for authenticators, by AAGUID (any case), used before the kit's table of
   * common ones: e.g. the security keys an organization hands out. Set once for the page:
   * `TwofaStepPasskey.authenticatorNames = { 'cb69481e-…': 'Company YubiKey' }`.
   */
  static authenticatorNames: Record<string, string> = {};

  /** The registration options from the backend, set in answer to `twofa-prepare`. */
  options: PublicKeyCredentialCreationOptionsJSON | null = null;
  /** The passkey is an extra: Skip is offered. */
  optional = false;
  /** Another method can be chosen instead ("Choose another way" fires `twofa-back`). */
  canChooseOther = false;

  /** The phases, the WebAuthn call and what follows the heading (src/twofa-step-passkey/passkey-view.ts), once loaded. */
  private _view?: PasskeyView;
  private _loadFailed = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this._load();
  }

  private _load(): void {
    this._loadFailed = false;
    loadView().then(
      (view) => (this._view ??= new view.PasskeyView(this, { html, nothing, str, TwofaErrorEvent, supported: webauthnSupported() })),
      () => (this._loadFailed = true),
    );
  }

  override render() {
    const view = this._view;
    const heading =
      view?.heading() ??
      (this.optional
        ? this.msg('Add a passkey too', {
            id: 'twofa-passkey-heading-optional',
            desc: 'Heading of the optional step that adds a passkey after the authenticator app.',
          })
        : this.msg('Create a passkey', { id: 'twofa-passkey-heading', desc: 'Heading of the step that creates a passkey as the second factor.' }));
    return html`${this.renderHeading(heading)} ${view ? view.render() : this._loadFailed ? this._renderLoadFailed() : nothing}`;
  }

  /** The step's code could not be loaded (the network dropped): Try again, or another way on. */
  private _renderLoadFailed() {
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
        ${
          this.optional
            ? html`<button type="button" @click=${() => this.signal('twofa-skip')}>
                ${this.msg('Not now', { id: 'twofa-passkey-skip', desc: 'Button that skips adding the optional passkey.' })}
              </button>`
            : nothing
        }
        ${
          this.canChooseOther
            ? html`<button type="button" @click=${() => this.signal('twofa-back')}>
                ${this.msg('Choose another way', { id: 'twofa-passkey-other', desc: 'Button that goes back to the choice of method instead of a passkey.' })}
              </button>`
            : nothing
        }
        <span class="spacer"></span>
        ${this.renderCancel()}
      </div>`;
  }
}
