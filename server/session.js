/**
 * Who is signed in, and whether a request may change state, on Fetch's `Request`. A real backend
 * already has sessions: it passes `createApp({ getUser })`, and the API uses its answer. What the contract needs is:
 * - every API request carries the session (a cookie, `credentials: 'same-origin'`, or a header);
 * - every state-changing request (POST, DELETE) carries the CSRF token in `X-CSRF-Token`, which
 *   the wizard's HTTP adapter sends through its `headers` option.
 *
 * Without `getUser` (development only: `createApp` refuses it in production), the demo's
 * session: `GET {base}/session` signs the visitor in as a fresh copy of the demo user
 * ("jane@example.com", password "demo"), so visitors, tests and conformance runs never see each
 * other's enrollments, and answers `{ csrfToken, account }`. Its cookie is HttpOnly and
 * SameSite=Strict, and over TLS `Secure` with the `__Host-` prefix; the session ends after
 * `idleTimeout` without a request or a day after sign-in, and its id changes when the user gives the
 * password again (a session id someone planted or saw before is worth nothing afterwards).
 */
import { isIPv6 } from 'node:net';
import { errors } from './errors.js';
import { hashSecret, randomId, safeEqual, sha256 } from './secrets.js';
import { freshGuard } from './store.js';

/** @typedef {import('./store.js').Store} Store */
/** @typedef {import('./store.js').SessionRecord} SessionRecord */

export const COOKIE = 'twofa_demo_session';
/**
 * The cookie's name over TLS: browsers keep a `__Host-` cookie only with Secure, Path=/ and no
 * Domain, so neither plain HTTP nor a sibling subdomain can set or overwrite it.
 */
export const SECURE_COOKIE = `__Host-${COOKIE}`;
export const CSRF_HEADER = 'x-csrf-token';
const SESSION_TTL = 24 * 60 * 60 * 1000;
/** A session's `lastSeenAt` is written at most this often (a write per request would be wasted). */
const TOUCH_EVERY = 60 * 1000;

/**
 * Who the host says is signed in, or null: what `createApp({ getUser })` answers.
 * @typedef {object} HostUser
 * @property {string} userId  the host's id of the user (the two-factor state is kept under it)
 * @property {string} account  the name authenticator apps show, e.g. the e-mail address
 * @property {number} authenticatedAt  when the user last proved who they are (epoch ms): starting an
 *   enrollment without the password needs it to be recent (`reauthMaxAge`)
 * @property {string} [csrfToken]  the host session's CSRF token, which the page hands to the wizard: when
 *   given, state-changing requests must carry it; without it, they must carry this server's `Origin`
 *   (which browsers send with every POST and DELETE)
 */

/**
 * What the server adapter knows beside the request: the peer's address (the per-client send limit) and,
 * on `node:http`, Express or Connect, the Node request and response (`req.session`, `req.user`).
 * @typedef {{ clientAddress?: string, req?: import('node:http').IncomingMessage, res?: import('node:http').ServerResponse }} RequestContext
 */

/**
 * @typedef {object} SessionOptions
 * @property {Store} store
 * @property {() => number} [now]
 * @property {(request: Request, context: RequestContext) => Promise<HostUser | null> | HostUser | null} [getUser]
 *   the host's sessions; without it, the demo session
 * @property {(event: { userId: string, request: Request, context: RequestContext, headers: Headers }) => Promise<void> | void} [onReauthenticated]
 *   with `getUser`: the user just gave the right password; renew your session (a new id, a new sign-in time),
 *   setting its cookie on `headers`, the answer's
 * @property {number} [idleTimeout]  milliseconds a demo session lives without a request (30 minutes)
 * @property {boolean | number} [trustProxy]  see `isHttps` and `clientAddress`
 * @property {string} [account]  the demo user's account
 * @property {string} [password]  the demo user's password
 */

/**
 * @param {SessionOptions} options
 */
