/**
 * The named flows of the demo's flow picker, against the reference backend: authenticator only,
 * the desktop key view, the method choice with SMS and with e-mail (ten recovery codes first, one
 * typed back), and the reset flow replacing a working authenticator.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  apiStatus,
  codeInput,
  confirmCode,
  ENGINE_SUITE,
  ENGINES,
  eventually,
  expectHeading,
  openDemo,
  openFlow,
  problems,
  smsFromOutbox,
  startToQr,
  totp,
  useServerAndBrowser,
} from './helpers.js';

/**
 * Through the method step and the ten recovery codes (ticked, or one typed back).
 * @param {import('./driver/page.js').Page} page
 * @param {string | RegExp} method  the radio's name
 */
async function chooseAndSaveCodes(page, method, { typeBack = false } = {}) {
  await expectHeading(page, 'How do you want to get your codes?');
  await page.getByRole('radio', { name: method }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expectHeading(page, 'Save your recovery codes');
  const codes = page.locator('twofa-step-emergency [part="codes"] li');
  await codes.nth(9).waitFor();
  assert.equal(await codes.count(), 10);
  const saved = await codes.allTextContents();
  if (!typeBack) {
    await page.getByRole('checkbox', { name: 'I have saved the recovery codes' }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    return saved;
  }
  await page.getByRole('button', { name: 'Continue' }).click();
  const field = page.getByRole('textbox', { name: /^Enter recovery code number \d+$/ });
  const label = await page.locator('twofa-step-emergency label[for="type-back"]').textContent();
  const number = Number(/\d+/.exec(label ?? '')?.[0]);
  await field.fill(saved[number - 1]);
  await page.getByRole('button', { name: 'Continue' }).click();
  return saved;
}

for (const engine of ENGINES)
  describe(`${engine}: demo page: the named flows`, ENGINE_SUITE, () => {
    const demo = useServerAndBrowser(engine);

    test('authenticator only: info, QR, code, done; no SMS and no recovery codes', async () => {
      const page = await openDemo(demo.engine, demo);
      try {
        await page.getByLabel('How the setup goes').selectOption('authenticator');
        const secret = await startToQr(page);
        await page.getByText('Step 2 of 4').waitFor();
        await confirmCode(page, secret);
        await expectHeading(page, 'Two-factor authentication is on');
        const status = await apiStatus(page);
        assert.deepEqual(status.methods, ['totp']);
        assert.equal(status.recoveryCodes, 0);
        assert.deepEqual(await problems(page), []);
      } finally {
        await page.close();
      }
    });

    test('desktop password manager: the key with its details first, then the code', async () => {
      const page = await openDemo(demo.engine, demo);
      try {
        await openFlow(page, 'desktop');
        await page.getByRole('button', { name: 'Start' }).click();
        await expectHeading(page, 'Add the key to your app');
        const shown = await page.locator('twofa-step-qr [part="secret"]').textContent();
        const secret = (shown ?? '').replace(/\s+/g, '');
        assert.match(secret, /^[A-Z2-7]{32}$/);
        for (const detail of ['Example Account', 'jane@example.com', 'SHA1', '30 seconds']) await page.getByText(detail, { exact: true }).first().waitFor();
        assert.equal(await page.getByRole('img', { name: /^QR code/ }).count(), 0, 'no QR code in the key view');
        await confirmCode(page, secret);
        await expectHeading(page, 'Two-factor authentication is on');
        assert.deepEqual((await apiStatus(page)).methods, ['totp']);
        assert.deepEqual(await problems(page), []);
      } finally {
        await page.close();
      }
    });

    test('method choice, e-mail: ten recovery codes first, an address, the code from the outbox, done', async () => {
      const page = await openDemo(demo.engine, demo);
      try {
        await openFlow(page, 'method-choice');
        await chooseAndSaveCodes(page, 'E-mail');
        await expectHeading(page, 'Where should we send your codes?');
        await page.getByRole('textbox', { name: 'E-mail address' }).fill('jane@example');
        await page.getByRole('button', { name: 'Send code' }).click();
        await page.getByText('Enter an e-mail address in the form name@example.com.').waitFor();
        await page.getByRole('textbox', { name: 'E-mail address' }).fill('jane@example.com');
        await page.getByRole('button', { name: 'Send code' }).click();
        await expectHeading(page, 'Enter the code from the e-mail');
        await codeInput(page).fill(await smsFromOutbox(page));
        await expectHeading(page, 'Two-factor authentication is on');
        await page.getByText('we will send a code to your e-mail').waitFor();
        const status = await apiStatus(page);
        assert.deepEqual(status.methods, ['email']);
        assert.equal(status.recoveryCodes, 10);
        assert.deepEqual(await problems(page), []);
      } finally {
        await page.close();
      }
    });

    test('method choice, SMS with a recovery code typed back: no Skip, the code from the outbox, done', async () => {
      const page = await openDemo(demo.engine, demo);
      try {
        await openFlow(page, 'method-choice', { typeBack: true });
        await chooseAndSaveCodes(page, 'Text message (SMS)', { typeBack: true });
        await expectHeading(page, 'Add a phone number for backup');
        assert.equal(await page.getByRole('button', { name: 'Skip for now' }).count(), 0);
        await page.getByRole('textbox', { name: 'Mobile number' }).fill('+46 70 123 45 67');
        await page.getByRole('button', { name: 'Send code' }).click();
        await expectHeading(page, 'Enter the code from the text message');
        await codeInput(page).fill(await smsFromOutbox(page));
        await expectHeading(page, 'Two-factor authentication is on');
        assert.deepEqual((await apiStatus(page)).methods, ['sms']);
        assert.deepEqual(await problems(page), []);
      } finally {
        await page.close();
      }
    });

    test('method choice, app: the codes, then the QR code and the code from the app', async () => {
      const page = await openDemo(demo.engine, demo);
      try {
        await openFlow(page, 'method-choice');
        await chooseAndSaveCodes(page, /^Authenticator app/);
        await expectHeading(page, 'Scan the QR code');
        await page.getByText("Can't scan the image?").click();
        const secret = ((await page.locator('twofa-step-qr [part="secret"]').textContent()) ?? '').replace(/\s+/g, '');
        await confirmCode(page, secret);
        await expectHeading(page, 'Two-factor authentication is on');
        assert.deepEqual((await apiStatus(page)).methods, ['totp']);
      } finally {
        await page.close();
      }
    });

    test('reset: the flow is worded for a new authenticator, and only the new secret works afterwards', async () => {
      const page = await openDemo(demo.engine, demo);
      try {
        await page.getByLabel('How the setup goes').selectOption('authenticator');
        const oldSecret = await startToQr(page);
        await confirmCode(page, oldSecret);
        await expectHeading(page, 'Two-factor authentication is on');
        await page.getByRole('button', { name: 'Done' }).click();

        const newSecret = await startToQr(page, { button: 'Lost your authenticator app? E-mail me a reset link', heading: 'Set up a new authenticator' });
        await expectHeading(page, 'Scan the QR code with your new authenticator');
        assert.notEqual(newSecret, oldSecret);
        await page.getByRole('button', { name: 'Next: enter the code' }).click();
        // The old authenticator's code is not the new one's.
        await codeInput(page).fill(totp(oldSecret));
        await page.getByText("That code didn't work.", { exact: false }).waitFor();
        await codeInput(page).fill(totp(newSecret));
        await expectHeading(page, 'Save your emergency code');
        await page.getByRole('checkbox', { name: 'I have safely copied and stored this code' }).check();
        await page.getByRole('button', { name: 'Continue' }).click();
        await expectHeading(page, 'Your new authenticator is set up');
        await eventually(async () => assert.deepEqual((await apiStatus(page)).methods, ['totp']));
        assert.deepEqual(await problems(page), []);
      } finally {
        await page.close();
      }
    });
  });
