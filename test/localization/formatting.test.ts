/** Plurals, numbers, countdowns and dates, and the downloaded file, in each language. */
import { expect, html, waitUntil } from '@open-wc/testing';
import 'twofa-enroll';
import { durationInWords, loadKitLocale, translate, type Translator } from '../../src/localization.js';
import { attemptsLeftMessage, formatDuration } from '../../src/steps/error-message.js';
import { fileName, lines } from '../../src/twofa-step-emergency/emergency-export.js';
import { getByRole, visibleText } from '../helpers/queries.js';
import { countdownOnScreen, inLang, stubDownloads } from './helpers.js';
import { LOCALES, T } from './strings.js';

const NOV_23 = new Date(2026, 10, 23, 14, 5);
const CODES = ['1111-2222', '3333-4444'];
/** Intl may use (narrow) no-break spaces; compare them as spaces. */
const spaces = (text: string) => text.replace(/[^\S\r\n]/g, ' ');

/** Runs `fn` with the kit's messages in `lang`, as an element speaking it hands them to the helpers that write text. */
async function inKitLocale<R>(lang: 'en' | 'nb' | 'sv', fn: (i18n: Translator) => R): Promise<R> {
  await loadKitLocale(lang);
  return fn({ locale: lang, msg: (template, options) => translate(lang, template, options) });
}

describe('formatting: plurals and numbers', () => {
  for (const lang of LOCALES) {
    it(`${lang}: "attempts left" takes the plural form of the language's rules`, async () => {
      for (const count of [0, 1, 2, 5]) {
        expect(await inKitLocale(lang, (i18n) => attemptsLeftMessage(count, i18n))).to.equal(T[lang].attempts[count]);
      }
    });
  }

  it('countdowns are m:ss on screen and words for screen readers, in every language', async () => {
    expect([42, 5, 60, 125, 0.2, 5400, 86399].map(formatDuration)).to.deep.equal(['0:42', '0:05', '1:00', '2:05', '0:01', '1:30:00', '23:59:59']);
    for (const lang of LOCALES) {
      // A day's cap on wrong codes waits hours: whole minutes then, rounded up.
      for (const seconds of [42, 125, 60, 61, 3600, 86399]) {
        expect(durationInWords(seconds, lang), `${lang}, ${seconds} s`).to.equal(T[lang].inWords[seconds]);
      }
      const wrapper = await inLang(lang, html`<twofa-step-confirm .error=${{ code: 'rate_limited', retryAfter: 125 }}></twofa-step-confirm>`);
      // (On a slow driver a second may already have gone: 2:05 or 2:04.)
      expect([`${T[lang].tooMany} ${T[lang].tryAgainIn('2:05')}`, `${T[lang].tooMany} ${T[lang].tryAgainIn('2:04')}`]).to.include(countdownOnScreen(wrapper));
      const status = getByRole(wrapper, 'status').textContent!.trim();
      expect(status).to.equal(`${T[lang].tooMany} ${T[lang].tryAgainIn(T[lang].inWords[125])}`);
      expect(status, 'no clock-like m:ss in what is spoken').not.to.match(/\d:\d\d/);
    }
  });

  it('the server time in the clock hint is formatted for the language and region', async () => {
    const serverTime = NOV_23.getTime();
    const cases: [string, string][] = [
      ['nb', 'Klokken hos oss er 14:05:00.'],
      ['sv', 'Klockan hos oss är 14:05:00.'],
      ['sv-FI', 'Klockan hos oss är 14.05.00.'],
      ['en-GB', 'Our time is 14:05:00;'],
    ];
    for (const [lang, expected] of cases) {
      const wrapper = await inLang(lang, html`<twofa-step-confirm .failures=${2} .error=${{ code: 'invalid_code', serverTime }}></twofa-step-confirm>`);
      expect(spaces(visibleText(wrapper)), lang).to.contain(expected);
    }
  });

  it('the SMS step starts on the country of the language (region first) and names countries in the text’s language', async () => {
    const cases: [string, string][] = [
      ['nb', 'Norge (+47)'],
      ['nn-NO', 'Norge (+47)'],
      ['sv', 'Sverige (+46)'],
      ['sv-FI', 'Finland (+358)'],
      ['en-GB', 'United Kingdom (+44)'],
      ['de-DE', 'Germany (+49)'],
    ];
    for (const [lang, expected] of cases) {
      const wrapper = await inLang(lang, html`<twofa-step-sms></twofa-step-sms>`);
      const picker = wrapper.querySelector('twofa-step-sms')!.shadowRoot!.querySelector('select')!;
      expect(picker.selectedOptions[0].textContent!.trim(), lang).to.equal(expected);
    }
  });
});

