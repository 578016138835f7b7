/**
 * The passkey step's view and its WebAuthn calls, loaded when the step is first shown. It imports
 * nothing the first load has (Lit's `html`, `str` and the element's pieces come in `PasskeyView`): a
 * lazy module that shares modules with the first load makes bundlers split those into a chunk of their
 * own, which costs every page more than this whole module (ARCHITECTURE.md, "Size").
 */
import type { html as litHtml, nothing as litNothing, TemplateResult } from 'lit';
import type { PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from '../adapter/types.js';
import type { KitMsg, str as kitStr } from '../localization.js';
import { aaguidName } from './aaguid-names.js';
import { aaguidOf, createFailure, creationOptions, registrationJSON, type CreateFailure } from './webauthn.js';

export { createFailure, type CreateFailure };

/** The longest passkey name, in UTF-16 code units (`String.length`), as the server counts it. */
export const NAME_MAX = 64;

/** What the view reads from its element, and the element's pieces it renders with. */
export interface PasskeyView {
  html: typeof litHtml;
  nothing: typeof litNothing;
  str: typeof kitStr;
  msg: KitMsg;
  phase: 'intro' | 'creating' | 'naming';
  failure: CreateFailure | null;
  optional: boolean;
  canChooseOther: boolean;
  busy: boolean;
  suggested: string;
  nameProblem: '' | 'missing' | 'long';
  /** The request's failure as a sentence (the element's `requestError`). */
  requestError: string;
  /** The words the element has for a failed load too. */
  skipLabel: string;
  otherLabel: string;
  form: (onSubmit: (event: Event) => void, fields: TemplateResult, primary: string, others?: TemplateResult, showPrimary?: boolean) => TemplateResult;
  fieldError: (id: string, message: string) => TemplateResult;
  describedBy: (id: string) => string;
  rateLimit: () => unknown;
  onCreate: (event: Event) => void;
  onSave: (event: Event) => void;
  onSkip: () => void;
  onOther: () => void;
  onNameInput: () => void;
}

/** No Create button: the browser cannot make one here, or the page is set up wrongly. */
export const cannotCreate = (failure: CreateFailure | null) => failure === 'unsupported' || failure === 'security';

/** Asks the browser for a passkey; resolves to its JSON and the name to suggest. */
export async function createPasskey(options: PublicKeyCredentialCreationOptionsJSON, signal: AbortSignal, msg: KitMsg, str: typeof kitStr) {
  const created = (await navigator.credentials.create({ publicKey: creationOptions(options), signal })) as PublicKeyCredential;
  const credential: RegistrationResponseJSON = registrationJSON(created);
  return { credential, name: aaguidName(aaguidOf(credential)) ?? platformName(credential.authenticatorAttachment, msg, str) };
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

/** "Passkey on Mac", "Passkey on this device", or "Security key" for a roaming authenticator. */
function platformName(attachment: string | null | undefined, msg: KitMsg, str: typeof kitStr): string {
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

/** The heading once the passkey is made (before, the element's own: it is shown while this module loads). */
export const namingHeading = (msg: KitMsg) =>
  msg('Name your passkey', { id: 'twofa-passkey-name-heading', desc: 'Heading shown once the passkey is created: the user names it.' });

/** What follows the heading. */
export function renderPasskey(v: PasskeyView): TemplateResult {
  return v.phase === 'naming' ? renderNaming(v) : renderIntro(v);
}

function renderIntro(v: PasskeyView): TemplateResult {
  const { html, nothing, msg } = v;
  const creating = v.phase === 'creating';
  const message = failureMessage(v) || v.requestError;
  const others = html`${v.optional ? html`<button type="button" ?disabled=${v.busy} @click=${v.onSkip}>${v.skipLabel}</button>` : nothing}
  ${v.canChooseOther ? html`<button type="button" ?disabled=${v.busy} @click=${v.onOther}>${v.otherLabel}</button>` : nothing}`;
  return html`
    <p>
      ${msg('A passkey lets you confirm it is you with your fingerprint, face or screen lock instead of a code, and it works only on this site.', {
        id: 'twofa-passkey-lead',
        desc: 'One sentence: what a passkey is.',
      })}
    </p>
    ${v.form(
      v.onCreate,
      html`<p role="status">
          ${creating ? msg('Follow the steps your browser shows.', { id: 'twofa-passkey-creating', desc: 'Shown while the browser or device asks the user to create the passkey.' }) : ''}
        </p>
        ${message ? html`<p class="error" role="alert">${message}</p>` : nothing} ${v.rateLimit()}`,
      creating
        ? msg('Creating…', { id: 'twofa-passkey-creating-button', desc: 'Button text while the passkey is being created.' })
        : v.failure === 'cancelled'
          ? msg('Try again', { id: 'twofa-retry', desc: 'Button that repeats the failed request.' })
          : msg('Create a passkey', { id: 'twofa-passkey-create', desc: 'Button that asks the browser to create a passkey.' }),
      others,
      !cannotCreate(v.failure),
    )}
  `;
}

function renderNaming(v: PasskeyView): TemplateResult {
  const { html, msg } = v;
  const message =
    v.nameProblem === 'missing'
      ? msg('Enter a name for the passkey.', { id: 'twofa-passkey-name-missing', desc: 'Validation: the passkey name field is empty.' })
      : v.nameProblem === 'long'
        ? msg(v.str`Use at most ${NAME_MAX} characters.`, {
            id: 'twofa-passkey-name-long',
            desc: 'Validation: the passkey name is too long; the number is the limit.',
          })
        : v.requestError;
  return html`
    <p>
      ${msg('Your passkey is ready. Give it a name you will recognise, such as the device it is on.', {
        id: 'twofa-passkey-name-lead',
        desc: 'Shown once the passkey is created, above its name field.',
      })}
    </p>
    ${v.form(
      v.onSave,
      html`<div class="field">
        <label for="name">${msg('Passkey name', { id: 'twofa-passkey-name-label', desc: 'Label of the field for the name of the new passkey.' })}</label>
        <input
          id="name"
          part="input"
          type="text"
          autocomplete="off"
          maxlength=${NAME_MAX}
          value=${v.suggested}
          aria-invalid=${message ? 'true' : 'false'}
          aria-describedby=${v.describedBy('name-error')}
          @input=${v.onNameInput}
        />
        ${v.fieldError('name-error', message)}
      </div>`,
      v.busy
        ? msg('Saving…', { id: 'twofa-passkey-saving', desc: 'Button text while the passkey is being saved.' })
        : msg('Save passkey', { id: 'twofa-passkey-save', desc: 'Button that saves the named passkey.' }),
    )}
  `;
}

function failureMessage({ failure, optional, canChooseOther, msg }: PasskeyView): string {
  switch (failure) {
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
