/**
 * An adapter (another team's, or a server behind the HTTP adapter) that answers with malformed data:
 * the wizard shows a safe, translated error, never a blank component; nothing in an answer becomes
 * markup in the page; names are shown as text. validateEnrollment's own cases are in
 * test/adapter/validate-enrollment.test.ts: these go through the whole wizard.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { TwofaError } from 'twofa-enroll';
import type { Enrollment } from 'twofa-enroll';
import { INJECTION, faultyWizard, injected, jsonResponse, type FaultyWizard, type Injection } from '../helpers/fault-adapter.js';
import { getByRole, queryByRole, visibleText } from '../helpers/queries.js';
import { acknowledgeCodes, click, toConfirm, toEmergency, toSms, toSmsCode, typeInto, waitForHeading } from '../helpers/wizard.js';

const SERVER_ERROR = 'Something went wrong on our side. Try again in a moment.';
const OTHER_SECRET = 'GEZDGNBVGY3TQOJQ';

const text = (w: FaultyWizard) => visibleText(w.el);
const lastError = (w: FaultyWizard) => (w.events.filter((e) => e.type === 'twofa-error').at(-1) as CustomEvent | undefined)?.detail ?? {};

/** The "Something went wrong" notice with the translated server error, a twofa-error, and nothing injected. */
async function expectSafeError(w: FaultyWizard, step: string): Promise<void> {
  await waitForHeading(w.el, 'Something went wrong');
  expect(text(w)).to.contain(SERVER_ERROR);
  expect(lastError(w), 'twofa-error').to.deep.equal({ ...lastError(w), code: 'server', step });
  expect(injected(w.el)).to.deep.equal([]);
}

async function toQr(w: FaultyWizard): Promise<void> {
  await waitForHeading(w.el, 'Set up two-factor authentication');
  await click(w.el, 'button', 'Start');
}

/** Through the emergency code (SMS off) to Continue, which asks the adapter to complete. */
async function toFinish(w: FaultyWizard): Promise<void> {
  await toEmergency(w);
  await acknowledgeCodes(w);
  await click(w.el, 'button', 'Continue');
}

const qrReady = (w: FaultyWizard) =>
  waitUntil(() => queryByRole(w.el, 'button', 'Next: enter the code')?.hasAttribute('disabled') === false, 'QR step ready', { timeout: 4000 });

type Change<T> = (answer: T) => unknown;

const BAD_ENROLLMENTS: Array<[string, Change<Enrollment>]> = [
  ['no secret and no uri', ({ secret: _s, uri: _u, ...rest }) => rest],
  ['a secret that is not Base32', (e) => ({ ...e, secret: 'JBSWY3DPEHPK3P01', uri: undefined })],
  ['a secret that is a number', (e) => ({ ...e, secret: 12345, uri: undefined })],
  ['an HOTP uri', (e) => ({ ...e, uri: e.uri.replace('otpauth://totp/', 'otpauth://hotp/') })],
  ['an https: uri', (e) => ({ ...e, uri: `https://evil.example/?secret=${e.secret}` })],
  ['a javascript: uri', (e) => ({ ...e, uri: `javascript:alert(document.domain)//${e.uri}` })],
  ['a uri with broken percent-encoding', (e) => ({ ...e, uri: e.uri.replace('otpauth://totp/', 'otpauth://totp/%ZZ') })],
  ['digits 7', (e) => ({ ...e, digits: 7, uri: undefined })],
  ['digits 10', (e) => ({ ...e, digits: 10, uri: undefined })],
  ['algorithm MD5', (e) => ({ ...e, algorithm: 'MD5', uri: undefined })],
  ['a uri whose secret is not the secret', (e) => ({ ...e, secret: OTHER_SECRET })],
  ['a uri whose digits are not the digits', (e) => ({ ...e, uri: e.uri.replace('digits=6', 'digits=8') })],
  // The QR code would add "Evil: attacker@evil.example" to the app while the page shows Example / jane@example.com.
  [
    'a uri whose label names another issuer and account',
    (e) => ({ ...e, uri: e.uri.replace(/totp\/[^?]*/, 'totp/Evil:attacker%40evil.example').replace('issuer=Example', 'issuer=Evil') }),
  ],
  ['an unknown sms policy', (e) => ({ ...e, sms: 'sometimes' })],
  ['an expiresAt that is no date', (e) => ({ ...e, expiresAt: 'tomorrow' })],
  ['no account', (e) => ({ ...e, account: '', uri: undefined })],
  ['null', () => null],
  ['a string', (e) => e.uri],
  ['an array', (e) => [e]],
];

