/**
 * `<twofa-manage>` loads the step-up form before a change whose call may be answered with "confirm it
 * is you", and for no other: the network fails as the form loads, and comes back. Setting up needs no
 * form (the wizard asks for what it needs itself) and opens all the same; a removal is not sent, says
 * why, and keeps the question, whose button tries again.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { MemoryAdapter } from 'twofa-enroll/adapter/memory';
import 'twofa-enroll/twofa-manage.js';
import type { TwofaManage } from 'twofa-enroll/twofa-manage.js';
import { getByRole, queryByRole } from '../helpers/queries.js';
import { failModule, importFailuresAreFinal } from './helpers.js';

const until = (what: string, check: () => unknown) => waitUntil(check, what, { timeout: 5000, interval: 10 });

async function panel(memory: MemoryAdapter): Promise<TwofaManage> {
  const el = await fixture<TwofaManage>(html`<twofa-manage .adapter=${memory}></twofa-manage>`);
  await until('the factors listed', () => el.shadowRoot!.querySelector('.actions'));
  return el;
}

describe('outage: the panel cannot load the step-up form', () => {
  it('setting up does not need it: the wizard opens', async () => {
    const fault = await failModule('/twofa-step-up');
    try {
      const el = await panel(new MemoryAdapter());
      getByRole(el, 'button', 'Set up two-factor authentication').click();
      await until('the wizard’s first step', () => queryByRole(el, 'heading', 'Set up two-factor authentication'));
      expect(queryByRole(el, 'alert')?.textContent?.trim() ?? '').to.equal('');
    } finally {
      await fault.restore();
    }
  });

  it('a removal is not sent, says why, and asks for proof on Remove once the form can load', async () => {
    const memory = new MemoryAdapter({ factors: { totp: true, phone: '+4791234567' } });
    const fault = await failModule('/twofa-step-up');
    const el = await panel(memory);
    getByRole(el, 'button', 'Remove phone number').click();
    await until('the question', () => queryByRole(el, 'heading', 'Remove the phone number?'));
    getByRole(el, 'button', 'Remove').click();
    await until('the failure said', () => queryByRole(el, 'alert')?.textContent?.trim());
    expect((await memory.status()).methods, 'nothing sent').to.deep.equal(['totp', 'sms']);
    getByRole(el, 'heading', 'Remove the phone number?');

    await fault.restore();
    getByRole(el, 'button', 'Remove').click();
    if (importFailuresAreFinal) {
      // The engine keeps the failed import failed: the failure is said again, Cancel stays the way back.
      await until('still said', () => queryByRole(el, 'alert')?.textContent?.trim() && queryByRole(el, 'button', 'Cancel'));
    } else {
      await until('the step-up form', () => queryByRole(el, 'textbox', 'Recovery code or code from the app'));
    }
  });
});
