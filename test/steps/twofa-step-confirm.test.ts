import { expect, fixture, html } from '@open-wc/testing';
import 'twofa-enroll/twofa-step-confirm.js';
import type { TwofaStepConfirm } from 'twofa-enroll';
import { getByRole, visibleText } from '../helpers/queries.js';
import { codeEntrySuite } from './code-entry-suite.js';
import { clickButton, codeField, expectNone, recordAll, scope } from './helpers.js';

const CLOCK_HINT = 'Still not working? Codes depend on the time on your phone.';

async function setup(template = html`<twofa-step-confirm></twofa-step-confirm>`) {
  const el = await fixture<TwofaStepConfirm>(template);
  return { el, events: recordAll(el) };
}

describe('<twofa-step-confirm>', () => {
  it('is accessible', async () => {
    const { el } = await setup();
    await expect(el).to.be.accessible();
  });

  it('is accessible with an error, the clock hint and a rate-limit countdown', async () => {
    const { el } = await setup(html`<twofa-step-confirm failures="2" can-go-back></twofa-step-confirm>`);
    el.error = { code: 'rate_limited', retryAfter: 30, serverTime: Date.now() };
    await el.updateComplete;
    await expect(el).to.be.accessible();
    el.error = { code: 'invalid_code', attemptsLeft: 2, serverTime: Date.now() };
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  describe('rendering', () => {
    it('has a heading, says how long codes last and labels the field "6-digit code"', async () => {
      const { el } = await setup();
      expect(getByRole(scope(el), 'heading').textContent!.trim()).to.equal('Enter the code from your app');
      expect(visibleText(scope(el))).to.include('Your app now shows a 6-digit code that changes every 30 seconds.');
      expect(codeField(el).getAttribute('autocomplete')).to.equal('one-time-code');
      expect(getByRole(scope(el), 'button', 'Verify').getAttribute('aria-disabled')).to.equal('false');
    });

    it('uses digits and period in the instructions', async () => {
      const { el } = await setup(html`<twofa-step-confirm digits="8" period="60"></twofa-step-confirm>`);
      expect(visibleText(scope(el))).to.include('Your app now shows a 8-digit code that changes every 60 seconds.');
      expect(codeField(el, 8)).to.exist;
    });
  });

  codeEntrySuite(async (digits = 6) => (await setup(html`<twofa-step-confirm digits=${digits}></twofa-step-confirm>`)).el);

  describe('clock hint', () => {
    it('is not shown after one wrong code', async () => {
      const { el } = await setup(html`<twofa-step-confirm failures="1"></twofa-step-confirm>`);
      el.error = { code: 'invalid_code', attemptsLeft: 4, serverTime: Date.now() };
      await el.updateComplete;
      expect(visibleText(scope(el))).not.to.include(CLOCK_HINT);
    });

    it('from the second wrong code on, suggests checking the phone clock and shows the server time', async () => {
      const serverTime = Date.UTC(2030, 0, 2, 13, 45, 30);
      const { el } = await setup(html`<twofa-step-confirm failures="2" lang="en-GB"></twofa-step-confirm>`);
      el.error = { code: 'invalid_code', attemptsLeft: 3, serverTime };
      await el.updateComplete;
      const text = visibleText(scope(el));
      expect(text).to.include(CLOCK_HINT);
      expect(text).to.include(`Our time is ${new Date(serverTime).toLocaleTimeString('en-GB')}; a new code comes every 30 seconds.`);
    });

    it('without a server time, gives the hint but no clock', async () => {
      const { el } = await setup(html`<twofa-step-confirm failures="3"></twofa-step-confirm>`);
      el.error = { code: 'invalid_code', attemptsLeft: 2 };
      await el.updateComplete;
      const text = visibleText(scope(el));
      expect(text).to.include(CLOCK_HINT);
      expect(text).not.to.include('Our time is');
    });
  });

  describe('events', () => {
    it('Back is offered only with can-go-back and fires twofa-back', async () => {
      const { el, events } = await setup();
      expectNone(scope(el), 'button', 'Back');
      el.canGoBack = true;
      await el.updateComplete;
      await clickButton(el, 'Back');
      expect(events).to.deep.equal(['twofa-back']);
    });

    it('Cancel fires twofa-dismiss', async () => {
      const { el, events } = await setup();
      await clickButton(el, 'Cancel');
      expect(events).to.deep.equal(['twofa-dismiss']);
    });
  });
});
