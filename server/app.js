/**
 * The HTTP layer of the reference backend: routes → rules (enrollments.js), JSON in and out,
 * sessions and CSRF (session.js). No framework: `app.handle(req, res)` is a plain `node:http`
 * request listener for everything under `basePath`.
 *
 * | request                             | body                  | answer                                       |
 * |-------------------------------------|-----------------------|----------------------------------------------|
 * | GET    /session                     | –                     | 200 { csrfToken, account } (+ cookie)        |
 * | GET    /status                      | –                     | 200 { account, enabled, methods, maskedPhone, maskedEmail, recoveryCodes } |
 * | POST   /enrollment                  | { password?, mode?, resetToken?, code? } | 201 { id, secret, uri, issuer, account, … }; 403 password_required without a recent sign-in, 403 proof_required for a reset without proof |
 * | POST   /enrollment/{id}/totp        | { code }              | 204                                          |
 * | POST   /enrollment/{id}/sms         | { phone }             | 200 { maskedPhone, resendAfter }             |
 * | POST   /enrollment/{id}/sms/verify  | { code }              | 204                                          |
 * | POST   /enrollment/{id}/email       | { email }             | 200 { maskedEmail, resendAfter }             |
 * | POST   /enrollment/{id}/email/verify| { code }              | 204                                          |
 * | POST   /enrollment/{id}/recovery-codes | { count? } (1–16)  | 200 { codes }                                |
 * | POST   /enrollment/{id}/complete    | –                     | 200 { methods }                              |
 * | DELETE /enrollment/{id}             | –                     | 204                                          |
 * | GET    /dev/outbox (dev only)       | –                     | 200 { messages: [{ id, channel, to, text, at }] } |
 * | POST   /dev/reset-link (dev only)   | –                     | 200 { resetToken } (and the e-mail in the outbox) |
 *
 * Errors: `{ "error": code, "retryAfter"?, "attemptsLeft"?, "serverTime"? }`, see errors.js.
 */
import { ApiError, errors } from './errors.js';
import { createEnrollments } from './enrollments.js';
import { clientAddress, createSessions } from './session.js';
import { DevOutbox } from './outbox.js';
import { MemoryStore } from './store.js';
import { createKeyring, parseSecretKey, processSecretKey } from './secrets.js';

/**
 * @typedef {object} AppOptions
 * @property {string} [basePath]  where the API lives (default `/api/2fa`)
 * @property {import('./store.js').Store} [store]  default: a new MemoryStore
 * @property {import('./outbox.js').Transport} [sms]  sends text messages; default: a new DevOutbox
 * @property {import('./outbox.js').Transport} [email]  sends e-mail; default: `sms` if that is a DevOutbox (one
 *   list for both), else a new DevOutbox
 * @property {() => number} [now]  the clock (epoch ms), for tests
 * @property {boolean} [dev]  mount the development-only routes (the outbox of `sms`, else of `email`); never in production
 * @property {number} [bodyLimit]  largest request body in bytes (default 4096)
 * @property {(message: string, error?: unknown) => void} [log]  where unexpected errors go (default console.error); never
 *   given an enrollment id, a code, a seed or a cookie
 * @property {boolean} [production]  refuse to start with anything made for development (default: `NODE_ENV === 'production'`)
 * @property {string} [secretKey]  the server key (32 bytes, base64) that seals TOTP seeds and keys the hashes of codes;
 *   default: env `TWOFA_SECRET_KEY`, else (not in production) a random key of this process
 * @property {string[]} [previousSecretKeys]  keys `secretKey` replaced: what they sealed still opens (default: env
 *   `TWOFA_PREVIOUS_SECRET_KEYS`, comma-separated)
 * @property {import('./session.js').SessionOptions['authenticate']} [authenticate]  your sessions: who is signed in
 *   (`{ userId, account, authenticatedAt, csrfToken? }`) or null; without it, the demo session (never in production)
 * @property {(userId: string, password: string) => Promise<boolean> | boolean} [verifyPassword]  checks the account
 *   password when a start sends one (with `authenticate`: yours; default: the demo user's)
 * @property {boolean | number} [trustProxy]  behind a reverse proxy (`true`, or how many): take TLS and the client's
 *   address from its `X-Forwarded-Proto` and `X-Forwarded-For` (default false: the headers are ignored)
 * @property {number} [sessionIdleTimeout]  milliseconds a demo session lives without a request (30 minutes)
 */

/** A request body larger than this is not even read to the end: the connection is closed. */
const DRAIN_LIMIT = 1024 * 1024;

/**
 * @param {AppOptions & import('./enrollments.js').EnrollmentOptions} [options]
 */
