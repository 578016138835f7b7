import { expect, fixture, html } from '@open-wc/testing';
import { templates as nb } from '../../src/generated/locales/nb.js';
import 'twofa-enroll/twofa-step-sms.js';
import type { TwofaStepSms } from 'twofa-enroll';
import { getByRole, queryByRole } from '../helpers/queries.js';
import { sendFormSuite } from './send-form-suite.js';
import { clickButton, descriptionOf, enter, expectNone, expectSame, press, recordAll, scope, settle, submits } from './helpers.js';

const INVALID = 'Enter a valid mobile number: digits only, with the right country code.';
const MISSING = 'Enter a phone number, or skip this step.';

async function setup(template = html`<twofa-step-sms></twofa-step-sms>`) {
  const fixed = await fixture<HTMLElement>(template);
  const el = (fixed.localName === 'twofa-step-sms' ? fixed : fixed.querySelector('twofa-step-sms')!) as TwofaStepSms;
  await el.updateComplete;
  // By role only: under a lang="nb" or "sv" wrapper the labels are translated (checked in English below).
  const picker = getByRole(scope(el), 'combobox') as HTMLSelectElement;
  const field = getByRole(scope(el), 'textbox') as HTMLInputElement;
  return { el, picker, field, values: submits(el), events: recordAll(el) };
}

const selectedText = (picker: HTMLSelectElement) => picker.selectedOptions[0]?.textContent?.trim() ?? '';

