// Component tests in three engines, all installed from Debian (never a downloaded browser):
// Chromium through playwright-core, Firefox ESR through puppeteer-core (WebDriver BiDi) and
// WebKitGTK's MiniBrowser through WebKitWebDriver (WebDriver classic) on a private Xvfb display.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher, puppeteerCore } from '@web/test-runner-chrome';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { WebdriverLauncher } from '@web/test-runner-webdriver';
import { build } from 'esbuild';
import { chromiumLaunchOptions } from './build/chromium.mjs';

const tsconfig = fileURLToPath(new URL('./tsconfig.json', import.meta.url));

/** CommonJS packages the dev server cannot serve as ES modules: bundled to ESM on request. */
const COMMONJS = ['qrcode', 'jsqr'];

function commonjsAsEsm() {
  return {
    name: 'commonjs-as-esm',
    async serve(context) {
      const match = COMMONJS.find((pkg) => context.path.includes(`/node_modules/${pkg}/`));
      if (!match || !context.path.endsWith('.js')) return undefined;
      const result = await build({
        entryPoints: [fileURLToPath(new URL(`.${context.path}`, import.meta.url))],
        bundle: true,
        format: 'esm',
        write: false,
        platform: 'browser',
        logLevel: 'silent',
      });
      return { body: result.outputFiles[0].text, type: 'js' };
    },
  };
}

