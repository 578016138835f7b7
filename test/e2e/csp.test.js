/**
 * The whole enrollment under a strict Content-Security-Policy with Trusted Types: the demo page
 * against the reference backend, its document served with exactly
 * `default-src 'self'; script-src 'self'; style-src 'self'; require-trusted-types-for 'script'`
 * (in place of the demo's own policy), and not one `securitypolicyviolation` from the first byte
 * to the last step: QR code, copy, manual key, codes, SMS backup, emergency code download and print.
 * In every engine: the proxy of the tests (driver/network.js) serves the policy.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { codeInput, confirmCode, ENGINE_SUITE, ENGINES, eventually, expectHeading, newPage, smsFromOutbox, startToQr, useServerAndBrowser } from './helpers.js';

const POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; require-trusted-types-for 'script'";

/**
 * Runs in every document and frame before the page's own scripts: records each violation, with
 * what the browser says about it. A frame's violations are also recorded in the page's list, which
 * outlives the frame (Firefox really prints, and the page removes its print frame after printing).
 * A frame the page makes that the engine's init scripts do not reach (WebKit's come through the
 * test proxy, into documents from the network only) gets its recorder from the page the moment it
 * is added.
 */
function recordViolations() {
  const own = /** @type {any} */ (window);
  if (own.__cspViolations) return;
  /** @type {string[]} */
  const seen = (own.__cspViolations = []);
  /** @type {string[] | undefined} */
  let page;
  try {
    page = window !== window.top ? /** @type {any} */ (window.top).__cspViolations : undefined;
  } catch {
    page = undefined; // another origin's
  }
  /** @param {Document} document @param {string[]} list @param {string[] | undefined} also */
  const listen = (document, list, also) =>
    document.addEventListener(
      'securitypolicyviolation',
      (event) => {
        const text = `${event.effectiveDirective}: ${event.blockedURI || 'inline'} ${event.sample} (${event.sourceFile}:${event.lineNumber})`;
        list.push(text);
        also?.push(`in a frame: ${text}`);
      },
      true,
    );
  listen(document, seen, page);
  /** @param {Node} node */
  const adopt = (node) => {
    if (!(node instanceof HTMLIFrameElement)) return;
    const frame = /** @type {any} */ (node.contentWindow);
    if (!frame || !node.contentDocument || frame.__cspViolations) return;
    frame.__cspViolations = [];
    listen(node.contentDocument, frame.__cspViolations, seen);
  };
  // WebKit fires `securitypolicyviolation` before a MutationObserver hears of the new frame, but a
  // frame without `src` fires `load` while it is being inserted, before the page can fill it.
  document.addEventListener('load', (event) => adopt(/** @type {Node} */ (event.target)), true);
  new MutationObserver((records) => records.forEach((record) => record.addedNodes.forEach(adopt))).observe(document, { childList: true, subtree: true });
}

/**
 * The demo page with the policy above on every document it loads, violations recorded in all its
 * frames, and the browser's console errors and uncaught errors collected.
 * @param {import('./helpers.js').Engine} engine
 * @param {import('./helpers.js').Site} site
 */
async function openUnderPolicy(engine, site) {
  const page = await newPage(engine, site);
  /** @type {string[]} */
  const policies = [];
  page.route(
    () => true,
    async (route) => {
      const response = await route.fetch();
      if (!/^text\/html/.test(String(response.headers['content-type']))) return route.fulfill(response);
      const headers = { ...response.headers, 'content-security-policy': POLICY };
      policies.push(headers['content-security-policy']);
      return route.fulfill({ ...response, headers });
    },
  );
  await page.addInitScript(recordViolations);
  await page.goto('/');
  await page
    .locator('twofa-manage')
    .getByText(/Two-factor authentication is (on|off)\./)
    .first()
    .waitFor();
  return { page, policies };
}

/**
 * Console errors, Content-Security-Policy and Trusted Types reports, and uncaught errors so far.
 * @param {import('./driver/page.js').Page} page
 */
async function problems(page) {
  return (await page.messages()).flatMap(({ type, text }) =>
    type === 'pageerror' ? [`page error: ${text}`] : type === 'error' || /Content.Security.Policy|Trusted ?Type/i.test(text) ? [`console: ${text}`] : [],
  );
}

/**
 * Violations recorded so far in the page (its frames' included, even of frames gone), and a note
 * for each of its frames now that has no recorder.
 * @param {import('./driver/page.js').Page} page
 */
function violations(page) {
  return page.evaluate(() => {
    const recorded = /** @type {{ __cspViolations?: string[] }} */ (/** @type {unknown} */ (window)).__cspViolations;
    const all = [...(recorded ?? ['no recorder in the page'])];
    for (const iframe of document.querySelectorAll('iframe')) {
      if (iframe.contentWindow && !(/** @type {any} */ (iframe.contentWindow).__cspViolations)) all.push('no recorder in this frame');
    }
    return all;
  });
}

for (const engine of ENGINES)
  describe(`${engine}: demo page under a strict Content-Security-Policy with Trusted Types`, ENGINE_SUITE, () => {
    const demo = useServerAndBrowser(engine);

    test('the whole enrollment, SMS backup and emergency code download and print included: no securitypolicyviolation', async () => {
      const { page, policies } = await openUnderPolicy(demo.engine, demo);
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
        await eventually(async () => assert.equal((await problems(page)).length, 2, 'the console reports both'));
        const reported = (await problems(page)).length;

        const secret = await startToQr(page);
        await page.getByRole('img', { name: /^QR code for adding/ }).waitFor();
        await page.getByRole('button', { name: /^Copy key/ }).click();
        await page
          .getByText(/^(Copied|Copying was blocked\.)/)
          .first()
          .waitFor();
        await confirmCode(page, secret);

        await expectHeading(page, 'Add a phone number for backup');
        await page.getByRole('textbox', { name: 'Mobile number' }).fill('+47 912 34 567');
        await page.getByRole('button', { name: 'Send code' }).click();
        await expectHeading(page, 'Enter the code from the text message');
        await codeInput(page).fill(await smsFromOutbox(page));

        await expectHeading(page, 'Save your emergency code');
        const download = await page.waitForDownload(() => page.getByRole('button', { name: 'Download' }).click());
        assert.match(download.name, /emergency-code\.txt$/);
        const print = () => page.getByRole('button', { name: 'Print' }).click();
        if (demo.engine.printsTo) {
          // Firefox prints (to a PDF here), then the page removes its print frame (`afterprint`).
          const pdf = await page.waitForPrint(print);
          assert.ok(pdf.length > 1000, 'a PDF with the code');
          await page.locator('iframe[aria-hidden="true"]').waitFor({ state: 'detached' });
        } else {
          // Headless Chromium and WebKit under automation print nothing and never fire `afterprint`: the frame stays, with the code.
          await print();
          await page.frameLocator('iframe[aria-hidden="true"]').getByRole('listitem').first().waitFor({ state: 'attached' });
        }
        assert.deepEqual(await violations(page), [], 'violations while printing');

        await page.getByRole('checkbox', { name: 'I have safely copied and stored this code' }).check();
        await page.getByRole('button', { name: 'Continue' }).click();
        await expectHeading(page, 'Two-factor authentication is on');
        await page.getByRole('button', { name: 'Done' }).click();
        await page.getByRole('button', { name: 'Replace authenticator app' }).waitFor();

        assert.deepEqual(await violations(page), []);
        assert.deepEqual((await problems(page)).slice(reported), []);
      } finally {
        await page.close();
      }
    });
  });
