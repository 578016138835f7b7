/**
 * `<twofa-manage>` on the demo page against the reference backend, set to ask for the password for
 * every change (`requirePassword`): after enrolling, each change to the factors goes through step-up
 * (the password, then a code the user holds), and the panel lists what the server then has.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  apiStatus,
  confirmCode,
  ENGINE_SUITE,
  ENGINES,
  eventually,
  expectHeading,
  newPage,
  openDemo,
  panelShows,
  problems,
  readSecret,
  startSite,
  totp,
} from './helpers.js';
import { launchEngine } from './driver/page.js';

/** @typedef {import('./driver/page.js').Page} Page */

/**
 * Answers the panel's step-up: the password (the demo's), then the code.
 * @param {Page} page @param {string} code
 */
async function stepUp(page, code) {
  await expectHeading(page, 'Confirm it is you');
  await page.getByLabel('Password', { exact: true }).fill('demo');
  await page.getByRole('button', { name: 'Continue' }).click();
  const field = page.getByRole('textbox', { name: 'Recovery code or code from the app' });
  await field.waitFor();
  await field.fill(code);
  await page.getByRole('button', { name: 'Continue' }).click();
}

/**
 * Ticks that the one code shown is stored, goes on, and returns it.
 * @param {Page} page
 */
async function saveEmergencyCode(page) {
  await expectHeading(page, 'Save your emergency code');
  const code = ((await page.locator('twofa-step-emergency [part="codes"] li').textContent()) ?? '').trim();
  await page.getByRole('checkbox', { name: 'I have safely copied and stored this code' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  return code;
}

/**
 * The code of the newest text message to `to` in the demo's outbox.
 * @param {Page} page @param {string | RegExp} to
 */
async function smsTo(page, to) {
  const item = page.getByRole('region', { name: 'Outbox (demo)' }).getByRole('listitem').filter({ hasText: to }).first();
  await item.waitFor();
  const code = /(?<!\d)(\d{6})(?!\d)/.exec((await item.textContent()) ?? '')?.[1];
  assert.ok(code, 'a code in the message');
  return code;
}

/**
 * Enrolls in the standard flow without a phone: the app's secret and the emergency code.
 * @param {Page} page @param {boolean} [passkeyOffered]
 */
async function enroll(page, passkeyOffered = false) {
  // The server asks for the password for every change, the first setup included.
  await page.getByRole('checkbox', { name: /Ask for my password first/ }).check();
  await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
  await expectHeading(page, 'Confirm it is you');
  await page.getByLabel('Password', { exact: true }).fill('demo');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expectHeading(page, 'Set up two-factor authentication');
  await page.getByRole('button', { name: 'Start' }).click();
  await expectHeading(page, 'Scan the QR code');
  const secret = await readSecret(page);
  const confirmedAt = Date.now();
  await confirmCode(page, secret);
  // "Add a passkey too" on a device that keeps passkeys (the virtual authenticator), then the SMS backup.
  if (passkeyOffered) await page.getByRole('button', { name: 'Not now' }).click();
  await page.getByRole('button', { name: 'Skip for now' }).click();
  const emergency = await saveEmergencyCode(page);
  await expectHeading(page, 'Two-factor authentication is on');
  await page.getByRole('button', { name: 'Done' }).click();
  await panelShows(page, 'Two-factor authentication is on.');
  return { secret, emergency, confirmedAt };
}

/**
 * A code of the app that was not used yet: the current one once its period is past the one used at
 * `usedAt`, else the next (the server takes one period of drift). A code used once is refused again.
 * @param {string} secret @param {number} usedAt
 */
const freshCode = (secret, usedAt) => {
  const now = Date.now();
  return totp(secret, { time: Math.floor(now / 30_000) > Math.floor(usedAt / 30_000) ? now : now + 30_000 });
};

for (const engine of ENGINES)
  describe(`${engine}: demo page: managing the factors`, ENGINE_SUITE, () => {
    const demo = /** @type {import('./helpers.js').Site & { engine: import('./driver/page.js').Engine }} */ ({});
    before(async () => {
      const [site, browser] = await Promise.all([startSite({ requirePassword: true }), launchEngine(engine)]);
      Object.assign(demo, site, { engine: browser });
    });
    after(async () => {
      await demo.engine?.close();
      await demo.close?.();
    });

    test('enroll, then new recovery codes, a new phone, a new app and two-factor off: each through step-up', async () => {
      const page = await openDemo(demo.engine, demo);
      try {
        const { secret, emergency, confirmedAt } = await enroll(page);
        await panelShows(page, '1 code left', 'Few recovery codes are left.');

        // New recovery codes: confirmed, then the password and the emergency code; the old code is revoked.
        await page.getByRole('button', { name: 'Create new recovery codes' }).click();
        await expectHeading(page, 'Create new recovery codes?');
        await page.getByRole('button', { name: 'Create new codes' }).click();
        await expectHeading(page, 'Confirm it is you');
        await page.getByLabel('Password', { exact: true }).fill('wrong');
        await page.getByRole('button', { name: 'Continue' }).click();
        await page.getByText('The password is not correct. Try again.').waitFor();
        await stepUp(page, emergency);
        const renewed = await saveEmergencyCode(page);
        assert.notEqual(renewed, emergency);
        await panelShows(page, 'Your new recovery codes are saved. The old ones no longer work.', '1 code left');

        // A phone: the wizard's SMS steps in the panel, after step-up.
        await page.getByRole('button', { name: 'Add phone number' }).click();
        await stepUp(page, renewed);
        await expectHeading(page, 'Add a phone number for backup');
        await page.getByRole('textbox', { name: 'Mobile number' }).fill('+46 70 123 45 67');
        await page.getByRole('button', { name: 'Send code' }).click();
        await expectHeading(page, 'Enter the code from the text message');
        await page.getByRole('textbox', { name: '6-digit code' }).fill(await smsTo(page, /^Text message to \+46/));
        await expectHeading(page, 'Two-factor authentication is on');
        await page.getByRole('button', { name: 'Done' }).click();
        await panelShows(page, '+46', '0 codes left', 'You have no recovery codes left.');
        // Once, in WebKit under load, this read got a 401 right after the change; the cause is not pinned down
        // (the session cookie is renewed with each password: a likely race). Read again until it answers.
        await eventually(async () => assert.deepEqual((await apiStatus(page)).methods, ['totp', 'sms']));

        // A new app: the wizard's own reset, which asks for the password and a code itself; new codes with it.
        await page.getByRole('button', { name: 'Replace authenticator app' }).click();
        await expectHeading(page, 'Confirm it is you');
        await page.getByLabel('Password', { exact: true }).fill('demo');
        await page.getByRole('button', { name: 'Continue' }).click();
        // The password starts the replacement, and the server wants proof for it (then the password again:
        // this server wants it with every start, and the wizard sends it along with the code).
        await expectHeading(page, 'Confirm with a code you have');
        await page.getByRole('textbox', { name: 'Recovery code or code from the app' }).fill(freshCode(secret, confirmedAt));
        await page.getByRole('button', { name: 'Continue' }).click();
        await expectHeading(page, 'Scan the QR code with your new authenticator');
        const newSecret = await readSecret(page);
        assert.notEqual(newSecret, secret);
        await confirmCode(page, newSecret);
        const afterReset = await saveEmergencyCode(page);
        await expectHeading(page, 'Your new authenticator is set up');
        await page.getByRole('button', { name: 'Done' }).click();
        await panelShows(page, '1 code left', '+46');

        // Off: what is lost is said first; then the password and a code.
        await page.getByRole('button', { name: 'Turn off two-factor authentication' }).click();
        await expectHeading(page, 'Turn off two-factor authentication?');
        await page.getByText('Signing in will then need only your password.', { exact: false }).waitFor();
        await page.getByRole('button', { name: 'Turn off', exact: true }).click();
        await stepUp(page, afterReset);
        await panelShows(page, 'Two-factor authentication is off.', 'Two-factor authentication is turned off.');
        const status = await apiStatus(page);
        assert.equal(status.enabled, false);
        assert.equal(status.recoveryCodes, 0);
        assert.deepEqual(await problems(page), []);
      } finally {
        await page.close();
      }
    });

    test('the panel speaks the page’s language: nb and sv', async () => {
      const page = await openDemo(demo.engine, demo);
      try {
        await enroll(page);
        await page.getByLabel('Language').selectOption('nb');
        await panelShows(page, 'Tofaktorautentisering er slått på.');
        await page.getByRole('button', { name: 'Opprett nye reservekoder' }).waitFor();
        await page.getByLabel('Språk').selectOption('sv');
        await panelShows(page, 'Tvåfaktorsautentisering är aktiverad.');
        await page.getByRole('button', { name: 'Inaktivera tvåfaktorsautentisering' }).waitFor();
        assert.deepEqual(await problems(page), []);
      } finally {
        await page.close();
      }
    });

    if (engine === 'chromium')
      test('a passkey added in the panel (virtual authenticator), renamed, and removed through step-up', async () => {
        const page = await newPage(demo.engine, demo);
        try {
          const authenticator = await page.addVirtualAuthenticator({ transport: 'internal' });
          // An IP address cannot be a passkey's RP ID: the page on localhost.
          await page.goto(page.url('/').replace('127.0.0.1', 'localhost'));
          await panelShows(page, 'Two-factor authentication is off.');
          const { secret, emergency, confirmedAt } = await enroll(page, true);

          await page.getByRole('button', { name: 'Add a passkey' }).click();
          await stepUp(page, freshCode(secret, confirmedAt));
          await expectHeading(page, 'Create a passkey');
          await page.getByRole('button', { name: 'Create a passkey' }).click();
          await expectHeading(page, 'Name your passkey');
          const name = page.getByRole('textbox', { name: 'Passkey name' });
          // No name for the virtual authenticator's AAGUID here: the suggestion comes from the platform.
          assert.match(await name.evaluate((input) => /** @type {HTMLInputElement} */ (input).value), /^Passkey on /);
          await name.fill('Work laptop');
          await page.getByRole('button', { name: 'Save passkey' }).click();
          await expectHeading(page, 'Two-factor authentication is on');
          await page.getByRole('button', { name: 'Done' }).click();
          await panelShows(page, 'Work laptop', 'not used yet');
          assert.equal((await authenticator.credentials()).length, 1);

          // Renaming is a label: no step-up.
          await page.getByRole('button', { name: 'Rename Work laptop' }).click();
          await expectHeading(page, 'Rename passkey');
          await page.getByRole('textbox', { name: 'Name' }).fill('Home desktop');
          await page.getByRole('button', { name: 'Save' }).click();
          await panelShows(page, 'The passkey has been renamed.', 'Home desktop');

          await page.getByRole('button', { name: 'Remove Home desktop' }).click();
          await expectHeading(page, 'Remove the passkey “Home desktop”?');
          await page.getByRole('button', { name: 'Remove', exact: true }).click();
          await stepUp(page, emergency);
          await panelShows(page, 'Removed: Home desktop.');
          const status = await apiStatus(page);
          assert.deepEqual(status.methods, ['totp']);
          assert.deepEqual(status.passkeys, []);
          assert.deepEqual(await problems(page), []);
        } finally {
          await page.close();
        }
      });
  });
