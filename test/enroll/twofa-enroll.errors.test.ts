import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { TwofaError } from 'twofa-enroll';
import { getByRole, queryByRole, visibleText } from '../helpers/queries.js';
import { click, toConfirm, typeInto, waitForHeading, wizard } from '../helpers/wizard.js';

const codeField = (el: Element) => getByRole(el, 'textbox', '6-digit code') as HTMLInputElement;

describe('<twofa-enroll> errors', () => {
  it('a wrong code: translated error, attempts left, input cleared and focused', async () => {
    const w = await wizard();
    await toConfirm(w);
    const wrong = w.memory.currentCode() === '000000' ? '111111' : '000000';
    await typeInto(w.el, '6-digit code', wrong);
    await waitUntil(() => visibleText(w.el).includes("That code didn't work."), visibleText(w.el));
    expect(visibleText(w.el)).to.contain('4 attempts left.');
    expect(codeField(w.el).value).to.equal('');
    await waitUntil(() => codeField(w.el).matches(':focus'));
    const error = w.events.find((e) => e.type === 'twofa-error') as CustomEvent;
    expect(error.detail).to.include({ code: 'invalid_code', step: 'confirm', attemptsLeft: 4 });
  });

  it('after repeated wrong codes, hints that the phone clock may be off, with the server time', async () => {
    const w = await wizard();
    await toConfirm(w);
    for (let i = 0; i < 2; i++) {
      await typeInto(w.el, '6-digit code', w.memory.currentCode() === '000000' ? '111111' : '000000');
      await waitUntil(() => visibleText(w.el).includes(`${4 - i} attempts left.`));
    }
    expect(visibleText(w.el)).to.contain('Codes depend on the time on your phone');
    expect(visibleText(w.el)).to.contain('Our time is');
  });

  it('rate limited: a countdown, the input disabled until it ends', async () => {
    const w = await wizard({
      fail: (method) => (method === 'verifyTotp' ? new TwofaError('rate_limited', { retryAfter: 2 }) : undefined),
    });
    await toConfirm(w);
    await typeInto(w.el, '6-digit code', '123456');
    // (What screen readers hear: the wait in words.)
    await waitUntil(() => /Try again in [12] seconds?\./.test(visibleText(w.el)), 'countdown announced');
    expect(codeField(w.el).disabled).to.be.true;
    await waitUntil(() => !codeField(w.el).disabled, 'input enabled after the countdown', { timeout: 4000 });
  });

  it('expired: says so and offers to start again', async () => {
    const w = await wizard();
    await toConfirm(w);
    w.memory.fail = { verifyTotp: 'expired' };
    await typeInto(w.el, '6-digit code', '123456');
    await waitForHeading(w.el, 'This setup has expired');
    w.memory.fail = undefined;
    await click(w.el, 'button', 'Start again');
    await waitForHeading(w.el, 'Set up two-factor authentication');
  });

  for (const code of ['network', 'timeout', 'server'] as const) {
    it(`${code} on verify: a translated error, the code kept, and retry works`, async () => {
      const w = await wizard();
      await toConfirm(w);
      w.memory.fail = { verifyTotp: code };
      const good = w.memory.currentCode();
      await typeInto(w.el, '6-digit code', good);
      await waitUntil(() => w.events.some((e) => e.type === 'twofa-error'));
      expect(visibleText(w.el)).to.match(/couldn't reach the server|took too long|went wrong on our side/);
      expect(codeField(w.el).value).to.equal(good);
      w.memory.fail = undefined;
      await click(w.el, 'button', 'Verify');
      await waitForHeading(w.el, 'Add a phone number for backup');
    });
  }

  it('a failed load (recovery codes) shows Try again, which loads them', async () => {
    const w = await wizard({ sms: 'off' });
    await toConfirm(w);
    w.memory.fail = { recoveryCodes: 'server' };
    await typeInto(w.el, '6-digit code', w.memory.currentCode());
    await waitForHeading(w.el, 'Something went wrong');
    w.memory.fail = undefined;
    await click(w.el, 'button', 'Try again');
    await waitForHeading(w.el, 'Save your emergency code');
  });

  it('sends one request for one submit: Enter plus clicks while busy', async () => {
    const w = await wizard();
    await toConfirm(w);
    // The check is held until the Enter and the clicks have all landed (however slow the engine's driver).
    const verify = w.memory.verifyTotp.bind(w.memory);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    Object.defineProperty(w.memory, 'verifyTotp', {
      value: async (...args: Parameters<typeof verify>) => {
        await held;
        return verify(...args);
      },
      configurable: true,
    });
    await typeInto(w.el, '6-digit code', w.memory.currentCode());
    await sendKeys({ press: 'Enter' });
    getByRole(w.el, 'button', /Verify|Checking/).click();
    getByRole(w.el, 'button', /Verify|Checking/).click();
    release();
    await waitForHeading(w.el, 'Add a phone number for backup');
    expect(w.calls.verifyTotp).to.equal(1);
  });

  it('an invalid flow configuration: a clear message and a twofa-error, never a blank component', async () => {
    const w = await wizard({}, { steps: ['info', 'confirm', 'done'] as never });
    expect(queryByRole(w.el, 'alert')?.textContent).to.contain('set up incorrectly');
  });
});