export function createSessions({
  store,
  now = Date.now,
  getUser,
  onReauthenticated,
  idleTimeout = 30 * 60 * 1000,
  trustProxy = false,
  account = 'jane@example.com',
  password = 'demo',
}) {
  /** Hashed once, on first use: scrypt is slow on purpose. @type {Promise<string> | undefined} */
  let passwordHash;

  /** @param {Request} request */
  const cookieName = (request) => (isHttps(request, trustProxy) ? SECURE_COOKIE : COOKIE);

  /**
   * Sets the session cookie on the answer. HttpOnly: scripts cannot read it; SameSite=Strict: other
   * sites cannot send it; over TLS Secure and `__Host-`.
   * @param {Request} request @param {Headers} answer the answer's headers @param {string} id
   */
  function setCookie(request, answer, id) {
    const secure = isHttps(request, trustProxy) ? '; Secure' : '';
    answer.set('Set-Cookie', `${cookieName(request)}=${id}; Path=/; HttpOnly; SameSite=Strict${secure}`);
  }

  /**
   * The host's session as a SessionRecord; the user's two-factor record is made on first sight.
   * @param {Request} request @param {RequestContext} context
   * @returns {Promise<SessionRecord | null>}
   */
  async function hostSession(request, context) {
    const who = await /** @type {NonNullable<SessionOptions['getUser']>} */ (getUser)(request, context);
    if (!who) return null;
    await store.lock(`user:${who.userId}`, async () => {
      const known = await store.getUser(who.userId);
      if (known?.account === who.account) return;
      await store.saveUser(
        known
          ? { ...known, account: who.account }
          : // The password is the host's: `verifyPassword` checks it, never this hash.
            { id: who.userId, account: who.account, passwordHash: '', passwordGuard: freshGuard(), totp: null, sms: null, email: null, recoveryHashes: [] },
      );
    });
    return { key: '', userId: who.userId, csrfToken: who.csrfToken ?? '', expiresAt: Infinity, authenticatedAt: who.authenticatedAt };
  }

  /**
   * The session of this request, or null.
   * @param {Request} request @param {RequestContext} [context]
   * @returns {Promise<SessionRecord | null>}
   */
  async function find(request, context = {}) {
    if (getUser) return hostSession(request, context);
    const id = readCookie(request.headers.get('cookie') ?? undefined, cookieName(request));
    if (!id) return null;
    const key = sha256(id);
    const session = await store.getSession(key);
    const time = now();
    if (!session || session.expiresAt <= time) return null;
    const lastSeenAt = session.lastSeenAt ?? session.authenticatedAt;
    if (time - lastSeenAt > idleTimeout) {
      await store.deleteSession(key);
      return null;
    }
    if (time - lastSeenAt >= TOUCH_EVERY) {
      // Under the session's lock, re-read: a session renewed meanwhile (its key deleted) must stay gone.
      await store.lock(`session:${key}`, async () => {
        const current = await store.getSession(key);
        if (current) await store.saveSession({ ...current, lastSeenAt: time });
      });
    }
    return session;
  }

  return {
    find,

    /**
     * `GET /session`: the request's session; without one, a new one for a fresh demo user (and the
     * cookie). With the host's sessions: the host's, or 401.
     * @param {Request} request @param {RequestContext} context @param {Headers} answer the answer's headers
     */
    async signIn(request, context, answer) {
      const existing = await find(request, context);
      if (existing) return existing;
      if (getUser) throw errors.unauthenticated();
      const id = randomId(32);
      const time = now();
      const expiresAt = time + SESSION_TTL;
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
      const session = { key: sha256(id), userId, csrfToken: randomId(32), expiresAt, authenticatedAt: time, lastSeenAt: time };
      await store.saveSession(session);
      setCookie(request, answer, id);
      return session;
    },

    /**
     * The user gave the right password: the sign-in is recent again, under a new session id (the
     * CSRF token stays: the page holds it). The host's sessions are the host's to renew: `onReauthenticated`.
     * @param {SessionRecord} session @param {Request} request @param {RequestContext} context @param {Headers} answer the answer's headers
     */
    async reauthenticated(session, request, context, answer) {
      if (getUser) return onReauthenticated?.({ userId: session.userId, request, context, headers: answer });
      const id = randomId(32);
      const time = now();
      await store.lock(`session:${session.key}`, async () => {
        await store.deleteSession(session.key);
        await store.saveSession({ ...session, key: sha256(id), authenticatedAt: time, lastSeenAt: time });
      });
      setCookie(request, answer, id);
    },

    /**
     * Throws unless the request may change state: a browser's `Origin`, when sent, must be this
     * server's; the CSRF header must equal the session's token, or, for a host session without one,
     * the `Origin` must be there.
     * @param {Request} request
     * @param {SessionRecord} session
     */
    checkCsrf(request, session) {
      const origin = request.headers.get('origin');
      if (origin !== null && origin !== ownOrigin(request, trustProxy)) throw errors.csrf();
      if (!session.csrfToken) {
        if (origin === null) throw errors.csrf();
        return;
      }
      const token = request.headers.get(CSRF_HEADER);
      if (token === null || !safeEqual(token, session.csrfToken)) throw errors.csrf();
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

/** @param {boolean | number} trustProxy */
const proxyHops = (trustProxy) => (trustProxy === true ? 1 : typeof trustProxy === 'number' ? trustProxy : 0);

/**
 * The entry the nearest trusted proxy (`hops` of them in front of us) added to an `X-Forwarded-*`
 * header: each proxy appends what it saw, so entries further left came from the client and may be
 * forged. (Fetch joins repeated headers with ", ".)
 * @param {Request} request @param {string} header @param {number} hops
 */
function forwarded(request, header, hops) {
  const list = (request.headers.get(header) ?? '').split(',').map((entry) => entry.trim());
  const entry = list[Math.max(0, list.length - hops)];
  return entry || undefined;
}

/**
 * Whether the client reached us over TLS: the request URL's scheme (what our own socket was), or,
 * with `trustProxy` (`true` for one proxy, or how many), what the proxy says in `X-Forwarded-Proto`.
 * Without `trustProxy` the header is ignored: anyone can send it.
 * @param {Request} request @param {boolean | number} [trustProxy]
 */
export function isHttps(request, trustProxy = false) {
  if (request.url.startsWith('https:')) return true;
  const hops = proxyHops(trustProxy);
  return hops > 0 && forwarded(request, 'x-forwarded-proto', hops)?.toLowerCase() === 'https';
}

/**
 * The origin the client addressed: its scheme (see `isHttps`) and the request's host.
 * @param {Request} request @param {boolean | number} [trustProxy]
 */
export function ownOrigin(request, trustProxy = false) {
  return `${isHttps(request, trustProxy) ? 'https' : 'http'}://${new URL(request.url).host}`;
}

/**
 * The client's address (for the per-client send limit): the peer the server adapter saw, or, with
 * `trustProxy`, the address the nearest proxy saw (its `X-Forwarded-For` entry) — never the header
 * as the client sent it, or one client could be a thousand. An IPv6 address counts by its /64: a
 * subscriber gets at least that network and may use any of its 2^64 addresses.
 * @param {Request} request @param {RequestContext} context @param {boolean | number} [trustProxy]
 */
export function clientAddress(request, context, trustProxy = false) {
  const hops = proxyHops(trustProxy);
  return clientNetwork((hops > 0 && forwarded(request, 'x-forwarded-for', hops)) || context.clientAddress || '');
}

/**
 * An IPv6 address as its /64 (`2001:db8:0:a::/64`), an IPv4 one mapped into IPv6 as the IPv4
 * address; anything else as it is.
 * @param {string} address
 */
function clientNetwork(address) {
  const plain = address.replace(/%.*$/, ''); // a zone (`fe80::1%eth0`)
  if (!isIPv6(plain)) return address;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(plain);
  if (mapped) return mapped[1];
  // Groups before and after `::` (which stands for the zeros between); an IPv4 tail is two groups.
  const [head, tail] = plain.split('::').map((part) => (part ? part.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])) : []));
  const groups = tail ? [...head, ...Array(8 - head.length - tail.length).fill('0'), ...tail] : head;
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}
