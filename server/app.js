/**
 * The HTTP layer of the reference backend: routes → rules (enrollments.js), JSON in and out,
 * sessions and CSRF (session.js). Its core is a Fetch-standard handler, `app.fetch(request)` →
 * `Response`, for any runtime that speaks Fetch; `app.handle(req, res, next?)` (node-http.js) is
 * the same for `node:http`, Express and Connect.
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
 * | POST   /enrollment/{id}/passkey/options | –                 | 200 { publicKey } (options for navigator.credentials.create) |
 * | POST   /enrollment/{id}/passkey     | { credential, name }  | 200 { id, name }                             |
 * | POST   /enrollment/{id}/complete    | –                     | 200 { methods }                              |
 * | DELETE /enrollment/{id}             | –                     | 204                                          |
 * | POST   /recovery-codes              | { count?, proof }     | 200 { codes } (a new set)                    |
 * | DELETE /sms, /email, /passkeys/{id} | { proof }             | 204                                          |
 * | PATCH  /passkeys/{id}               | { name }              | 200 { id, name }                             |
 * | DELETE /two-factor                  | { proof }             | 204                                          |
 * | GET    /dev/outbox (dev only)       | –                     | 200 { messages: [{ id, channel, to, text, at }] } |
 * | POST   /dev/reset-link (dev only)   | –                     | 200 { resetToken } (and the e-mail in the outbox) |
 *
 * `proof`: `password?` (else a recent sign-in) and `code?` or `resetToken?` (a factor held now; see `change` in enrollments.js).
 * Errors: `{ "error": code, "retryAfter"?, "attemptsLeft"?, "serverTime"? }`, see errors.js.
 */
import { ApiError, errors } from './errors.js';
import { createEnrollments } from './enrollments.js';
import { clientAddress, createSessions, ownOrigin } from './session.js';
import { nodeHandler } from './node-http.js';
import { DevOutbox } from './outbox.js';
import { passkeyName } from './passkeys.js';
import { MemoryStore } from './store.js';
import { createKeyring, parseSecretKey, processSecretKey } from './secrets.js';

/**
 * @typedef {object} AppOptions
 * @property {string} [basePath]  where the API lives (default `/api/2fa`)
 * @property {import('./store.js').Store} [store]  default: a new MemoryStore
 * @property {import('./outbox.js').Send} [sendSms]  sends a text message with your SMS provider; default: the
 *   development outbox
 * @property {import('./outbox.js').Send} [sendEmail]  sends an e-mail with your mail service; default: the
 *   development outbox
 * @property {() => number} [now]  the clock (epoch ms), for tests
 * @property {DevOutbox | null} [outbox]  where what has no `sendSms` or `sendEmail` goes (default: a new DevOutbox)
 * @property {boolean} [dev]  mount the development-only routes (the outbox, the reset link); never in production
 * @property {number} [bodyLimit]  largest request body in bytes (default 4096)
 * @property {(message: string, error?: unknown) => void} [log]  where unexpected errors go (default console.error); never
 *   given an enrollment id, a code, a seed or a cookie
 * @property {boolean} [production]  refuse to start with anything made for development (default: `NODE_ENV === 'production'`)
 * @property {string} [secretKey]  the server key (32 bytes, base64) that seals TOTP seeds and keys the hashes of codes;
 *   default: env `TWOFA_SECRET_KEY`, else (not in production) a random key of this process
 * @property {string[]} [previousSecretKeys]  keys `secretKey` replaced: what they sealed still opens (default: env
 *   `TWOFA_PREVIOUS_SECRET_KEYS`, comma-separated)
 * @property {import('./session.js').SessionOptions['getUser']} [getUser]  your sessions: who is signed in
 *   (`{ userId, account, authenticatedAt, csrfToken? }`) or null, from the request; without it, the demo session
 *   (never in production)
 * @property {(userId: string, password: string) => Promise<boolean> | boolean} [verifyPassword]  checks the account
 *   password when a start sends one (with `getUser`: yours; default: the demo user's)
 * @property {import('./session.js').SessionOptions['onReauthenticated']} [onReauthenticated]  with `getUser`: the
 *   password was right, renew your session
 * @property {boolean | number} [trustProxy]  behind a reverse proxy (`true`, or how many): take TLS and the client's
 *   address from its `X-Forwarded-Proto` and `X-Forwarded-For` (default false: the headers are ignored)
 * @property {number} [sessionIdleTimeout]  milliseconds a demo session lives without a request (30 minutes)
 * @property {string} [rpId]  the passkeys' relying party: your site's domain (default: the host name each request was addressed to)
 * @property {string[]} [origins]  the pages passkeys may be registered from (default: the origin each request was addressed to)
 */