export function createApp(options = {}) {
  const {
    basePath = '/api/2fa',
    store = new MemoryStore(),
    sms = new DevOutbox({ now: options.now }),
    email = sms instanceof DevOutbox ? sms : new DevOutbox({ now: options.now }),
    now = Date.now,
    dev = false,
    bodyLimit = 4096,
    log = (message, error) => console.error(message, error),
    production = process.env.NODE_ENV === 'production',
    secretKey = process.env.TWOFA_SECRET_KEY || undefined,
    previousSecretKeys = (process.env.TWOFA_PREVIOUS_SECRET_KEYS ?? '').split(',').filter(Boolean),
    authenticate,
    verifyPassword,
    trustProxy = false,
    sessionIdleTimeout,
    ...rules
  } = options;
  if (production) {
    // Each of these works in development and is unsafe with real users: refuse to start rather than run so.
    const problems = [
      sms instanceof DevOutbox && rules.smsPolicy !== 'off' && 'SMS goes to the development outbox: pass `sms`, your SMS provider, or `smsPolicy: "off"`',
      email instanceof DevOutbox && 'e-mail goes to the development outbox: pass `email`, your mail service',
      !secretKey && 'no secret key: pass `secretKey` or set TWOFA_SECRET_KEY (32 random bytes, base64: `openssl rand -base64 32`)',
      !authenticate && 'no `authenticate(req)`: the demo session signs in anyone as a new demo user',
      dev && '`dev` mounts development-only routes',
    ].filter(Boolean);
    if (problems.length) throw new Error(`createApp: refusing to start in production:\n- ${problems.join('\n- ')}`);
  }
  const keyring = createKeyring(secretKey ? parseSecretKey(secretKey) : processSecretKey(), previousSecretKeys.map(parseSecretKey));
  const outbox = !dev ? null : sms instanceof DevOutbox ? sms : email instanceof DevOutbox ? email : null;
  // In development the notices a host would e-mail ("your authenticator app was replaced") go to the outbox.
  const notify = rules.notify ?? (outbox ? devNotifier(outbox) : undefined);
  const enrollments = createEnrollments({ store, sms, email, now, keyring, verifyPassword, ...rules, notify });
  const sessions = createSessions({ store, now, authenticate, trustProxy, idleTimeout: sessionIdleTimeout });

  /**
   * The routes. `auth`: needs a session; `csrf`: changes state (needs the CSRF header); `json`: reads a body.
   * @type {Array<{ method: string, path: RegExp, status?: number, auth?: boolean, csrf?: boolean, json?: boolean,
   *   run: (ctx: { userId: string, session: import('./store.js').SessionRecord | null, params: string[], body: Record<string, unknown>, req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse }) => Promise<unknown> }>}
   */
  const routes = [
    {
      method: 'GET',
      path: /^\/session$/,
      run: async ({ req, res }) => {
        const session = await sessions.signIn(req, res);
        const user = await store.getUser(session.userId);
        return { csrfToken: session.csrfToken || undefined, account: user?.account };
      },
    },
    { method: 'GET', path: /^\/status$/, auth: true, run: ({ userId }) => enrollments.status(userId) },
    {
      method: 'POST',
      path: /^\/enrollment$/,
      status: 201,
      auth: true,
      csrf: true,
      json: true,
      run: async ({ userId, session, body, req, res }) => {
        return enrollments.start(userId, {
          password: optionalString(body, 'password', 1024),
          mode: /** @type {'enroll' | 'reset' | undefined} */ (optionalEnum(body, 'mode', ['enroll', 'reset'])),
          authenticatedAt: session?.authenticatedAt,
          resetToken: optionalString(body, 'resetToken', 256),
          code: optionalString(body, 'code', 64),
          // The password was right: the user just proved who they are.
          reauthenticated: session ? () => sessions.reauthenticated(session, req, res) : undefined,
        });
      },
    },
    {
      method: 'POST',
      path: /^\/enrollment\/([^/]+)\/totp$/,
      auth: true,
      csrf: true,
      json: true,
      run: ({ userId, params, body }) => enrollments.verifyTotp(userId, params[0], requiredString(body, 'code', 64)),
    },
    {
      method: 'POST',
      path: /^\/enrollment\/([^/]+)\/sms$/,
      auth: true,
      csrf: true,
      json: true,
      run: ({ userId, params, body, req }) => enrollments.sendSms(userId, params[0], requiredString(body, 'phone', 64), clientAddress(req, trustProxy)),
    },
    {
      method: 'POST',
      path: /^\/enrollment\/([^/]+)\/sms\/verify$/,
      auth: true,
      csrf: true,
      json: true,
      run: ({ userId, params, body }) => enrollments.verifySms(userId, params[0], requiredString(body, 'code', 64)),
    },
    {
      method: 'POST',
      path: /^\/enrollment\/([^/]+)\/email$/,
      auth: true,
      csrf: true,
      json: true,
      // Longer than any address (254): the rules answer invalid_email, not bad_request.
      run: ({ userId, params, body, req }) => enrollments.sendEmail(userId, params[0], requiredString(body, 'email', 1024), clientAddress(req, trustProxy)),
    },
    {
      method: 'POST',
      path: /^\/enrollment\/([^/]+)\/email\/verify$/,
      auth: true,
      csrf: true,
      json: true,
      run: ({ userId, params, body }) => enrollments.verifyEmail(userId, params[0], requiredString(body, 'code', 64)),
    },
    {
      method: 'POST',
      path: /^\/enrollment\/([^/]+)\/recovery-codes$/,
      auth: true,
      csrf: true,
      json: true,
      run: ({ userId, params, body }) => enrollments.recoveryCodes(userId, params[0], optionalInteger(body, 'count', 1, 16)),
    },
    {
      method: 'POST',
      path: /^\/enrollment\/([^/]+)\/complete$/,
      auth: true,
      csrf: true,
      json: true,
      run: ({ userId, params }) => enrollments.complete(userId, params[0]),
    },
    {
      method: 'DELETE',
      path: /^\/enrollment\/([^/]+)$/,
      auth: true,
      csrf: true,
      run: ({ userId, params }) => enrollments.cancel(userId, params[0]),
    },
  ];
  if (outbox) {
    // DEVELOPMENT ONLY: what the demo "sent" by SMS and e-mail, for the signed-in demo user. Never mount in production.
    routes.push({ method: 'GET', path: /^\/dev\/outbox$/, auth: true, run: async ({ userId }) => ({ messages: outbox.messagesFor(userId) }) });
    // DEVELOPMENT ONLY: what a host does when a user has lost their authenticator: issue a reset token and
    // e-mail it. The demo page also gets the token in the answer, standing in for the user opening the link.
    routes.push({
      method: 'POST',
      path: /^\/dev\/reset-link$/,
      auth: true,
      csrf: true,
      run: async ({ userId }) => {
        const resetToken = await enrollments.issueResetToken(userId);
        const owner = await store.getUser(userId);
        const text = `To replace your authenticator app, open the reset link (it works once, for an hour). If you did not ask for it, you can ignore this e-mail.`;
        await outbox.send({ channel: 'email', to: owner?.account ?? '', subject: 'Reset your two-factor authentication', text }, { userId, enrollmentId: '' });
        return { resetToken };
      },
    });
  }

  /** @param {string | undefined} url */
  function apiPath(url) {
    const pathname = (url ?? '').split('?')[0];
    if (pathname === basePath) return '/';
    return pathname.startsWith(`${basePath}/`) ? pathname.slice(basePath.length) : null;
  }

  /** The path for a log line: without the enrollment id. @param {string | undefined} url */
  function logPath(url) {
    return (apiPath(url) ?? '(outside the API)').replace(/^\/enrollment\/[^/]+/, '/enrollment/{id}');
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  async function handle(req, res) {
    try {
      const path = apiPath(req.url);
      if (path === null) throw errors.notFound();
      const matching = routes.filter((route) => route.path.test(path));
      const route = matching.find((r) => r.method === req.method);
      if (!route) {
        if (matching.length) res.setHeader('Allow', matching.map((r) => r.method).join(', '));
        throw matching.length ? errors.methodNotAllowed() : errors.notFound();
      }
      const params = (route.path.exec(path) ?? []).slice(1).map(decodeParam);

      let userId = '';
      let session = null;
      if (route.auth) {
        session = await sessions.find(req);
        if (!session) throw errors.unauthenticated();
        if (route.csrf) sessions.checkCsrf(req, session);
        userId = session.userId;
      }
      const body = route.json ? await readJson(req, bodyLimit) : {};
      const result = await route.run({ userId, session, params, body, req, res });
      if (result === undefined) send(res, 204);
      else send(res, route.status ?? 200, result);
    } catch (error) {
      // The client went away (closed the tab, lost the network): nobody to answer, nothing to report.
      if (error instanceof ClientGone || (req.destroyed && !req.complete)) return;
      // The route, not the path: the path holds the enrollment id.
      if (!(error instanceof ApiError)) log(`${req.method} ${logPath(req.url)}: unexpected error`, error);
      const failure = error instanceof ApiError ? error : new ApiError(500, 'server');
      if (failure.details.retryAfter !== undefined) res.setHeader('Retry-After', String(failure.details.retryAfter));
      send(res, failure.status, { error: failure.code, ...failure.details });
    }
  }

  // A store on a database can fail (the server restarts): logged, not an unhandled rejection that ends the process.
  const sweeper = store.sweep ? setInterval(() => void store.sweep?.(now()).catch((error) => log('sweep: unexpected error', error)), 60_000) : undefined;
  sweeper?.unref();

  return {
    basePath,
    store,
    enrollments,
    /** The server key: what opens the sealed seeds in the store (a migration, a test). */
    keyring,
    /** The development outbox (SMS and e-mail), when mounted. */
    outbox,
    handle,
    /** Whether a request is the API's (everything under `basePath`). @param {import('node:http').IncomingMessage} req */
    handles: (req) => apiPath(req.url) !== null,
    close: () => clearInterval(sweeper),
  };
}

/**
 * The development notifier: each notice as an e-mail to the account, in the outbox.
 * @param {DevOutbox} outbox
 * @returns {(notice: import('./enrollments.js').AccountNotice) => Promise<void>}
 */
function devNotifier(outbox) {
  return ({ userId, account }) =>
    outbox.send(
      {
        channel: 'email',
        to: account,
        subject: 'Your two-factor authentication was reset',
        text: 'Your authenticator app was replaced, and your old recovery codes no longer work. If this was not you, contact support at once.',
      },
      { userId, enrollmentId: '' },
    );
}

/** @param {string} value */
function decodeParam(value) {
  try {
    return decodeURIComponent(value);
  } catch {
    throw errors.notFound();
  }
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} [body]
 */
function send(res, status, body) {
  if (res.headersSent) return;
  res.statusCode = status;
  // Answers carry secrets: never cached, never sniffed, and no page they lead to learns the URL.
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  // A body we did not read (or stopped reading) must not be taken for the next request.
  if (!res.req.complete) res.setHeader('Connection', 'close');
  if (body === undefined) {
    res.end();
    return;
  }
  const json = JSON.stringify(body);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(json));
  res.end(json);
}

