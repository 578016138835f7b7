// A step extended through its published API (examples/subclass, type-checked against the package's
// types by `npm run test:examples`), run against the built kit: the protected members it overrides
// and uses must be what the built code calls, under the same names.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../examples/subclass/acme-step-info.js';
import type { AcmeStepInfo } from '../../examples/subclass/acme-step-info.js';
import { getByRole } from '../helpers/queries.js';
import { clickButton, press, recordAll, scope } from '../steps/helpers.js';

describe('a step subclassed through the published types', () => {
  it('the kit renders through the override, in the language the step shows', async () => {
    const el = await fixture<AcmeStepInfo>(html`<acme-step-info lang="nb"></acme-step-info>`);
    await waitUntil(() => el.shadowRoot!.querySelector('.acme-help')?.textContent === 'Spørsmål? Ring oss på 800 12 345.', 'the help line in Norwegian');
    expect(getByRole(scope(el), 'heading').textContent!.trim()).to.equal('Sett opp tofaktorautentisering');
    expect(el.shadowRoot!.querySelector('h2 + .acme-help'), 'the help line under the kit’s heading').to.exist;
  });

  it('keeps what it does not override, and its own use of the protected API fires the kit’s events', async () => {
    const el = await fixture<AcmeStepInfo>(html`<acme-step-info></acme-step-info>`);
    const events = recordAll(el);
    await clickButton(el, 'Start');
    getByRole(scope(el), 'button', 'Start').focus();
    await press(el, 'Escape');
    expect(events).to.deep.equal(['twofa-next', 'twofa-dismiss']);
  });
});
