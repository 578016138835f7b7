/**
 * Firefox: Debian's /usr/bin/firefox-esr through puppeteer-core over WebDriver BiDi. Each page
 * has a user context of its own (its own cookies, so its own demo session).
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import puppeteer from 'puppeteer-core';

export const firefoxPath = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** @type {import('./page.js').EngineLauncher} */
export async function launch() {
  const root = await mkdtemp(`${tmpdir()}/twofa-e2e-firefox-`);
  const downloadDir = `${root}/downloads`;
  await mkdir(downloadDir);
  const printsTo = `${root}/print.pdf`;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath,
    headless: true,
    defaultViewport: { width: 1280, height: 720 }, // as Playwright's pages
    env: { ...process.env, TZ: 'UTC' },
    extraPrefsFirefox: {
      'intl.accept_languages': 'en-US',
      'intl.locale.requested': 'en-US',
      // print() prints at once, to a PDF file, as it would to a printer without asking (headless
      // Firefox would otherwise block the page in a print dialog nobody can close).
      'print.always_print_silent': true,
      'print.show_print_progress': false,
      print_printer: 'Mozilla Save to PDF',
      'print.printer_Mozilla_Save_to_PDF.print_to_file': true,
      'print.printer_Mozilla_Save_to_PDF.print_to_filename': printsTo,
    },
  });
  return {
    name: 'firefox',
    initScripts: 'every document and frame',
    pageEvents: true,
    downloadDir,
    printsTo,
    async newPage() {
      const context = await browser.createBrowserContext({ downloadBehavior: { policy: 'allow', downloadPath: downloadDir } });
      const page = await context.newPage();
      page.setDefaultTimeout(60_000);
      /** @param {import('puppeteer-core').JSHandle} handle */
      const element = (handle) => {
        const el = handle.asElement();
        if (!el) throw new Error('not an element');
        return /** @type {import('puppeteer-core').ElementHandle<HTMLInputElement>} */ (el);
      };
      return {
        goto: async (url) => void (await page.goto(url)),
        evaluate: (expression) => page.evaluate(expression),
        element: (expression) => page.evaluateHandle(expression),
        click: (handle) => element(handle).click(),
        async fill(handle, value) {
          // As a user would: select what is in the field, then type over it (or delete it).
          await element(handle).evaluate((field) => {
            field.focus();
            field.select();
          });
          if (value) await element(handle).type(value);
          else await page.keyboard.press('Backspace');
        },
        async selectOption(handle, value) {
          const picked = await element(handle).select(value);
          if (!picked.includes(value)) throw new Error(`no option ${JSON.stringify(value)}`);
        },
        release: (handle) => handle.dispose(),
        addInitScript: async (fn) => void (await page.evaluateOnNewDocument(/** @type {() => void} */ (fn))),
        onPageError: (listener) => page.on('pageerror', (error) => listener(error instanceof Error ? error.message : String(error))),
        onConsole: (listener) => page.on('console', (message) => listener(message.type(), message.text())),
        // WebDriver BiDi has no virtual authenticator yet (only WebDriver classic's extension, which puppeteer does not speak).
        addVirtualAuthenticator: null,
        close: () => context.close(),
      };
    },
    async close() {
      await browser.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}
