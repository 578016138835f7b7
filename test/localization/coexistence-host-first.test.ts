/** Coexistence, case 2: the page configured @lit/localize with its own locales before the kit loaded. */
// Order matters: the page's setup runs before any kit module is evaluated.
import { hostLocalization, kitWasLoaded } from './host-first-setup.js';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { greeting, hostRenders, type HostGreeting } from './host-app.js';
import { kitTranslatesItself, waitForHeading, wizardIn } from './coexistence-suite.js';

describe('coexistence: the page configured @lit/localize before the kit loaded', () => {
  afterEach(async () => {
    await hostLocalization.setLocale('en');
    document.documentElement.lang = '';
  });

  it('(the page really configured first)', () => {
    expect(kitWasLoaded).to.be.false;
    expect(customElements.get('twofa-enroll')).to.exist;
  });

  kitTranslatesItself();

  it('page and kit switch independently: the page’s setLocale never re-renders the kit, the kit never re-renders the page', async () => {
    const host = await fixture<HostGreeting>(html`<host-greeting></host-greeting>`);
    const { el, renders } = await wizardIn('nb');
    await waitForHeading(el, 'nb');
    expect(greeting(host)).to.equal('Hello from the page');

    const kitRenders = renders();
    await hostLocalization.setLocale('de');
    await waitUntil(() => greeting(host) === 'Hallo von der Seite', 'host in German');
    await host.updateComplete;
    await el.updateComplete;
    expect(renders(), 'kit renders caused by the page').to.equal(kitRenders);
    expect(hostLocalization.getLocale()).to.equal('de');

    const hostCount = hostRenders.count;
    el.lang = 'sv';
    await waitForHeading(el, 'sv');
    await host.updateComplete;
    expect(hostRenders.count, 'page renders caused by the kit').to.equal(hostCount);
    expect(greeting(host)).to.equal('Hallo von der Seite');
    expect(hostLocalization.getLocale(), 'the page’s locale').to.equal('de');
  });

  it('a page that keeps <html lang> in step with its setLocale takes the kit along', async () => {
    const host = await fixture<HostGreeting>(html`<host-greeting></host-greeting>`);
    const { el } = await wizardIn(null);
    const switchPage = async (locale: 'en' | 'de' | 'nb') => {
      await hostLocalization.setLocale(locale);
      document.documentElement.lang = locale;
    };
    await switchPage('nb');
    await waitForHeading(el, 'nb');
    expect(greeting(host)).to.equal('Hei fra siden');
    // A language only the page speaks: the kit falls back to English.
    await switchPage('de');
    await waitForHeading(el, 'en');
    expect(greeting(host)).to.equal('Hallo von der Seite');
  });
});
