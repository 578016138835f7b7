/**
 * WebKit: Debian's WebKitGTK MiniBrowser through its WebDriver (/usr/bin/WebKitWebDriver, from
 * webkit2gtk-driver) and webdriverio, in WebDriver classic (WebKitGTK has no WebDriver BiDi). Each
 * page is a MiniBrowser process of its own (its own cookies, so its own demo session) with a
 * driver of its own. MiniBrowser needs an X display: without DISPLAY, a private Xvfb is started
 * and stopped with the engine, so `npm run test:e2e` needs no xvfb-run.
 *
 * MiniBrowser is started here, not by the driver: the driver would give it an automation port it
 * found free and closed again (WEBKIT_INSPECTOR_SERVER), which on a busy machine an outgoing
 * connection sometimes takes before MiniBrowser listens, and the new session then never comes.
 * Here the port is one below the range the system gives outgoing connections, and the driver
 * connects to it (`--target`).
 *
 * WebDriver classic has no init scripts, console or page-error events and no network events:
 * page.js puts its in-page observer into each document through the test proxy (network.js), and
 * the proxy sees the requests.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { remote } from 'webdriverio';

export const webkitDriverPath = process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver';
export const miniBrowserPath = process.env.WEBKIT_MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/** How long MiniBrowser and its driver may take to be ready: some seconds at most, even on a busy machine. */
const START_TIMEOUT = 30_000;

/** Whether `port` can be listened on now. */
function isFree(/** @type {number} */ port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A free loopback port below the system's range for outgoing connections (so that none takes it
 * before the process it is for listens on it).
 */
async function freeFixedPort() {
  const range = await readFile('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').catch(() => '32768 60999');
  const first = Number(range.trim().split(/\s+/)[0]) || 32768;
  const low = Math.max(1024, first - 12_000);
  for (;;) {
    const port = low + Math.floor(Math.random() * (first - low));
    if (await isFree(port)) return port;
  }
}

/** Resolves once `check` does, checking every 50 ms; `failed` says why it never will. */
async function ready(/** @type {() => Promise<boolean>} */ check, /** @type {() => string | null} */ failed, /** @type {string} */ what) {
  const until = Date.now() + START_TIMEOUT;
  for (;;) {
    const problem = failed();
    if (problem) throw new Error(`${what}: ${problem}`);
    if (await check().catch(() => false)) return;
    if (Date.now() > until) throw new Error(`${what}: not ready within ${START_TIMEOUT} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Whether something listens on 127.0.0.1:`port` (read from /proc/net/tcp: connecting would take MiniBrowser's one automation connection). */
async function listensOn(/** @type {number} */ port) {
  const table = await readFile('/proc/net/tcp', 'utf8');
  const local = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  return table.split('\n').some((line) => {
    const [, address, , state] = line.trim().split(/\s+/);
    return address === local && state === '0A';
  });
}

/** Starts Xvfb on a display it picks (`-displayfd`); resolves with `:N` and the process. */
function startXvfb() {
  return new Promise((resolve, reject) => {
    const xvfb = spawn('Xvfb', ['-displayfd', '3', '-nolisten', 'tcp', '-screen', '0', '1280x1024x24'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
    let text = '';
    xvfb.once('error', reject);
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it told its display`)));
    /** @type {import('node:stream').Readable} */ (xvfb.stdio[3]).on('data', (chunk) => {
      text += chunk;
      if (text.includes('\n')) resolve({ display: `:${text.trim()}`, process: xvfb });
    });
  });
}

/** Ends a process started with `detached: true` and everything it started (its process group). */
function endGroup(/** @type {import('node:child_process').ChildProcess} */ child) {
  try {
    if (child.pid && child.exitCode === null && child.signalCode === null) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // gone already
  }
}

