import { css, html } from 'lit';
import { continueLabel } from '../steps/common-messages.js';
import { errorMessage } from '../steps/error-message.js';
import '../twofa-copy-button/twofa-copy-button.js';
import { TwofaStepBase } from '../steps/twofa-step-base.js';
// Imported, not loaded on demand: what a step needs must not depend on the network being up when it is asked for.
import { downloadCodes, printCodes } from './emergency-export.js';
import { renderTypeBack } from './emergency-type-back.js';

/**
 * @summary The one-time emergency code (or recovery codes), to copy, download or print and store safely.
 *
 * Continue stays disabled until the user ticks that the code(s) are stored; with
 * `proof="type-back"` the codes are hidden after Continue and the user types one of them
 * (picked at random) back instead.
 *
 * @fires {TwofaStepSignalEvent} twofa-next - The user confirmed the code(s) are stored.
 * @fires {TwofaStepSignalEvent} twofa-dismiss - The user pressed Cancel.
 *
 * @csspart heading - The step's heading.
 * @csspart codes - The list of codes.
 * @fires {TwofaCopyEvent} twofa-copy - From the Copy button inside: `detail: { ok }` (never the codes).
 *
 * @csspart acknowledge - The "I have safely copied and stored" checkbox row.
 * @csspart type-back - The field for typing a code back (`proof="type-back"`).
 * @csspart primary - The Continue button.
 * @csspart cancel - The Cancel button.
 */
export class TwofaStepEmergency extends TwofaStepBase {
  static override properties = {
    codes: { attribute: false },
    issuer: {},
    account: {},
    proof: {},
    _stored: { state: true },
    _asked: { state: true },
    _mismatch: { state: true },
  };

  /** The codes to show; shown once, never stored by the kit. */
  codes: string[] = [];
  /** The service, named in the downloaded and printed file. */
  issuer = '';
  /** The account, named in the downloaded and printed file. */
  account = '';
  /** How the user proves the codes were saved: `checkbox`, or `type-back` one of them. */
  proof: 'checkbox' | 'type-back' = 'checkbox';