describe('malformed answers from the adapter', () => {
  describe('start()', () => {
    for (const [what, change] of BAD_ENROLLMENTS) {
      it(`${what}: "Something went wrong" with the translated server error, nothing injected; Try again recovers`, async () => {
        const w = await faultyWizard();
        w.faults.tamper('start', change);
        await toQr(w);
        await expectSafeError(w, 'qr');
        expect(getByRole(w.el, 'button', 'Cancel'), 'Cancel offered').to.exist;
        w.faults.tamper('start', undefined);
        await click(w.el, 'button', 'Try again');
        await qrReady(w);
      });
    }

    it('HTML and script in the issuer and account are shown as text and never run, on every step', async () => {
      const issuer = `Acme ${INJECTION}`;
      const account = `${INJECTION}jane@example.com`;
      const w = await faultyWizard({ issuer, account, sms: 'off' });
      await toQr(w);
      await qrReady(w);
      await click(w.el, 'button', "Can't scan the image?");
      await waitUntil(() => text(w).includes(account), 'the account shown as text');
      expect(text(w)).to.contain(issuer);
      expect(getByRole(w.el, 'img', /^QR code for adding /).getAttribute('aria-label')).to.contain(account);
      expect(injected(w.el), 'QR step').to.deep.equal([]);
      await click(w.el, 'button', 'Next: enter the code');
      await waitForHeading(w.el, 'Enter the code from your app');
      await typeInto(w.el, '6-digit code', w.memory.currentCode());
      await waitForHeading(w.el, 'Save your emergency code');
      expect(injected(w.el), 'emergency step').to.deep.equal([]);
      await acknowledgeCodes(w);
      await click(w.el, 'button', 'Continue');
      await waitForHeading(w.el, 'Two-factor authentication is on');
      expect(injected(w.el), 'done step').to.deep.equal([]);
    });
  });

  describe('a rate limit with a nonsensical wait', () => {
    const WAITS: Array<[string, 'direct' | 'http', () => Injection]> = [
      ['HTTP 429, retryAfter -5, Retry-After: NaN', 'http', () => jsonResponse({ error: 'rate_limited', retryAfter: -5 }, 429, { 'Retry-After': 'NaN' })],
      ['HTTP 429, retryAfter "soon", Retry-After: -5', 'http', () => jsonResponse({ error: 'rate_limited', retryAfter: 'soon' }, 429, { 'Retry-After': '-5' })],
      ['HTTP 429, retryAfter NaN (not JSON: NaN), no header', 'http', () => new Response('{"error":"rate_limited","retryAfter":NaN}', { status: 429 })],
      ["an adapter's TwofaError, retryAfter NaN", 'direct', () => new TwofaError('rate_limited', { retryAfter: NaN })],
      ["an adapter's TwofaError, retryAfter -30", 'direct', () => new TwofaError('rate_limited', { retryAfter: -30 })],
      ["an adapter's TwofaError, retryAfter Infinity", 'direct', () => new TwofaError('rate_limited', { retryAfter: Infinity })],
    ];
    for (const [what, kind, make] of WAITS) {
      it(`${what}: "Too many attempts.", no NaN, negative or endless countdown, and the code can be sent again`, async () => {
        const w = await faultyWizard({}, {}, kind);
        await toConfirm(w);
        w.faults.inject('verifyTotp', make(), { hold: false });
        await typeInto(w.el, '6-digit code', w.memory.currentCode());
        await waitUntil(() => text(w).includes('Too many attempts.'), `"Too many attempts." (shown: ${text(w).slice(0, 300)})`);
        expect(text(w)).not.to.match(/NaN|Infinity|in -|undefined/);
        const field = getByRole(w.el, 'textbox', '6-digit code') as HTMLInputElement;
        await waitUntil(() => !field.disabled, 'the code field is usable');
        await click(w.el, 'button', 'Verify');
        await waitForHeading(w.el, 'Add a phone number for backup');
        expect(w.calls.verifyTotp).to.equal(2);
      });
    }
  });

  describe('recoveryCodes()', () => {
    const BAD_CODES: Array<[string, Change<unknown>]> = [
      ['null', () => null],
      ['no codes', () => ({})],
      ['an empty list', () => ({ codes: [] })],
      ['numbers', () => ({ codes: [12345678, 87654321] })],
      ['one string instead of a list', () => ({ codes: 'ABCD-EFGH-JKLM' })],
      ['blank strings', () => ({ codes: ['', '   '] })],
    ];
    for (const [what, change] of BAD_CODES) {
      it(`${what}: "Something went wrong" with the translated server error (not a network error); Try again recovers`, async () => {
        const w = await faultyWizard({ sms: 'off' });
        w.faults.tamper('recoveryCodes', change);
        await toConfirm(w);
        await typeInto(w.el, '6-digit code', w.memory.currentCode());
        await expectSafeError(w, 'emergency');
        w.faults.tamper('recoveryCodes', undefined);
        await click(w.el, 'button', 'Try again');
        await waitUntil(() => /[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}/.test(text(w)), 'the emergency code is shown');
      });
    }

    it('a code holding markup is shown as text and never run', async () => {
      const w = await faultyWizard({ sms: 'off' });
      w.faults.tamper('recoveryCodes', () => ({ codes: [INJECTION] }));
      await toConfirm(w);
      await typeInto(w.el, '6-digit code', w.memory.currentCode());
      await waitUntil(() => text(w).includes(INJECTION), 'the code shown as text');
      expect(injected(w.el)).to.deep.equal([]);
    });
  });

  describe('complete()', () => {
    const BAD_COMPLETIONS: Array<[string, Change<unknown>]> = [
      ['null', () => null],
      ['no methods', () => ({})],
      ['methods as a string', () => ({ methods: 'totp' })],
      ['methods that are not strings', () => ({ methods: [42, null, { id: 'totp' }] })],
    ];
    for (const [what, change] of BAD_COMPLETIONS) {
      it(`${what}: "Something went wrong" with the translated server error, never a blank or broken last step`, async () => {
        const w = await faultyWizard({ sms: 'off' });
        w.faults.tamper('complete', change);
        await toFinish(w);
        await expectSafeError(w, 'done');
        expect(
          w.events.some((e) => e.type === 'twofa-complete'),
          'no twofa-complete with junk methods',
        ).to.be.false;
      });
    }

    it('a method name holding markup is never run, and is not shown', async () => {
      const w = await faultyWizard({ sms: 'off' });
      w.faults.tamper('complete', () => ({ methods: ['totp', INJECTION] }));
      await toFinish(w);
      await waitForHeading(w.el, 'Two-factor authentication is on');
      expect(text(w)).to.contain('Authenticator app');
      expect(injected(w.el)).to.deep.equal([]);
      expect(text(w), 'an unknown method id shown to the user').not.to.contain('<img');
    });
  });

  describe('sendSms()', () => {
    const BAD_SENT: Array<[string, Change<unknown>]> = [
      ['a masked phone holding markup', (sent) => ({ ...(sent as object), maskedPhone: INJECTION })],
      ['resendAfter Infinity', (sent) => ({ ...(sent as object), resendAfter: Infinity })],
      ['resendAfter NaN', (sent) => ({ ...(sent as object), resendAfter: NaN })],
      ['resendAfter -5', (sent) => ({ ...(sent as object), resendAfter: -5 })],
    ];
    it('null: the translated server error on the phone step, not a code step "sent to" nobody', async () => {
      const w = await faultyWizard({});
      w.faults.tamper('sendSms', () => null);
      await toSms(w);
      await typeInto(w.el, 'Mobile number', '+47 912 34 567');
      await click(w.el, 'button', 'Send code');
      await waitUntil(() => text(w).includes(SERVER_ERROR), `"${SERVER_ERROR}" (shown: ${text(w).slice(0, 200)})`, { timeout: 3000 });
      expect(queryByRole(w.el, 'heading')?.textContent?.trim()).to.equal('Add a phone number for backup');
    });

    for (const [what, change] of BAD_SENT) {
      it(`${what}: the code step shows no markup, NaN or Infinity`, async () => {
        const w = await faultyWizard({});
        w.faults.tamper('sendSms', change);
        await toSmsCode(w);
        expect(text(w)).not.to.match(/NaN|Infinity|in -|undefined/);
        expect(injected(w.el)).to.deep.equal([]);
      });
    }
  });
});
