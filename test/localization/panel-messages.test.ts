/**
 * Each language's messages ship in two parts: the core's, and the panel's, which only a page with
 * `<twofa-manage>` (or `<twofa-step-up>`) loads. The tests run in order: the page has the wizard alone
 * until the second imports the panel.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { MemoryAdapter } from 'twofa-enroll/adapter/memory';
import 'twofa-enroll';
import type { TwofaEnroll } from 'twofa-enroll';
import type { TwofaManage } from 'twofa-enroll/twofa-manage.js';
import { queryByRole, visibleText } from '../helpers/queries.js';

performance.setResourceTimingBufferSize(10_000);

/**
 * Norwegian texts, written out by hand: the wizard's first heading, one of the panel's own messages (in
 * ASCII, as a module may escape other letters), and what the panel shows.
 */
const WIZARD_NB = 'Sett opp tofaktorautentisering';
const PANEL_ONLY_NB = 'De nye reservekodene er lagret. De gamle virker ikke lenger.';
const PANEL_NB = ['Tofaktorautentisering', 'Reservekoder', 'Du har få reservekoder igjen. Opprett nye før de tar slutt.'];

/** The text of every module of the kit (dist/, or src/ with KIT=src) the page has downloaded so far (fetched again, from the cache). */
async function downloadedModules(): Promise<{ url: string; text: string }[]> {
  const urls = performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((url) => /^\/(dist|src)\/.*\.[jt]s$/.test(new URL(url).pathname));
  return Promise.all([...new Set(urls)].map(async (url) => ({ url, text: await (await fetch(url)).text() })));
}

const heading = (root: Element) => queryByRole(root, 'heading')?.textContent?.trim();

describe('localization: the panel’s messages load with the panel', () => {
  it('a page with the wizard alone, in Norwegian, downloads none of the panel’s messages', async function () {
    const el = await fixture<TwofaEnroll>(html`<twofa-enroll lang="nb" .adapter=${new MemoryAdapter()}></twofa-enroll>`);
    await waitUntil(() => heading(el) === WIZARD_NB, 'the wizard in Norwegian', { timeout: 4000 });
    const modules = await downloadedModules();
    if (modules.some(({ url }) => url.includes('/src/generated/locales/nb'))) {
      // KIT=src: the source keeps each language whole; the split is the library build's (build/messages.ts).
      this.skip();
    }
    expect(
      modules.filter(({ text }) => text.includes(WIZARD_NB)),
      'the wizard’s Norwegian module',
    ).to.not.be.empty;
    expect(
      modules.filter(({ text }) => text.includes(PANEL_ONLY_NB)).map(({ url }) => new URL(url).pathname),
      'modules with the panel’s messages',
    ).to.be.empty;
  });

  it('<twofa-manage lang="nb"> loads them and speaks Norwegian', async () => {
    await import('twofa-enroll/twofa-manage.js');
    const adapter = new MemoryAdapter({ issuer: 'Example', account: 'jane@example.com', factors: { totp: true, recoveryCodes: ['AAAA-BBBB-CCCC'] } });
    const el = await fixture<TwofaManage>(html`<twofa-manage lang="nb" .adapter=${adapter}></twofa-manage>`);
    await waitUntil(() => PANEL_NB.every((text) => visibleText(el).includes(text)), 'the panel in Norwegian', { timeout: 4000 });
    expect((await downloadedModules()).filter(({ text }) => text.includes(PANEL_ONLY_NB))).to.not.be.empty;
  });
});
