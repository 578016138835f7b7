/**
 * The HTTP layer of the reference backend: routes → rules (enrollments.js), JSON in and out,
 * sessions and CSRF (session.js). No framework: `app.handle(req, res)` is a plain `node:http`
 * request listener for everything under `basePath`.
 *
 * | request                             | body                  | answer                                       |
 * |-------------------------------------|-----------------------|----------------------------------------------|
 * | GET    /session                     | –                     | 200 { csrfToken, account } (+ cookie)        |
 * | GET    /status                      | –                     | 200 { account, enabled, methods, maskedPhone, maskedEmail, recoveryCodes } |
 * | POST   /enrollment                  | { password?, mode? }  | 201 { id, secret, uri, issuer, account, … }; 403 password_required without a recent sign-in |
 * | POST   /enrollment/{id}/totp        | { code }              | 204                                          |
 * | POST   /enrollment/{id}/sms         | { phone }             | 200 { maskedPhone, resendAfter }             |
 * | POST   /enrollment/{id}/sms/verify  | { code }              | 204                                          |
 * | POST   /enrollment/{id}/email       | { email }             | 200 { maskedEmail, resendAfter }             |
 * | POST   /enrollment/{id}/email/verify| { code }              | 204                                          |
 * | POST   /enrollment/{id}/recovery-codes | { count? } (1–16)  | 200 { codes }                                |
 * | POST   /enrollment/{id}/complete    | –                     | 200 { methods }                              |
 * | DELETE /enrollment/{id}             | –                     | 204                                          |
 * | GET    /dev/outbox (dev only)       | –                     | 200 { messages: [{ id, channel, to, text, at }] } |
 *
 * Errors: `{ "error": code, "retryAfter"?, "attemptsLeft"?, "serverTime"? }`, see errors.js.
 */
import { ApiError, errors } from './errors.js';
import { createEnrollments } from './enrollments.js';
import { createSessions } from './session.js';
import { DevOutbox } from './outbox.js';
import { MemoryStore } from './store.js';

/**
 * @typedef {object} AppOptions
 * @property {string} [basePath]  where the API lives (default `/api/2fa`)
 * @property {import('./store.js').Store} [store]  default: a new MemoryStore
 * @property {import('./outbox.js').Transport} [sms]  sends text messages; default: a new DevOutbox
 * @property {import('./outbox.js').Transport} [email]  sends e-mail; default: `sms` if that is a DevOutbox (one
 *   list for both), else a new DevOutbox
 * @property {() => number} [now]  the clock (epoch ms), for tests
 * @property {boolean} [dev]  mount the development-only routes (the outbox of `sms`, else of `email`)
 * @property {number} [bodyLimit]  largest request body in bytes (default 4096)
 * @property {(message: string, error?: unknown) => void} [log]  where unexpected errors go (default console.error)
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
    ...rules
  } = options;
  const enrollments = createEnrollments({ store, sms, email, now, ...rules });
  const sessions = createSessions({ store, now });
  const outbox = !dev ? null : sms instanceof DevOutbox ? sms : email instanceof DevOutbox ? email : null;

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
        return { csrfToken: session.csrfToken, account: user?.account };
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
      run: async ({ userId, session, body }) => {
        const password = optionalString(body, 'password', 1024);
        const started = await enrollments.start(userId, {
          password,
          mode: /** @type {'enroll' | 'reset' | undefined} */ (optionalEnum(body, 'mode', ['enroll', 'reset'])),
          authenticatedAt: session?.authenticatedAt,
        });
        // The password was right (else start threw): the user just proved who they are.
        if (password !== undefined && session) await sessions.reauthenticated(session);
        return started;
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
      run: ({ userId, params, body, req }) => enrollments.sendSms(userId, params[0], requiredString(body, 'phone', 64), clientAddress(req)),
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
      run: ({ userId, params, body, req }) => enrollments.sendEmail(userId, params[0], requiredString(body, 'email', 1024), clientAddress(req)),
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
  }

  /** @param {string | undefined} url */
  function apiPath(url) {
    const pathname = (url ?? '').split('?')[0];
    if (pathname === basePath) return '/';
    return pathname.startsWith(`${basePath}/`) ? pathname.slice(basePath.length) : null;
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
      if (!(error instanceof ApiError)) log(`${req.method} ${apiPath(req.url) ?? req.url}: unexpected error`, error);
      const failure = error instanceof ApiError ? error : new ApiError(500, 'server');
      if (failure.details.retryAfter !== undefined) res.setHeader('Retry-After', String(failure.details.retryAfter));
      send(res, failure.status, { error: failure.code, ...failure.details });
    }
  }

  const sweeper = store.sweep ? setInterval(() => void store.sweep?.(now()), 60_000) : undefined;
  sweeper?.unref();

  return {
    basePath,
    store,
    enrollments,
    /** The development outbox (SMS and e-mail), when mounted. */
    outbox,
    handle,
    /** Whether a request is the API's (everything under `basePath`). @param {import('node:http').IncomingMessage} req */
    handles: (req) => apiPath(req.url) !== null,
    close: () => clearInterval(sweeper),
  };
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
  // Answers carry secrets: never cached, never sniffed.
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
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
    req.on('error', reject);
  });
}

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

/**
 * The client's address, for the per-client send limit: the socket's peer. Behind a reverse proxy
 * that is the proxy, so every user would share one limit: give the app the address your proxy
 * verified instead (its `X-Forwarded-For` entry), never the header as the client sent it.
 * @param {import('node:http').IncomingMessage} req
 */
function clientAddress(req) {
  return req.socket.remoteAddress ?? '';
}
