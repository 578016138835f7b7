/**
 * The server goes away mid-flow (its port is closed, every connection dropped) and comes back on
 * the same port with its state: the wizard shows a clear, translated error, keeps what was typed,
 * and the same action works once the server is back. In every engine; the browser reaches the
 * server through the test proxy, which drops each connection while the server is down, as the
 * closed port does.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { codeInput, ENGINE_SUITE, ENGINES, expectHeading, openDemo, smsFromOutbox, startToQr, totp, useServerAndBrowser } from './helpers.js';

const NETWORK_ERROR = "We couldn't reach the server. Check your connection and try again.";

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
  describe(`${engine}: demo page: the server goes away mid-flow`, ENGINE_SUITE, () => {
    const demo = useServerAndBrowser(engine);

    test('confirm and SMS steps: an error in the page language, the input kept, the retry works when the server is back', async () => {
      const page = await openDemo(demo.engine, demo);
      try {
        const secret = await startToQr(page);
        await page.getByRole('button', { name: 'Next: enter the code' }).click();
        await expectHeading(page, 'Enter the code from your app');

        // The code step: the server stops, the code is typed (and sent by itself).
        await demo.server.stop();
        const failed = page.waitForRequestFailed();
        await codeInput(page).fill(totp(secret));
        await failed;
        await page.getByText(NETWORK_ERROR).waitFor();
        const typed = await codeInput(page).inputValue();
        assert.match(typed, /^\d{6}$/, 'the typed code is kept');
        await expectHeading(page, 'Enter the code from your app');

        await demo.server.listen();
        await page.getByRole('button', { name: 'Verify' }).click();
        await expectHeading(page, 'Add a phone number for backup');

        // The phone step, for a Norwegian user: the server stops again, the number is sent.
        await page.getByLabel('Language').selectOption('nb');
        await expectHeading(page, await norwegian('twofa-sms-heading'));
        await demo.server.stop();
        const phone = page.getByRole('textbox', { name: await norwegian('twofa-sms-number') });
        await phone.fill('912 34 567');
        await page.getByRole('button', { name: await norwegian('twofa-sms-send') }).click();
        await page.getByText(await norwegian('twofa-error-network')).waitFor();
        assert.equal((await phone.inputValue()).replace(/\s/g, ''), '91234567', 'the typed number is kept');
        await expectHeading(page, await norwegian('twofa-sms-heading'));

        await demo.server.listen();
        await page.getByRole('button', { name: await norwegian('twofa-sms-send') }).click();
        await expectHeading(page, await norwegian('twofa-sms-code-heading'));
        // "6-sifret kode": the code field's name in Norwegian.
        await page.getByRole('textbox', { name: /^6-/ }).fill(await smsFromOutbox(page));
        await expectHeading(page, await norwegian('twofa-emergency-heading-one'));
      } finally {
        await page.close();
        if (!demo.server.listening) await demo.server.listen();
      }
    });
  });