/** @type {import('./page.js').EngineLauncher} */
export async function launch() {
  const xvfb = process.env.DISPLAY ? null : await startXvfb();
  // A home of our own, whose XDG download folder is where WebKitGTK saves downloads (MiniBrowser does not ask).
  const home = await mkdtemp(`${tmpdir()}/twofa-e2e-webkit-`);
  await mkdir(`${home}/Downloads`);
  await mkdir(`${home}/.config`);
  await writeFile(`${home}/.config/user-dirs.dirs`, 'XDG_DOWNLOAD_DIR="$HOME/Downloads"\n');
  // en-US and UTC, as the other engines' pages (WebKitGTK takes the language from the environment).
  const language = { LANGUAGE: 'en_US', LC_ALL: 'en_US.UTF-8', LANG: 'en_US.UTF-8' };
  const env = { ...process.env, ...language, DISPLAY: xvfb?.display ?? process.env.DISPLAY, HOME: home, TZ: 'UTC' };

  /** The processes of the pages open now. @type {Set<import('node:child_process').ChildProcess>} */
  const running = new Set();
  const stopAll = () => {
    for (const child of running) endGroup(child);
    running.clear();
    xvfb?.process.kill();
  };
  // Also when the test runner ends this process (a file that timed out): nothing is left running.
  const onSignal = (/** @type {NodeJS.Signals} */ signal) => {
    stopAll();
    process.kill(process.pid, signal);
  };
  process.once('exit', stopAll);
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);

  /** Starts a process in a group of its own, keeping the end of what it prints for error messages. */
  function start(/** @type {string} */ file, /** @type {string[]} */ args, /** @type {NodeJS.ProcessEnv} */ processEnv) {
    const child = spawn(file, args, { env: processEnv, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let log = '';
    child.stderr?.on('data', (chunk) => {
      log = (log + chunk).slice(-2000);
    });
    running.add(child);
    const failed = () => (child.exitCode !== null || child.signalCode !== null ? `exited (${child.exitCode ?? child.signalCode}): ${log}` : null);
    return { child, failed };
  }

  /** A MiniBrowser in automation mode, its driver, and a session with it. */
  async function newSession() {
    const automationPort = await freeFixedPort();
    const browserProcess = start(miniBrowserPath, ['--automation'], { ...env, WEBKIT_INSPECTOR_SERVER: `127.0.0.1:${automationPort}` });
    const driverPort = await freeFixedPort();
    const driverProcess = start(webkitDriverPath, [`--port=${driverPort}`, '--host=local', `--target=127.0.0.1:${automationPort}`], env);
    const end = () => {
      for (const { child } of [driverProcess, browserProcess]) {
        endGroup(child);
        running.delete(child);
      }
    };
    try {
      await ready(() => listensOn(automationPort), browserProcess.failed, 'MiniBrowser');
      await ready(async () => (await fetch(`http://127.0.0.1:${driverPort}/status`)).ok, driverProcess.failed, 'WebKitWebDriver');
      const browser = await remote({
        hostname: '127.0.0.1',
        port: driverPort,
        logLevel: 'silent',
        connectionRetryCount: 0,
        capabilities: { browserName: 'MiniBrowser', 'wdio:enforceWebDriverClassic': true },
      });
      return { browser, end };
    } catch (error) {
      end();
      throw error;
    }
  }

  const stop = async () => {
    process.off('exit', stopAll);
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    stopAll();
    await rm(home, { recursive: true, force: true });
  };
  return {
    name: 'webkit',
    initScripts: null,
    pageEvents: false,
    downloadDir: `${home}/Downloads`,
    printsTo: null, // MiniBrowser under automation: print() prints nothing, and says no `afterprint`
    async newPage() {
      const { browser, end: stopSession } = await newSession();
      await browser.setTimeout({ script: 120_000, pageLoad: 60_000 });
      await browser.setWindowSize(1280, 900).catch(() => {});
      /**
       * The element a handle (a WebDriver element reference) is.
       * @param {any} handle
       * @returns {Promise<WebdriverIO.Element>}
       */
      const element = async (handle) => {
        if (!handle) throw new Error('not an element');
        return /** @type {any} */ (await browser.$(handle));
      };
      return {
        goto: (url) => browser.url(url).then(() => undefined),
        evaluate: (expression) => browser.execute(`return (${expression});`),
        element: async (expression) => {
          const handle = await browser.execute(`return (${expression});`);
          if (!handle || typeof handle !== 'object') throw new Error('not an element');
          return handle;
        },
        click: async (handle) => (await element(handle)).click(),
        async fill(handle, value) {
          // As a user would: select what is in the field, then type over it (or delete it).
          await browser.execute((/** @type {any} */ field) => {
            field.focus();
            field.select();
          }, /** @type {any} */ (handle));
          await browser.elementSendKeys((await element(handle)).elementId, value || '\uE003');
        },
        async selectOption(handle, value) {
          // WebDriver selects an option by clicking it (no menu opens).
          const option = await browser.execute(
            (/** @type {any} */ select, wanted) => [...select.options].find((o) => o.value === wanted) ?? null,
            /** @type {any} */ (handle),
            value,
          );
          if (!option) throw new Error(`no option ${JSON.stringify(value)}`);
          await (await element(option)).click();
          const picked = await browser.execute((/** @type {any} */ select) => select.value, /** @type {any} */ (handle));
          if (picked !== value) throw new Error(`option ${JSON.stringify(value)} clicked, but the select has ${JSON.stringify(picked)}`);
        },
        release: async () => {},
        addInitScript: null,
        onPageError: null,
        onConsole: null,
        // WebKitWebDriver implements no virtual authenticator.
        addVirtualAuthenticator: null,
        async close() {
          await browser.deleteSession().catch(() => {});
          stopSession();
        },
      };
    },
    close: stop,
  };
}
