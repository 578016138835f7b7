/**
 * What both steps for a code the server sent (<twofa-step-sms-code>, <twofa-step-email-code>)
 * share, run against each: accessibility, the code entry of code-entry-suite.ts, "Send a new code"
 * with its countdown, and the buttons back to change where the code goes and to cancel.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { SentCode, TwofaSentCodeStepBase } from '../../src/steps/twofa-sent-code-step-base.js';
import { getByRole, nameOf, visibleText } from '../helpers/queries.js';
import { codeEntrySuite } from './code-entry-suite.js';
import { clickButton, codeField, descriptionOf, expectFocused, press, recordAll, scope, settle, submits, type } from './helpers.js';

export interface SentCodeSuiteOptions<Sent extends SentCode> {
  /** Renders the step with these properties and resolves once it is rendered. */
  render(props: { sent: Sent; busy?: boolean; digits?: number }): Promise<TwofaSentCodeStepBase<Sent>>;
  /** What the server answered to a send, with this wait before another. */
  sent(resendAfter: number): Sent;
  /** The name of the button back to the number or address, e.g. "Change number". */
  change: string;
  /** The sentence that says where a code of `digits` digits went. */
  lead(digits: number): string;
}

export function sentCodeSuite<Sent extends SentCode>({ render, sent, change, lead }: SentCodeSuiteOptions<Sent>): void {
  async function setup(resendAfter = 2, props: { busy?: boolean } = {}) {
    const el = await render({ sent: sent(resendAfter), ...props });
    return { el, events: recordAll(el), values: submits(el) };
  }

  /** The resend button, whatever it says right now. */
  const resend = (el: Element) => getByRole(scope(el), 'button', /^Send a new code/);
  /** What it shows (while waiting, its name is the wait in words, in a visually hidden text). */
  const label = (el: Element) => (resend(el).querySelector('[aria-hidden="true"]') ?? resend(el)).textContent!.trim();

  it('is accessible', async () => {
    const { el } = await setup();
    await expect(el).to.be.accessible();
  });

  it('is accessible with a wrong code once the resend wait is over, and with a rate-limit countdown', async () => {
    const { el } = await setup(0);
    el.error = { code: 'invalid_code', attemptsLeft: 2 };
    await el.updateComplete;
    await expect(el).to.be.accessible();
    el.error = { code: 'rate_limited', retryAfter: 30 };
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  for (const digits of [6, 8]) {
    it(`says where the ${digits}-digit code went, and labels the field "${digits}-digit code"`, async () => {
      const el = await render({ sent: sent(0), digits });
      expect(visibleText(scope(el))).to.include(lead(digits));
      expect(codeField(el, digits).getAttribute('autocomplete')).to.equal('one-time-code');
    });
  }

  codeEntrySuite(async (digits = 6) => render({ sent: sent(30), digits }));

  describe('resend', () => {
    it('counts down, aria-disabled, and clicking it meanwhile sends nothing; then it fires twofa-resend', async () => {
      const { el, events } = await setup(2);
      expect(label(el)).to.equal('Send a new code in 0:02');
      expect(resend(el).getAttribute('aria-disabled')).to.equal('true');
      resend(el).click();
      await settle(el);
      expect(events).to.deep.equal([]);
      await waitUntil(() => label(el) === 'Send a new code in 0:01', 'countdown at 0:01', { timeout: 2000 });
      await waitUntil(() => label(el) === 'Send a new code', 'countdown over', { timeout: 4000 });
      expect(resend(el).getAttribute('aria-disabled')).to.equal('false');
      resend(el).click();
      await settle(el);
      expect(events).to.deep.equal(['twofa-resend']);
    });

    it('is pressed with the keyboard once the wait is over, Enter and Space alike', async () => {
      const { el, events } = await setup(0);
      resend(el).focus();
      await press(el, 'Enter');
      await press(el, 'Space');
      expect(events).to.deep.equal(['twofa-resend', 'twofa-resend']);
    });

    it('a wait of minutes is shown as m:ss, and named in words (screen readers read m:ss as a time of day)', async () => {
      const { el } = await setup(90);
      expect(label(el)).to.equal('Send a new code in 1:30');
      expect(nameOf(resend(el))).to.equal('Send a new code in 1 minute and 30 seconds');
    });

    it('its name changes at most every 15 s, never below the time left, and is its text once the wait is over', async () => {
      const { el } = await setup(2);
      expect(nameOf(resend(el))).to.equal('Send a new code in 2 seconds');
      await waitUntil(() => label(el) === 'Send a new code in 0:01', 'countdown at 0:01', { timeout: 2000 });
      expect(nameOf(resend(el))).to.equal('Send a new code in 2 seconds');
      await waitUntil(() => label(el) === 'Send a new code', 'countdown over', { timeout: 4000 });
      expect(nameOf(resend(el))).to.equal('Send a new code');
    });

    it('a new sent object restarts the countdown', async () => {
      const { el, events } = await setup(0);
      expect(resend(el).getAttribute('aria-disabled')).to.equal('false');
      el.sent = sent(60);
      await el.updateComplete;
      expect(label(el)).to.equal('Send a new code in 1:00');
      expect(resend(el).getAttribute('aria-disabled')).to.equal('true');
      resend(el).click();
      await settle(el);
      expect(events).to.deep.equal([]);
    });

    it('busy makes it aria-disabled too', async () => {
      const { el, events } = await setup(0, { busy: true });
      expect(resend(el).getAttribute('aria-disabled')).to.equal('true');
      resend(el).click();
      await settle(el);
      expect(events).to.deep.equal([]);
    });

    it('the countdown of the resend button does not hold back code entry', async () => {
      const { el, values } = await setup(2);
      codeField(el).focus();
      await type(el, '246810');
      expect(values).to.deep.equal(['246810']);
    });

    it('a failed resend says why and puts focus back in the code field', async () => {
      const { el, events } = await setup(0);
      resend(el).focus();
      await press(el, 'Enter');
      expect(events).to.deep.equal(['twofa-resend']);
      el.error = { code: 'network' };
      await settle(el);
      expect(descriptionOf(codeField(el))).to.include("We couldn't reach the server.");
      expectFocused(codeField(el));
    });
  });

  describe('events', () => {
    it(`"${change}" fires twofa-back`, async () => {
      const { el, events } = await setup();
      await clickButton(el, change);
      expect(events).to.deep.equal(['twofa-back']);
    });

    it(`"${change}" is pressed with the keyboard, even while the resend wait runs`, async () => {
      const { el, events } = await setup(30);
      getByRole(scope(el), 'button', change).focus();
      await press(el, 'Enter');
      expect(events).to.deep.equal(['twofa-back']);
    });

    it('Cancel fires twofa-dismiss', async () => {
      const { el, events } = await setup();
      await clickButton(el, 'Cancel');
      expect(events).to.deep.equal(['twofa-dismiss']);
    });
  });
}
