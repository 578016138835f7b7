import { str } from '../localization.js';
import { css, html } from 'lit';
import { groupSecret, normalizeSecret } from '../adapter/otpauth-uri.js';
import type { EnrollmentMode, TotpAlgorithm } from '../adapter/types.js';
import { backLabel } from '../steps/common-messages.js';
import { errorMessage } from '../steps/error-message.js';
import '../twofa-copy-button/twofa-copy-button.js';
import '../twofa-qr-code/twofa-qr-code.js';
import { TwofaStepBase } from '../steps/twofa-step-base.js';

/**
 * @summary The QR code to scan with an authenticator app, and the secret key to type in by hand.
 *
 * The key sits behind a "Can't scan the image?" disclosure, grouped in fours, with a copy button
 * and the details a desktop app such as Enpass asks for. "Using an app on this computer?" switches
 * to the key view (`view="key"`): the key and its details without the QR code, the first-class path
 * for password managers on the same computer. `secret` and `uri` are properties only, never
 * attributes, so the secret never appears in the page's markup.
 *
 * @fires {TwofaStepSignalEvent} twofa-next - The user scanned the code and goes on to enter it.
 * @fires {TwofaStepSignalEvent} twofa-back - The user goes back to the information step.
 * @fires {TwofaStepSignalEvent} twofa-dismiss - The user pressed Cancel.
 * @fires {TwofaQrReadyEvent} twofa-qr-ready - From the QR code inside: it is drawn; `detail: { size }`.
 * @fires {TwofaCopyEvent} twofa-copy - From the Copy key button inside: `detail: { ok }` (never the key).
 *
 * @csspart heading - The step's heading.
 * @csspart qr - The QR code element.
 * @csspart open-app - The "Open in authenticator app" link.
 * @csspart manual - The "Can't scan the image?" disclosure.
 * @csspart switch-view - The button between the QR view and the key view.
 * @csspart secret - The grouped secret key.
 * @csspart primary - The "Next: enter the code" button.
 * @csspart cancel - The Cancel button.
 *
 * @cssprop [--twofa-qr-size=12rem] - Size of the QR code (never wider than the step).
 */
export class TwofaStepQr extends TwofaStepBase {
  static override properties = {
    uri: { attribute: false },
    secret: { attribute: false },
    issuer: {},
    account: {},
    digits: { type: Number },
    period: { type: Number },
    algorithm: {},
    manualOpen: { type: Boolean, attribute: 'manual-open' },
    view: { reflect: true },
    mode: { reflect: true },
    canGoBack: { type: Boolean, attribute: 'can-go-back' },
  };

  /** The `otpauth://totp/...` URI the QR code encodes. */
  uri = '';
  /** The secret key, Base32. */
  secret = '';
  /** Who issues the key (the service), shown in the manual details. */
  issuer = '';
  /** The account the key is for, shown in the manual details and named in the QR code's label. */
  account = '';
  /** Digits of a code, shown in the manual details. */
  digits = 6;
  /** Seconds a code lasts, shown in the manual details. */
  period = 30;
  /** The hash algorithm, shown in the manual details. */
  algorithm: TotpAlgorithm = 'SHA1';
  /** Opens the "Can't scan the image?" disclosure, for people adding the key to an app on this computer. */
  manualOpen = false;
  /** `qr` shows the QR code (the key behind a disclosure); `key` shows the key for an app on this computer. */
  view: 'qr' | 'key' = 'qr';
  /** `reset` words the step for a new authenticator that replaces a lost one. */
  mode: EnrollmentMode = 'enroll';
  /** Whether a Back button is offered. */
  canGoBack = false;

