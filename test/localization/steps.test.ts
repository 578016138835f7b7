/**
 * Every step element, rendered on its own under `lang="en"`, `"nb"` and `"sv"`: what a user sees
 * and what a screen reader says, found by role and accessible name.
 */
import { expect, html, waitUntil } from '@open-wc/testing';
import { buildOtpauthUri } from '../../src/adapter/otpauth-uri.js';
import 'twofa-enroll';
import { getByRole, queryByRole, visibleText } from '../helpers/queries.js';
import { countdownOnScreen, inLang, shadowText, stubClipboard } from './helpers.js';
import { LOCALES, T } from './strings.js';
import { engineWebAuthn } from '../helpers/webauthn.js';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DP';
const ACCOUNT = 'jane@example.com';
const URI = buildOtpauthUri({ secret: SECRET, issuer: 'Example', account: ACCOUNT, digits: 6, period: 30, algorithm: 'SHA1' });
const MASKED = '+47 ••• •• 567';

function step<E extends Element>(wrapper: HTMLElement): E & { updateComplete: Promise<unknown> } {
  return wrapper.firstElementChild as E & { updateComplete: Promise<unknown> };
}

const heading = (wrapper: HTMLElement) => getByRole(wrapper, 'heading').textContent!.replace(/\s+/g, ' ').trim();

