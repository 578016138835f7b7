/**
 * The whole enrollment under a strict Content-Security-Policy with Trusted Types: the demo page
 * against the reference backend, its document served with exactly
 * `default-src 'self'; script-src 'self'; style-src 'self'; require-trusted-types-for 'script'`
 * (in place of the demo's own policy), and not one `securitypolicyviolation` from the first byte
 * to the last step: QR code, copy, manual key, codes, SMS backup, emergency code download and print.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { codeInput, confirmCode, eventually, expectHeading, smsFromOutbox, startToQr, TIMEOUT, useServerAndBrowser } from './helpers.js';

const POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; require-trusted-types-for 'script'";

/** Runs in every document and frame before the page's own scripts: records each violation, with what the browser says about it. */
function recordViolations() {
  const seen = /** @type {string[]} */ ((/** @type {any} */ (window).__cspViolations = []));
  document.addEventListener(
    'securitypolicyviolation',
    (event) => seen.push(`${event.effectiveDirective}: ${event.blockedURI || 'inline'} ${event.sample} (${event.sourceFile}:${event.lineNumber})`),
    true,
  );
}

/**
 * The demo page with the policy above on every document it loads, violations recorded in all its
 * frames, and the browser's console errors and uncaught errors collected.
 * @param {import('playwright-core').Browser} browser
 * @param {string} url
 */
async function openUnderPolicy(browser, url) {
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC', acceptDownloads: true });
  context.setDefaultTimeout(TIMEOUT);
  /** @type {string[]} */
  const policies = [];
  await context.route('**/*', async (route) => {
    if (route.request().resourceType() !== 'document') return route.continue();
    const response = await route.fetch();
    const headers = { ...response.headers(), 'content-security-policy': POLICY };
    policies.push(headers['content-security-policy']);
    return route.fulfill({ response, headers });
  });
  await context.addInitScript(recordViolations);
  const page = await context.newPage();
  /** @type {string[]} */
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content.Security.Policy|Trusted ?Type/i.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  await page.goto(url);
  await page.getByRole('status').filter({ hasText: /Two-factor authentication is (on|off)/ }).waitFor();
  return { page, context, problems, policies };
}

/**
 * Violations recorded so far in the page and in each of its frames (the print frame, while it is there).
 * @param {import('playwright-core').Page} page
 */
async function violations(page) {
  const all = [];
  for (const frame of page.frames()) {
    all.push(...(await frame.evaluate(() => /** @type {any} */ (window).__cspViolations ?? ['no recorder in this frame']).catch(() => [])));
  }
  return all;
}

describe('demo page under a strict Content-Security-Policy with Trusted Types', () => {
  const demo = useServerAndBrowser();

  test('the whole enrollment, SMS backup and emergency code download and print included: no securitypolicyviolation', async () => {
    const { page, context, problems, policies } = await openUnderPolicy(demo.browser, demo.server.url);
    try {
      assert.deepEqual(policies, [POLICY], 'the page was served with the policy');
      // The policy is enforced and the recorder hears it: two violations made on purpose (an inline
      // style, markup assigned without Trusted Types) are refused and recorded, then forgotten.
      const refused = await page.evaluate(() => {
        document.head.append(Object.assign(document.createElement('style'), { textContent: 'p {}' }));
        try {
          document.createElement('div').innerHTML = '<b>markup</b>';
          return false;
        } catch {
          return true;
        }
      });
      assert.equal(refused, true, 'markup without Trusted Types is refused');
      await page.waitForFunction(() => /** @type {any} */ (window).__cspViolations.length === 2);
      await page.evaluate(() => /** @type {any} */ (window).__cspViolations.splice(0));
      await eventually(() => assert.equal(problems.length, 2, 'the console reports both'));
      problems.splice(0);

      const secret = await startToQr(page);
      await page.getByRole('img', { name: /^QR code for adding/ }).waitFor();
      await page.getByRole('button', { name: /^Copy key/ }).click();
      await page.getByText(/^(Copied|Copying was blocked\.)/).first().waitFor();
      await confirmCode(page, secret);

      await expectHeading(page, 'Add a phone number for backup');
      await page.getByRole('textbox', { name: 'Mobile number' }).fill('+47 912 34 567');
      await page.getByRole('button', { name: 'Send code' }).click();
      await expectHeading(page, 'Enter the code from the text message');
      await codeInput(page).fill(await smsFromOutbox(page));

      await expectHeading(page, 'Save your emergency code');
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Download' }).click();
      assert.match((await download).suggestedFilename(), /emergency-code\.txt$/);
      await page.getByRole('button', { name: 'Print' }).click();
      await page.frameLocator('iframe[aria-hidden="true"]').getByRole('listitem').first().waitFor({ state: 'attached' });
      assert.deepEqual(await violations(page), [], 'violations while printing');

      await page.getByRole('checkbox', { name: 'I have safely copied and stored this code' }).check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await expectHeading(page, 'Two-factor authentication is on');
      await page.getByRole('status').filter({ hasText: /Two-factor authentication is on/ }).waitFor();
      await page.getByRole('button', { name: 'Back to settings' }).click();
      await page.getByRole('button', { name: 'Set up a new authenticator app' }).waitFor();

      assert.deepEqual(await violations(page), []);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
