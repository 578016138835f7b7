/**
 * The Norwegian translations load on demand: the network fails at that moment, and comes back. The
 * wizard is never blank and never stuck: it renders English (the language it always has), and turns
 * Norwegian as soon as a later load succeeds, made by the next step that appears.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { queryByRole } from '../helpers/queries.js';
import { click, waitForHeading, wizard } from '../helpers/wizard.js';
import { failModule, importFailuresAreFinal } from './helpers.js';

describe('outage: the translations cannot be loaded', () => {
  before(() => {
    document.documentElement.lang = 'nb';
  });
  after(() => {
    document.documentElement.lang = 'en';
  });

  it('renders English, then the page language once the network is back and the next step loads it', async () => {
    const fault = await failModule('/generated/locales/nb');
    const w = await wizard();
    await waitForHeading(w.el, 'Set up two-factor authentication');
    expect(queryByRole(w.el, 'button', 'Start'), 'a working step, in English').to.not.equal(null);

    await fault.restore();
    await click(w.el, 'button', 'Start');
    if (importFailuresAreFinal) {
      // The engine keeps the failed import failed: the wizard goes on in English.
      await waitForHeading(w.el, 'Scan the QR code');
    } else {
      await waitForHeading(w.el, 'Skann QR-koden');
      // The wizard's own text (the progress row), rendered in English before, turns Norwegian too.
      await waitUntil(() => /^Steg 2 av \d$/.test(w.el.shadowRoot!.querySelector('[part="progress"] span')!.textContent!.trim()), 'progress in Norwegian', {
        timeout: 5000,
        interval: 10,
      });
    }
  });
});
