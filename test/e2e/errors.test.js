/**
 * The demo page against the reference backend, in every engine: a wrong code, a replayed code, the
 * lockout countdown and an expired enrollment (the backend started with a short lockout and a
 * short expiry, so nothing waits for minutes).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchEngine } from './driver/page.js';
import { codeInput, confirmCode, ENGINE_SUITE, ENGINES, eventually, expectHeading, openDemo, readSecret, startSite, startToQr, totp } from './helpers.js';

const LOCKOUT_SECONDS = 3;
const EXPIRY_MS = 4000;

/** Six digits that are no code of the window (±2 steps), so always wrong. */
function wrongCode(secret) {
  const near = new Set([-2, -1, 0, 1, 2].map((steps) => totp(secret, { time: Date.now() + steps * 30_000 })));
  for (let n = 0; ; n++) {
    const candidate = String((123456 + n * 111111) % 1000000).padStart(6, '0');
    if (!near.has(candidate)) return candidate;
  }
}

for (const engine of ENGINES)
  describe(`${engine}: demo page: wrong codes, replay, lockout, expiry`, ENGINE_SUITE, () => {
    /** @type {import('./helpers.js').Site} */
    let site;
    /** @type {import('./helpers.js').Site} */
    let shortLived;
    /** @type {import('./helpers.js').Engine} */
    let browser;
    before(async () => {
      [site, shortLived, browser] = await Promise.all([startSite({ lockout: LOCKOUT_SECONDS }), startSite({ expiresIn: EXPIRY_MS }), launchEngine(engine)]);
    });
    after(async () => {
      await browser?.close();
      await Promise.all([site?.close(), shortLived?.close()]);
    });

    test('a wrong code: the error with attempts left, the field emptied for the next try; the right code then works', async () => {
      const page = await openDemo(browser, site);
      try {
        const secret = await startToQr(page);
        await page.getByRole('button', { name: 'Next: enter the code' }).click();
        await codeInput(page).fill(wrongCode(secret));
        await page.getByText("That code didn't work. Check the code and try again. 4 attempts left.").waitFor();
        assert.equal(await codeInput(page).inputValue(), '');
        assert.equal(
          await codeInput(page).evaluate((input) => input === /** @type {ShadowRoot} */ (input.getRootNode()).activeElement),
          true,
          'focus is back in the field',
        );
        await codeInput(page).fill(totp(secret));
        await expectHeading(page, 'Add a phone number for backup');
      } finally {
        await page.close();
      }
    });

    test('a replayed code: the server took it but the answer was lost; sending it again is refused, a fresh code works', async () => {
      const page = await openDemo(browser, site);
      try {
        const secret = await startToQr(page);
        let lost = false;
        page.route(
          (request) => request.method === 'POST' && /^\/api\/2fa\/enrollment\/[^/]+\/totp$/.test(request.path),
          async (route) => {
            if (lost) return route.continue();
            lost = true;
            const answer = await route.fetch(); // the server accepts the code…
            assert.equal(answer.status, 204);
            route.abort(); // …and the answer never arrives
          },
        );
        await confirmCode(page, secret);
        await page.getByText("We couldn't reach the server. Check your connection and try again.").waitFor();
        const typed = await codeInput(page).inputValue();
        assert.match(typed, /^\d{6}$/, 'the code is still in the field');

        await page.getByRole('button', { name: 'Verify' }).click();
        await page.getByText("That code didn't work. Check the code and try again. 4 attempts left.").waitFor();
        // The next code of the app (it changes every 30 s) is new to the server.
        await codeInput(page).fill(totp(secret, { time: Date.now() + 30_000 }));
        await expectHeading(page, 'Add a phone number for backup');
      } finally {
        await page.close();
      }
    });

    test('five wrong codes: a countdown with the field disabled, then the right code works', async () => {
      const page = await openDemo(browser, site);
      try {
        const secret = await startToQr(page);
        await page.getByRole('button', { name: 'Next: enter the code' }).click();
        for (let left = 4; left >= 1; left--) {
          await codeInput(page).fill(wrongCode(secret));
          await page.getByText(left === 1 ? '1 attempt left.' : `${left} attempts left.`, { exact: false }).waitFor();
          await page.waitForFunction(
            () =>
              document
                .querySelector('twofa-manage')
                ?.shadowRoot?.querySelector('twofa-enroll')
                ?.shadowRoot?.querySelector('twofa-step-confirm')
                ?.getAttribute('busy') === null,
          );
        }
        await codeInput(page).fill(wrongCode(secret));
        await page
          .getByText(new RegExp(`^Too many attempts\\. Try again in 0:0[1-${LOCKOUT_SECONDS}]\\.$`))
          .first()
          .waitFor();
        assert.equal(await codeInput(page).isDisabled(), true, 'the field is disabled during the countdown');

        await page
          .getByText('Too many attempts. You can try again now.')
          .first()
          .waitFor({ timeout: (LOCKOUT_SECONDS + 5) * 1000 });
        // The field is enabled again.
        await eventually(async () => assert.equal(await codeInput(page).isDisabled(), false, 'the field is enabled after the countdown'));
        await codeInput(page).fill(totp(secret));
        await expectHeading(page, 'Add a phone number for backup');
      } finally {
        await page.close();
      }
    });

    test('an expired enrollment: the wizard says so at expiresAt, and when the server answers 410; Start again gives a new QR code', async () => {
      const page = await openDemo(browser, shortLived);
      try {
        // The first secret from the server's answer: the QR step may already have expired when drawn.
        const created = page.waitForResponse((r) => r.method === 'POST' && r.path === '/api/2fa/enrollment');
        await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
        await page.getByRole('button', { name: 'Start' }).click();
        const first = (await created).json().secret;
        await expectHeading(page, 'This setup has expired');
        await page.getByText('For your security, setup must be finished within a few minutes. Start again to get a new code.').waitFor();
        await page.getByRole('button', { name: 'Start again' }).click();
        await expectHeading(page, 'Set up two-factor authentication');

        // Now the page does not learn expiresAt, so only the server's 410 can tell the wizard.
        let expiresAt = 0;
        page.route(
          (request) => request.method === 'POST' && request.path === '/api/2fa/enrollment',
          async (route) => {
            const response = await route.fetch();
            const body = JSON.parse(response.body.toString('utf8'));
            expiresAt = body.expiresAt;
            delete body.expiresAt;
            route.fulfill({ ...response, json: body });
          },
        );
        await page.getByRole('button', { name: 'Start' }).click();
        await expectHeading(page, 'Scan the QR code');
        const second = await readSecret(page);
        assert.notEqual(second, first);
        await page.getByRole('button', { name: 'Next: enter the code' }).click();
        await page.waitForFunction((at) => Date.now() > at + 100, expiresAt);
        const refused = page.waitForResponse((r) => r.path.endsWith('/totp'));
        await codeInput(page).fill(totp(second));
        assert.equal((await refused).status, 410);
        await expectHeading(page, 'This setup has expired');
      } finally {
        await page.close();
      }
    });
  });
