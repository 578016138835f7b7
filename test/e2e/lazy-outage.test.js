/**
 * The server goes away at the very moment the page loads one of the two parts that load on demand
 * (the QR encoder, a translation), and comes back. Everything a step needs arrives with the page
 * (ARCHITECTURE.md, "Outages"), so these are the only such moments. The user is never stuck: the
 * QR step says so and keeps the key as the way on, Try again draws the code; the wizard stays in
 * English until the language can be loaded. Firefox keeps a failed `import()` failed for the life
 * of the page, so there the retry cannot succeed and the test checks the way on instead.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { codeInput, ENGINE_SUITE, ENGINES, expectHeading, openDemo, readSecret, scanQr, totp, useServerAndBrowser } from './helpers.js';

const QR_LOAD_FAILED = "The QR code couldn't be loaded. Check your connection and try again.";

/** The Norwegian translation of a message, from what translators edit (locales/nb.xlf). */
async function norwegian(id) {
  const xliff = await readFile(new URL('../../locales/nb.xlf', import.meta.url), 'utf8');
  const unit = new RegExp(`<trans-unit id="${id}">[\\s\\S]*?<target>([\\s\\S]*?)</target>`).exec(xliff);
  assert.ok(unit, `no Norwegian translation of ${id}`);
  return unit[1]
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

for (const engine of ENGINES)
  describe(`${engine}: demo page: the server goes away as a part loads on demand`, ENGINE_SUITE, () => {
    const demo = useServerAndBrowser(engine);
    const importFailuresAreFinal = engine === 'firefox';

    test('the QR encoder: the step says so, the key is the way on, Try again draws the code', async () => {
      const page = await openDemo(demo.engine, demo);
      try {
        await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
        await expectHeading(page, 'Set up two-factor authentication');
        const stopped = demo.server.stopAtRequest(/qrcode/);
        await page.getByRole('button', { name: 'Start' }).click();
        await expectHeading(page, 'Scan the QR code');
        await stopped;
        await page.getByRole('alert').filter({ hasText: QR_LOAD_FAILED }).waitFor();

        await demo.server.listen();
        await page.getByRole('button', { name: 'Try again' }).click();
        if (importFailuresAreFinal) {
          await page.getByRole('alert').filter({ hasText: QR_LOAD_FAILED }).waitFor();
        } else {
          assert.match(await scanQr(page), /^otpauth:\/\/totp\/[^?]+:jane%40example\.com\?/, 'the code drawn after Try again scans');
        }

        // Either way: the key under "Can't scan the image?" finishes the step.
        const secret = importFailuresAreFinal ? await keyWithoutQr(page) : await readSecret(page);
        await page.getByRole('button', { name: 'Next: enter the code' }).click();
        await expectHeading(page, 'Enter the code from your app');
        await codeInput(page).fill(totp(secret));
        await expectHeading(page, 'Add a phone number for backup');
      } finally {
        await page.close();
        if (!demo.server.listening) await demo.server.listen();
      }
    });

    test('the translations: the wizard stays usable in English, and turns Norwegian once the language can be loaded', async () => {
      const page = await openDemo(demo.engine, demo);
      try {
        await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
        await expectHeading(page, 'Set up two-factor authentication');
        const stopped = demo.server.stopAtRequest(/\/generated\/locales\/nb/);
        await page.getByLabel('Language').selectOption('nb');
        await stopped;
        await demo.server.listen();
        // The step stays, in English, and works. (Once the server is back, any element may load the
        // language again, and the step may turn Norwegian before the click: either way it works.)
        await expectHeading(page, new RegExp(`^(Set up two-factor authentication|${await norwegian('twofa-info-heading')})$`));
        await page.getByRole('button', { name: new RegExp(`^(Start|${await norwegian('twofa-info-start')})$`) }).click();
        // The next step loads the language again (Firefox may keep the failed import failed: English then).
        const norwegianQr = await norwegian('twofa-qr-heading');
        await expectHeading(page, importFailuresAreFinal ? new RegExp(`^(Scan the QR code|${norwegianQr})`) : norwegianQr);
      } finally {
        await page.close();
        if (!demo.server.listening) await demo.server.listen();
      }
    });
  });

/**
 * The key as shown under "Can't scan the image?", when no QR code could be drawn.
 * @param {import('./driver/page.js').Page} page
 */
async function keyWithoutQr(page) {
  await page.getByText("Can't scan the image?").click();
  const shown = await page.locator('twofa-step-qr [part="secret"]').textContent();
  const secret = (shown ?? '').replace(/\s+/g, '');
  assert.match(secret, /^[A-Z2-7]{32}$/, `the secret shown: ${shown}`);
  return secret;
}
