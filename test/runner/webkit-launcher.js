import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { WebdriverLauncher } from '@web/test-runner-webdriver';

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