/** A request body larger than this is not even read to the end (on node:http the connection is then closed). */
const DRAIN_LIMIT = 1024 * 1024;

/**
 * @param {AppOptions & import('./enrollments.js').EnrollmentOptions} [options]
 */
export function createApp(options = {}) {
  const {
    basePath = '/api/2fa',
    store = new MemoryStore(),
    sendSms,
    sendEmail,
    now = Date.now,
    outbox = !sendSms || !sendEmail ? new DevOutbox({ now }) : null,
    dev = false,
    bodyLimit = 4096,
    log = (message, error) => console.error(message, error),
    production = process.env.NODE_ENV === 'production',
    secretKey = process.env.TWOFA_SECRET_KEY || undefined,
    previousSecretKeys = (process.env.TWOFA_PREVIOUS_SECRET_KEYS ?? '').split(',').filter(Boolean),
    getUser,
    onReauthenticated,
    verifyPassword,
    trustProxy = false,
    sessionIdleTimeout,
    rpId,
    origins,
    ...rules
  } = options;
  if (production) {
    // Each of these works in development and is unsafe with real users: refuse to start rather than run so.
    const problems = [
      !sendSms && rules.smsPolicy !== 'off' && 'SMS goes to the development outbox: pass `sendSms`, your SMS provider, or `smsPolicy: "off"`',
      !sendEmail && 'e-mail goes to the development outbox: pass `sendEmail`, your mail service',
      !secretKey && 'no secret key: pass `secretKey` or set TWOFA_SECRET_KEY (32 random bytes, base64: `openssl rand -base64 32`)',
      !getUser && 'no `getUser(request)`: the demo session signs in anyone as a new demo user',
      getUser && !verifyPassword && 'no `verifyPassword(userId, password)`: a user whose sign-in is not recent could never give the password',
      dev && '`dev` mounts development-only routes',
    ].filter(Boolean);
    if (problems.length) throw new Error(`createApp: refusing to start in production:\n- ${problems.join('\n- ')}`);
  }
  const keyring = createKeyring(secretKey ? parseSecretKey(secretKey) : processSecretKey(), previousSecretKeys.map(parseSecretKey));
  // What has no provider goes to the development outbox (one list for SMS and e-mail).
  const send = { sms: sendSms ?? /** @type {DevOutbox} */ (outbox).send, email: sendEmail ?? /** @type {DevOutbox} */ (outbox).send };
  // In development the notices a host would e-mail ("your authenticator app was replaced") go to the outbox.
  const notify = rules.notify ?? (dev && outbox ? devNotifier(outbox) : undefined);
  const enrollments = createEnrollments({ store, now, keyring, verifyPassword, log, ...rules, send, notify });
  const sessions = createSessions({ store, now, getUser, onReauthenticated, trustProxy, idleTimeout: sessionIdleTimeout });

  /**
   * The routes. `auth`: needs a session; `csrf`: changes state (needs the CSRF header); `json`: reads a body
   * (of at most `limit` bytes, else `bodyLimit`). `answer`: the answer's headers (a route that sets a cookie).
   * @typedef {{ userId: string, session: import('./store.js').SessionRecord | null, params: string[], body: Record<string, unknown>,
   *   request: Request, context: import('./session.js').RequestContext, answer: Headers }} RouteContext
   * @type {Array<{ method: string, path: RegExp, status?: number, auth?: boolean, csrf?: boolean, json?: boolean, limit?: number,
   *   run: (ctx: RouteContext) => Promise<unknown> }>}
   */
  const routes = [
    {
      method: 'GET',
      path: /^\/session$/,
      run: async ({ request, context, answer }) => {
        const session = await sessions.signIn(request, context, answer);
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
      run: (ctx) =>
        enrollments.start(ctx.userId, {
          mode: /** @type {'enroll' | 'reset' | 'add' | undefined} */ (optionalEnum(ctx.body, 'mode', ['enroll', 'reset', 'add'])),
          ...stepUp(ctx),
        }),
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
      run: ({ userId, params, body, request, context }) =>
        enrollments.sendSms(userId, params[0], requiredString(body, 'phone', 64), clientAddress(request, context, trustProxy)),
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
      run: ({ userId, params, body, request, context }) =>
        enrollments.sendEmail(userId, params[0], requiredString(body, 'email', 1024), clientAddress(request, context, trustProxy)),
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
      method: 'POST',
      path: /^\/enrollment\/([^/]+)\/passkey\/options$/,
      auth: true,
      csrf: true,
      json: true,
      run: ({ userId, params, request }) => enrollments.passkeyOptions(userId, params[0], relyingParty(request)),
    },
    {
      method: 'POST',
      path: /^\/enrollment\/([^/]+)\/passkey$/,
      auth: true,
      csrf: true,
      json: true,
      // A browser's whole `toJSON()`: 1–2 KB with an EC key, more with RSA and extensions.
      limit: 16 * 1024,
      run: ({ userId, params, body, request }) => {
        if (typeof body.credential !== 'object' || body.credential === null) throw errors.badRequest();
        return enrollments.registerPasskey(userId, params[0], body.credential, passkeyName(body.name), relyingParty(request));
      },
    },
    {
      method: 'DELETE',
      path: /^\/enrollment\/([^/]+)$/,
      auth: true,
      csrf: true,
      run: ({ userId, params }) => enrollments.cancel(userId, params[0]),
    },
    // Managing the factors of an account with two-factor on: each change needs `stepUp` (see `change` in enrollments.js).
    {
      method: 'POST',
      path: /^\/recovery-codes$/,
      auth: true,
      csrf: true,
      json: true,
      run: (ctx) => enrollments.regenerateRecoveryCodes(ctx.userId, stepUp(ctx), optionalInteger(ctx.body, 'count', 1, 16)),
    },
    .../** @type {const} */ (['sms', 'email']).map((method) => ({
      method: 'DELETE',
      path: new RegExp(`^/${method}$`),
      auth: true,
      csrf: true,
      json: true,
      run: (/** @type {RouteContext} */ ctx) => enrollments.removeFactor(ctx.userId, method, stepUp(ctx)),
    })),
    {
      method: 'DELETE',
      path: /^\/passkeys\/([^/]+)$/,
      auth: true,
      csrf: true,
      json: true,
      run: (ctx) => enrollments.removeFactor(ctx.userId, 'passkey', stepUp(ctx), ctx.params[0]),
    },
    {
      method: 'PATCH',
      path: /^\/passkeys\/([^/]+)$/,
      auth: true,
      csrf: true,
      json: true,
      run: ({ userId, params, body }) => enrollments.renamePasskey(userId, params[0], passkeyName(body.name)),
    },
    {
      method: 'DELETE',
      path: /^\/two-factor$/,
      auth: true,
      csrf: true,
      json: true,
      run: (ctx) => enrollments.turnOff(ctx.userId, stepUp(ctx)),
    },
  ];
  if (dev && outbox) {
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

  /**
   * What a sensitive request brings to prove the user: the session's sign-in time, and the body's
   * password and proof (a reset token, a current code or a recovery code).
   * @param {RouteContext} ctx @returns {import('./enrollments.js').StepUp}
   */
  function stepUp({ session, body, request, context, answer }) {
    return {
      password: optionalString(body, 'password', 1024),
      authenticatedAt: session?.authenticatedAt,
      resetToken: optionalString(body, 'resetToken', 256),
      code: optionalString(body, 'code', 64),
      // The password was right: the user just proved who they are.
      reauthenticated: session ? () => sessions.reauthenticated(session, request, context, answer) : undefined,
    };
  }

  /**
   * Who passkeys are registered for: the configured site, else the one the request was addressed to
   * (the page's own origin: a browser sends the Host it is talking to).
   * @param {Request} request @returns {import('./passkeys.js').RelyingParty}
   */
  function relyingParty(request) {
    const origin = ownOrigin(request, trustProxy);
    return { rpId: rpId ?? new URL(origin).hostname, origins: origins ?? [origin] };
  }

  /** The path inside the API, or null for a URL outside it. @param {string} pathname */
  function apiPath(pathname) {
    if (pathname === basePath) return '/';
    return pathname.startsWith(`${basePath}/`) ? pathname.slice(basePath.length) : null;
  }

  /** Whether a URL path is the API's (everything under `basePath`). @param {string} pathname */
  const handles = (pathname) => apiPath(pathname) !== null;

  /** The path for a log line: without the enrollment id or a passkey's credential id. @param {string | null} path */
  const logPath = (path) => (path ?? '(outside the API)').replace(/^\/(enrollment|passkeys)\/[^/]+/, '/$1/{id}');

  /**
   * The API's answer to a request, as plain data: `fetch` makes a `Response` of it, node-http.js
   * writes it as it is (a `Response` read back costs Node more than the rest of a simple request).
   * @param {Request} request
   * @param {import('./session.js').RequestContext} [context]
   * @returns {Promise<Answer>}
   */
  async function answer(request, context = {}) {
    const headers = new Headers();
    const path = apiPath(new URL(request.url).pathname);
    try {
      if (path === null) throw errors.notFound();
      const matching = routes.filter((route) => route.path.test(path));
      const route = matching.find((r) => r.method === request.method);
      if (!route) {
        if (matching.length) headers.set('Allow', matching.map((r) => r.method).join(', '));
        throw matching.length ? errors.methodNotAllowed() : errors.notFound();
      }
      const params = (route.path.exec(path) ?? []).slice(1).map(decodeParam);

      let userId = '';
      let session = null;
      if (route.auth) {
        session = await sessions.find(request, context);
        if (!session) throw errors.unauthenticated();
        if (route.csrf) sessions.checkCsrf(request, session);
        userId = session.userId;
      }
      const body = route.json ? await readJson(request, route.limit ?? bodyLimit) : {};
      const result = await route.run({ userId, session, params, body, request, context, answer: headers });
      return result === undefined ? json(204, undefined, headers) : json(route.status ?? 200, result, headers);
    } catch (error) {
      // The client went away (closed the tab, lost the network): nobody to answer, nothing to report.
      if (error instanceof ClientGone || request.signal.aborted) return { status: 499, headers, body: null };
      // The route, not the path: the path holds the enrollment id.
      if (!(error instanceof ApiError)) log(`${request.method} ${logPath(path)}: unexpected error`, error);
      const failure = error instanceof ApiError ? error : new ApiError(500, 'server');
      if (failure.details.retryAfter !== undefined) headers.set('Retry-After', String(failure.details.retryAfter));
      return json(failure.status, { error: failure.code, ...failure.details }, headers);
    }
  }

  /**
   * The API as a Fetch-standard handler: every request under `basePath` gets its answer (anything
   * else: 404). `context` is what the server adapter knows beside the request (node-http.js).
   * @param {Request} request
   * @param {import('./session.js').RequestContext} [context]
   * @returns {Promise<Response>}
   */
  async function fetch(request, context) {
    const { status, headers, body } = await answer(request, context);
    return new Response(body, { status, headers });
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
    /** The development outbox: what went to neither `sendSms` nor `sendEmail` (null when both are given). */
    outbox,
    fetch,
    handles,
    /** The same API for `node:http` (a request listener) and Express or Connect (a middleware): node-http.js. */
    handle: nodeHandler(answer, handles),
    close: () => clearInterval(sweeper),
  };
}

/**
 * The development notifier: each notice as an e-mail to the account, in the outbox.
 * @param {DevOutbox} outbox
 * @returns {(notice: import('./enrollments.js').AccountNotice) => Promise<void>}
 */
function devNotifier(outbox) {
  return ({ type, userId, account }) =>
    outbox.send(
      { channel: 'email', to: account, ...NOTICES[type], text: `${NOTICES[type].text} If this was not you, contact support at once.` },
      { userId, enrollmentId: '' },
    );
}

/** The development notifier's e-mails. */
const NOTICES = {
  reset: { subject: 'Your two-factor authentication was reset', text: 'Your authenticator app was replaced, and your old recovery codes no longer work.' },
  added: { subject: 'Your two-factor authentication was changed', text: 'A way to confirm your sign-ins was added or changed.' },
  removed: { subject: 'Your two-factor authentication was changed', text: 'A way to confirm your sign-ins was removed.' },
  off: { subject: 'Two-factor authentication is off', text: 'Two-factor authentication was turned off for your account.' },
  'recovery-codes': { subject: 'You have new recovery codes', text: 'New recovery codes were made for your account, and the old ones no longer work.' },
};

/** @param {string} value */
function decodeParam(value) {
  try {
    return decodeURIComponent(value);
  } catch {
    throw errors.notFound();
  }
}

/**
 * An answer: its status, headers and body (JSON text, or null).
 * @typedef {{ status: number, headers: Headers, body: string | null }} Answer
 */

/**
 * An answer of the API. Answers carry secrets: never cached, never sniffed, and no page they lead to
 * learns the URL.
 * @param {number} status @param {unknown} body @param {Headers} headers
 * @returns {Answer}
 */
function json(status, body, headers) {
  headers.set('Cache-Control', 'no-store');
  headers.set('X-Content-Type-Options', 'nosniff');
  headers.set('Referrer-Policy', 'no-referrer');
  if (body === undefined) return { status, headers, body: null };
  headers.set('Content-Type', 'application/json; charset=utf-8');
  return { status, headers, body: JSON.stringify(body) };
}

/**
 * The request's JSON object body (`{}` when empty).
 * @param {Request} request
 * @param {number} limit
 * @returns {Promise<Record<string, unknown>>}
 */
async function readJson(request, limit) {
  if (Number(request.headers.get('content-length')) > DRAIN_LIMIT) throw errors.tooLarge();
  const { size, chunks } = await readBody(request, limit);
  if (size > limit) throw errors.tooLarge();
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) return {};
  if (!/^application\/json\s*(;|$)/i.test(request.headers.get('content-type') ?? '')) throw errors.unsupportedMediaType();
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
 * Reads the body, keeping at most `limit` bytes; past DRAIN_LIMIT it stops reading (node-http.js
 * then closes the connection). A body that breaks off is a client that went away.
 * @param {Request} request
 * @param {number} limit
 * @returns {Promise<{ size: number, chunks: Uint8Array[] }>}
 */
async function readBody(request, limit) {
  /** @type {Uint8Array[]} */
  const chunks = [];
  let size = 0;
  if (!request.body) return { size, chunks };
  const reader = request.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size <= limit) chunks.push(value);
      else if (size > DRAIN_LIMIT) break;
    }
  } catch {
    throw new ClientGone();
  } finally {
    reader.releaseLock();
  }
  return { size, chunks };
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
