/**
 * The panel's part of the Norwegian translations (the messages only `<twofa-manage>` uses) cannot be
 * loaded, while the wizard's part can; then the network comes back. The panel renders English rather
 * than half Norwegian, and turns Norwegian once a later load succeeds, made by the next element that
 * appears (here the step-up form a change needs).
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { MemoryAdapter } from 'twofa-enroll/adapter/memory';
import 'twofa-enroll/twofa-manage.js';
import type { TwofaManage } from 'twofa-enroll/twofa-manage.js';
import { getByRole, queryByRole, visibleText } from '../helpers/queries.js';
import { failModule, importFailuresAreFinal } from './helpers.js';

/** The step-up form's lead when a change needs a code: one of the panel's own messages. */
const PROOF_LEAD = {
  en: 'Confirm the change with a code from your authenticator app, or with one of your recovery codes.',
  nb: 'Bekreft endringen med en kode fra autentiseringsappen eller med en av reservekodene dine.',
};

const until = (what: string, check: () => unknown) => waitUntil(check, what, { timeout: 5000, interval: 10 });

describe('outage: the panel’s translations cannot be loaded', () => {
  it('renders English, then Norwegian once the network is back and the next element loads them', async () => {
    const fault = await failModule('/twofa-manage/messages/nb');
    const adapter = new MemoryAdapter({ issuer: 'Example', account: 'jane@example.com', factors: { totp: true, recoveryCodes: ['AAAA-BBBB-CCCC'] } });
    const el = await fixture<TwofaManage>(html`<twofa-manage lang="nb" .adapter=${adapter}></twofa-manage>`);
    await until('the panel in English', () => queryByRole(el, 'heading', 'Two-factor authentication'));
    expect(visibleText(el), 'no Norwegian beside the English').not.to.contain('Reservekoder');

    await fault.restore();
    getByRole(el, 'button', 'Create new recovery codes').click();
    await until('the question', () => queryByRole(el, 'button', 'Create new codes'));
    getByRole(el, 'button', 'Create new codes').click();
    if (importFailuresAreFinal) {
      // The engine keeps the failed import failed: the panel goes on in English.
      await until('the step-up form, in English', () => visibleText(el).includes(PROOF_LEAD.en));
    } else {
      // The step-up form that the change needs is the next element: its own text is the panel's part.
      await until('the step-up form, in Norwegian', () => visibleText(el).includes(PROOF_LEAD.nb));
      getByRole(el, 'button', 'Avbryt').click();
      // The panel's own text, rendered in English before, is Norwegian too.
      await until('the panel in Norwegian', () => queryByRole(el, 'heading', 'Tofaktorautentisering'));
      expect(visibleText(el)).to.contain('Reservekoder');
    }
  });
});
