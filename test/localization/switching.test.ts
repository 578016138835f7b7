/**
 * Which language an element speaks, and changing it while the user is in the middle of the wizard.
 */
import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { MemoryAdapter } from 'twofa-enroll/adapter/memory';
import 'twofa-enroll';
import type { TwofaEnroll } from 'twofa-enroll';
import { intlLocale, kitLocale, resolveLang } from '../../src/localization.js';
import { deepActiveElement, getByRole, queryByRole, visibleText } from '../helpers/queries.js';
import { setBrowserLanguages } from './helpers.js';
import { T, type Lang } from './strings.js';

const headingText = (root: Element) => queryByRole(root, 'heading')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

async function waitForHeading(root: Element, name: string) {
  await waitUntil(() => headingText(root) === name, `heading "${name}" never came (last: "${headingText(root)}")`, { timeout: 4000 });
}

/** From the info step to the SMS phone step, in language `lang`. */
async function toPhoneStep(el: TwofaEnroll, memory: MemoryAdapter, lang: Lang) {
  const t = T[lang];
  await waitForHeading(el, t.infoHeading);
  getByRole(el, 'button', t.start).click();
  await waitForHeading(el, t.qrHeading);
  await waitUntil(() => (queryByRole(el, 'button', t.qrNext) as HTMLButtonElement | null)?.disabled === false, 'QR ready');
  getByRole(el, 'button', t.qrNext).click();
  await waitForHeading(el, t.confirmHeading);
  getByRole(el, 'textbox', t.codeField).focus();
  await sendKeys({ type: memory.currentCode() });
  await waitForHeading(el, t.smsHeading);
}

let documentLang = '';
beforeEach(() => {
  documentLang = document.documentElement.lang;
});
afterEach(() => {
  document.documentElement.lang = documentLang;
});

describe('localization: the first render', () => {
  // First in this file: Swedish is not loaded yet.
  it('waits for its language to load instead of flashing English', async () => {
    const loaded = performance.getEntriesByType('resource').filter((entry) => entry.name.includes('/generated/locales/sv'));
    expect(loaded, 'sv loaded before the test').to.be.empty;
    const el = document.createElement('twofa-enroll') as TwofaEnroll;
    el.adapter = new MemoryAdapter();
    el.lang = 'sv';
    // Everything the wizard shows, after every change to its DOM or to that of the elements inside it.
    const seen: string[] = [];
    const observed = new Set<ShadowRoot>();
    const observer = new MutationObserver(() => {
      for (const root of [...observed]) root.querySelectorAll('*').forEach((child) => child.shadowRoot && watch(child.shadowRoot));
      seen.push(visibleText(el));
    });
    const watch = (root: ShadowRoot) => {
      if (observed.has(root)) return;
      observed.add(root);
      observer.observe(root, { childList: true, subtree: true, characterData: true });
    };
    document.body.append(el);
    watch(el.shadowRoot!);
    try {
      await el.updateComplete;
      await waitForHeading(el, T.sv.infoHeading);
      await el.updateComplete;
      const shown = seen.filter((text) => text.trim());
      expect(shown.length, 'renders observed').to.be.greaterThan(0);
      for (const text of shown) {
        expect(text, 'English shown').not.to.contain(T.en.progress);
        expect(text, 'English shown').not.to.contain(T.en.cancel);
      }
      expect(shown.at(-1)).to.contain(T.sv.infoHeading);
    } finally {
      observer.disconnect();
      el.remove();
    }
  });
});

describe('localization: resolving the language', () => {
  it('maps tags to the kit locales', () => {
    for (const tag of ['no', 'nb-NO', 'nn', 'nb', 'nn-NO', 'no-NO', 'NB_no']) expect(kitLocale(tag), tag).to.equal('nb');
    for (const tag of ['sv-SE', 'sv-FI', 'sv']) expect(kitLocale(tag), tag).to.equal('sv');
    for (const tag of ['en', 'en-GB', 'de', 'da', 'fi', '']) expect(kitLocale(tag), tag).to.equal('en');
  });

  it('formats with the element’s own tag when it is of the text’s language, else with the kit locale', () => {
    expect(intlLocale('sv-FI')).to.equal('sv-FI');
    expect(intlLocale('nb-NO')).to.equal('nb-NO');
    expect(intlLocale('nn-NO')).to.equal('nb-NO');
    expect(intlLocale('no')).to.equal('nb');
    expect(intlLocale('en-GB')).to.equal('en-GB');
    expect(intlLocale('de-DE')).to.equal('en');
    expect(intlLocale('nb_NO')).to.equal('nb-NO');
    expect(intlLocale('sv-!!')).to.equal('sv');
  });

  it('own lang, else the nearest ancestor’s (through shadow roots), else <html lang>, else the browser’s languages', async () => {
    const wrapper = await fixture<HTMLElement>(
      html`<div lang="sv-FI">
        <section><twofa-step-info></twofa-step-info></section>
      </div>`,
    );
    const info = wrapper.querySelector('twofa-step-info')!;
    expect(resolveLang(info)).to.equal('sv-FI');
    info.setAttribute('lang', 'nb');
    expect(resolveLang(info)).to.equal('nb');
    // Inside a shadow root, the host's lang counts.
    const heading = info.shadowRoot!.querySelector('h2')!;
    expect(resolveLang(heading)).to.equal('nb');
    info.removeAttribute('lang');
    wrapper.removeAttribute('lang');
    document.documentElement.lang = 'nn-NO';
    expect(resolveLang(info)).to.equal('nn-NO');
    document.documentElement.lang = '';
    const restore = setBrowserLanguages(['de-DE', 'sv-SE', 'en-US']);
    try {
      // The first of the browser's languages that the kit speaks.
      expect(resolveLang(info)).to.equal('sv-SE');
    } finally {
      restore();
    }
  });
});

