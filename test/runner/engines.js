/**
 * The engines the component tests run in, all installed from Debian (never a downloaded browser):
 * Chromium through playwright-core, Firefox ESR through puppeteer-core (WebDriver BiDi) and WebKitGTK's
 * MiniBrowser through WebKitWebDriver (WebDriver classic) on a private Xvfb display.
 */
import { chromeLauncher, puppeteerCore } from '@web/test-runner-chrome';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { chromiumLaunchOptions } from '../../build/chromium.mjs';
import { pool } from './pool.js';
import { WebKitLauncher } from './webkit-launcher.js';

/**
 * Firefox: a new tab for every test file. Once focus has gone to the browser's own controls (Tab
 * past a page's last element), the page cannot get it back, and the next file on that tab would fail.
 */
function newTabPerFile(launcher) {
  const stopSession = launcher.stopSession.bind(launcher);
  launcher.stopSession = async (id) => {
    const page = launcher.getPage(id);
    const result = await stopSession(id);
    launcher.inactivePages = launcher.inactivePages.filter((inactive) => inactive.puppeteerPage !== page);
    await page.close();
    return result;
  };
  return launcher;
}

/** One Firefox ESR, driven by puppeteer over WebDriver BiDi. */
const firefox = () =>
  newTabPerFile(
    chromeLauncher({
      puppeteer: puppeteerCore,
      launchOptions: {
        browser: 'firefox',
        executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
        headless: true,
        // No HTTP cache: Firefox reuses a module another file loaded even when the server says
        // no-store, and the outage tests (web-test-runner.outage.config.js) must reach the server.
        extraPrefsFirefox: { 'browser.cache.memory.enable': false, 'browser.cache.disk.enable': false },
      },
      // One page per browser: only the front tab of the front window gets focus, focus events and
      // key presses that activate buttons (and background tabs' timers are throttled to 1 s).
      concurrency: 1,
    }),
  );

/**
 * The engines, and what their drivers can emulate besides what a user does (keys, clicks), for the
 * tests that need it (test/helpers/engine.ts says why the others cannot).
 */
const ENGINES = {
  chromium: {
    name: 'Chromium',
    can: { emulateMedia: true, setViewport: true },
    launcher: () => playwrightLauncher({ product: 'chromium', launchOptions: chromiumLaunchOptions() }),
  },
  firefox: {
    name: 'Firefox',
    can: { emulateMedia: false, setViewport: true },
    launcher: () => pool(2, firefox),
  },
  webkit: {
    name: 'WebKit',
    can: { emulateMedia: false, setViewport: false },
    launcher: ({ browserPerFile }) => pool(2, () => new WebKitLauncher({ browserPerFile })),
  },
};

// `TEST_ENGINES=firefox,webkit` runs some. Two engines run at a time (`concurrentBrowsers`), in this
// order: WebKit, the slowest, from start to end, beside Chromium and then Firefox.
const chosen = (process.env.TEST_ENGINES ?? 'webkit,chromium,firefox').split(',').map((id) => {
  if (!ENGINES[id.trim()]) throw new Error(`TEST_ENGINES: unknown engine "${id}" (${Object.keys(ENGINES).join(', ')})`);
  return ENGINES[id.trim()];
});
/** The chosen engines' names, as the reports give them. */
export const engineNames = Object.values(ENGINES)
  .filter((engine) => chosen.includes(engine))
  .map((engine) => engine.name);

/** The chosen engines' launchers. `browserPerFile`: WebKit starts a new browser for every test file. */
export function launchers({ browserPerFile = false } = {}) {
  return chosen.map((engine) => Object.assign(engine.launcher({ browserPerFile }), { can: engine.can }));
}

/** The `engine` command: the session's engine name and what its driver can emulate. */
export function engineCommand() {
  return {
    name: 'engine-command',
    executeCommand({ command, session }) {
      if (command !== 'engine') return undefined;
      return { name: session.browser.name, ...session.browser.can };
    },
  };
}
