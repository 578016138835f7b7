/**
 * What must hold however the page uses `@lit/localize` (not at all; configured before the kit
 * loaded; configured after): the kit translates itself from its own locale modules and leaves the
 * page's runtime, its events and its elements alone.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { msg as pageMsg, LOCALE_STATUS_EVENT } from '@lit/localize';
import { MemoryAdapter } from 'twofa-enroll/adapter/memory';
import 'twofa-enroll';
import type { TwofaEnroll } from 'twofa-enroll';
import { getByRole, queryByRole } from '../helpers/queries.js';
import { T, type Lang } from './strings.js';

export const headingOf = (el: Element) => queryByRole(el, 'heading')?.textContent?.trim() ?? '';

export async function waitForHeading(el: Element, lang: Lang) {
  const name = T[lang].infoHeading;
  await waitUntil(() => headingOf(el) === name, `heading "${name}" never came (last: "${headingOf(el)}")`, { timeout: 4000 });
}

/** A wizard, with a count of its renders. */
export async function wizardIn(lang: string | null): Promise<{ el: TwofaEnroll; renders: () => number }> {
  const el = await fixture<TwofaEnroll>(html`<twofa-enroll lang=${lang ?? ''} .adapter=${new MemoryAdapter()}></twofa-enroll>`);
  if (lang === null) el.removeAttribute('lang');
  let renders = 0;
  el.addController({ hostUpdated: () => void renders++ });
  return { el, renders: () => renders };
}

/** The `lit-localize-status` events `window` receives, until `stop()`. */
export function statusEvents(): { events: string[]; stop: () => void } {
  const events: string[] = [];
  const listener = (event: Event) => events.push(JSON.stringify((event as CustomEvent).detail));
  window.addEventListener(LOCALE_STATUS_EVENT, listener);
  return { events, stop: () => window.removeEventListener(LOCALE_STATUS_EVENT, listener) };
}

/** The kit in all three languages, switching at run time, without a single event on the page's channel. */
export function kitTranslatesItself() {
  it('the wizard speaks nb and sv and switches between them, and the page hears no lit-localize-status event', async () => {
    const status = statusEvents();
    try {
      const { el } = await wizardIn('nb');
      await waitForHeading(el, 'nb');
      getByRole(el, 'button', T.nb.start);
      el.lang = 'sv';
      await waitForHeading(el, 'sv');
      el.lang = 'en';
      await waitForHeading(el, 'en');
      expect(status.events).to.deep.equal([]);
    } finally {
      status.stop();
    }
  });

  it('the page’s msg() knows nothing of the kit’s translations', async () => {
    const { el } = await wizardIn('nb');
    await waitForHeading(el, 'nb');
    // The kit never installs its messages (or a msg implementation) into the page's runtime.
    expect(pageMsg('Set up two-factor authentication', { id: 'twofa-info-heading' })).to.equal('Set up two-factor authentication');
  });
}
