/**
 * End-to-end helpers: `npm start`'s server (the reference backend and the demo page, started
 * in-process on a free loopback port, with the timings a test needs) behind the test proxy, the
 * browser engines (Chromium, Firefox, WebKit: driver/), an independent TOTP, and the wizard's steps
 * driven by role and accessible name.
 */
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import jsQRModule from 'jsqr';
import { totp } from '../../server/conformance/totp.js';
import { startDemoServer } from '../../server/demo-server.js';
import { startNetwork } from './driver/network.js';
import { ENGINES, launchEngine, Page } from './driver/page.js';

export { ENGINES, totp };

const root = fileURLToPath(new URL('../..', import.meta.url));
/** jsQR is CommonJS: its default import is the function itself. */
const jsQR = /** @type {typeof import('jsqr').default} */ (/** @type {unknown} */ (jsQRModule));

/** Generous on a 2-core machine: the first page load compiles the demo's sources. */
export const TIMEOUT = 20_000;

/**
 * The options of each engine's `describe`: a suite that hangs (a browser that stops answering)
 * fails on its own after this long, and the next engine's suite still runs.
 */
export const ENGINE_SUITE = { timeout: 300_000 };

/**
 * The demo server with the reference backend, on 127.0.0.1 and a free port.
 * @param {import('../../server/app.js').AppOptions & import('../../server/enrollments.js').EnrollmentOptions} [app]
 */
export function startServer(app = {}) {
  return startDemoServer({
    port: 0,
    host: '127.0.0.1',
    app: { log: () => {}, ...app },
    watch: false,
    logLevel: 'error',
    // The page runs the kit that ships.
    kit: 'dist',
    // Its own cache: a developer's `npm start` may be using node_modules/.vite at the same time.
    cacheDir: `${root}node_modules/.vite-e2e`,
  });
}

/**
 * The demo server with the test proxy in front of it (driver/network.js): what the pages open.
 * @param {import('../../server/app.js').AppOptions & import('../../server/enrollments.js').EnrollmentOptions} [app]
 */
export async function startSite(app = {}) {
  const server = await startServer(app);
  const network = await startNetwork(server.url);
  return {
    server,
    network,
    async close() {
      await network.close();
      await server.close();
    },
  };
}

/** @typedef {Awaited<ReturnType<typeof startSite>>} Site */
/** @typedef {import('./driver/page.js').Engine} Engine */

/**
 * For a `describe` block of one engine: the demo server (behind the proxy) and the browser,
 * started before its tests and closed after them. The fields of the object returned are set once
 * its `before` hook has run.
 * @param {string} engineName
 */
export function useServerAndBrowser(engineName) {
  const demo = /** @type {Site & { engine: Engine }} */ ({});
  before(async () => {
    const [site, engine] = await Promise.all([startSite(), launchEngine(engineName)]);
    Object.assign(demo, site, { engine, close: site.close });
  });
  after(async () => {
    await demo.engine?.close();
    await demo.close?.();
  });
  return demo;
}

/**
 * A new page in a new context of the engine (so a new demo session and user), not navigated yet.
 * @param {Engine} engine
 * @param {Site} site
 */
export function newPage(engine, site) {
  return Page.open(engine, site.network, { timeout: TIMEOUT });
}

/**
 * A new page (see newPage) on the demo page, once it has said whether two-factor is on.
 * @param {Engine} engine
 * @param {Site} site
 */
export async function openDemo(engine, site) {
  const page = await newPage(engine, site);
  await page.goto('/');
  await panelShows(page, /Two-factor authentication is (on|off)\./);
  return page;
}

/**
 * Waits until the page's `<twofa-manage>` panel shows each text (its list of factors).
 * @param {Page} page @param {...(string | RegExp)} texts
 */
export async function panelShows(page, ...texts) {
  for (const text of texts) await page.locator('twofa-manage').getByText(text).first().waitFor();
}

/**
 * Picks a flow on the demo page and opens the wizard (the recovery codes typed back, with `typeBack`).
 * @param {Page} page @param {string} flow
 */
export async function openFlow(page, flow, { typeBack = false } = {}) {
  await page.getByLabel('How the setup goes').selectOption(flow);
  if (typeBack) await page.getByRole('checkbox', { name: 'Check the saved codes by typing one back' }).check();
  await page.getByRole('button', { name: /^Set up/ }).click();
}

/**
 * The page's errors and Content-Security-Policy reports so far (what no test page may have).
 * @param {Page} page
 */
