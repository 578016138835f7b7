/** Coexistence, case 1: a page with no localization of its own. */
import { expect } from '@open-wc/testing';
import { configureLocalization } from '@lit/localize';
import { kitTranslatesItself, waitForHeading, wizardIn } from './coexistence-suite.js';

describe('coexistence: a page without @lit/localize of its own', () => {
  kitTranslatesItself();

  it('follows <html lang> when the wizard has none', async () => {
    const before = document.documentElement.lang;
    try {
      document.documentElement.lang = 'sv';
      const { el } = await wizardIn(null);
      await waitForHeading(el, 'sv');
      document.documentElement.lang = 'nb';
      await waitForHeading(el, 'nb');
    } finally {
      document.documentElement.lang = before;
    }
  });

  // Last: it configures the page's runtime.
  it('leaves configureLocalization to the page: still unused after the kit ran', () => {
    expect(() => configureLocalization({ sourceLocale: 'en', targetLocales: [], loadLocale: async () => ({ templates: {} }) })).not.to.throw();
  });
});
