import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { WebdriverLauncher } from '@web/test-runner-webdriver';

/** Starts a program and resolves once `ready(child)` does; the program is killed when this process exits. */
async function start(command, args, options, ready) {
  const child = spawn(command, args, options);
  // A detached program leads its own process group: it goes with what it started (WebKitWebDriver's MiniBrowser).
  const kill = (signal = 'SIGTERM') => {
    try {
      process.kill(options.detached ? -child.pid : child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  child.killGroup = kill;
  const onExit = () => kill();
  process.once('exit', onExit);
  child.once('exit', () => process.off('exit', onExit));
  const failed = new Promise((_, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${command} exited (${code})`)));
  });
  // Only a failed start is an error: a program ended later (by `killGroup`) is not.
  failed.catch(() => {});
  await Promise.race([ready(child), failed]);
  return child;
}

/** Leaving a page takes well under a second; a browser that takes this long has stopped answering. */
const STOP_TIMEOUT = 60_000;
const HUNG = Symbol('hung');

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
export class WebKitLauncher extends WebdriverLauncher {
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
    await this.startBrowser();
    await super.initialize({ ...config, concurrency: 1 }, testFiles);
    this.name = 'WebKit';
  }

  /** Xvfb and WebKitWebDriver (which starts MiniBrowser on the first session), each in its own process group. */
  async startBrowser() {
    let display;
    this.xvfb = await start(
      'Xvfb',
      ['-displayfd', '1', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'],
      { stdio: ['ignore', 'pipe', 'ignore'], detached: true },
      (child) => new Promise((resolve) => child.stdout.once('data', (data) => resolve((display = `:${String(data).trim()}`)))),
    );
    this.options.port = await freePort();
    const status = `http://127.0.0.1:${this.options.port}/status`;
    this.driverProcess = await start(
      'WebKitWebDriver',
      [`--port=${this.options.port}`],
      { stdio: 'ignore', detached: true, env: { ...process.env, DISPLAY: display } },
      async () => {
        while (
          !(await fetch(status).then(
            (r) => r.ok,
            () => false,
          ))
        )
          await new Promise((r) => setTimeout(r, 50));
      },
    );
  }

  /** Ends the driver with the MiniBrowser it started, and their display. */
  killBrowser() {
    this.driverProcess?.killGroup('SIGKILL');
    this.xvfb?.killGroup();
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

  /**
   * Leaves the file's page. A MiniBrowser that stops answering here (seen about once in a few thousand
   * files on a busy two-core machine: leaving the page hung until the driver's five-minute request
   * timeout, and the file failed though every test in it had passed and reported) is replaced rather
   * than waited for: the file's results are in by then. With `browserPerFile`, a new MiniBrowser for
   * every file, so nothing a file loaded (a module in WebKit's memory cache) reaches the next.
   */
  async stopSession(id) {
    let timer;
    const hung = new Promise((resolve) => (timer = setTimeout(resolve, STOP_TIMEOUT, HUNG)));
    const result = await Promise.race([super.stopSession(id).catch((error) => error), hung]);
    clearTimeout(timer);
    if (result === HUNG || result instanceof Error) {
      console.warn(`WebKit: leaving the page ${result === HUNG ? 'hung' : `failed (${result.message})`}; a new MiniBrowser takes over`);
    }
    if (result === HUNG || result instanceof Error || this.browserPerFile) clearInterval(this.pendingHeartbeat);
    if (result === HUNG || result instanceof Error) {
      this.driver = this.driverManager = undefined;
      this.killBrowser();
      await this.startBrowser();
      return {};
    }
    if (!this.browserPerFile) return result;
    await this.driver.deleteSession();
    this.driver = this.driverManager = undefined;
    return result;
  }

  async stop() {
    await Promise.race([super.stop(), new Promise((resolve) => setTimeout(resolve, STOP_TIMEOUT))]);
    this.killBrowser();
  }
}