describe('<twofa-step-sms>', () => {
  sendFormSuite({
    setup: () => setup(html`<twofa-step-sms country="NO"></twofa-step-sms>`),
    valid: [['91234567', '+4791234567']],
    invalid: [['12', 'abc', '+0 12 34 56 78'], INVALID],
    missing: MISSING,
    refused: ['invalid_phone', "That phone number doesn't look right. Check the country code and the number."],
  });

  describe('rendering', () => {
    it('has a heading, a labelled country picker and a phone field set up for autofill', async () => {
      const { el, picker, field } = await setup(html`<twofa-step-sms lang="en"></twofa-step-sms>`);
      expect(getByRole(scope(el), 'heading').textContent!.trim()).to.equal('Add a phone number for backup');
      expectSame(getByRole(scope(el), 'combobox', 'Country code'), picker, 'picker named "Country code"');
      expectSame(getByRole(scope(el), 'textbox', 'Mobile number'), field, 'field named "Mobile number"');
      expect(field.type).to.equal('tel');
      expect(field.autocomplete).to.equal('tel-national');
      expect(picker.autocomplete).to.equal('tel-country-code');
      expect(selectedText(picker)).to.equal('Norway (+47)');
    });

    for (const [lang, region, label] of [
      ['nb', 'NO', 'Norge (+47)'],
      ['sv', 'SE', 'Sverige (+46)'],
      ['sv-FI', 'FI', 'Finland (+358)'],
      ['en-GB', 'GB', 'United Kingdom (+44)'],
    ] as const) {
      it(`lang="${lang}" on a wrapper starts the picker on ${region}, named in that language`, async () => {
        const { picker } = await setup(html`<div lang=${lang}><twofa-step-sms></twofa-step-sms></div>`);
        expect(picker.value).to.equal(region);
        expect(selectedText(picker)).to.equal(label);
      });
    }

    it('the country attribute wins over the language', async () => {
      const { picker } = await setup(html`<div lang="nb"><twofa-step-sms country="DK"></twofa-step-sms></div>`);
      expect(picker.value).to.equal('DK');
    });

    it('phone="+4791234567" refills the picker and the national number', async () => {
      const { picker, field } = await setup(html`<div lang="sv"><twofa-step-sms phone="+4791234567"></twofa-step-sms></div>`);
      expect(picker.value).to.equal('NO');
      expect(field.value).to.equal('91234567');
    });

    it('a refilled number can be sent again as it is', async () => {
      const { el, values } = await setup(html`<twofa-step-sms phone="+46701234567"></twofa-step-sms>`);
      await clickButton(el, 'Send code');
      expect(values).to.deep.equal(['+46701234567']);
    });

    it('a +1 number keeps the picked country (Canada), not the first with that code', async () => {
      const { picker, field } = await setup(html`<twofa-step-sms country="CA" phone="+16135550123"></twofa-step-sms>`);
      expect(picker.value).to.equal('CA');
      expect(field.value).to.equal('6135550123');
    });

    it('Skip is offered only with policy="optional"', async () => {
      const optional = await setup(html`<twofa-step-sms policy="optional"></twofa-step-sms>`);
      expect(queryByRole(scope(optional.el), 'button', 'Skip for now')).to.exist;
      const required = await setup(html`<twofa-step-sms policy="required"></twofa-step-sms>`);
      expectNone(scope(required.el), 'button', 'Skip for now');
    });
  });

  describe('events', () => {
    it('a valid national number is sent as E.164 with the picked country code', async () => {
      const { el, field, values, events } = await setup(html`<div lang="nb"><twofa-step-sms></twofa-step-sms></div>`);
      await enter(el, field, '912 34 567');
      expect(values).to.deep.equal(['+4791234567']);
      expect(events).to.deep.equal(['twofa-submit']);
    });

    it('a national number with a trunk 0, after picking Sweden with the keyboard, becomes +46…', async () => {
      const { el, picker, field, values } = await setup(html`<div lang="nb"><twofa-step-sms></twofa-step-sms></div>`);
      picker.focus();
      await press(el, 'ArrowDown'); // NO → SE: Sweden follows Norway
      expect(picker.value).to.equal('SE');
      await enter(el, field, '070-123 45 67');
      expect(values).to.deep.equal(['+46701234567']);
    });

    it('a typed "+46 70 123 45 67" wins over the picker', async () => {
      const { el, picker, field, values } = await setup(html`<div lang="nb"><twofa-step-sms></twofa-step-sms></div>`);
      expect(picker.value).to.equal('NO');
      await enter(el, field, '+46 70 123 45 67');
      expect(values).to.deep.equal(['+46701234567']);
    });

    it('Skip fires twofa-skip', async () => {
      const { el, events } = await setup(html`<twofa-step-sms policy="optional"></twofa-step-sms>`);
      await clickButton(el, 'Skip for now');
      expect(events).to.deep.equal(['twofa-skip']);
    });

    it('busy disables Skip too', async () => {
      const { el, events } = await setup(html`<twofa-step-sms busy policy="optional"></twofa-step-sms>`);
      const skip = getByRole(scope(el), 'button', 'Skip for now') as HTMLButtonElement;
      expect(skip.disabled).to.be.true;
      skip.click();
      await settle(el);
      expect(events).to.deep.equal([]);
    });
  });

  describe('errors', () => {
    it('under lang="nb" the message is Norwegian', async () => {
      const { el, field, events } = await setup(html`<div lang="nb"><twofa-step-sms></twofa-step-sms></div>`);
      await enter(el, field, 'abc');
      expect(events).to.deep.equal([]);
      expect(descriptionOf(field)).to.equal(nb['twofa-sms-invalid']);
      expect(nb['twofa-sms-invalid']).not.to.equal(INVALID);
    });

    it('a server error keeps the country the user picked and the number typed', async () => {
      const { el, picker, field, values } = await setup(html`<div lang="nb"><twofa-step-sms></twofa-step-sms></div>`);
      picker.focus();
      await press(el, 'ArrowDown');
      await enter(el, field, '701234567');
      el.error = { code: 'network' };
      await el.updateComplete;
      expect(picker.value).to.equal('SE');
      expect(field.value).to.equal('701234567');
      await press(el, 'Enter');
      expect(values).to.deep.equal(['+46701234567', '+46701234567']);
    });
  });
});