/**
 * The request's JSON object body (`{}` when empty).
 * @param {import('node:http').IncomingMessage} req
 * @param {number} limit
 * @returns {Promise<Record<string, unknown>>}
 */
async function readJson(req, limit) {
  const declared = Number(req.headers['content-length']);
  if (declared > DRAIN_LIMIT) throw errors.tooLarge();
  const { size, chunks } = await readBody(req, limit);
  if (size > limit) throw errors.tooLarge();
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) return {};
  if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) throw errors.unsupportedMediaType();
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw errors.malformedJson();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw errors.badRequest();
  return parsed;
}

/**
 * Reads the body, keeping at most `limit` bytes; past DRAIN_LIMIT it stops reading (the answer
 * then closes the connection).
 * @param {import('node:http').IncomingMessage} req
 * @param {number} limit
 * @returns {Promise<{ size: number, chunks: Buffer[] }>}
 */
function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    req.on('data', (/** @type {Buffer} */ chunk) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > DRAIN_LIMIT) {
        req.pause();
        resolve({ size, chunks });
      }
    });
    req.on('end', () => resolve({ size, chunks }));
    // A client that aborts mid-body: 'error' (ECONNRESET, "aborted"), or only 'close'.
    req.on('error', () => reject(new ClientGone()));
    req.on('close', () => {
      if (!req.complete) reject(new ClientGone());
    });
  });
}

