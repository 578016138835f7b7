/**
 * The passkey step's view and WebAuthn code load when the step is first shown: the network fails at
 * that moment, and comes back. The step keeps its heading, says so, and offers Try again and the ways
 * on (Not now where the passkey is optional, Cancel); Try again shows the step once the network is back.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import 'twofa-enroll/twofa-step-passkey.js';
import type { TwofaStepPasskey } from 'twofa-enroll';
import { getByRole, queryAllByRole, visibleText } from '../helpers/queries.js';
import { clickButton, recordAll, scope } from '../steps/helpers.js';
import { failModule, importFailuresAreFinal } from './helpers.js';

const LOAD_FAILED = "This part of the setup couldn't be loaded. Check your connection and try again.";
const saysLoadFailed = (el: Element) => queryAllByRole(scope(el), 'alert').some((alert) => alert.textContent!.trim() === LOAD_FAILED);

describe('outage: the passkey step cannot load its view', () => {
  it('says so under its heading, offers Try again, Not now and Cancel, and shows the step when the network is back', async () => {
    const fault = await failModule('/passkey-view');
    const el = await fixture<TwofaStepPasskey>(html`<twofa-step-passkey optional></twofa-step-passkey>`);
    await waitUntil(() => saysLoadFailed(el), 'the load failure is said', { timeout: 5000, interval: 10 });
    expect(getByRole(scope(el), 'heading').textContent!.trim()).to.equal('Add a passkey too');
    getByRole(scope(el), 'button', 'Cancel');
    const events = recordAll(el);
    await clickButton(el, 'Not now');
    expect(events).to.deep.equal(['twofa-skip']);

    await fault.restore();
    await clickButton(el, 'Try again');
    if (importFailuresAreFinal) {
      // The engine keeps the failed import failed: the failure is said again, Not now stays the way on.
      await waitUntil(() => saysLoadFailed(el) && getByRole(scope(el), 'button', 'Not now'), 'still offered', { timeout: 5000, interval: 10 });
    } else {
      await waitUntil(() => visibleText(scope(el)).includes('A passkey lets you confirm it is you'), 'the step is shown', { timeout: 5000, interval: 10 });
      expect(saysLoadFailed(el)).to.equal(false);
    }
  });
});
