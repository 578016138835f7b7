/**
 * axe-core finds no violations in any state of the wizard (test/a11y/states.ts: every step ready
 * and busy, each error its requests can meet, the notices, the countdowns), in each language the kit
 * speaks and under a light and a dark system colour scheme: one test per combination.
 */
import { expect } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { engine, itWith } from '../helpers/engine.js';
import { LOCALES, preloadLocales, SCHEMES, showIn } from './helpers.js';
import { inState, STATES } from './states.js';

before(preloadLocales);
after(() => engine.emulateMedia && emulateMedia({ colorScheme: 'light' }));

for (const state of STATES) {
  describe(`axe: ${state.name}`, () => {
    const current = inState(state);

    for (const scheme of SCHEMES) {
      for (const lang of LOCALES) {
        // Dark needs the colour scheme emulated, which only Chromium's driver can (test/helpers/engine.ts):
        // Firefox and WebKit check the light half, their own scheme.
        (scheme === 'dark' ? itWith('emulateMedia') : it)(`no violations in ${lang}, ${scheme}`, async () => {
          await showIn(current.w.el, lang, scheme);
          await expect(current.w.el).to.be.accessible();
        });
      }
    }
  });
}