/** The client closed the connection before its request was read: no answer, no log line. */
class ClientGone extends Error {}

/** @param {Record<string, unknown>} body @param {string} key @param {number} max */
function optionalString(body, key, max) {
  const value = body[key] ?? undefined;
  if (value !== undefined && (typeof value !== 'string' || value.length > max)) throw errors.badRequest();
  return /** @type {string | undefined} */ (value);
}

/** @param {Record<string, unknown>} body @param {string} key @param {number} max */
function requiredString(body, key, max) {
  const value = optionalString(body, key, max);
  if (value === undefined) throw errors.badRequest();
  return value;
}

/** @param {Record<string, unknown>} body @param {string} key @param {number} min @param {number} max */
function optionalInteger(body, key, min, max) {
  const value = body[key] ?? undefined;
  if (value !== undefined && !(Number.isInteger(value) && /** @type {number} */ (value) >= min && /** @type {number} */ (value) <= max))
    throw errors.badRequest();
  return /** @type {number | undefined} */ (value);
}

/** @param {Record<string, unknown>} body @param {string} key @param {string[]} allowed */
function optionalEnum(body, key, allowed) {
  const value = body[key] ?? undefined;
  if (value !== undefined && !allowed.includes(/** @type {string} */ (value))) throw errors.badRequest();
  return /** @type {string | undefined} */ (value);
}
