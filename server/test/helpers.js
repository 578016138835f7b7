/**
 * Helpers for the server tests: the reference backend on a free loopback port, a signed-in client,
 * and a clock the tests move by hand.
 */
import { createServer } from 'node:http';
import { createApp } from '../app.js';
import { ApiClient } from '../conformance/client.js';
import { totp } from '../conformance/totp.js';

/** A clock that stands still until a test moves it; starts in the middle of a 30 s time step. */
export function manualClock(start = Date.UTC(2026, 0, 1, 12, 0, 15)) {
  const clock = {
    t: start,
    now: () => clock.t,
    /** @param {number} ms */
    advance(ms) {
      clock.t += ms;
    },
  };
  return clock;
}

/**
 * Starts the reference backend on 127.0.0.1 (free port). Close it with `await server.close()`.
 * @param {Parameters<typeof createApp>[0]} [options]
 */
export async function startReference(options = {}) {
  const app = createApp({ log: () => {}, ...options });
  const server = createServer(app.handle);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  const origin = `http://127.0.0.1:${port}`;
  return {
    app,
    origin,
    base: `${origin}${app.basePath}`,
    async close() {
      app.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}

/**
 * A new session (a new demo user): a client that sends the cookie and the CSRF header.
 * @param {string} base
 */
export async function signIn(base) {
  const response = await fetch(`${base}/session`);
  const { csrfToken } = await response.json();
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return new ApiClient(base, { cookie, headers: { 'X-CSRF-Token': csrfToken } });
}

/**
 * The code for an enrollment at a time (epoch ms), from the independent implementation.
 * @param {{ secret: string }} enrollment
 * @param {number} time
 */
export function codeAt(enrollment, time) {
  return totp(enrollment.secret, { time });
}
