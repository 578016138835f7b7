/**
 * The QR encoder is the one part of a step that loads on demand: the network fails at that moment,
 * and comes back. The step says so in place of the code, the key under "Can't scan the image?" is
 * still the way on, and Try again draws the code once the network is back.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { getByRole, queryAllByRole, queryByRole } from '../helpers/queries.js';
import { click, typeInto, waitForHeading, wizard } from '../helpers/wizard.js';
import { failModule, importFailuresAreFinal } from './helpers.js';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const LOAD_FAILED = "The QR code couldn't be loaded. Check your connection and try again.";

/** Whether an alert says the code could not be loaded (its Try again button is inside it). */
const saysLoadFailed = (root: Element) => queryAllByRole(root, 'alert').some((alert) => alert.textContent!.replace(/\s+/g, ' ').trim().startsWith(LOAD_FAILED));

describe('outage: the QR encoder cannot be loaded', () => {
  it('shows the failure in place of the code, offers the key and Try again, and draws the code when the network is back', async () => {
    const fault = await failModule('/qrcode/lib/core/qrcode');
    const w = await wizard({ secret: SECRET });
    await waitForHeading(w.el, 'Set up two-factor authentication');
    await click(w.el, 'button', 'Start');
    await waitForHeading(w.el, 'Scan the QR code');
    await waitUntil(() => saysLoadFailed(w.el), 'the load failure is said', { timeout: 5000, interval: 10 });
    expect(queryByRole(w.el, 'img', /^QR code for adding/), 'no code is drawn').to.equal(null);

    // The key works without the encoder: the user can go on with it.
    await click(w.el, 'button', "Can't scan the image?");
    const key = () => w.el.shadowRoot!.querySelector('twofa-step-qr')!.shadowRoot!.querySelector<HTMLElement>('[part="secret"]');
    await waitUntil(() => key()?.getClientRects().length, 'the key is shown', { timeout: 5000, interval: 10 });
    expect(key()!.textContent!.replace(/\s+/g, '')).to.equal(SECRET);
    expect(getByRole(w.el, 'button', 'Next: enter the code').hasAttribute('disabled')).to.equal(false);

    await fault.restore();
    await click(w.el, 'button', 'Try again');
    if (importFailuresAreFinal) {
      // The engine keeps the failed import failed: the failure is said again, the key stays the way on.
      await waitUntil(() => saysLoadFailed(w.el) && queryByRole(w.el, 'button', 'Try again'), 'still offered', { timeout: 5000, interval: 10 });
    } else {
      const image = () => queryByRole(w.el, 'img', /^QR code for adding jane@example\.com/);
      await waitUntil(image, 'the code is drawn', { timeout: 5000, interval: 10 });
      expect(image()!.tagName.toLowerCase()).to.equal('svg');
      expect(saysLoadFailed(w.el)).to.equal(false);
    }

    // Either way the enrollment goes on with the key the user typed into the app.
    await click(w.el, 'button', 'Next: enter the code');
    await waitForHeading(w.el, 'Enter the code from your app');
    await typeInto(w.el, '6-digit code', w.memory.currentCode());
    await waitForHeading(w.el, 'Add a phone number for backup');
  });
});
