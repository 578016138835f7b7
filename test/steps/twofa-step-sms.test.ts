import { expect, fixture, html } from '@open-wc/testing';
import { templates as nb } from '../../src/generated/locales/nb.js';
import '../../src/steps/twofa-step-sms.js';
import type { TwofaStepSms } from '../../src/steps/twofa-step-sms.js';
import { getByRole, queryByRole } from '../helpers/queries.js';
import { clickButton, descriptionOf, expectFocused, expectNone, expectSame, press, recordAll, scope, settle, submits, type } from './helpers.js';

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

/** Types a number into the field and presses Enter. */
async function enter(el: TwofaStepSms, field: HTMLInputElement, number: string) {
  field.focus();
  await type(el, number);
  await press(el, 'Enter');
}

describe('<twofa-step-sms>', () => {
  it('is accessible', async () => {
    const { el } = await setup();
    await expect(el).to.be.accessible();
  });

  it('is accessible while showing a validation message', async () => {
    const { el, field } = await setup();
    await enter(el, field, '12');
    await expect(el).to.be.accessible();
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

    it('"Send code" submits like Enter', async () => {
      const { el, field, values } = await setup(html`<twofa-step-sms country="NO"></twofa-step-sms>`);
      field.focus();
      await type(el, '91234567');
      await clickButton(el, 'Send code');
      expect(values).to.deep.equal(['+4791234567']);
    });

    it('Skip fires twofa-skip', async () => {
      const { el, events } = await setup(html`<twofa-step-sms policy="optional"></twofa-step-sms>`);
      await clickButton(el, 'Skip for now');
      expect(events).to.deep.equal(['twofa-skip']);
    });

    it('Cancel fires twofa-dismiss', async () => {
      const { el, events } = await setup();
      await clickButton(el, 'Cancel');
      expect(events).to.deep.equal(['twofa-dismiss']);
    });

    it('busy says "Sending…" and sends one number only', async () => {
      const { el, field, values } = await setup(html`<twofa-step-sms country="NO"></twofa-step-sms>`);
      await enter(el, field, '91234567');
      el.busy = true;
      await el.updateComplete;
      const button = getByRole(scope(el), 'button', 'Sending…');
      expect(button.getAttribute('aria-disabled')).to.equal('true');
      field.focus();
      await press(el, 'Enter');
      button.click();
      await settle(el);
      expect(values).to.deep.equal(['+4791234567']);
      expect((getByRole(scope(el), 'button', 'Skip for now') as HTMLButtonElement).disabled).to.be.true;
    });
  });

  describe('errors', () => {
    for (const wrong of ['12', 'abc', '+0 12 34 56 78']) {
      it(`"${wrong}" shows "${INVALID}", marks the field invalid, keeps focus in it and sends nothing`, async () => {
        const { el, field, events } = await setup();
        await enter(el, field, wrong);
        expect(events).to.deep.equal([]);
        expect(descriptionOf(field)).to.equal(INVALID);
        expect(getByRole(scope(el), 'alert').textContent!.trim()).to.equal(INVALID);
        expect(field.getAttribute('aria-invalid')).to.equal('true');
        expectFocused(field);
      });
    }

    it('under lang="nb" the message is Norwegian', async () => {
      const { el, field, events } = await setup(html`<div lang="nb"><twofa-step-sms></twofa-step-sms></div>`);
      await enter(el, field, 'abc');
      expect(events).to.deep.equal([]);
      expect(descriptionOf(field)).to.equal(nb['twofa-sms-invalid']);
      expect(nb['twofa-sms-invalid']).not.to.equal(INVALID);
    });

    it('an empty number asks for one (or to skip), and sends nothing', async () => {
      const { el, events, field } = await setup();
      await clickButton(el, 'Send code');
      expect(events).to.deep.equal([]);
      expect(descriptionOf(field)).to.equal(MISSING);
      expectFocused(field);
    });

    it('typing again clears the message', async () => {
      const { el, field } = await setup();
      await enter(el, field, '12');
      await type(el, '3');
      expect(descriptionOf(field)).to.equal('');
      expect(field.getAttribute('aria-invalid')).to.equal('false');
    });

    it('error invalid_phone shows the translated message, never the code', async () => {
      const { el, field } = await setup(html`<twofa-step-sms phone="+4791234567"></twofa-step-sms>`);
      el.error = { code: 'invalid_phone' };
      await el.updateComplete;
      expect(descriptionOf(field)).to.equal("That phone number doesn't look right. Check the country code and the number.");
      expect(field.getAttribute('aria-invalid')).to.equal('true');
      expect(field.value).to.equal('91234567');
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
