import { expect, fixture, html } from '@open-wc/testing';
import 'twofa-enroll/twofa-step-email.js';
import type { TwofaStepEmail } from 'twofa-enroll';
import { isEmailAddress } from '../../src/twofa-step-email/email-address.js';
import { getByRole, visibleText } from '../helpers/queries.js';
import { clickButton, descriptionOf, enter, expectFocused, press, scope, submits, type } from './helpers.js';
import { sendFormSuite } from './send-form-suite.js';

const MISSING = 'Enter your e-mail address.';
const INVALID = 'Enter an e-mail address in the form name@example.com.';
const REFUSED = "That e-mail address doesn't look right. Check it and try again.";

/** 255 characters, one more than an address may have (RFC 5321), though of a valid shape. */
const TOO_LONG = `${'a'.repeat(64)}@${'b'.repeat(187)}.no`;
/** 254 characters: the longest address allowed. */
const LONGEST = `${'a'.repeat(64)}@${'b'.repeat(186)}.no`;

const VALID: [typed: string, sent: string][] = [
  ['ola.nordmann@example.no', 'ola.nordmann@example.no'],
  ['åse@eksempel.no', 'åse@eksempel.no'],
  ['a+tag@sub.example.co.uk', 'a+tag@sub.example.co.uk'],
  [' padded@example.com ', 'padded@example.com'],
  [LONGEST, LONGEST],
];

const INVALID_ADDRESSES = ['ola', 'ola@', '@example.com', 'ola@example', 'ola @example.com', 'ola@@example.com', 'ola@example..com', TOO_LONG];

async function setup(template = html`<twofa-step-email></twofa-step-email>`) {
  const el = await fixture<TwofaStepEmail>(template);
  const field = getByRole(scope(el), 'textbox', 'E-mail address') as HTMLInputElement;
  return { el, field, values: submits(el) };
}

describe('<twofa-step-email>', () => {
  describe('rendering', () => {
    it('has a heading, says what the address is for, and a labelled e-mail field set up for autofill', async () => {
      const { el, field } = await setup();
      expect(getByRole(scope(el), 'heading').textContent!.trim()).to.equal('Where should we send your codes?');
      expect(visibleText(scope(el))).to.include('We will send a code to this address now, to confirm it is yours, and then each time you sign in.');
      expect(field.type).to.equal('email');
      expect(field.autocomplete).to.equal('email');
      expect(field.spellcheck).to.be.false;
      expect(field.getAttribute('aria-invalid')).to.equal('false');
      expect(descriptionOf(field)).to.equal('');
      getByRole(scope(el), 'button', 'Send code');
      getByRole(scope(el), 'button', 'Cancel');
    });

    it('email refills the field, and the refilled address can be sent again as it is', async () => {
      const { el, field, values } = await setup(html`<twofa-step-email email="ola.nordmann@example.no"></twofa-step-email>`);
      expect(field.value).to.equal('ola.nordmann@example.no');
      await clickButton(el, 'Send code');
      expect(values).to.deep.equal(['ola.nordmann@example.no']);
    });

    it('a refilled address can be corrected before it is sent', async () => {
      const { el, field, values } = await setup(html`<twofa-step-email email="ola@exmaple.no"></twofa-step-email>`);
      field.focus();
      field.select();
      await type(el, 'ola@example.no');
      await press(el, 'Enter');
      expect(values).to.deep.equal(['ola@example.no']);
    });
  });

  // Sending, and the validation table: every valid address is sent (trimmed), no invalid one ever is.
  sendFormSuite({ setup, valid: VALID, invalid: [INVALID_ADDRESSES, INVALID], missing: MISSING, refused: ['invalid_email', REFUSED] });

  describe('validation', () => {
    it('isEmailAddress agrees with the table (the trimming is the step’s)', () => {
      for (const [, sent] of VALID) expect(isEmailAddress(sent), sent).to.be.true;
      for (const wrong of ['', ...INVALID_ADDRESSES]) expect(isEmailAddress(wrong), wrong).to.be.false;
    });

    it('only spaces count as empty', async () => {
      const { el, field, values } = await setup();
      await enter(el, field, '   ');
      expect(values).to.deep.equal([]);
      expect(descriptionOf(field)).to.equal(MISSING);
    });

    it('the corrected address is sent once the message is gone', async () => {
      const { el, field, values } = await setup();
      await enter(el, field, 'ola@example');
      expect(values).to.deep.equal([]);
      await type(el, '.no');
      expect(descriptionOf(field)).to.equal('');
      await press(el, 'Enter');
      expect(values).to.deep.equal(['ola@example.no']);
    });

    it('a message of its own wins over the server’s error', async () => {
      const { el, field, values } = await setup();
      el.error = { code: 'invalid_email' };
      await el.updateComplete;
      await enter(el, field, 'ola');
      expect(descriptionOf(field)).to.equal(INVALID);
      expect(values).to.deep.equal([]);
    });
  });

  describe('keyboard', () => {
    it('Send code is reached by Tab from the field and pressed with Enter', async () => {
      const { el, field, values } = await setup();
      field.focus();
      await type(el, 'ola@example.no');
      await press(el, 'Tab');
      expectFocused(getByRole(scope(el), 'button', 'Send code'));
      await press(el, 'Enter');
      expect(values).to.deep.equal(['ola@example.no']);
    });
  });
});
