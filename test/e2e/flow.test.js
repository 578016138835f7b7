/**
 * The demo page against the reference backend, in every engine: the whole default flow, skipping
 * the SMS backup, going back from the code to the QR step, cancelling, and reset mode.
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
  panelShows,
  problems,
  readSecret,
  scanQr,
  smsFromOutbox,
  startToQr,
  totp,
  useServerAndBrowser,
} from './helpers.js';

for (const engine of ENGINES)
  describe(`${engine}: demo page: enrollment flows`, ENGINE_SUITE, () => {
    const demo = useServerAndBrowser(engine);

    test('the full default flow: QR secret, TOTP, SMS backup from the outbox, emergency code, done; /status has totp and sms', async () => {
      const page = await openDemo(demo.engine, demo);
      try {
        await panelShows(page, 'Two-factor authentication is off.');
        const secret = await startToQr(page);
        // What an authenticator app gets from the camera: the same secret, issuer and account.
        const uri = new URL((await scanQr(page)).replace(/^otpauth:/, 'http:'));
        assert.equal(uri.pathname, '/Example%20Account:jane%40example.com');
        assert.deepEqual(Object.fromEntries(uri.searchParams), { secret, issuer: 'Example Account', algorithm: 'SHA1', digits: '6', period: '30' });
        await confirmCode(page, secret);

        await expectHeading(page, 'Add a phone number for backup');
        await page.getByRole('textbox', { name: 'Mobile number' }).fill('+47 912 34 567');
        await page.getByRole('button', { name: 'Send code' }).click();
        await expectHeading(page, 'Enter the code from the text message');
        await page.getByText('We sent a 6-digit code to +47 ••• •• 567.').waitFor();
        await codeInput(page).fill(await smsFromOutbox(page));

        await expectHeading(page, 'Save your emergency code');
        const code = await page.locator('twofa-step-emergency [part="codes"] li').textContent();
        assert.match(code ?? '', /^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}$/);
        const next = page.getByRole('button', { name: 'Continue' });
        assert.equal(await next.isDisabled(), true, 'Continue waits for the checkbox');
        await page.getByRole('checkbox', { name: 'I have safely copied and stored this code' }).check();
        await next.click();

        await expectHeading(page, 'Two-factor authentication is on');
        await page.getByText('Text message (SMS) backup to +47 ••• •• 567').waitFor();
        const status = await apiStatus(page);
        assert.deepEqual(status.methods, ['totp', 'sms']);
        assert.equal(status.enabled, true);
        assert.equal(status.recoveryCodes, 1);

        // Back in the panel: the factors as the server has them.
        await page.getByRole('button', { name: 'Done' }).click();
        await panelShows(page, 'Two-factor authentication is on.', '+47 ••• •• 567', '1 code left');
        await page.getByRole('button', { name: 'Replace authenticator app' }).waitFor();
        assert.deepEqual(await problems(page), []);
      } finally {
        await page.close();
      }
    });

    test('skip the SMS backup: only the authenticator is turned on', async () => {
      const page = await openDemo(demo.engine, demo);
      try {
        await confirmCode(page, await startToQr(page));
        await expectHeading(page, 'Add a phone number for backup');
        await page.getByRole('button', { name: 'Skip for now' }).click();
        await expectHeading(page, 'Save your emergency code');
        await page.getByRole('checkbox', { name: 'I have safely copied and stored this code' }).check();
        await page.getByRole('button', { name: 'Continue' }).click();
        await expectHeading(page, 'Two-factor authentication is on');
        await page.getByRole('button', { name: 'Done' }).click();
        await panelShows(page, 'Two-factor authentication is on.');
        await page.getByRole('button', { name: 'Add phone number' }).waitFor();
        assert.deepEqual((await apiStatus(page)).methods, ['totp']);
        assert.equal(await page.getByRole('region', { name: 'Outbox (demo)' }).getByRole('listitem').count(), 0);
        assert.deepEqual(await problems(page), []);
      } finally {
        await page.close();
      }
    });

    test('back from the code to the QR step keeps the same secret, which still works', async () => {
      const page = await openDemo(demo.engine, demo);
      try {
        const secret = await startToQr(page);
        await page.getByRole('button', { name: 'Next: enter the code' }).click();
        await expectHeading(page, 'Enter the code from your app');
        await page.getByRole('button', { name: 'Back' }).click();
        await expectHeading(page, 'Scan the QR code');
        assert.equal(await readSecret(page), secret);
        await confirmCode(page, secret);
        await expectHeading(page, 'Add a phone number for backup');
      } finally {
        await page.close();
      }
    });

    test('cancel: the wizard closes, the server discards the enrollment, nothing is turned on', async () => {
      const page = await openDemo(demo.engine, demo);
      try {
        const secret = await startToQr(page);
        const discarded = page.waitForResponse((r) => r.method === 'DELETE');
        await page.getByRole('button', { name: 'Cancel' }).click();
        assert.equal((await discarded).status, 204);
        await page.getByRole('button', { name: 'Set up two-factor authentication' }).waitFor();
        assert.equal(await page.locator('twofa-enroll').count(), 0);

        // The discarded enrollment takes no codes any more.
        const [id] = page.responses.filter((r) => r.method === 'POST' && r.path === '/api/2fa/enrollment').map((r) => r.json().id);
        const answer = await page.evaluate(
          async ({ id, code }) => {
            const { csrfToken } = await (await fetch('/api/2fa/session')).json();
            const response = await fetch(`/api/2fa/enrollment/${id}/totp`, {
              method: 'POST',
              headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken },
              body: JSON.stringify({ code }),
            });
            return { status: response.status, body: await response.json() };
          },
          { id, code: totp(secret) },
        );
        assert.deepEqual(answer, { status: 404, body: { error: 'not_found' } });
        assert.deepEqual((await apiStatus(page)).methods, []);
      } finally {
        await page.close();
      }
    });

    test('a reset link: with two-factor on, the panel opens the replacement with the link as proof; the old secret is replaced', async () => {
      const page = await openDemo(demo.engine, demo);
      try {
        const oldSecret = await startToQr(page);
        await confirmCode(page, oldSecret);
        await page.getByRole('button', { name: 'Skip for now' }).click();
        await page.getByRole('checkbox', { name: 'I have safely copied and stored this code' }).check();
        await page.getByRole('button', { name: 'Continue' }).click();
        await expectHeading(page, 'Two-factor authentication is on');
        await page.getByRole('button', { name: 'Done' }).click();

        // The page was opened from the e-mailed link: no code is asked for.
        const newSecret = await startToQr(page, { button: 'Lost your authenticator app? E-mail me a reset link', heading: 'Set up a new authenticator' });
        assert.notEqual(newSecret, oldSecret);
        assert.equal(await page.locator('twofa-enroll').getAttribute('mode'), 'reset');
        await confirmCode(page, newSecret);
        // A reset revokes the old codes: new ones come with the new app.
        await expectHeading(page, 'Save your emergency code');
        await page.getByRole('checkbox', { name: 'I have safely copied and stored this code' }).check();
        await page.getByRole('button', { name: 'Continue' }).click();
        await expectHeading(page, 'Your new authenticator is set up');
        await eventually(async () => assert.deepEqual((await apiStatus(page)).methods, ['totp']));
        assert.equal((await apiStatus(page)).recoveryCodes, 1);
      } finally {
        await page.close();
      }
    });

    test('reset without the reset link: the server asks for proof, the emergency code gives it; the user is told, and the old code is revoked', async () => {
      const page = await openDemo(demo.engine, demo);
      try {
        const oldSecret = await startToQr(page);
        await confirmCode(page, oldSecret);
        await page.getByRole('button', { name: 'Skip for now' }).click();
        const emergency = ((await page.locator('twofa-step-emergency [part="codes"] li').textContent()) ?? '').trim();
        await page.getByRole('checkbox', { name: 'I have safely copied and stored this code' }).check();
        await page.getByRole('button', { name: 'Continue' }).click();
        await expectHeading(page, 'Two-factor authentication is on');
        await page.getByRole('button', { name: 'Done' }).click();

        await page.getByRole('button', { name: 'Replace authenticator app' }).click();
        await expectHeading(page, 'Set up a new authenticator');
        await page.getByRole('button', { name: 'Start' }).click();
        await expectHeading(page, 'Confirm with a code you have');
        const field = page.getByRole('textbox', { name: 'Recovery code or code from the app' });
        await field.fill('AAAA-BBBB-CCCC');
        await page.getByRole('button', { name: 'Continue' }).click();
        await page.getByText("That didn't work", { exact: false }).waitFor();
        assert.equal(await field.inputValue(), 'AAAA-BBBB-CCCC', 'what was typed is kept');
        await field.fill(emergency.toLowerCase());
        await page.getByRole('button', { name: 'Continue' }).click();
        await expectHeading(page, 'Scan the QR code with your new authenticator');
        const newSecret = await readSecret(page);
        await confirmCode(page, newSecret);
        await page.getByRole('checkbox', { name: 'I have safely copied and stored this code' }).check();
        await page.getByRole('button', { name: 'Continue' }).click();
        await expectHeading(page, 'Your new authenticator is set up');
        // The user is told (the notice e-mail is in the demo's outbox).
        await page.getByText('Your authenticator app was replaced', { exact: false }).waitFor();

        // The old emergency code was revoked by the reset: it proves nothing any more.
        await page.getByRole('button', { name: 'Done' }).click();
        await page.getByRole('button', { name: 'Replace authenticator app' }).click();
        await page.getByRole('button', { name: 'Start' }).click();
        await expectHeading(page, 'Confirm with a code you have');
        await page.getByRole('textbox', { name: 'Recovery code or code from the app' }).fill(emergency);
        await page.getByRole('button', { name: 'Continue' }).click();
        await page.getByText("That didn't work", { exact: false }).waitFor();
        assert.deepEqual(await problems(page), []);
      } finally {
        await page.close();
      }
    });

    test('require password: a wrong password is refused, the demo password opens the wizard', async () => {
      const page = await openDemo(demo.engine, demo);
      try {
        await page.getByRole('checkbox', { name: /Ask for my password first/ }).check();
        await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
        await expectHeading(page, 'Confirm it is you');
        const password = page.getByLabel('Password', { exact: true });
        await password.fill('wrong');
        await page.getByRole('button', { name: 'Continue' }).click();
        await page.getByText('The password is not correct. Try again.').waitFor();
        await password.fill('demo');
        await page.getByRole('button', { name: 'Continue' }).click();
        await expectHeading(page, 'Set up two-factor authentication');
        await page.getByRole('button', { name: 'Start' }).click();
        await expectHeading(page, 'Scan the QR code');
        await readSecret(page);
      } finally {
        await page.close();
      }
    });
  });
