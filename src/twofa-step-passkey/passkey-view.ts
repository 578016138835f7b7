/**
 * The passkey step's behaviour and view, loaded when the step is first shown: the phases (intro,
 * creating, naming), the WebAuthn call, the name and every message after the heading. The element in
 * the first load only declares its properties, shows its heading and says when this module fails to
 * load; it hands itself here, and this module drives it as a reactive controller.
 *
 * It imports nothing the first load has (Lit's `html`, `str` and the error event come in `PasskeyPieces`): a
 * lazy module that shares modules with the first load makes bundlers split those into a chunk of their
 * own, which costs every page more than this whole module (ARCHITECTURE.md, "Size").
 */
import type { html as litHtml, nothing as litNothing, ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import type { PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from '../adapter/types.js';
import type { TwofaErrorEvent } from '../events/error.js';
import type { StepSignal } from '../events/step-events.js';
import type { KitMsg, str as kitStr } from '../localization.js';
import type { MachineError } from '../twofa-enroll/machine.js';
import { aaguidName } from './aaguid-names.js';
import { aaguidOf, createFailure, creationOptions, registrationJSON, type CreateFailure } from './webauthn.js';

/** The longest passkey name, in UTF-16 code units (`String.length`), as the server counts it. */
export const NAME_MAX = 64;

/** What the element hands over from the first load instead of this module importing it. */
export interface PasskeyPieces {
  html: typeof litHtml;
  nothing: typeof litNothing;
  str: typeof kitStr;
  TwofaErrorEvent: typeof TwofaErrorEvent;
  /** Whether this browser can create passkeys at all (`webauthnSupported()`). */
  supported: boolean;
}

/**
 * The element as this module uses it: its properties, and the step API that `TwofaStepBase` gives its
 * subclasses (protected there; those names ship unchanged, see build/private-names.ts).
 */
interface PasskeyHost extends ReactiveControllerHost, HTMLElement {
  readonly msg: KitMsg;
  readonly options: PublicKeyCredentialCreationOptionsJSON | null;
  readonly optional: boolean;
  readonly canChooseOther: boolean;
  readonly busy: boolean;
  readonly error: MachineError | null;
  readonly blocked: boolean;
  readonly rateLimit: { readonly running: boolean; render(): unknown };
  readonly requestError: string;
  readonly renderRoot: HTMLElement | DocumentFragment;
  renderForm(onSubmit: (event: Event) => void, fields: TemplateResult, primary: string, others?: unknown, showPrimary?: boolean): TemplateResult;
  renderFieldError(id: string, message: string): TemplateResult;
  describedBy(id: string): string;
  signal(type: StepSignal): void;
  submitValue(value: string): void;
}

/** The operating system for a fallback name; product names, not translated. */
const PLATFORMS: [RegExp, string][] = [
  [/iPhone/, 'iPhone'],
  [/iPad/, 'iPad'],
  [/Android/, 'Android'],
  [/Mac OS X|Macintosh/, 'Mac'],
  [/Windows/, 'Windows'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
];

/** The step's phases and its WebAuthn call, for one element. */
export class PasskeyView implements ReactiveController {
  private readonly _host: PasskeyHost;
  private _phase: 'intro' | 'creating' | 'naming' = 'intro';
  private _failure: CreateFailure | null;
  private _nameProblem: '' | 'missing' | 'long' = '';
  private _credential: RegistrationResponseJSON | null = null;
  private _suggested = '';
  private _abort?: AbortController;
  /** The `options` and `error` last seen, and the phase last drawn: what changed since. */
  private _seenOptions?: unknown;
  private _seenError?: unknown;
  private _drawnPhase = this._phase;

  constructor(
    host: HTMLElement & ReactiveControllerHost,
    private readonly _pieces: PasskeyPieces,
  ) {
    this._host = host as PasskeyHost;
    this._failure = _pieces.supported ? null : 'unsupported';
    host.addController(this);
  }

  /** Before each render: the options asked for arrived, or a request failed. */
  hostUpdate(): void {
    const { options, error } = this._host;
    if (options !== this._seenOptions && options && this._phase === 'creating') void this._create(options);
    this._seenOptions = options;
    if (error === this._seenError) return;
    this._seenError = error;
    if (!error) return;
    // The options request failed (creating), or the server refused the passkey itself: make it anew.
    if (this._phase === 'creating' || error.code === 'invalid_passkey' || error.code === 'passkey_exists') this._phase = 'intro';
  }

  /** Made: the suggested name selected in its field, so typing replaces it. */
  hostUpdated(): void {
    if (this._phase === this._drawnPhase) return;
    this._drawnPhase = this._phase;
    if (this._phase === 'naming') this._field?.select();
  }

  hostDisconnected(): void {
    this._abort?.abort();
  }

  /** The heading once the passkey is made (before, the element's own: it is shown while this module loads). */
  heading(): string | undefined {
    return this._phase === 'naming'
      ? this._host.msg('Name your passkey', { id: 'twofa-passkey-name-heading', desc: 'Heading shown once the passkey is created: the user names it.' })
      : undefined;
  }

  /** What follows the heading. */
  render(): TemplateResult {
    return this._phase === 'naming' ? this._renderNaming() : this._renderIntro();
  }

  private get _field(): HTMLInputElement | null {
    return this._host.renderRoot.querySelector('input');
  }

  /** No Create button: the browser cannot make one here, or the page is set up wrongly. */
  private get _cannotCreate(): boolean {
    return this._failure === 'unsupported' || this._failure === 'security';
  }

  private _onCreate(event: Event): void {
    event.preventDefault();
    if (this._host.blocked || this._phase !== 'intro' || this._cannotCreate) return;
    this._failure = null;
    this._phase = 'creating';
    this._host.signal('twofa-prepare');
    this._host.requestUpdate();
  }

  /** Asks the browser for a passkey, and suggests a name for it. */
  private async _create(options: PublicKeyCredentialCreationOptionsJSON): Promise<void> {
    this._abort = new AbortController();
    try {
      const created = (await navigator.credentials.create({ publicKey: creationOptions(options), signal: this._abort.signal })) as PublicKeyCredential;
      const credential = registrationJSON(created);
      this._credential = credential;
      const own = (this._host.constructor as { authenticatorNames?: Record<string, string> }).authenticatorNames;
      this._suggested = aaguidName(aaguidOf(credential), own) ?? this._platformName(credential.authenticatorAttachment);
      this._phase = 'naming';
    } catch (error) {
      this._failure = createFailure(error);
      this._phase = 'intro';
      if (this._failure === 'security') {
        // For the developer: the page's origin and the options' RP ID do not match (the user sees a plain sentence).
        console.error(
          `twofa-step-passkey: the browser refused the passkey options on ${location.origin} (SecurityError): check the RP ID "${options.rp.id ?? ''}".`,
        );
        this._host.dispatchEvent(new this._pieces.TwofaErrorEvent({ code: 'config', step: 'passkey' }));
      }
    }
    this._host.requestUpdate();
  }

  private _onSave(event: Event): void {
    event.preventDefault();
    if (this._host.rateLimit.running || !this._credential) return;
    const name = this._field!.value.trim();
    this._nameProblem = !name ? 'missing' : name.length > NAME_MAX ? 'long' : '';
    this._host.requestUpdate();
    if (this._nameProblem) this._field!.focus();
    else this._host.submitValue(JSON.stringify({ credential: this._credential, name }));
  }

  private readonly _onNameInput = (): void => {
    if (!this._nameProblem) return;
    this._nameProblem = '';
    this._host.requestUpdate();
  };

  /** "Passkey on Mac", "Passkey on this device", or "Security key" for a roaming authenticator. */
  private _platformName(attachment: string | null | undefined): string {
    const { msg } = this._host;
    const { str } = this._pieces;
    if (attachment === 'cross-platform')
      return msg('Security key', { id: 'twofa-passkey-name-key', desc: 'Suggested name of a passkey on a USB/NFC security key of unknown make.' });
    const platform = PLATFORMS.find(([pattern]) => pattern.test(navigator.userAgent))?.[1];
    return platform
      ? msg(str`Passkey on ${platform}`, {
          id: 'twofa-passkey-name-platform',
          desc: 'Suggested passkey name; the placeholder is the operating system (Mac, Windows, Android…).',
        })
      : msg('Passkey on this device', { id: 'twofa-passkey-name-device', desc: 'Suggested passkey name when the device is unknown.' });
  }

  private _renderIntro(): TemplateResult {
    const { html, nothing } = this._pieces;
    const host = this._host;
    const { msg } = host;
    const creating = this._phase === 'creating';
    const message = this._failureMessage() || this._host.requestError;
    const others = html`${
      host.optional
        ? html`<button type="button" ?disabled=${host.busy} @click=${() => host.signal('twofa-skip')}>
            ${msg('Not now', { id: 'twofa-passkey-skip', desc: 'Button that skips adding the optional passkey.' })}
          </button>`
        : nothing
    }
    ${
      host.canChooseOther
        ? html`<button type="button" ?disabled=${host.busy} @click=${() => host.signal('twofa-back')}>
            ${msg('Choose another way', { id: 'twofa-passkey-other', desc: 'Button that goes back to the choice of method instead of a passkey.' })}
          </button>`
        : nothing
    }`;
    return html`
      <p>
        ${msg('A passkey lets you confirm it is you with your fingerprint, face or screen lock instead of a code, and it works only on this site.', {
          id: 'twofa-passkey-lead',
          desc: 'One sentence: what a passkey is.',
        })}
      </p>
      ${host.renderForm(
        (event) => this._onCreate(event),
        html`<p role="status">
            ${creating ? msg('Follow the steps your browser shows.', { id: 'twofa-passkey-creating', desc: 'Shown while the browser or device asks the user to create the passkey.' }) : ''}
          </p>
          ${message ? html`<p class="error" role="alert">${message}</p>` : nothing} ${host.rateLimit.render()}`,
        creating
          ? msg('Creating…', { id: 'twofa-passkey-creating-button', desc: 'Button text while the passkey is being created.' })
          : this._failure === 'cancelled'
            ? msg('Try again', { id: 'twofa-retry', desc: 'Button that repeats the failed request.' })
            : msg('Create a passkey', { id: 'twofa-passkey-create', desc: 'Button that asks the browser to create a passkey.' }),
        others,
        !this._cannotCreate,
      )}
    `;
  }

  private _renderNaming(): TemplateResult {
    const { html, str } = this._pieces;
    const host = this._host;
    const { msg } = host;
    const message =
      this._nameProblem === 'missing'
        ? msg('Enter a name for the passkey.', { id: 'twofa-passkey-name-missing', desc: 'Validation: the passkey name field is empty.' })
        : this._nameProblem === 'long'
          ? msg(str`Use at most ${NAME_MAX} characters.`, {
              id: 'twofa-passkey-name-long',
              desc: 'Validation: the passkey name is too long; the number is the limit.',
            })
          : this._host.requestError;
    return html`
      <p>
        ${msg('Your passkey is ready. Give it a name you will recognise, such as the device it is on.', {
          id: 'twofa-passkey-name-lead',
          desc: 'Shown once the passkey is created, above its name field.',
        })}
      </p>
      ${host.renderForm(
        (event) => this._onSave(event),
        html`<div class="field">
          <label for="name">${msg('Passkey name', { id: 'twofa-passkey-name-label', desc: 'Label of the field for the name of the new passkey.' })}</label>
          <input
            id="name"
            part="input"
            type="text"
            autocomplete="off"
            maxlength=${NAME_MAX}
            value=${this._suggested}
            aria-invalid=${message ? 'true' : 'false'}
            aria-describedby=${host.describedBy('name-error')}
            @input=${this._onNameInput}
          />
          ${host.renderFieldError('name-error', message)}
        </div>`,
        host.busy
          ? msg('Saving…', { id: 'twofa-passkey-saving', desc: 'Button text while the passkey is being saved.' })
          : msg('Save passkey', { id: 'twofa-passkey-save', desc: 'Button that saves the named passkey.' }),
      )}
    `;
  }

  private _failureMessage(): string {
    const { msg, optional, canChooseOther } = this._host;
    switch (this._failure) {
      case 'unsupported':
        return optional || canChooseOther
          ? msg("This browser can't create passkeys. You can add one later from another browser or device.", {
              id: 'twofa-passkey-unsupported',
              desc: 'The browser has no WebAuthn (or not here); another way on is offered.',
            })
          : msg("This browser can't create passkeys. Open this page in an up-to-date browser, or on another device.", {
              id: 'twofa-passkey-unsupported-only',
              desc: 'The browser has no WebAuthn, and the passkey is the only method of this setup.',
            });
      case 'cancelled':
        return msg("The passkey wasn't created: the request was cancelled or took too long. Try again.", {
          id: 'twofa-passkey-cancelled',
          desc: 'The browser prompt was closed, refused, or timed out (NotAllowedError).',
        });
      case 'exists':
        return msg('This device or security key already has a passkey for your account. Use another one, or go on without.', {
          id: 'twofa-passkey-exists-here',
          desc: 'The authenticator already holds a passkey for this account (InvalidStateError).',
        });
      case 'security':
        return msg("Passkeys can't be created on this page because of a setup problem on our side. Please contact support.", {
          id: 'twofa-passkey-security',
          desc: 'The site is misconfigured for passkeys (SecurityError); the developer is told separately.',
        });
      case 'failed':
        return msg('Something went wrong while creating the passkey. Try again.', {
          id: 'twofa-passkey-failed',
          desc: 'The browser failed to create the passkey for another reason.',
        });
      default:
        return '';
    }
  }
}
