/**
 * `npm start` in one process: the reference backend under `/api/2fa` and, for every other path,
 * the demo page (`demo/`) served from source by Vite in middleware mode, on one `node:http` server.
 * The end-to-end tests start the same thing (with shorter timings) through `startDemoServer`.
 */
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { kitAliases } from '../build/kit-entries.js';
import { createApp } from './app.js';
import { devSecretKey } from './secrets.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * The demo page's Content-Security-Policy: no inline scripts or styles anywhere, which is what the
 * kit promises a strict page. `connect-src 'self'` covers the API and Vite's live-reload socket.
 */
export const DEMO_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** What modules served by Vite may import from its client, as no-ops. */
const VITE_CLIENT_STUB = `const noop = () => {};
export const createHotContext = () => ({ accept: noop, dispose: noop, prune: noop, invalidate: noop, on: noop, off: noop, send: noop, data: {} });
export const updateStyle = noop;
export const removeStyle = noop;
export const injectQuery = (url) => url;
export class ErrorOverlay extends HTMLElement {}
`;

/**
 * @typedef {object} DemoServerOptions
 * @property {number} [port]  default 5173; 0 picks a free one
 * @property {string} [host]  default `localhost`
 * @property {import('./app.js').AppOptions & import('./enrollments.js').EnrollmentOptions} [app]
 *   options of the backend (timings, clock, store …); `dev` is always on here, `allowEmailOnly` by default (the
 *   demo shows e-mail as a method of its own), and without a `secretKey` (nor TWOFA_SECRET_KEY) the key is
 *   `secret.key` in the data directory (TWOFA_DATA_DIR, default `.twofa-data/`), made on first start
 * @property {boolean} [watch]  live reload when files change (default true; the tests turn it off, and with it
 *   Vite's browser client, which would reload the page whenever the server comes back)
 * @property {string} [cacheDir]  Vite's dependency cache (default node_modules/.vite)
 * @property {'info' | 'warn' | 'error' | 'silent'} [logLevel]
 * @property {'src' | 'dist'} [kit]  the kit the page imports: its source (default, live reload) or the built dist/
 */

/**
 * Starts the backend and the demo page; resolves once it listens.
 * `stop()` closes the port (open connections too) but keeps everything in memory, `listen()`
 * opens it again on the same port: how the tests make "the server goes away".
 * @param {DemoServerOptions} [options]
 */
export async function startDemoServer({ port = 5173, host = 'localhost', app: appOptions = {}, watch = true, cacheDir, logLevel = 'info', kit = 'src' } = {}) {
  const secretKey = appOptions.secretKey ?? (process.env.TWOFA_SECRET_KEY || (await devSecretKey(process.env.TWOFA_DATA_DIR ?? `${root}.twofa-data`)));
  const app = createApp({ allowEmailOnly: true, ...appOptions, secretKey, dev: true });
  const server = createServer();
  // Vite is a dev dependency: loaded only here, never by the backend itself.
  const { createServer: createVite } = await import('vite');
  const vite = await createVite({
    configFile: `${root}vite.demo.config.ts`,
    root: `${root}demo`,
    appType: 'mpa',
    logLevel,
    cacheDir,
    resolve: { alias: kitAliases(kit) },
    server: watch ? { middlewareMode: { server }, ws: { server } } : { middlewareMode: true, ws: false, watch: null },
  });

  /** @type {{ pattern: RegExp, stopped: () => void } | undefined} */
  let stopAt;

  server.on('request', (req, res) => {
    if (stopAt?.pattern.test(req.url ?? '')) {
      // The server goes away as this request arrives: it gets no answer, like every other open one.
      const { stopped } = stopAt;
      stopAt = undefined;
      void stop().then(stopped);
      return;
    }
    void app.handle(req, res, () => site(req, res));
  });

  /**
   * Everything that is not the API: the demo page through Vite.
   * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res
   */
  function site(req, res) {
    if (!watch && req.url?.startsWith('/@vite/client')) {
      // Without live reload there is no socket to connect to: Vite's client becomes a module that
      // does nothing (its real one would try a port of its own, and reload the page when a stopped
      // server comes back, which is exactly what the "server goes away" test must not see).
      res.setHeader('Content-Type', 'text/javascript');
      res.end(VITE_CLIENT_STUB);
      return;
    }
    res.setHeader('Content-Security-Policy', DEMO_CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    vite.middlewares(req, res, () => {
      res.statusCode = 404;
      res.end('Not found');
    });
  }

  /** @type {number} */
  let boundPort = port;
  async function listen() {
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(boundPort, host, () => {
        server.off('error', reject);
        resolve(undefined);
      });
    });
    boundPort = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
  }

  async function stop() {
    const closed = new Promise((resolve) => server.close(() => resolve(undefined)));
    server.closeAllConnections();
    await closed;
  }

  await listen();
  return {
    app,
    get url() {
      return `http://${host}:${boundPort}`;
    },
    get listening() {
      return server.listening;
    },
    listen,
    stop,
    /**
     * Stops the server (as `stop()`) when the next request whose URL matches `pattern` arrives, before
     * answering it: for tests of a page that loses the server at that very moment. Resolves once stopped.
     * @param {RegExp} pattern
     * @returns {Promise<void>}
     */
    stopAtRequest(pattern) {
      return new Promise((resolve) => (stopAt = { pattern, stopped: () => resolve(undefined) }));
    },
    /** Stops everything: the port, Vite, the backend's timers. */
    async close() {
      if (server.listening) await stop();
      await vite.close();
      app.close();
    },
  };
}