describe('localization: switching while the wizard runs', () => {
  it('re-renders in place: same step, the typed number and focus kept', async () => {
    const memory = new MemoryAdapter({ account: 'jane@example.com' });
    const el = await fixture<TwofaEnroll>(html`<twofa-enroll lang="nb" .adapter=${memory}></twofa-enroll>`);
    await toPhoneStep(el, memory, 'nb');
    const field = getByRole(el, 'textbox', T.nb.mobile) as HTMLInputElement;
    field.focus();
    await sendKeys({ type: '912 34 567' });
    const picker = getByRole(el, 'combobox', T.nb.country) as HTMLSelectElement;
    expect(picker.value).to.equal('NO');

    el.lang = 'sv';
    await waitForHeading(el, T.sv.smsHeading);
    expect(el.currentStep).to.equal('sms-phone');
    const sameField = getByRole(el, 'textbox', T.sv.mobile) as HTMLInputElement;
    expect(sameField).to.equal(field);
    expect(sameField.value).to.equal('912 34 567');
    expect(deepActiveElement()).to.equal(field);
    // The picked country stays; its name follows the language.
    expect(picker.value).to.equal('NO');
    expect(picker.selectedOptions[0].textContent!.trim()).to.equal(T.sv.norway);
    expect(visibleText(el)).to.contain('Steg 4 av 7');
    getByRole(el, 'button', T.sv.skip);

    // No lang of its own: the document's.
    document.documentElement.lang = 'en';
    el.removeAttribute('lang');
    await waitForHeading(el, T.en.smsHeading);
    expect(visibleText(el)).to.contain('Step 4 of 7');
    document.documentElement.lang = 'nb-NO';
    await waitForHeading(el, T.nb.smsHeading);
    expect((getByRole(el, 'textbox', T.nb.mobile) as HTMLInputElement).value).to.equal('912 34 567');

    // And the number is sent as typed.
    getByRole(el, 'button', T.nb.sendCode).click();
    await waitForHeading(el, T.nb.smsCodeHeading);
    expect(memory.outbox.at(-1)!.to).to.equal('+4791234567');
  });

  it('follows an ancestor’s lang, and an error already shown changes language too', async () => {
    const memory = new MemoryAdapter({ account: 'jane@example.com', fail: { start: 'network' } });
    const wrapper = await fixture<HTMLElement>(html`<div lang="sv"><twofa-enroll .adapter=${memory}></twofa-enroll></div>`);
    const el = wrapper.querySelector('twofa-enroll')!;
    await waitForHeading(el, T.sv.infoHeading);
    getByRole(el, 'button', T.sv.start).click();
    await waitUntil(() => visibleText(el).includes(T.sv.networkError), 'Swedish network error');
    wrapper.lang = 'nb';
    await waitUntil(() => visibleText(el).includes(T.nb.networkError), 'Norwegian network error');
    expect(visibleText(el)).not.to.contain(T.sv.networkError);
  });

  it('follows the browser’s languages when no lang is set anywhere', async () => {
    document.documentElement.lang = '';
    const restore = setBrowserLanguages(['de-DE', 'nb-NO']);
    try {
      const el = await fixture<TwofaEnroll>(html`<twofa-enroll .adapter=${new MemoryAdapter()}></twofa-enroll>`);
      await waitForHeading(el, T.nb.infoHeading);
      setBrowserLanguages(['fr-FR']);
      await waitForHeading(el, T.en.infoHeading);
      setBrowserLanguages(['sv-FI', 'fi']);
      await waitForHeading(el, T.sv.infoHeading);
    } finally {
      restore();
    }
  });

  it('two wizards on one page can speak two languages', async () => {
    const wrapper = await fixture<HTMLElement>(
      html`<div>
        <twofa-enroll lang="nb" .adapter=${new MemoryAdapter()}></twofa-enroll>
        <twofa-enroll lang="sv" .adapter=${new MemoryAdapter()}></twofa-enroll>
      </div>`,
    );
    const [nb, sv] = Array.from(wrapper.querySelectorAll('twofa-enroll'));
    await waitForHeading(nb, T.nb.infoHeading);
    await waitForHeading(sv, T.sv.infoHeading);
    // Re-rendering one never repaints the other in its language.
    nb.lang = 'en';
    await waitForHeading(nb, T.en.infoHeading);
    await aTimeout(20);
    expect(headingText(sv)).to.equal(T.sv.infoHeading);
    getByRole(sv, 'button', T.sv.start);
  });

  it('a standalone step follows its own lang', async () => {
    const el = await fixture<HTMLElement>(html`<twofa-step-info lang="nb"></twofa-step-info>`);
    const scope = el.parentElement!;
    await waitForHeading(scope, T.nb.infoHeading);
    el.lang = 'sv';
    await waitForHeading(scope, T.sv.infoHeading);
    el.lang = 'en-GB';
    await waitForHeading(scope, T.en.infoHeading);
  });
});