export async function problems(page) {
  return (await page.messages()).flatMap(({ type, text }) =>
    type === 'pageerror' ? [`page error: ${text}`] : /Content.Security.Policy/i.test(text) ? [`CSP: ${text}`] : [],
  );
}

/**
 * @param {Page} page
 * @param {string | RegExp} name
 */
export async function expectHeading(page, name) {
  await page.getByRole('heading', { name }).waitFor();
}

/**
 * The wizard's code input (a textbox named "6-digit code").
 * @param {Page} page
 */
export const codeInput = (page) => page.getByRole('textbox', { name: '6-digit code' });

/**
 * The wizard's alert and status texts, joined (where its errors appear).
 * @param {Page} page
 */
export const wizard = (page) => page.locator('twofa-enroll');

/**
 * From the page's "Set up" button to the QR step; returns the secret read from "Can't scan the image?".
 * @param {Page} page
 * @param {{ button?: string | RegExp, heading?: string | RegExp }} [options]
 */
export async function startToQr(page, { button = 'Set up two-factor authentication', heading = 'Set up two-factor authentication' } = {}) {
  await page.getByRole('button', { name: button }).click();
  await expectHeading(page, heading);
  await page.getByRole('button', { name: 'Start' }).click();
  await expectHeading(page, 'Scan the QR code');
  return readSecret(page);
}

/**
 * Opens "Can't scan the image?" and reads the secret key as shown (groups of four), without spaces.
 * @param {Page} page
 */
export async function readSecret(page) {
  await page.getByRole('img', { name: /^QR code for adding jane@example\.com/ }).waitFor();
  const details = page.locator('twofa-step-qr details');
  if (!(await details.evaluate((el) => /** @type {HTMLDetailsElement} */ (el).open))) await page.getByText("Can't scan the image?").click();
  const shown = await page.locator('twofa-step-qr [part="secret"]').textContent();
  const secret = (shown ?? '').replace(/\s+/g, '');
  assert.match(secret, /^[A-Z2-7]{32}$/, `the secret shown: ${shown}`);
  return secret;
}

/**
 * Decodes the QR code on the page the way a phone camera would see it: the rendered SVG drawn on a
 * canvas, its pixels decoded by an independent decoder (jsQR). Returns the text, an otpauth URI.
 * @param {Page} page
 */
export async function scanQr(page) {
  const image = await page.getByRole('img', { name: /^QR code for adding/ }).evaluate(async (svg) => {
    const size = 400;
    const source = new XMLSerializer().serializeToString(svg);
    const img = new Image(size, size);
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(source)}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = size;
    const context = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
    context.drawImage(img, 0, 0, size, size);
    return { size, data: Array.from(context.getImageData(0, 0, size, size).data) };
  });
  const decoded = jsQR(Uint8ClampedArray.from(image.data), image.size, image.size);
  assert.ok(decoded, 'the QR code could not be decoded');
  return decoded.data;
}

/**
 * From the QR step through the confirm step with the current code.
 * @param {Page} page
 * @param {string} secret
 */
export async function confirmCode(page, secret) {
  await page.getByRole('button', { name: 'Next: enter the code' }).click();
  await expectHeading(page, 'Enter the code from your app');
  await codeInput(page).fill(totp(secret));
}

/**
 * The 6-digit code of a message in the page's "Outbox (demo)" region.
 * @param {Page} page
 * @param {number} count  which message (1: the first); waits until it is there
 */
export async function smsFromOutbox(page, count = 1) {
  // "Outbox (demo)", "Utboks (demo)", "Utkorg (demo)"
  const items = page.getByRole('region', { name: /^(outbox|utboks|utkorg) \(demo\)$/i }).getByRole('listitem');
  await items.nth(count - 1).waitFor();
  const text = await items.nth(count - 1).textContent();
  const code = /(?<!\d)(\d{6})(?!\d)/.exec(text ?? '')?.[1];
  assert.ok(code, `no code in the outbox message: ${text}`);
  return code;
}

/**
 * `GET /api/2fa/status` with the page's session.
 * @param {Page} page
 */
export function apiStatus(page) {
  // Thrown in the page on an error answer: returned, its `{ error }` body would read as a WebDriver error in WebKit's driver.
  return page.evaluate(async () => {
    const response = await fetch('/api/2fa/status');
    if (!response.ok) throw new Error(`GET /api/2fa/status: HTTP ${response.status}`);
    return response.json();
  });
}

/** Waits until `check` passes (for server-side facts without a UI). */
export async function eventually(check, timeout = TIMEOUT) {
  const until = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
