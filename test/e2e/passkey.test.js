/**
 * Passkeys on the demo page against the reference backend. In Chromium a virtual platform
 * authenticator (CDP WebAuthn) plays Touch ID or Windows Hello: the method choice offers "Passkey
 * (recommended)", the passkey is made, named, saved and listed. Firefox and WebKit cannot host a
 * virtual authenticator for a test (BiDi and WebKitWebDriver have none), so in every engine the
 * tests also take WebAuthn away from the page: no passkey is offered, and the passkey flow says so.
 * A passkey belongs to a domain (its RP ID), never to an IP address: the passkey pages open on
 * `localhost`, the proxy's address by name.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiStatus, ENGINE_SUITE, ENGINES, expectHeading, newPage, openFlow, panelShows, problems, useServerAndBrowser } from './helpers.js';

/** Ticks the saved recovery codes and goes on. @param {import('./driver/page.js').Page} page */
async function saveCodes(page) {
  await expectHeading(page, 'Save your recovery codes');
  await page.getByRole('checkbox', { name: 'I have saved the recovery codes' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
}

for (const engine of ENGINES)
  describe(`${engine}: demo page: passkeys`, ENGINE_SUITE, () => {
    const demo = useServerAndBrowser(engine);

    test('a browser without WebAuthn: no passkey among the methods, and the passkey flow says so and what to do instead', async () => {
      const page = await newPage(demo.engine, demo);
      try {
        await page.addInitScript(() => {
          // As in a browser that has no WebAuthn at all.
          delete (/** @type {any} */ (window).PublicKeyCredential);
        });
        const settings = page.url('/').replace('127.0.0.1', 'localhost');
        const off = page.locator('twofa-manage').getByText('Two-factor authentication is off.').first();
        await page.goto(settings);
        await off.waitFor();
        await openFlow(page, 'method-choice');
        await expectHeading(page, 'How do you want to get your codes?');
        assert.equal(await page.getByRole('radio', { name: /^Passkey/ }).count(), 0, 'no passkey offered');
        await page.getByRole('radio', { name: /^Authenticator app/ }).waitFor();

        await page.goto(settings);
        await off.waitFor();
        await openFlow(page, 'passkey');
        await expectHeading(page, 'Create a passkey');
        await page.getByText("This browser can't create passkeys.", { exact: false }).waitFor();
        assert.equal(await page.getByRole('button', { name: 'Create a passkey' }).count(), 0, 'nothing to press that cannot work');
        assert.deepEqual((await apiStatus(page)).methods, []);
        assert.deepEqual(await problems(page), []);
      } finally {
        await page.close();
      }
    });

    if (engine === 'chromium')
      test('method choice, passkey: made by the platform authenticator, named from its AAGUID, renamed, saved; /status and the page list it', async () => {
        const page = await newPage(demo.engine, demo);
        try {
          const authenticator = await page.addVirtualAuthenticator({ transport: 'internal' });
          await page.goto(page.url('/').replace('127.0.0.1', 'localhost'));
          await panelShows(page, 'Two-factor authentication is off.');
          await openFlow(page, 'method-choice');
          await expectHeading(page, 'How do you want to get your codes?');
          await page.getByRole('radio', { name: 'Passkey (recommended)' }).check();
          await page.getByRole('button', { name: 'Continue' }).click();
          await saveCodes(page);
          await expectHeading(page, 'Create a passkey');
          // Chromium's virtual authenticator is no product the kit names: the page names it, as a site
          // names the security keys it hands out.
          await page.evaluate(() => {
            /** @type {any} */ (customElements.get('twofa-step-passkey')).authenticatorNames = { '01020304-0506-0708-0102-030405060708': 'Test lab key' };
          });
          await page.getByRole('button', { name: 'Create a passkey' }).click();
          await expectHeading(page, 'Name your passkey');
          const name = page.getByRole('textbox', { name: 'Passkey name' });
          // The name from the AAGUID in the attestation that Chromium made, which the user then changes.
          assert.equal(await name.evaluate((input) => /** @type {HTMLInputElement} */ (input).value), 'Test lab key');
          await name.fill('Work laptop');
          await page.getByRole('button', { name: 'Save passkey' }).click();
          await expectHeading(page, 'Two-factor authentication is on');

          const status = await apiStatus(page);
          assert.deepEqual(status.methods, ['passkey']);
          assert.deepEqual(
            status.passkeys.map((/** @type {{ name: string }} */ key) => key.name),
            ['Work laptop'],
          );
          assert.equal(status.recoveryCodes, 10);
          const [credential, ...more] = await authenticator.credentials();
          assert.equal(more.length, 0);
          assert.equal(status.passkeys[0].id, Buffer.from(credential.credentialId, 'base64').toString('base64url'), 'the key the authenticator holds');

          await page.getByRole('button', { name: 'Done' }).click();
          await panelShows(page, 'Two-factor authentication is on.', 'Work laptop');
          await page.getByRole('button', { name: 'Rename Work laptop' }).waitFor();
          assert.deepEqual(await problems(page), []);
        } finally {
          await page.close();
        }
      });
  });