for (const lang of LOCALES) {
  const t = T[lang];

  describe(`steps in ${lang}`, () => {
    it('password: heading, field, buttons, and both errors', async () => {
      const wrapper = await inLang(lang, html`<twofa-step-password></twofa-step-password>`);
      const el = step<HTMLElement>(wrapper);
      expect(heading(wrapper)).to.equal(t.passwordHeading);
      getByRole(wrapper, 'textbox', t.password);
      getByRole(wrapper, 'button', t.cancel);
      getByRole(wrapper, 'button', t.continue).click();
      await el.updateComplete;
      expect(getByRole(wrapper, 'alert').textContent!.trim()).to.equal(t.passwordMissing);
      const wrong = await inLang(lang, html`<twofa-step-password .error=${{ code: 'invalid_password' }}></twofa-step-password>`);
      expect(getByRole(wrong, 'alert').textContent!.trim()).to.equal(t.invalidPassword);
    });

    it('info: heading, text, Start and Cancel; reset wording', async () => {
      const wrapper = await inLang(lang, html`<twofa-step-info></twofa-step-info>`);
      expect(heading(wrapper)).to.equal(t.infoHeading);
      expect(visibleText(wrapper)).to.contain(t.infoText);
      getByRole(wrapper, 'button', t.start);
      getByRole(wrapper, 'button', t.cancel);
      await expect(wrapper).to.be.accessible();
      const reset = await inLang(lang, html`<twofa-step-info mode="reset"></twofa-step-info>`);
      expect(heading(reset)).to.equal(t.infoHeadingReset);
    });

    it('qr: heading, the QR image named after the disclosure title, the manual key and its labels', async () => {
      const wrapper = await inLang(lang, html`<twofa-step-qr .uri=${URI} .secret=${SECRET} issuer="Example" account=${ACCOUNT}></twofa-step-qr>`);
      expect(heading(wrapper)).to.equal(t.qrHeading);
      await waitUntil(() => queryByRole(wrapper, 'img', t.qrName), `QR image named "${t.qrName}"`, { timeout: 4000 });
      // The name quotes the disclosure's title exactly, so the user can find it.
      const summary = getByRole(wrapper, 'button', t.summary);
      expect(t.qrName).to.contain(t.summary);
      getByRole(wrapper, 'button', t.qrNext);
      getByRole(wrapper, 'link', t.openApp);
      summary.click();
      await step(wrapper).updateComplete;
      // (A copy button's content holds both its label and, hidden, "Copied".)
      await waitUntil(() => queryByRole(wrapper, 'button', new RegExp(`^${t.copyKey} `)), 'copy key button');
      const text = visibleText(wrapper);
      expect(text).to.contain(t.secretKey);
      expect(text).to.contain(t.periodValue);
      // Screen readers hear the lead-in, then the key spelled out.
      expect(shadowText(step(wrapper), '.visually-hidden')).to.include(t.spelled);
      await expect(wrapper).to.be.accessible();
    });

    it('confirm: heading, the code field with its hint, the errors, attempts left, the countdown and the clock hint', async () => {
      const wrapper = await inLang(lang, html`<twofa-step-confirm can-go-back></twofa-step-confirm>`);
      const el = step<HTMLElement & { error: unknown; failures: number }>(wrapper);
      expect(heading(wrapper)).to.equal(t.confirmHeading);
      getByRole(wrapper, 'textbox', t.codeField);
      expect(visibleText(wrapper)).to.contain(t.codeHint);
      getByRole(wrapper, 'button', t.verify);
      getByRole(wrapper, 'button', t.back);
      el.error = { code: 'invalid_code', attemptsLeft: 1 };
      el.failures = 2;
      await el.updateComplete;
      await waitUntil(() => visibleText(wrapper).includes(t.attempts[1]), 'attempts left shown');
      expect(visibleText(wrapper)).to.contain(`${t.invalidCode} ${t.attempts[1]}`);
      expect(visibleText(wrapper)).to.contain(t.clockHint);
      el.error = { code: 'rate_limited', retryAfter: 42 };
      await el.updateComplete;
      // (On a slow driver a second may already have gone: 0:42 or 0:41.)
      expect([`${t.tooMany} ${t.tryAgainIn('0:42')}`, `${t.tooMany} ${t.tryAgainIn('0:41')}`]).to.include(countdownOnScreen(wrapper));
      // The screen-reader status region says the same, in the same language, with the wait in words.
      expect(getByRole(wrapper, 'status').textContent!.trim()).to.equal(`${t.tooMany} ${t.tryAgainIn(t.inWords[42])}`);
    });

    it('sms: heading, the country picker on the language’s country, the number field, the buttons and the messages', async () => {
      const wrapper = await inLang(lang, html`<twofa-step-sms></twofa-step-sms>`);
      const el = step<HTMLElement>(wrapper);
      expect(heading(wrapper)).to.equal(t.smsHeading);
      const picker = getByRole(wrapper, 'combobox', t.country) as HTMLSelectElement;
      expect(picker.selectedOptions[0].textContent!.trim()).to.equal(lang === 'sv' ? t.sweden : t.norway);
      const field = getByRole(wrapper, 'textbox', t.mobile) as HTMLInputElement;
      getByRole(wrapper, 'button', t.skip);
      getByRole(wrapper, 'button', t.cancel);
      getByRole(wrapper, 'button', t.sendCode).click();
      await el.updateComplete;
      expect(getByRole(wrapper, 'alert').textContent!.trim()).to.equal(t.smsMissing);
      field.value = 'abc';
      getByRole(wrapper, 'button', t.sendCode).click();
      await el.updateComplete;
      expect(getByRole(wrapper, 'alert').textContent!.trim()).to.equal(t.smsInvalid);
    });

    it('sms-code: heading, where the code went, resend countdown (m:ss on screen, words in its name) and change number', async () => {
      const wrapper = await inLang(lang, html`<twofa-step-sms-code .sent=${{ maskedPhone: MASKED, resendAfter: 42 }}></twofa-step-sms-code>`);
      expect(heading(wrapper)).to.equal(t.smsCodeHeading);
      expect(visibleText(wrapper)).to.contain(t.sentTo(MASKED));
      getByRole(wrapper, 'textbox', t.codeField);
      const resend = getByRole(wrapper, 'button', t.resendIn(t.inWords[42]));
      expect(resend.querySelector('[aria-hidden="true"]')!.textContent!.trim()).to.match(new RegExp(`^${t.resendIn('0:4[12]')}$`));
      getByRole(wrapper, 'button', t.changeNumber);
    });

    it('emergency: one code and several, with their checkbox and tools', async () => {
      const one = await inLang(lang, html`<twofa-step-emergency .codes=${['1234-5678']}></twofa-step-emergency>`);
      expect(heading(one)).to.equal(t.emergencyHeadingOne);
      getByRole(one, 'checkbox', t.ackOne);
      getByRole(one, 'button', new RegExp(`^${t.copyCode} ${t.copied}$`));
      getByRole(one, 'button', t.download);
      getByRole(one, 'button', t.print);
      getByRole(one, 'button', t.continue);
      const many = await inLang(lang, html`<twofa-step-emergency .codes=${['1111-1111', '2222-2222']}></twofa-step-emergency>`);
      expect(heading(many)).to.equal(t.emergencyHeadingMany);
      getByRole(many, 'checkbox', t.ackMany);
      getByRole(many, 'button', new RegExp(`^${t.copyAll} ${t.copied}$`));
    });

    it('passkey: heading, what a passkey is, Create (or that the browser cannot), Not now; done names it', async () => {
      const wrapper = await inLang(lang, html`<twofa-step-passkey optional></twofa-step-passkey>`);
      await waitUntil(() => queryByRole(wrapper, 'button', t.passkeyNotNow), 'the passkey view', { timeout: 4000 });
      expect(heading(wrapper)).to.equal(t.passkeyHeading);
      expect(visibleText(wrapper)).to.include(t.passkeyLead);
      // WebKitGTK has no WebAuthn: the step says so instead of offering Create.
      if (engineWebAuthn) getByRole(wrapper, 'button', t.passkeyCreate);
      else expect(visibleText(wrapper)).to.include(t.passkeyUnsupported);
      const done = await inLang(lang, html`<twofa-step-done .methods=${['passkey']}></twofa-step-done>`);
      expect(shadowText(step(done), 'li')).to.deep.equal([`✓ ${t.donePasskey}`]);
    });

    it('done: heading and the methods now on', async () => {
      const wrapper = await inLang(lang, html`<twofa-step-done .methods=${['totp', 'sms']} masked-phone=${MASKED}></twofa-step-done>`);
      expect(heading(wrapper)).to.equal(t.doneHeading);
      const items = shadowText(step(wrapper), 'li');
      expect(items).to.deep.equal([`✓ ${t.doneTotp}`, `✓ ${t.doneSms(MASKED)}`]);
    });

    it('copy button: says and announces "Copied"', async () => {
      const restore = stubClipboard();
      try {
        const wrapper = await inLang(lang, html`<twofa-copy-button value="x"></twofa-copy-button>`);
        const button = getByRole(wrapper, 'button');
        button.click();
        await waitUntil(() => queryByRole(wrapper, 'status')?.textContent?.trim() === t.copied, `status says ${t.copied}`);
      } finally {
        restore();
      }
    });

    it('wizard: "Step 1 of 7", and the cancelled notice', async () => {
      const { MemoryAdapter } = await import('twofa-enroll/adapter/memory');
      const wrapper = await inLang(lang, html`<twofa-enroll .adapter=${new MemoryAdapter({ account: ACCOUNT })}></twofa-enroll>`);
      expect(visibleText(wrapper)).to.contain(t.progress);
      expect(heading(wrapper)).to.equal(t.infoHeading);
      getByRole(wrapper, 'button', t.cancel).click();
      await waitUntil(() => queryByRole(wrapper, 'heading')?.textContent?.trim() === t.cancelledHeading, 'cancelled notice');
      getByRole(wrapper, 'button', t.startAgain);
    });
  });
}
