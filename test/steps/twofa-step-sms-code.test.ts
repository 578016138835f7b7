import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/steps/twofa-step-sms-code.js';
import type { TwofaStepSmsCode } from '../../src/steps/twofa-step-sms-code.js';
import { getByRole, visibleText } from '../helpers/queries.js';
import { codeEntrySuite } from './code-entry-suite.js';
import { clickButton, codeField, press, recordAll, scope, settle, submits, type } from './helpers.js';

const MASKED = '+47 ••• •• 567';

async function setup(template = html`<twofa-step-sms-code .sent=${{ maskedPhone: MASKED, resendAfter: 2 }}></twofa-step-sms-code>`) {
  const el = await fixture<TwofaStepSmsCode>(template);
  return { el, events: recordAll(el), values: submits(el) };
}

/** The resend button, whatever it says right now. */
const resend = (el: TwofaStepSmsCode) => getByRole(scope(el), 'button', /^Send a new code/);

describe('<twofa-step-sms-code>', () => {
  it('is accessible', async () => {
    const { el } = await setup();
    await expect(el).to.be.accessible();
  });

  it('is accessible with a wrong code and once the resend wait is over', async () => {
    const { el } = await setup(html`<twofa-step-sms-code .sent=${{ maskedPhone: MASKED, resendAfter: 0 }}></twofa-step-sms-code>`);
    el.error = { code: 'invalid_code', attemptsLeft: 2 };
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  describe('rendering', () => {
    it('says where the code went, with the masked number', async () => {
      const { el } = await setup();
      expect(getByRole(scope(el), 'heading').textContent!.trim()).to.equal('Enter the code from the text message');
      expect(visibleText(scope(el))).to.include(`We sent a 6-digit code to ${MASKED}.`);
      expect(codeField(el)).to.exist;
    });

    it('uses digits in the sentence and the label', async () => {
      const { el } = await setup(html`<twofa-step-sms-code digits="8" .sent=${{ maskedPhone: MASKED, resendAfter: 0 }}></twofa-step-sms-code>`);
      expect(visibleText(scope(el))).to.include(`We sent a 8-digit code to ${MASKED}.`);
      expect(codeField(el, 8)).to.exist;
    });
  });

  codeEntrySuite(
    async (digits = 6) =>
      (await setup(html`<twofa-step-sms-code digits=${digits} .sent=${{ maskedPhone: MASKED, resendAfter: 30 }}></twofa-step-sms-code>`)).el,
  );

  describe('resend', () => {
    it('counts down, aria-disabled, and clicking it meanwhile sends nothing; then it fires twofa-resend', async () => {
      const { el, events } = await setup();
      const button = resend(el);
      expect(button.textContent!.trim()).to.equal('Send a new code in 0:02');
      expect(button.getAttribute('aria-disabled')).to.equal('true');
      button.click();
      await settle(el);
      expect(events).to.deep.equal([]);
      await waitUntil(() => resend(el).textContent!.trim() === 'Send a new code in 0:01', 'countdown at 0:01', { timeout: 2000 });
      await waitUntil(() => resend(el).textContent!.trim() === 'Send a new code', 'countdown over', { timeout: 4000 });
      expect(resend(el).getAttribute('aria-disabled')).to.equal('false');
      resend(el).click();
      await settle(el);
      expect(events).to.deep.equal(['twofa-resend']);
    });

    it('is pressed with the keyboard once the wait is over', async () => {
      const { el, events } = await setup(html`<twofa-step-sms-code .sent=${{ maskedPhone: MASKED, resendAfter: 0 }}></twofa-step-sms-code>`);
      resend(el).focus();
      await press(el, 'Enter');
      expect(events).to.deep.equal(['twofa-resend']);
    });

    it('a new sent object restarts the countdown', async () => {
      const { el, events } = await setup(html`<twofa-step-sms-code .sent=${{ maskedPhone: MASKED, resendAfter: 0 }}></twofa-step-sms-code>`);
      expect(resend(el).getAttribute('aria-disabled')).to.equal('false');
      el.sent = { maskedPhone: MASKED, resendAfter: 60 };
      await el.updateComplete;
      expect(resend(el).textContent!.trim()).to.equal('Send a new code in 1:00');
      expect(resend(el).getAttribute('aria-disabled')).to.equal('true');
      resend(el).click();
      await settle(el);
      expect(events).to.deep.equal([]);
    });

    it('busy makes it aria-disabled too', async () => {
      const { el, events } = await setup(html`<twofa-step-sms-code busy .sent=${{ maskedPhone: MASKED, resendAfter: 0 }}></twofa-step-sms-code>`);
      expect(resend(el).getAttribute('aria-disabled')).to.equal('true');
      resend(el).click();
      await settle(el);
      expect(events).to.deep.equal([]);
    });

    it('the countdown of the resend button does not hold back code entry', async () => {
      const { el, values } = await setup();
      codeField(el).focus();
      await type(el, '246810');
      expect(values).to.deep.equal(['246810']);
    });
  });

  describe('events', () => {
    it('"Change number" fires twofa-back', async () => {
      const { el, events } = await setup();
      await clickButton(el, 'Change number');
      expect(events).to.deep.equal(['twofa-back']);
    });

    it('Cancel fires twofa-dismiss', async () => {
      const { el, events } = await setup();
      await clickButton(el, 'Cancel');
      expect(events).to.deep.equal(['twofa-dismiss']);
    });
  });
});