/** Starts a program and resolves once `ready(child)` does; the program is killed when this process exits. */
async function start(command, args, options, ready) {
  const child = spawn(command, args, options);
  const kill = () => child.kill();
  process.once('exit', kill);
  child.once('exit', () => process.off('exit', kill));
  const failed = new Promise((_, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${command} exited (${code})`)));
  });
  await Promise.race([ready(child), failed]);
  return child;
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });

/**
 * One MiniBrowser, driven by its own WebKitWebDriver on its own Xvfb display: MiniBrowser has no
 * headless mode (-displayfd picks a free display without the races of `xvfb-run -a`, and no window
 * shows up on a developer's desktop). One page at a time: with more, @web/test-runner-webdriver runs
 * test files side by side in iframes of one page, where only one frame holds keyboard focus and
 * each has a 300×150 viewport. `pool()` runs several.
 */
class WebKitLauncher extends WebdriverLauncher {
  /** `browserPerFile`: a new MiniBrowser for every test file (see `stopSession`). */
  constructor({ browserPerFile = false } = {}) {
    super({
      hostname: '127.0.0.1',
      capabilities: {
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': { binary: '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser', args: ['--automation'] },
        'wdio:enforceWebDriverClassic': true,
      },
    });
    this.name = 'WebKit';
    this.browserPerFile = browserPerFile;
  }

  async initialize(config, testFiles) {
    let display;
    this.xvfb = await start('Xvfb', ['-displayfd', '1', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'pipe', 'ignore'] }, (child) =>
      new Promise((resolve) => child.stdout.once('data', (data) => resolve((display = `:${String(data).trim()}`)))),
    );
    this.options.port = await freePort();
    const status = `http://127.0.0.1:${this.options.port}/status`;
    this.driverProcess = await start('WebKitWebDriver', [`--port=${this.options.port}`], { stdio: 'ignore', env: { ...process.env, DISPLAY: display } }, async () => {
      while (!(await fetch(status).then((r) => r.ok, () => false))) await new Promise((r) => setTimeout(r, 50));
    });
    await super.initialize({ ...config, concurrency: 1 }, testFiles);
    this.name = 'WebKit';
  }

  /**
   * Typed text as one key down and up after another, in one request: the launcher hands
   * webdriverio's `keys()` the whole text, which presses every key down before releasing any, and a
   * repeated character ("11") is a key already down, which WebKit types once. WebKitWebDriver drops
   * characters beyond the Basic Multilingual Plane (emoji), so those go in the way an emoji picker
   * puts them: as inserted text.
   */
  async sendKeys(sessionId, keys) {
    if (keys.length === 1) return super.sendKeys(sessionId, keys);
    for (const [run] of keys.join('').matchAll(/[\ud800-\udbff][\udc00-\udfff]|[^\ud800-\udfff]+/g)) {
      if (/^[\ud800-\udbff]/.test(run)) {
        await this.driver.execute((text) => document.execCommand('insertText', false, text), run);
      } else {
        const action = this.driver.action('key');
        for (const char of run) action.down(char).up(char);
        await action.perform(true);
      }
    }
  }

  /** With `browserPerFile`, nothing a file loaded (a module in WebKit's memory cache) reaches the next. */
  async stopSession(id) {
    const result = await super.stopSession(id);
    if (!this.browserPerFile) return result;
    clearInterval(this.pendingHeartbeat);
    await this.driver.deleteSession();
    this.driver = this.driverManager = undefined;
    return result;
  }

  async stop() {
    await super.stop();
    this.driverProcess?.kill();
    this.xvfb?.kill();
  }
}

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

/**
 * Several copies of a launcher that runs one page at a time, as one launcher that runs as many: each
 * test file goes to a free copy. (Firefox and MiniBrowser give keyboard focus to one page per window
 * and one window per display, so each copy is its own browser, and each WebKit copy its own display.)
 */
function pool(copies, create) {
  const members = Array.from({ length: copies }, create);
  const free = [...members];
  const owner = new Map();
  return {
    name: members[0].name,
    type: members[0].type,
    concurrency: copies,
    async initialize(config, testFiles) {
      await Promise.all(members.map((member) => member.initialize(config, testFiles)));
      this.name = members[0].name;
      this.concurrency = Math.min(copies, config.concurrency);
    },
    stop: () => Promise.all(members.map((member) => member.stop())),
    startSession(id, url) {
      const member = free.pop();
      owner.set(id, member);
      return member.startSession(id, url);
    },
    // (Also while a copy is still starting the page, so that a failed start gives the copy back.)
    isActive: (id) => owner.has(id),
    getBrowserUrl: (id) => owner.get(id).getBrowserUrl(id),
    async stopSession(id) {
      const member = owner.get(id);
      try {
        return await member.stopSession(id);
      } finally {
        owner.delete(id);
        free.push(member);
      }
    },
    startDebugSession: (id, url) => members[0].startDebugSession(id, url),
    getPage: (id) => owner.get(id).getPage(id),
    sendKeys: (id, keys) => owner.get(id).sendKeys(id, keys),
  };
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
/** The chosen engines' launchers. `browserPerFile`: WebKit starts a new browser for every test file. */
export function launchers({ browserPerFile = false } = {}) {
  return chosen.map((engine) => Object.assign(engine.launcher({ browserPerFile }), { can: engine.can }));
}

/** The `engine` command: the session's engine name and what its driver can emulate. */
function engineCommand() {
  return {
    name: 'engine-command',
    executeCommand({ command, session }) {
      if (command !== 'engine') return undefined;
      return { name: session.browser.name, ...session.browser.can };
    },
  };
}

/**
 * Ends the run with a line per engine (with the time from its first test file's start to its last
 * one's end) and a last plain "N passed, N failed, N skipped" line, which CI logs are read by.
 */
function totalsReporter() {
  const started = new Map();
  const finished = new Map();
  return {
    start({ sessions }) {
      sessions.on('session-status-updated', ({ browser, status }) => {
        if (!started.has(browser.name)) started.set(browser.name, Date.now());
        if (status === 'FINISHED') finished.set(browser.name, Date.now());
      });
    },
    onTestRunFinished({ sessions }) {
      const names = Object.values(ENGINES).filter((engine) => chosen.includes(engine)).map((engine) => engine.name);
      const engines = new Map(names.map((name) => [name, { passed: 0, failed: 0, skipped: 0 }]));
      const walk = (totals, suite) => {
        for (const test of suite.tests) totals[test.skipped ? 'skipped' : test.passed ? 'passed' : 'failed']++;
        suite.suites.forEach((child) => walk(totals, child));
      };
      for (const session of sessions) {
        const totals = engines.get(session.browser.name);
        if (session.testResults) walk(totals, session.testResults);
        if (!session.passed && !session.testResults?.tests.length && !session.testResults?.suites.length) totals.failed++;
      }
      const all = { passed: 0, failed: 0, skipped: 0 };
      const line = (t) => `${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`;
      console.log('');
      for (const [name, totals] of engines) {
        for (const key of Object.keys(all)) all[key] += totals[key];
        const seconds = Math.round(((finished.get(name) ?? Date.now()) - (started.get(name) ?? Date.now())) / 1000);
        console.log(`  ${name}: ${line(totals)} (${seconds} s)`);
      }
      console.log(`Tests (${names.join(', ')}): ${line(all)}`);
    },
  };
}

export default {
  reporters: [defaultReporter(), totalsReporter()],
  // The outage tests fail the dev server's module loads: on their own (web-test-runner.outage.config.js).
  files: ['test/**/*.test.ts', '!test/outage/**'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  // Two pages at a time per engine, two engines at a time: four pages on a two-core machine.
  // (Firefox and WebKit run two browsers for their two pages: see `pool`.)
  concurrency: 2,
  concurrentBrowsers: 2,
  // Lit's dev build announces itself in every test file; its real warnings still come through.
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
  // Guards against a test or a page that hangs, not time limits: a test waits for states, and WebKit's
  // driver (a round trip per action) on a busy two-core machine takes seconds where Chromium takes
  // milliseconds, and minutes over the largest files.
  testFramework: { config: { timeout: 30000 } },
  testsFinishTimeout: 600000,
  plugins: [commonjsAsEsm(), esbuildPlugin({ ts: true, tsconfig }), engineCommand()],
  browsers: launchers(),
};