  override render() {
    const ready = Boolean(this.uri && this.secret);
    const key = this.view === 'key';
    return html`
      ${this.renderHeading(
        key
          ? this.msg('Add the key to your app', {
              id: 'twofa-qr-key-heading',
              desc: 'Heading of the key view, for an authenticator or password manager on this computer.',
            })
          : this.mode === 'reset'
            ? this.msg('Scan the QR code with your new authenticator', {
                id: 'twofa-qr-heading-reset',
                desc: 'Heading of the QR code step when replacing a lost authenticator.',
              })
            : this.msg('Scan the QR code', { id: 'twofa-qr-heading', desc: 'Heading of the QR code step.' }),
      )}
      <p>
        ${
          key
            ? this.msg(
                'In the app on this computer (for example a password manager such as Enpass), add a one-time code to a new entry and paste or type the key.',
                {
                  id: 'twofa-qr-key-lead',
                  desc: 'Instruction of the key view. App names stay as they are.',
                },
              )
            : this.msg('Open your authenticator app, choose to add an account, and scan this QR code.', {
                id: 'twofa-qr-lead',
                desc: 'Instruction above the QR code.',
              })
        }
      </p>
      ${!ready ? this._renderPreparing() : key ? this._renderKeyView() : this._renderCode()}
      <div class="actions">
        <button type="button" class="primary" part="primary" ?disabled=${!ready || this.busy} @click=${() => this.signal('twofa-next')}>
          ${this.msg('Next: enter the code', { id: 'twofa-qr-next', desc: 'Button on the QR step that goes on to entering the code from the app.' })}
        </button>
        ${this.canGoBack ? html`<button type="button" @click=${() => this.signal('twofa-back')}>${backLabel(this.i18n)}</button>` : null}
        <span class="spacer"></span>
        ${this.renderCancel()}
      </div>
    `;
  }

  private _renderPreparing() {
    return html`<p class="status" role="status">
      ${
        this.error
          ? errorMessage(this.error, this.i18n)
          : this.msg('Preparing your QR code…', { id: 'twofa-qr-preparing', desc: 'Shown while the enrollment is being created.' })
      }
    </p>`;
  }

  private _renderCode() {
    const label = this.msg(
      str`QR code for adding ${this.account} to your authenticator app. If you cannot scan it, use the key under “Can't scan the image?”.`,
      { id: 'twofa-qr-image-label', desc: 'Accessible name of the QR code image; points to the manual key disclosure, whose title must match.' },
    );
    return html`
      <div class="qr-row">
        <twofa-qr-code part="qr" .value=${this.uri} label=${label}></twofa-qr-code>
        <p class="open-app">
          <span class="muted"
            >${this.msg('On the phone with the app?', { id: 'twofa-qr-on-phone', desc: 'Lead-in to the link that opens the authenticator app directly.' })}</span
          >
          <a class="button" part="open-app" href=${this.uri}>
            ${this.msg('Open in authenticator app', { id: 'twofa-qr-open-app', desc: 'Link that opens the otpauth URI in the authenticator app on this device.' })}
          </a>
          ${this._renderSwitch(this.msg('Using an app on this computer?', { id: 'twofa-qr-use-computer', desc: 'Button that switches to the key view, for an app on the same computer.' }))}
        </p>
      </div>
      <details part="manual" ?open=${this.manualOpen} @toggle=${this._onToggle}>
        <summary>
          ${this.msg("Can't scan the image?", { id: 'twofa-qr-manual-summary', desc: 'Disclosure that shows the secret key for typing into an app by hand.' })}
        </summary>
        ${this._renderManual()}
      </details>
    `;
  }

