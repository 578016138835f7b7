import { resolveLang } from '../localization.js';
import { css, html, nothing, type PropertyValues } from 'lit';
import type { SmsPolicy } from '../adapter/types.js';
import { sendCodeLabel } from '../steps/common-messages.js';
import { TwofaStepBase } from '../steps/twofa-step-base.js';
// Imported, not loaded on demand: a step must work when the network is gone (see ARCHITECTURE.md, "Outages").
import { CALLING_CODES, defaultCountry, fromE164, toE164 } from './phone-number.js';

/**
 * @summary Add a phone number as an SMS backup, with the country code from a picker.
 *
 * @fires {TwofaSubmitEvent} twofa-submit - The number in E.164 form (`event.value`, e.g. `+4791234567`).
 * @fires {TwofaStepSignalEvent} twofa-skip - The user skipped the optional backup.
 * @fires {TwofaStepSignalEvent} twofa-dismiss - The user pressed Cancel.
 *
 * @csspart heading - The step's heading.
 * @csspart country - The country code picker.
 * @csspart input - The phone number input.
 * @csspart primary - The Send code button.
 * @csspart cancel - The Cancel button.
 */
export class TwofaStepSms extends TwofaStepBase {
  static override properties = {
    policy: {},
    country: {},
    phone: {},
    _problem: { state: true },
  };

  /** `optional` offers Skip; `required` does not. */
  policy: Exclude<SmsPolicy, 'off'> = 'optional';
  /** The picker's starting country (ISO 3166 region, e.g. `NO`); by default from the language. */
  country = '';
  /** A number sent before (E.164), refilled when the user comes back to change it. */
  phone = '';

  /** What is wrong with the typed number, if anything; translated when rendered. */
  private _problem: '' | 'missing' | 'invalid' = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!this.country) this.country = defaultCountry(resolveLang(this));
    if (changed.has('phone') && this.phone) this.country = fromE164(this.phone, this.country).country;
  }

  private _onSubmit(event: Event): void {
    event.preventDefault();
    if (this.rateLimit.running) return;
    const input = this.renderRoot.querySelector('input')!;
    const typed = input.value.trim();
    const phone = typed ? toE164(this.renderRoot.querySelector('select')!.value, typed) : null;
    this._problem = !typed ? 'missing' : !phone ? 'invalid' : '';
    if (this._problem === '' && phone) this.submitValue(phone);
    else input.focus();
  }

  override render() {
    const regions = new Intl.DisplayNames([this.i18n.intlLocale, 'en'], { type: 'region' });
    const message = this._problem ? this._problemMessage() : this.requestError;
    const national = this.phone ? fromE164(this.phone, this.country).national : this.phone;
    return html`
      ${this.renderHeading(this.msg('Add a phone number for backup', { id: 'twofa-sms-heading', desc: 'Heading of the optional SMS backup step.' }))}
      <p>
        ${this.msg('If you lose your phone or the app, we can send you a code by text message (SMS) instead.', {
          id: 'twofa-sms-lead',
          desc: 'Why the user should add a phone number.',
        })}
      </p>
      ${this.renderForm(
        this._onSubmit,
        html`<div class="phone">
            <div>
              <label for="country">${this.msg('Country code', { id: 'twofa-sms-country', desc: 'Label of the country calling code picker.' })}</label>
              <select id="country" part="country" autocomplete="tel-country-code" .value=${this.country}>
                ${Object.entries(CALLING_CODES).map(
                  ([region, code]) => html`<option value=${region} ?selected=${region === this.country}>${regions.of(region)} (+${code})</option>`,
                )}
              </select>
            </div>
            <div class="number">
              <label for="phone">${this.msg('Mobile number', { id: 'twofa-sms-number', desc: 'Label of the phone number input.' })}</label>
              <input
                id="phone"
                part="input"
                type="tel"
                autocomplete="tel-national"
                inputmode="tel"
                .value=${national}
                aria-invalid=${message ? 'true' : 'false'}
                aria-describedby=${this.describedBy('phone-error')}
                @input=${() => (this._problem = '')}
              />
            </div>
          </div>
          ${this.renderFieldError('phone-error', message)}`,
        sendCodeLabel(this.i18n, this.busy),
        this.policy === 'optional'
          ? html`<button type="button" ?disabled=${this.busy} @click=${() => this.signal('twofa-skip')}>
              ${this.msg('Skip for now', { id: 'twofa-sms-skip', desc: 'Button that skips the optional SMS backup.' })}
            </button>`
          : nothing,
      )}
    `;
  }

  private _problemMessage(): string {
    if (this._problem === 'invalid')
      return this.msg('Enter a valid mobile number: digits only, with the right country code.', {
        id: 'twofa-sms-invalid',
        desc: 'Validation: the phone number has the wrong shape.',
      });
    return this.policy === 'optional'
      ? this.msg('Enter a phone number, or skip this step.', {
          id: 'twofa-sms-missing',
          desc: 'Validation: the phone field is empty (the step can be skipped).',
        })
      : this.msg('Enter a phone number.', {
          id: 'twofa-sms-missing-required',
          desc: 'Validation: the phone field is empty (a backup phone is required, there is no Skip).',
        });
  }

  static override styles = [
    TwofaStepBase.styles,
    css`
      .phone {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem;
      }
      .phone select {
        max-width: 14rem;
      }
      .number {
        flex: 1 1 10rem;
      }
      .number input {
        width: 100%;
      }
    `,
  ];
}
