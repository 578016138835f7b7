/**
 * The demo's sign-in: a same-origin session cookie and a CSRF token. A real backend already has
 * both; what the contract needs from them is only this:
 * - every API request carries the session (cookie, `credentials: 'same-origin'`);
 * - every state-changing request (POST, DELETE) carries the CSRF token in `X-CSRF-Token`, which
 *   the wizard's HTTP adapter sends through its `headers` option.
 *
 * `GET {base}/session` signs the visitor in as the demo user and answers `{ csrfToken, account }`.
 * Each new session gets a fresh copy of the demo user ("jane@example.com", password "demo"), so
 * visitors, tests and conformance runs never see each other's enrollments.
 */
import { errors } from './errors.js';
import { hashSecret, randomId, safeEqual, sha256 } from './secrets.js';
import { freshGuard } from './store.js';

/** @typedef {import('./store.js').Store} Store */
/** @typedef {import('./store.js').SessionRecord} SessionRecord */

export const COOKIE = 'twofa_demo_session';
export const CSRF_HEADER = 'x-csrf-token';
const SESSION_TTL = 24 * 60 * 60 * 1000;

/**
 * @param {{ store: Store, now?: () => number, account?: string, password?: string }} options
 */
export function createSessions({ store, now = Date.now, account = 'jane@example.com', password = 'demo' }) {
  /** Hashed once, on first use: scrypt is slow on purpose. @type {Promise<string> | undefined} */
  let passwordHash;

  /**
   * The session of this request, or null.
   * @param {import('node:http').IncomingMessage} req
   * @returns {Promise<SessionRecord | null>}
   */
  async function find(req) {
    const id = readCookie(req.headers.cookie, COOKIE);
    if (!id) return null;
    const session = await store.getSession(sha256(id));
    return session && session.expiresAt > now() ? session : null;
  }

  return {
    find,

    /**
     * The request's session, or a new one for a fresh demo user; sets the cookie when new.
     * @param {import('node:http').IncomingMessage} req
     * @param {import('node:http').ServerResponse} res
     */
    async signIn(req, res) {
      const existing = await find(req);
      if (existing) return existing;
      const id = randomId(32);
      const expiresAt = now() + SESSION_TTL;
      const userId = `demo-${randomId(9)}`;
      await store.saveUser({
        id: userId,
        account,
        passwordHash: await (passwordHash ??= hashSecret(password)),
        passwordGuard: freshGuard(),
        totp: null,
        sms: null,
        email: null,
        recoveryHashes: [],
        expiresAt,
      });
      /** @type {SessionRecord} */
      const session = { key: sha256(id), userId, csrfToken: randomId(32), expiresAt, authenticatedAt: now() };
      await store.saveSession(session);
      // HttpOnly: scripts cannot read it; SameSite=Strict: other sites cannot send it. Add `Secure` behind HTTPS.
      const secure = isHttps(req) ? '; Secure' : '';
      res.setHeader('Set-Cookie', `${COOKIE}=${id}; Path=/; HttpOnly; SameSite=Strict${secure}`);
      return session;
    },

    /**
     * The user gave the right password: the sign-in is recent again.
     * @param {SessionRecord} session
     */
    async reauthenticated(session) {
      await store.saveSession({ ...session, authenticatedAt: now() });
    },

    /**
     * Throws unless the request may change state: the CSRF header must equal the session's token,
     * and a browser's `Origin`, when sent, must be this server's.
     * @param {import('node:http').IncomingMessage} req
     * @param {SessionRecord} session
     */
    checkCsrf(req, session) {
      const token = req.headers[CSRF_HEADER];
      if (typeof token !== 'string' || !safeEqual(token, session.csrfToken)) throw errors.csrf();
      const origin = req.headers.origin;
      if (origin !== undefined && origin !== `${isHttps(req) ? 'https' : 'http'}://${req.headers.host}`) throw errors.csrf();
    },
  };
}

/**
 * @param {string | undefined} header
 * @param {string} name
 */
export function readCookie(header, name) {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return null;
}

/** @param {import('node:http').IncomingMessage} req */
function isHttps(req) {
  return /** @type {import('node:tls').TLSSocket} */ (req.socket).encrypted === true;
}