  private _stored = false;
  /** Removes the hidden frame of the last Print (see `printCodes`). */
  private _removePrintFrame?: () => void;
  /** Type-back: the index of the code asked for, once the codes are hidden; -1 while they are shown. */
  private _asked = -1;
  private _mismatch = false;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // The codes leave the page with the step.
    this._removePrintFrame?.();
  }

  override render() {
    return this._asked < 0 ? this._renderShown() : this._renderTypeBack();
  }

  private _renderShown() {
    const one = this.codes.length === 1;
    const typeBack = this.proof === 'type-back';
    return html`
      ${this.renderHeading(
        one
          ? this.msg('Save your emergency code', { id: 'twofa-emergency-heading-one', desc: 'Heading of the step that shows one emergency code.' })
          : this.msg('Save your recovery codes', { id: 'twofa-emergency-heading-many', desc: 'Heading of the step that shows several recovery codes.' }),
      )}
      <p>
        ${
          one
            ? this.msg(
                'If you lose your phone, you can sign in once with this code. It is shown only now: copy it and keep it somewhere safe, such as a password manager.',
                {
                  id: 'twofa-emergency-lead-one',
                  desc: 'Explains the single emergency code.',
                },
              )
            : this.msg(
                'If you lose your phone, you can sign in with one of these codes. Each works once. They are shown only now: copy them and keep them somewhere safe, such as a password manager.',
                {
                  id: 'twofa-emergency-lead-many',
                  desc: 'Explains the recovery codes.',
                },
              )
        }
      </p>
      ${this.codes.length ? this._renderCodes() : html`<p class="status" role="status">${this.error ? errorMessage(this.error, this.i18n) : ''}</p>`}
      ${
        typeBack
          ? null
          : html`<label class="acknowledge" part="acknowledge">
              <input type="checkbox" .checked=${this._stored} ?disabled=${!this.codes.length} @change=${this._onAcknowledge} />
              <span>
                ${
                  one
                    ? this.msg('I have safely copied and stored this code', {
                        id: 'twofa-emergency-ack-one',
                        desc: 'Checkbox the user must tick before going on (one code).',
                      })
                    : this.msg('I have saved the recovery codes', {
                        id: 'twofa-emergency-ack-saved',
                        desc: 'Checkbox the user must tick before going on (several recovery codes).',
                      })
                }
              </span>
            </label>`
      }
      <div class="actions">
        <button
          type="button"
          class="primary"
          part="primary"
          ?disabled=${!(typeBack ? this.codes.length : this._stored) || this.busy}
          @click=${typeBack ? this._ask : () => this.signal('twofa-next')}
        >
          ${continueLabel(this.i18n)}
        </button>
        <span class="spacer"></span>
        ${this.renderCancel()}
      </div>
    `;
  }

  /** The codes are hidden; one of them must be typed back. */
  private _renderTypeBack() {
    return renderTypeBack(this.i18n, this.codes.length === 1, this._asked + 1, this._mismatch, {
      heading: (text) => this.renderHeading(text),
      submit: (event) => this._onTypeBack(event),
      input: () => (this._mismatch = false),
      showAgain: () => this._showAgain(),
    });
  }

  private async _ask(): Promise<void> {
    // Not a secret choice: it only has to be one the user cannot predict before saving them all.
    this._asked = Math.floor(Math.random() * this.codes.length);
    await this.updateComplete;
    this.focusHeading();
  }

  private async _showAgain(): Promise<void> {
    this._asked = -1;
    this._mismatch = false;
    await this.updateComplete;
    this.focusHeading();
  }

  private _onTypeBack(event: Event): void {
    event.preventDefault();
    const input = this.renderRoot.querySelector('input')!;
    // Codes are compared as people copy them: case, spaces and dashes do not matter.
    const plain = (code: string) => code.replace(/[\s-]+/g, '').toUpperCase();
    this._mismatch = plain(input.value) !== plain(this.codes[this._asked] ?? '');
    if (this._mismatch) input.focus();
    else this.signal('twofa-next');
  }

  private _renderCodes() {
    return html`
      <ul class="codes" part="codes">
        ${this.codes.map((code) => html`<li>${code}</li>`)}
      </ul>
      <div class="actions tools">
        <twofa-copy-button
          .value=${this.codes.join('\n')}
          label=${
            this.codes.length === 1
              ? this.msg('Copy code', { id: 'twofa-emergency-copy-one', desc: 'Button that copies the emergency code.' })
              : this.msg('Copy all', { id: 'twofa-emergency-copy-many', desc: 'Button that copies all recovery codes.' })
          }
        ></twofa-copy-button>
        <button type="button" @click=${() => this._export('download')}>
          ${this.msg('Download', { id: 'twofa-emergency-download', desc: 'Button that downloads the code(s) as a text file.' })}
        </button>
        <button type="button" @click=${() => this._export('print')}>
          ${this.msg('Print', { id: 'twofa-emergency-print', desc: 'Button that prints the code(s).' })}
        </button>
      </div>
    `;
  }

  private _export(kind: 'download' | 'print'): void {
    const document = { codes: this.codes, issuer: this.issuer, account: this.account, lang: this.i18n.intlLocale };
    // Written in the step's language, the date formatted for it.
    this._removePrintFrame?.();
    this._removePrintFrame = undefined;
    if (kind === 'download') downloadCodes(document, this.i18n);
    else this._removePrintFrame = printCodes(document, this.i18n);
  }

  private _onAcknowledge(event: Event): void {
    this._stored = (event.target as HTMLInputElement).checked;
  }

  static override styles = [
    TwofaStepBase.styles,
    css`
      .codes {
        list-style: none;
        margin: var(--_space) 0 0;
        padding: var(--_space);
        background: var(--_subtle);
        border-radius: var(--_radius);
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr));
        gap: 0.5rem 1.5rem;
        font-family: var(--_mono);
        font-size: 1.375rem;
        letter-spacing: 0.05em;
        user-select: all;
      }
      .tools {
        margin-top: 0.5rem;
      }
      .acknowledge {
        display: flex;
        gap: 0.625rem;
        align-items: flex-start;
        font-weight: 400;
        margin-top: var(--_space);
        cursor: pointer;
      }
    `,
  ];
}