  private _renderManual() {
    const key = normalizeSecret(this.secret);
    const groups = groupSecret(key).split(' ');
    // Screen readers get the key one character at a time, groups separated by pauses.
    const spelled = groups.map((group) => group.split('').join(' ')).join(', ');
    return html`
      <p>
        ${this.msg('Enter these details in your app. Choose a time-based key if the app asks.', {
          id: 'twofa-qr-manual-lead',
          desc: 'Instruction for typing the secret key into an app by hand.',
        })}
      </p>
      <dl class="manual">
        <dt>${this.msg('Account', { id: 'twofa-qr-account', desc: 'Label of the account name in the manual key details.' })}</dt>
        <dd>${this.account}</dd>
        <dt>${this.msg('Issuer', { id: 'twofa-qr-issuer', desc: 'Label of the service or organisation name in the manual key details.' })}</dt>
        <dd>${this.issuer}</dd>
        <dt>${this.msg('Secret key', { id: 'twofa-qr-secret', desc: 'Label of the secret key in the manual key details.' })}</dt>
        <dd>
          <span class="secret" part="secret" aria-hidden="true">${groups.join(' ')}</span>
          <span class="visually-hidden">
            ${this.msg('Spelled out, in groups of four:', {
              id: 'twofa-qr-secret-spelled',
              desc: 'Screen readers only: read just before the secret key, which follows spelled out one character at a time, its groups of four separated by pauses.',
            })}
          </span>
          <span class="visually-hidden">${spelled}</span>
          <twofa-copy-button
            .value=${key}
            label=${this.msg('Copy key', { id: 'twofa-qr-copy-key', desc: 'Button that copies the secret key.' })}
          ></twofa-copy-button>
        </dd>
        <dt>${this.msg('Type', { id: 'twofa-qr-type', desc: 'Label of the key type in the manual key details.' })}</dt>
        <dd>${this.msg('Time based (TOTP)', { id: 'twofa-qr-time-based', desc: 'The key type, as authenticator apps call it.' })}</dd>
        <dt>${this.msg('Digits', { id: 'twofa-qr-digits', desc: 'Label of the number of digits in a code.' })}</dt>
        <dd>${this.digits}</dd>
        <dt>${this.msg('Interval', { id: 'twofa-qr-period', desc: 'Label of how often the code changes.' })}</dt>
        <dd>${this.msg(str`${this.period} seconds`, { id: 'twofa-qr-period-value', desc: 'How often the code changes, in seconds.' })}</dd>
        <dt>${this.msg('Algorithm', { id: 'twofa-qr-algorithm', desc: 'Label of the hash algorithm (SHA1 etc.).' })}</dt>
        <dd>${this.algorithm}</dd>
      </dl>
    `;
  }

  private _renderKeyView() {
    return html`${this._renderManual()}
      <p>
        ${this._renderSwitch(this.msg('Scan a QR code instead', { id: 'twofa-qr-use-phone', desc: 'Button that switches from the key view back to the QR code.' }))}
      </p>`;
  }

  private _renderSwitch(label: string) {
    return html`<button type="button" class="link" part="switch-view" @click=${this._switchView}>${label}</button>`;
  }

  private async _switchView(): Promise<void> {
    this.view = this.view === 'key' ? 'qr' : 'key';
    // The whole step changes: start reading it again from its heading.
    await this.updateComplete;
    this.focusHeading();
  }

  private _onToggle(event: Event): void {
    this.manualOpen = (event.target as HTMLDetailsElement).open;
  }

  static override styles = [
    TwofaStepBase.styles,
    css`
      .qr-row {
        display: flex;
        flex-wrap: wrap;
        gap: var(--_space);
        align-items: center;
      }
      .open-app {
        display: flex;
        flex-direction: column;
        gap: 0.5rem;
        flex: 1 1 12rem;
      }
      summary {
        cursor: pointer;
        color: var(--_accent);
        text-decoration: underline;
        min-height: 2.75rem;
        display: flex;
        align-items: center;
        border-radius: 2px;
      }
      details {
        margin-top: var(--_space);
      }
      dl.manual {
        display: grid;
        grid-template-columns: max-content minmax(0, 1fr);
        gap: 0.375rem 1rem;
        margin: 0;
      }
      dt {
        font-weight: 600;
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .secret {
        display: block;
        font-family: var(--_mono);
        font-size: 1.125rem;
        letter-spacing: 0.06em;
        margin-bottom: 0.375rem;
        user-select: all;
      }
      @media (max-width: 360px) {
        dl.manual {
          grid-template-columns: 1fr;
        }
        dd {
          margin-bottom: 0.5rem;
        }
      }
    `,
  ];
}