describe('formatting: the downloaded emergency codes', () => {
  it('the file with one code says so, never "each code"', async () => {
    const one = (lang: 'en' | 'nb' | 'sv') =>
      inKitLocale(lang, (i18n) => lines({ codes: ['1111-2222'], issuer: 'Example', account: 'jane@example.com', lang }, i18n, NOV_23).at(-1));
    expect(await one('en')).to.equal('The code works once. Keep it somewhere safe and private, away from your phone.');
    expect(await one('nb')).to.equal('Koden kan bare brukes én gang. Oppbevar den på et trygt sted som bare du har tilgang til, ikke sammen med telefonen.');
    expect(await one('sv')).to.equal(
      'Koden kan bara användas en gång. Förvara den på ett säkert ställe som bara du har tillgång till, inte tillsammans med mobilen.',
    );
  });

  it('the text and its date are in the language (fixed date)', async () => {
    const doc = (lang: string) => ({ codes: CODES, issuer: 'Example', account: 'jane@example.com', lang });
    expect(await inKitLocale('nb', (i18n) => lines(doc('nb'), i18n, NOV_23).map(spaces))).to.deep.equal([
      'Reservekoder for jane@example.com hos Example',
      'Opprettet 23. november 2026 kl. 14:05',
      '',
      ...CODES,
      '',
      'Hver kode kan bare brukes én gang. Oppbevar dette på et trygt sted som bare du har tilgang til, ikke sammen med telefonen.',
    ]);
    expect((await inKitLocale('sv', (i18n) => lines(doc('sv'), i18n, NOV_23)))[1]).to.equal('Skapad 23 november 2026 kl. 14:05');
    // The region's own format: Finland-Swedish writes 14.05 where the engine's locale data knows it
    // (Chromium's and Firefox's do; WebKitGTK's system ICU writes 14:05 for sv-FI as for sv).
    const finnishTime = new Intl.DateTimeFormat('sv-FI', { timeStyle: 'short' }).format(NOV_23);
    expect(spaces((await inKitLocale('sv', (i18n) => lines(doc('sv-FI'), i18n, NOV_23)))[1])).to.equal(`Skapad 23 november 2026 kl. ${finnishTime}`);
    expect(spaces((await inKitLocale('en', (i18n) => lines(doc('en'), i18n, NOV_23)))[1])).to.equal('Created November 23, 2026 at 2:05 PM');
    expect(spaces((await inKitLocale('en', (i18n) => lines(doc('en-GB'), i18n, NOV_23)))[1])).to.equal('Created 23 November 2026 at 14:05');
  });

  it('file names: the issuer (letters of any language kept) and what the file holds, in the language', async () => {
    const name = (issuer: string, codes: string[]) => (i18n: Translator) => fileName({ codes, issuer, account: '', lang: '' }, i18n);
    expect(await inKitLocale('nb', name('Bærum kommune', ['1']))).to.equal('bærum-kommune-reservekode.txt');
    expect(await inKitLocale('sv', name('Göteborgs universitet', CODES))).to.equal('göteborgs-universitet-återställningskoder.txt');
    expect(await inKitLocale('en', name('', CODES))).to.equal('recovery-codes.txt');
  });

  it("a file made outside a render is in its own step's language, whichever element rendered last", async () => {
    const downloads = stubDownloads();
    try {
      const nb = await inLang('nb', html`<twofa-step-emergency .codes=${CODES} issuer="Example" account="jane@example.com"></twofa-step-emergency>`);
      const sv = await inLang('sv', html`<twofa-step-emergency .codes=${CODES} issuer="Example" account="jane@example.com"></twofa-step-emergency>`);
      // The Swedish step renders once more, last, before the Norwegian one makes its file.
      const svStep = sv.querySelector('twofa-step-emergency')!;
      svStep.requestUpdate();
      await svStep.updateComplete;
      getByRole(nb, 'button', T.nb.download).click();
      await waitUntil(() => downloads.files.length === 1, 'downloaded');
      expect(downloads.files[0].name).to.equal(`example-${T.nb.fileMany}.txt`);
      expect(spaces(await downloads.files[0].text).startsWith(T.nb.titleMany)).to.be.true;
    } finally {
      downloads.restore();
    }
  });

  for (const lang of LOCALES) {
    it(`${lang}: Download saves the file in the step's language`, async () => {
      const downloads = stubDownloads();
      try {
        const wrapper = await inLang(lang, html`<twofa-step-emergency .codes=${CODES} issuer="Example" account="jane@example.com"></twofa-step-emergency>`);
        getByRole(wrapper, 'button', T[lang].download).click();
        await waitUntil(() => downloads.files.length === 1, 'downloaded');
        const [file] = downloads.files;
        expect(file.name).to.equal(`example-${T[lang].fileMany}.txt`);
        const text = spaces(await file.text);
        expect(text.startsWith(`${T[lang].titleMany}\r\n${T[lang].created}`), text).to.be.true;
        const today = spaces(new Intl.DateTimeFormat(lang, { dateStyle: 'long' }).format(new Date()));
        expect(text).to.contain(today);
        for (const code of CODES) expect(text).to.contain(`\r\n${code}\r\n`);
      } finally {
        downloads.restore();
      }
    });
  }
});
