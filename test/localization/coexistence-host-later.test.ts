/** Coexistence, case 3: the kit is loaded and rendering first; the page configures @lit/localize afterwards. */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { greeting, configureHost, type HostGreeting } from './host-app.js';
import { kitTranslatesItself, waitForHeading, wizardIn } from './coexistence-suite.js';

describe('coexistence: the page configures @lit/localize after the kit loaded', () => {
  kitTranslatesItself();

  it('the page can still configure its runtime, and both keep working', async () => {
    const { el, renders } = await wizardIn('nb');
    await waitForHeading(el, 'nb');

    // The kit never called configureLocalization, so the page's one call succeeds.
    let host: ReturnType<typeof configureHost> | undefined;
    expect(() => (host = configureHost())).not.to.throw();

    const greetingEl = await fixture<HostGreeting>(html`<host-greeting></host-greeting>`);
    const kitRenders = renders();
    await host!.setLocale('nb');
    await waitUntil(() => greeting(greetingEl) === 'Hei fra siden', 'host in Norwegian');
    await el.updateComplete;
    expect(renders(), 'kit renders caused by the page').to.equal(kitRenders);

    el.lang = 'sv';
    await waitForHeading(el, 'sv');
    expect(host!.getLocale()).to.equal('nb');
    expect(greeting(greetingEl)).to.equal('Hei fra siden');
  });
});
