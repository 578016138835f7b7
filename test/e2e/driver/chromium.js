/**
 * Chromium: Debian's /usr/bin/chromium through playwright-core (CDP). Each page has a browser
 * context of its own (its own cookies, so its own demo session).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../../../build/chromium.mjs';

/** @type {import('./page.js').EngineLauncher} */
export async function launch() {
  const browser = await chromium.launch(chromiumLaunchOptions());
  const downloadDir = await mkdtemp(`${tmpdir()}/twofa-e2e-chromium-`);
  return {
    name: 'chromium',
    initScripts: 'every document and frame',
    pageEvents: true,
    downloadDir,
    printsTo: null, // headless Chromium's print() prints nothing, and says no `afterprint`
    async newPage() {
      const context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC', acceptDownloads: true });
      const page = await context.newPage();
      // Playwright keeps a download in a file of its own: saved under its suggested name once complete.
      page.on('download', (download) => void download.saveAs(`${downloadDir}/${download.suggestedFilename()}`).catch(() => {}));
      /** @param {import('playwright-core').ElementHandle | import('playwright-core').JSHandle} handle */
      const element = (handle) => {
        const el = handle.asElement();
        if (!el) throw new Error('not an element');
        return el;
      };
      return {
        goto: async (url) => void (await page.goto(url)),
        evaluate: (expression) => page.evaluate(expression),
        element: async (expression) => element(await page.evaluateHandle(expression)),
        click: (handle) => element(handle).click(),
        fill: (handle, value) => element(handle).fill(value),
        selectOption: async (handle, value) => void (await element(handle).selectOption(value)),
        release: (handle) => element(handle).dispose(),
        addInitScript: async (fn) => void (await context.addInitScript(/** @type {() => void} */ (fn))),
        onPageError: (listener) => page.on('pageerror', (error) => listener(error.message)),
        onConsole: (listener) => page.on('console', (message) => listener(message.type(), message.text())),
        async addVirtualAuthenticator({ transport, userVerification = true, consents = true }) {
          const cdp = await context.newCDPSession(page);
          await cdp.send('WebAuthn.enable', { enableUI: false });
          const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
            options: {
              protocol: 'ctap2',
              transport,
              hasResidentKey: true,
              hasUserVerification: userVerification,
              isUserVerified: userVerification,
              // Off: every prompt times out as if the user never touched the key (NotAllowedError).
              automaticPresenceSimulation: consents,
            },
          });
          return {
            credentials: async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials,
            remove: async () => void (await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId })),
          };
        },
        close: () => context.close(),
      };
    },
    async close() {
      await browser.close();
      await rm(downloadDir, { recursive: true, force: true });
    },
  };
}
