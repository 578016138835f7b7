/**
 * The end-to-end tests' page API, the same for Chromium, Firefox and WebKit: a page in a fresh
 * context (its own cookies) and locators that find what a user finds — by role and accessible
 * name, label or text, through every open shadow root — with Playwright's names and meanings
 * (`getByRole`, `getByText`, `getByLabel`, `locator`, `filter({ hasText })`, `first`, `nth`,
 * strict: an action on a locator that finds two elements is an error). Every wait waits for a
 * state in the page, never for a time.
 *
 * How it is split:
 * - in-page.js runs inside the page in every engine: it resolves locators (roles and names by
 *   dom-accessibility-api), checks states and waits for them;
 * - chromium.js, firefox.js, webkit.js (one `EngineLauncher` each) only launch the browser, carry
 *   expressions into the page and do the real input (clicks, typing) with the engine's own driver;
 * - network.js, the proxy every page loads through, sees and changes requests for every engine.
 */
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * @typedef {object} EnginePage  what an engine module does for one page
 * @property {(url: string) => Promise<void>} goto  navigates and waits for the load event
 * @property {(expression: string) => Promise<any>} evaluate  a JavaScript expression in the page (a promise is awaited); its value as JSON
 * @property {(expression: string) => Promise<unknown>} element  a handle to the element the expression yields
 * @property {(handle: any) => Promise<void>} click  a real click, in the middle of the element
 * @property {(handle: any, value: string) => Promise<void>} fill  replaces the field's text by `value` (typed, or inserted)
 * @property {(handle: any, value: string) => Promise<void>} selectOption  picks the `<select>`'s option of that value
 * @property {(handle: any) => Promise<void>} release
 * @property {((fn: () => void) => Promise<void>) | null} addInitScript  runs `fn` in every document before its scripts
 * @property {((listener: (message: string) => void) => void) | null} onPageError  uncaught errors and rejections
 * @property {((listener: (type: string, text: string) => void) => void) | null} onConsole  console messages (the browser's own too)
 * @property {((options: VirtualAuthenticatorOptions) => Promise<VirtualAuthenticator>) | null} addVirtualAuthenticator
 *   a WebAuthn authenticator in software that answers the page's `navigator.credentials` calls, or null: the engine
 *   cannot host one for a test (only Chromium can, through CDP)
 * @property {() => Promise<void>} close
 */
/**
 * @typedef {object} VirtualAuthenticatorOptions
 * @property {'internal' | 'usb'} transport  a platform authenticator (Touch ID, Windows Hello) or a security key
 * @property {boolean} [userVerification]  it can verify the user (a fingerprint, a PIN): true by default
 * @property {boolean} [consents]  the user agrees to each prompt: true by default; false makes it refuse (NotAllowedError)
 */
/**
 * @typedef {object} VirtualAuthenticator
 * @property {() => Promise<Array<{ credentialId: string, rpId?: string }>>} credentials  what it holds
 * @property {() => Promise<void>} remove
 */
/**
 * @typedef {object} Engine
 * @property {'chromium' | 'firefox' | 'webkit'} name
 * @property {string | null} initScripts  where the engine's own init scripts run, or null: WebDriver classic has none
 * @property {boolean} pageEvents  the engine reports console messages and page errors
 * @property {string} downloadDir  where downloads land
 * @property {string | null} printsTo  the PDF file `print()` writes (Firefox prints at once, silently), or null:
 *   the engine prints nothing (headless Chromium, MiniBrowser under automation) and never fires `afterprint`
 * @property {() => Promise<EnginePage>} newPage  a page in a new context
 * @property {() => Promise<void>} close
 * @typedef {() => Promise<Engine>} EngineLauncher
 */

/** Every engine the tests run in; `E2E_ENGINES=firefox,webkit` picks some. */
export const ALL_ENGINES = /** @type {const} */ (['chromium', 'firefox', 'webkit']);
export const ENGINES = process.env.E2E_ENGINES
  ? process.env.E2E_ENGINES.split(',')
      .map((name) => name.trim())
      .filter(Boolean)
  : [...ALL_ENGINES];
for (const name of ENGINES)
  if (!(/** @type {readonly string[]} */ (ALL_ENGINES).includes(name))) throw new Error(`E2E_ENGINES: no engine ${name} (${ALL_ENGINES.join(', ')})`);

/**
 * Starts an engine.
 * @param {string} name
 * @returns {Promise<Engine>}
 */
export async function launchEngine(name) {
  const { launch } = await import(`./${name}.js`);
  return launch();
}

const KEY = "globalThis[Symbol.for('twofa-e2e')]";
const MISSING = 'twofa-e2e: not in this document';

/** @type {Promise<string> | undefined} */
let inPageSource;
/** in-page.js and dom-accessibility-api as one expression. */
function inPage() {
  inPageSource ??= build({
    entryPoints: [fileURLToPath(new URL('./in-page.js', import.meta.url))],
    bundle: true,
    format: 'iife',
    write: false,
    target: 'es2022',
    minifyWhitespace: true,
    legalComments: 'none',
  }).then(({ outputFiles: [file] }) =>
    file.text
      .replace(/^"use strict";/, '')
      .trim()
      .replace(/;$/, ''),
  );
  return inPageSource;
}

/** What the page's side of a call gets: JSON, with regular expressions as `{ regex, flags }`. */
const json = (/** @type {unknown} */ value) =>
  value === undefined ? 'undefined' : JSON.stringify(value, (_, v) => (v instanceof RegExp ? { regex: v.source, flags: v.flags } : v));

/** `E2E_TRACE=1`: every call into the page and every action on stderr, with its time (to see where a test waits). */
const TRACE = Boolean(process.env.E2E_TRACE);
async function traced(/** @type {string} */ what, /** @type {() => Promise<any>} */ run) {
  if (!TRACE) return run();
  const started = Date.now();
  process.stderr.write(`[e2e] ${new Date(started).toISOString().slice(11, 23)} ${what.slice(0, 160)}\n`);
  try {
    return await run();
  } finally {
    process.stderr.write(`[e2e]   ${Date.now() - started} ms\n`);
  }
}

/** What a stale handle looks like in each driver: the element went away between finding and acting. */
const STALE = /not attached|detached|stale element|no such element|no node found|node with given id|Cannot find context/i;

/**
 * The in-page observer of an engine without page events (WebKit through WebDriver classic): the
 * same page errors and console errors the other engines report, and a console error for each
 * Content-Security-Policy violation (where the others' browsers log one).
 */
function observePage() {
  const key = Symbol.for('twofa-e2e-messages');
  if (/** @type {any} */ (window)[key]) return;
  /** @type {Array<{ type: string, text: string }>} */
  const messages = [];
  Object.defineProperty(window, key, { value: messages });
  window.addEventListener('error', (event) => messages.push({ type: 'pageerror', text: event.error?.message ?? event.message }));
  window.addEventListener('unhandledrejection', (event) => messages.push({ type: 'pageerror', text: event.reason?.message ?? String(event.reason) }));
  for (const [method, type] of /** @type {const} */ ([
    ['error', 'error'],
    ['warn', 'warning'],
  ])) {
    const original = console[method];
    console[method] = function (...args) {
      messages.push({ type, text: args.map(String).join(' ') });
      return original.apply(this, args);
    };
  }
  document.addEventListener(
    'securitypolicyviolation',
    (event) =>
      messages.push({
        type: 'error',
        text: `Refused ${event.blockedURI || 'inline'}: it violates the Content Security Policy directive "${event.effectiveDirective}"`,
      }),
    true,
  );
}

export class Page {
  /** @type {Array<{ type: string, text: string }>} */
  #messages = [];
  /** @type {Array<() => void>} */
  #cleanup = [];

  /**
   * @param {Engine} engine
   * @param {EnginePage} page
   * @param {Awaited<ReturnType<typeof import('./network.js').startNetwork>>} network
   * @param {number} timeout  of every wait and action unless told otherwise
   */
  constructor(engine, page, network, timeout) {
    this.engine = engine;
    this.raw = page;
    this.network = network;
    this.timeout = timeout;
    /** Every answer the proxy passed on to this page, in order. */
    this.responses = /** @type {import('./network.js').ProxyResponse[]} */ ([]);
    page.onPageError?.((text) => this.#messages.push({ type: 'pageerror', text }));
    page.onConsole?.((type, text) => this.#messages.push({ type, text }));
    this.#cleanup.push(network.onResponse((response) => this.responses.push(response)));
    if (!engine.pageEvents) this.#cleanup.push(network.injectScript(`(${observePage})()`));
  }

  /**
   * A new page in a new context of `engine`, loading through `network`.
   * @param {Engine} engine
   * @param {Awaited<ReturnType<typeof import('./network.js').startNetwork>>} network
   */
  static async open(engine, network, { timeout = 20_000 } = {}) {
    return new Page(engine, await engine.newPage(), network, timeout);
  }

  /** Where the network's proxy serves `path`. */
  url(path = '/') {
    return new URL(path, this.network.url).href;
  }

  /** @param {string} [path] */
  async goto(path = '/') {
    await this.raw.goto(this.url(path));
  }

  /** Runs an expression that uses the in-page API as `E` (installing it in the document first if needed); its value as JSON. */
  call(/** @type {string} */ body) {
    return this.#inPage('call', body);
  }

  /** Like `call`, for an expression that yields an element: its handle. */
  #element(/** @type {string} */ body) {
    return this.#inPage('element', body);
  }

  /** @param {'call' | 'element'} kind @param {string} body */
  async #inPage(kind, body) {
    const expression = `((E) => E ? (${body}) : Promise.reject(new Error(${JSON.stringify(MISSING)})))(${KEY})`;
    const run = () => traced(`${kind} ${body}`, () => (kind === 'call' ? this.raw.evaluate(expression) : this.raw.element(expression)));
    try {
      return await run();
    } catch (error) {
      if (!String(/** @type {Error} */ (error)?.message).includes(MISSING)) throw error;
      await traced('install', async () => this.raw.evaluate(await inPage()));
      return run();
    }
  }

  /**
   * Waits for `state` and does `action` with the one element found, again if the element went
   * away in between (a re-render), until the timeout.
   * @param {import('./in-page.js').Step[]} steps
   * @param {string} state
   * @param {(handle: any) => Promise<void>} action
   */
  async act(steps, state, action, timeout = this.timeout) {
    const until = Date.now() + timeout;
    for (;;) {
      const handle = await this.#element(`E.waitFor(${json(steps)}, ${json(state)}, ${Math.max(until - Date.now(), 0)})`);
      try {
        return await traced(`${action.name || 'action'} ${state}`, () => action(handle));
      } catch (error) {
        if (!STALE.test(String(/** @type {Error} */ (error)?.message)) || Date.now() > until) throw error;
      } finally {
        await this.raw.release(handle).catch(() => {});
      }
    }
  }

  /**
   * `fn(arg)` in the page; its value as JSON.
   * @template T, A
   * @param {(arg: A) => T} fn
   * @param {A} [arg]
   * @returns {Promise<Awaited<T>>}
   */
  evaluate(fn, arg) {
    return this.raw.evaluate(`(${fn})(${json(arg)})`);
  }

  /**
   * Waits until `fn(arg)` is truthy in the page; returns its value.
   * @template T, A
   * @param {(arg: A) => T} fn
   * @param {A} [arg]
   */
  waitForFunction(fn, arg, { timeout = this.timeout } = {}) {
    return this.call(`E.waitForFunction(${fn}, ${json(arg)}, ${timeout})`);
  }

  /** @param {string} role @param {{ name?: string | RegExp, exact?: boolean }} [options] */
  getByRole(role, options = {}) {
    return new Locator(this, [{ role, ...options }]);
  }

  /** @param {string | RegExp} text @param {{ exact?: boolean }} [options] */
  getByText(text, options = {}) {
    return new Locator(this, [{ text, ...options }]);
  }

  /** @param {string | RegExp} label @param {{ exact?: boolean }} [options] */
  getByLabel(label, options = {}) {
    return new Locator(this, [{ label, ...options }]);
  }

  /** CSS, each compound looked for through shadow roots (`twofa-step-qr [part="secret"]`). @param {string} css */
  locator(css) {
    return new Locator(this, [{ css }]);
  }

  /** What is inside the (same-origin) frame `css` finds. @param {string} css */
  frameLocator(css) {
    return new Locator(this, [{ frame: css }]);
  }

  /**
   * Runs `fn` in every document before its own scripts: the engine's init scripts, else (WebKit)
   * a script the proxy puts first in each HTML document, which does not reach frames the page
   * makes itself (`about:blank`).
   * @param {() => void} fn
   */
  async addInitScript(fn) {
    if (this.raw.addInitScript) await this.raw.addInitScript(fn);
    else this.#cleanup.push(this.network.injectScript(`(${fn})()`));
  }

  /**
   * A virtual WebAuthn authenticator for this page (Chromium only: check `engine.name`).
   * @param {import('./page.js').VirtualAuthenticatorOptions} options
   */
  addVirtualAuthenticator(options) {
    if (!this.raw.addVirtualAuthenticator) throw new Error(`${this.engine.name} cannot host a virtual authenticator`);
    return this.raw.addVirtualAuthenticator(options);
  }

  /**
   * Hands the requests of this page that `matches` accepts to `handler` (see network.js).
   * @param {(request: import('./network.js').ProxyRequest) => boolean} matches
   * @param {(route: import('./network.js').Route) => unknown} handler
   */
  route(matches, handler) {
    this.#cleanup.push(this.network.route(matches, handler));
  }

  /**
   * The next answer from now on that `predicate` accepts.
   * @param {(response: import('./network.js').ProxyResponse) => boolean} predicate
   */
  waitForResponse(predicate, { timeout = this.timeout } = {}) {
    return this.network.waitForResponse(predicate, timeout);
  }

  /**
   * The next request of the page from now on that failed (the server did not answer) and `predicate` accepts.
   * @param {(request: import('./network.js').ProxyRequest) => boolean} [predicate]
   */
  waitForRequestFailed(predicate, { timeout = this.timeout } = {}) {
    return this.network.waitForRequestFailed(predicate, timeout);
  }

  /**
   * Console messages (`type`: error, warning, log, …) and page errors (`type`: pageerror) so far.
   * @returns {Promise<Array<{ type: string, text: string }>>}
   */
  async messages() {
    if (this.engine.pageEvents) return [...this.#messages];
    return this.raw.evaluate("Array.from(window[Symbol.for('twofa-e2e-messages')] ?? [{ type: 'pageerror', text: 'no observer in this document' }])");
  }

  /**
   * Does `action` and waits for the file it downloads; returns its name and text.
   * @param {() => Promise<unknown>} action
   */
  async waitForDownload(action, { timeout = this.timeout } = {}) {
    const dir = this.engine.downloadDir;
    const before = new Set(await readdir(dir).catch(() => []));
    await action();
    const until = Date.now() + timeout;
    /** @type {string | undefined} */
    let candidate;
    let size = -1;
    for (;;) {
      const names = (await readdir(dir).catch(() => [])).filter((name) => !before.has(name) && !/\.(part|crdownload|wkdownload|download)$/.test(name));
      if (names.length > 1) throw new Error(`more than one download: ${names.join(', ')}`);
      if (names.length === 1) {
        const now = (await stat(`${dir}/${names[0]}`)).size;
        // Complete: the same non-zero size twice (a download in progress grows).
        if (names[0] === candidate && now === size && now > 0) return { name: names[0], text: await readFile(`${dir}/${names[0]}`, 'utf8') };
        [candidate, size] = [names[0], now];
      }
      if (Date.now() > until) throw new Error(`no download within ${timeout} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /**
   * Where the engine prints (`engine.printsTo`): waits for the PDF of the next print and returns it.
   * @param {() => Promise<unknown>} action  what prints
   */
  async waitForPrint(action, { timeout = this.timeout } = {}) {
    const file = this.engine.printsTo;
    if (!file) throw new Error(`${this.engine.name} prints nothing`);
    await rm(file, { force: true });
    await action();
    const until = Date.now() + timeout;
    let size = -1;
    for (;;) {
      const content = await readFile(file).catch(() => null);
      // Complete: a PDF, the same size twice (a file being written grows).
      if (content && content.subarray(0, 5).toString() === '%PDF-' && content.length === size) return content;
      size = content?.length ?? -1;
      if (Date.now() > until) throw new Error(`nothing printed within ${timeout} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async close() {
    for (const undo of this.#cleanup.splice(0)) undo();
    await this.raw.close();
  }
}

export class Locator {
  /**
   * @param {Page} page
   * @param {import('./in-page.js').Step[]} steps
   */
  constructor(page, steps) {
    this.page = page;
    this.steps = steps;
  }

  /** @param {import('./in-page.js').Step} step */
  #and(step) {
    return new Locator(this.page, [...this.steps, step]);
  }

  /** @param {string} role @param {{ name?: string | RegExp, exact?: boolean }} [options] */
  getByRole(role, options = {}) {
    return this.#and({ role, ...options });
  }

  /** @param {string | RegExp} text @param {{ exact?: boolean }} [options] */
  getByText(text, options = {}) {
    return this.#and({ text, ...options });
  }

  /** @param {string} css */
  locator(css) {
    return this.#and({ css });
  }

  /** Only the elements whose text has `hasText`. @param {{ hasText: string | RegExp }} options */
  filter({ hasText }) {
    return this.#and({ hasText });
  }

  first() {
    return this.#and({ nth: 0 });
  }

  /** @param {number} index */
  nth(index) {
    return this.#and({ nth: index });
  }

  toString() {
    return this.steps.map((step) => json(step)).join(' > ');
  }

  /**
   * Waits until the locator is `visible` (default: one element, visible), `attached`, `hidden` or `detached`.
   * @param {{ state?: 'visible' | 'attached' | 'hidden' | 'detached', timeout?: number }} [options]
   */
  async waitFor({ state = 'visible', timeout = this.page.timeout } = {}) {
    await this.page.call(`E.waitFor(${json(this.steps)}, ${json(state)}, ${timeout}).then(() => null)`);
  }

  /** How many elements it finds now (no waiting). */
  count() {
    return this.page.call(`E.count(${json(this.steps)})`);
  }

  /** Visible now (no waiting). */
  isVisible() {
    return this.page.call(`E.resolve(${json(this.steps)}).some(E.isVisible)`);
  }

  /** The `textContent` of each element found now (no waiting). @returns {Promise<string[]>} */
  allTextContents() {
    return this.page.call(`E.texts(${json(this.steps)})`);
  }

  /**
   * `fn(element, arg)` in the page, once the one element is there.
   * @template T, A
   * @param {(element: any, arg: A) => T} fn
   * @param {A} [arg]
   * @returns {Promise<Awaited<T>>}
   */
  async evaluate(fn, arg) {
    const steps = json(this.steps);
    return this.page.call(`E.waitFor(${steps}, 'attached', ${this.page.timeout}).then(() => (${fn})(E.one(${steps}), ${json(arg)}))`);
  }

  /** @returns {Promise<string | null>} */
  textContent() {
    return this.evaluate((element) => element.textContent);
  }

  /** @returns {Promise<string>} */
  inputValue() {
    return this.evaluate((element) => element.value);
  }

  /** @param {string} name @returns {Promise<string | null>} */
  getAttribute(name) {
    return this.evaluate((element, name) => element.getAttribute(name), name);
  }

  /** @returns {Promise<boolean>} */
  isDisabled() {
    const steps = json(this.steps);
    return this.page.call(`E.waitFor(${steps}, 'attached', ${this.page.timeout}).then(() => E.isDisabled(E.one(${steps})))`);
  }

  /** A real click on the one element, once it is visible, enabled and still. */
  click({ timeout = this.page.timeout } = {}) {
    return this.page.act(this.steps, 'one-enabled', (handle) => this.page.raw.click(handle), timeout);
  }

  /** Replaces the text of the one field, once it is visible, enabled and editable. @param {string} value */
  fill(value, { timeout = this.page.timeout } = {}) {
    return this.page.act(this.steps, 'one-editable', (handle) => this.page.raw.fill(handle, value), timeout);
  }

  /** Ticks the one checkbox or radio (a click, unless it is ticked already), and checks that it is. */
  async check({ timeout = this.page.timeout } = {}) {
    const steps = json(this.steps);
    await this.page.act(
      this.steps,
      'one-enabled',
      async (handle) => {
        if (!(await this.page.call(`E.one(${steps}).checked`))) await this.page.raw.click(handle);
      },
      timeout,
    );
    await this.page.call(`E.waitForFunction(() => E.one(${steps}).checked === true, null, ${timeout})`);
  }

  /**
   * Picks the option of that value of the one `<select>` (each engine checks that it is picked:
   * the select's own name may change with it, as the language picker's does).
   * @param {string} value
   */
  selectOption(value, { timeout = this.page.timeout } = {}) {
    return this.page.act(this.steps, 'one-enabled', (handle) => this.page.raw.selectOption(handle, value), timeout);
  }
}
