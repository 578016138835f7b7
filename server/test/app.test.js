/**
 * The HTTP layer: sessions and CSRF, uniform JSON errors for bad requests, routing, headers,
 * and the development-only outbox route.
 */
import assert from 'node:assert/strict';
import { createServer, request as httpRequest } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { createApp } from '../app.js';
import { ApiClient } from '../conformance/client.js';
import { MemoryStore } from '../store.js';
import { codeAt, manualClock, signIn, startReference } from './helpers.js';

/** @param {string} text */
const noStack = (text) => assert.doesNotMatch(text, /\n\s+at |node:internal|\.js:\d+/);

describe('HTTP layer', () => {
  /** @type {Awaited<ReturnType<typeof startReference>>} */
  let server;
  before(async () => {
    server = await startReference({ requirePassword: false });
  });
  after(() => server.close());

  describe('session and CSRF', () => {
    test('GET /session sets an HttpOnly, SameSite=Strict cookie and answers a CSRF token; the same session keeps its token', async () => {
      const response = await fetch(`${server.base}/session`);
      assert.equal(response.status, 200);
      const [cookie] = response.headers.getSetCookie();
      assert.match(cookie, /^twofa_demo_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
      const body = await response.json();
      assert.match(body.csrfToken, /^[\w-]{43}$/);
      assert.equal(body.account, 'jane@example.com');

      const again = await fetch(`${server.base}/session`, { headers: { cookie: cookie.split(';')[0] } });
      assert.deepEqual(again.headers.getSetCookie(), []);
      assert.equal((await again.json()).csrfToken, body.csrfToken);
    });

    test('every API route but /session needs the session: 401 unauthenticated', async () => {
      const client = await signIn(server.base);
      for (const [method, path] of [
        ['GET', '/status'],
        ['POST', '/enrollment'],
        ['POST', '/enrollment/x/totp'],
        ['DELETE', '/enrollment/x'],
      ]) {
        const answer = await client.request(method, path, { body: method === 'POST' ? {} : undefined, noSession: true });
        assert.equal(answer.status, 401, `${method} ${path}`);
        assert.deepEqual(answer.json, { error: 'unauthenticated' });
      }
      const forged = await client.get('/status', { noSession: true, headers: { cookie: 'twofa_demo_session=forged' } });
      assert.equal(forged.status, 401);
    });

    test('POST and DELETE need the CSRF header (403 csrf); a cross-origin Origin is refused too; GET does not', async () => {
      const client = await signIn(server.base);
      assert.deepEqual((await client.post('/enrollment', {}, { noCsrf: true })).json, { error: 'csrf' });
      assert.equal((await client.post('/enrollment', {}, { headers: { 'X-CSRF-Token': 'x' } })).status, 403);
      assert.equal((await client.post('/enrollment', {}, { headers: { Origin: 'https://evil.example' } })).status, 403);
      assert.equal((await client.post('/enrollment', {}, { headers: { Origin: server.origin } })).status, 201);
      assert.equal((await client.delete('/enrollment/whatever', { noCsrf: true })).status, 403);
      assert.equal((await client.get('/status', { noCsrf: true })).status, 200);
    });

    test("one session's CSRF token does not work for another", async () => {
      const a = await signIn(server.base);
      const b = await signIn(server.base);
      const answer = await a.post('/enrollment', {}, { headers: { 'X-CSRF-Token': b.headers['X-CSRF-Token'] } });
      assert.equal(answer.status, 403);
    });
  });

  describe('bad requests: 4xx with an error code, never a stack trace', () => {
    /** @type {import('../conformance/client.js').ApiClient} */
    let client;
    /** @type {string} */
    let id;
    before(async () => {
      client = await signIn(server.base);
      id = (await client.post('/enrollment', {})).json.id;
    });

    test('malformed JSON: 400 malformed_json', async () => {
      for (const raw of ['{', '{"code": 123456,}', "{'code': '1'}", 'code=123456', '\u0000']) {
        const answer = await client.request('POST', `/enrollment/${id}/totp`, { raw });
        assert.equal(answer.status, 400, raw);
        assert.deepEqual(answer.json, { error: 'malformed_json' });
        noStack(answer.text);
      }
    });

    test('wrong types and shapes: 400 bad_request', async () => {
      const cases = [
        [`/enrollment/${id}/totp`, { code: 123456 }],
        [`/enrollment/${id}/totp`, { code: null }],
        [`/enrollment/${id}/totp`, {}],
        [`/enrollment/${id}/totp`, ['123456']],
        [`/enrollment/${id}/totp`, '123456'],
        [`/enrollment/${id}/totp`, { code: '1'.repeat(65) }],
        [`/enrollment/${id}/sms`, { phone: 4791234567 }],
        [`/enrollment/${id}/sms/verify`, { code: true }],
        [`/enrollment/${id}/email`, { email: ['jane@example.com'] }],
        [`/enrollment/${id}/email`, { email: 'x'.repeat(1025) }],
        [`/enrollment/${id}/email`, {}],
        [`/enrollment/${id}/email/verify`, { code: 123456 }],
        [`/enrollment/${id}/recovery-codes`, { count: '10' }],
        [`/enrollment/${id}/recovery-codes`, { count: 0 }],
        [`/enrollment/${id}/recovery-codes`, { count: 17 }],
        ['/enrollment', { mode: 'other' }],
        ['/enrollment', { password: ['demo'] }],
        ['/enrollment', { password: 'x'.repeat(1025) }],
      ];
      for (const [path, body] of cases) {
        const answer = await client.post(/** @type {string} */ (path), body);
        assert.equal(answer.status, 400, `${path} ${JSON.stringify(body)}`);
        assert.deepEqual(answer.json, { error: 'bad_request' });
      }
      const attempts = await client.post(`/enrollment/${id}/totp`, { code: '000000' });
      assert.ok(attempts.json.attemptsLeft === 4 || attempts.status === 204, 'bad requests are not attempts');
    });

    test('a body that is not JSON: 415 unsupported_media_type', async () => {
      const answer = await client.request('POST', `/enrollment/${id}/totp`, { raw: 'code=123456', contentType: 'application/x-www-form-urlencoded' });
      assert.equal(answer.status, 415);
      assert.deepEqual(answer.json, { error: 'unsupported_media_type' });
      const charset = await client.request('POST', `/enrollment/${id}/recovery-codes`, { raw: '{}', contentType: 'application/json; charset=utf-8' });
      assert.equal(charset.status, 200);
    });

    test('an empty body counts as {}', async () => {
      const answer = await client.request('POST', `/enrollment/${id}/recovery-codes`);
      assert.equal(answer.status, 200);
    });

    test('oversized bodies: 413 too_large, for a declared and for a streamed length', async () => {
      const big = JSON.stringify({ code: '123456', pad: 'x'.repeat(5000) });
      const answer = await client.request('POST', `/enrollment/${id}/totp`, { raw: big });
      assert.equal(answer.status, 413);
      assert.deepEqual(answer.json, { error: 'too_large' });

      for (const declared of [true, false]) {
        const huge = await rawRequest(server.origin, `${server.app.basePath}/enrollment/${id}/totp`, client, 'x'.repeat(3 * 1024 * 1024), declared);
        assert.equal(huge.status, 413, declared ? 'Content-Length' : 'chunked');
        assert.deepEqual(JSON.parse(huge.body), { error: 'too_large' });
      }
    });

    test('unknown ids: 404 not_found on every enrollment route', async () => {
      for (const [method, path] of [
        ['POST', '/enrollment/nope/totp'],
        ['POST', '/enrollment/nope/sms'],
        ['POST', '/enrollment/nope/sms/verify'],
        ['POST', '/enrollment/nope/email'],
        ['POST', '/enrollment/nope/email/verify'],
        ['POST', '/enrollment/nope/recovery-codes'],
        ['POST', '/enrollment/nope/complete'],
        ['DELETE', '/enrollment/nope'],
        ['POST', '/enrollment/%E0%A4%A/totp'],
      ]) {
        const body = path.endsWith('sms') ? { phone: '+4791234567' } : path.endsWith('email') ? { email: 'jane@example.com' } : { code: '123456' };
        const answer = await client.request(method, path, { body: method === 'POST' ? body : undefined });
        assert.equal(answer.status, 404, `${method} ${path}`);
        assert.deepEqual(answer.json, { error: 'not_found' });
      }
    });

    test('unknown routes: 404; a known route with another method: 405 with Allow', async () => {
      assert.deepEqual((await client.get('/nothing-here')).json, { error: 'not_found' });
      assert.equal((await client.get('/enrollment/x/totp/')).status, 404);
      const wrongMethod = await client.request('PUT', `/enrollment/${id}`);
      assert.equal(wrongMethod.status, 405);
      assert.equal(wrongMethod.headers.get('allow'), 'DELETE');
      assert.deepEqual(wrongMethod.json, { error: 'method_not_allowed' });
    });

    test('answers are JSON, not cached, not sniffed', async () => {
      const answer = await client.post('/enrollment', {});
      assert.equal(answer.headers.get('content-type'), 'application/json; charset=utf-8');
      assert.equal(answer.headers.get('cache-control'), 'no-store');
      assert.equal(answer.headers.get('x-content-type-options'), 'nosniff');
    });
  });

  test('an unexpected failure: 500 { error: "server" }, logged on the server, no stack trace in the answer', async () => {
    const logged = [];
    class BrokenStore extends MemoryStore {
      async saveEnrollment() {
        throw new Error('disk on fire at /secret/path.js:12:3');
      }
    }
    const broken = await startReference({ store: new BrokenStore(), log: (message, error) => logged.push([message, error]) });
    try {
      const client = await signIn(broken.base);
      const answer = await client.post('/enrollment', {});
      assert.equal(answer.status, 500);
      assert.equal(answer.text, '{"error":"server"}');
      assert.equal(logged.length, 1);
      assert.match(String(logged[0][0]), /^POST \/enrollment: unexpected error$/);
    } finally {
      await broken.close();
    }
  });

  test("the development outbox is mounted only with `dev`, and shows only the signed-in user's text messages and e-mails", async () => {
    const client = await signIn(server.base);
    assert.equal((await client.get('/dev/outbox')).status, 404, 'not mounted without dev');

    const dev = await startReference({ dev: true });
    try {
      const jane = await signIn(dev.base);
      const other = await signIn(dev.base);
      assert.equal((await jane.get('/dev/outbox', { noSession: true })).status, 401);
      const e = (await jane.post('/enrollment', {})).json;
      await jane.post(`/enrollment/${e.id}/sms`, { phone: '+4791234567' });
      await jane.post(`/enrollment/${e.id}/email`, { email: 'jane@example.com' });
      const mine = (await jane.get('/dev/outbox')).json.messages;
      assert.deepEqual(
        mine.map((/** @type {any} */ m) => Object.keys(m)),
        [
          ['id', 'channel', 'to', 'text', 'at'],
          ['id', 'channel', 'to', 'text', 'at'],
        ],
      );
      assert.deepEqual(
        mine.map((/** @type {any} */ m) => [m.id, m.channel, m.to]),
        [
          [1, 'sms', '+4791234567'],
          [2, 'email', 'jane@example.com'],
        ],
      );
      assert.match(mine[0].text, /^\d{6} is your Example Account verification code\. It expires in 5 minutes\.$/);
      assert.match(
        mine[1].text,
        /^\d{6} is your Example Account verification code\. It expires in 10 minutes\.\n\nIf you did not ask for it, you can ignore this e-mail\.$/,
      );
      assert.deepEqual((await other.get('/dev/outbox')).json, { messages: [] });
    } finally {
      await dev.close();
    }
  });

  test('requirePassword: every start needs the password, however recent the sign-in', async () => {
    const strict = await startReference({ requirePassword: true });
    try {
      const client = await signIn(strict.base);
      const missing = await client.post('/enrollment', {});
      assert.equal(missing.status, 403);
      assert.deepEqual(missing.json, { error: 'password_required' });
      assert.deepEqual((await client.post('/enrollment', { password: 'nope' })).json, { error: 'invalid_password' });
      assert.equal((await client.post('/enrollment', { password: 'demo' })).status, 201);
      assert.deepEqual((await client.post('/enrollment', {})).json, { error: 'password_required' }, 'the password just given does not stand in for the next');
    } finally {
      await strict.close();
    }
  });
});

describe("re-authentication is the server's rule", () => {
  test('a sign-in older than reauthMaxAge cannot start an enrollment without the password; the password makes it recent again', async () => {
    const clock = manualClock();
    const server = await startReference({ now: clock.now, reauthMaxAge: 60 });
    try {
      const client = await signIn(server.base);
      assert.equal((await client.post('/enrollment', {})).status, 201, 'just signed in');
      clock.advance(61_000);
      for (const body of [{}, { password: null }]) {
        const stale = await client.post('/enrollment', body);
        assert.equal(stale.status, 403);
        assert.deepEqual(stale.json, { error: 'password_required' });
      }
      assert.equal((await client.post('/enrollment', { password: 'demo' })).status, 201);
      assert.equal((await client.post('/enrollment', {})).status, 201, 'recent again after the password');
      clock.advance(61_000);
      assert.deepEqual((await client.post('/enrollment', {})).json, { error: 'password_required' });
    } finally {
      await server.close();
    }
  });

  test('a locked password is no way around it: without a recent sign-in the answer stays password_required', async () => {
    const clock = manualClock();
    const server = await startReference({ now: clock.now, reauthMaxAge: 60, maxAttempts: 2, lockout: 600 });
    try {
      const client = await signIn(server.base);
      clock.advance(61_000);
      assert.deepEqual((await client.post('/enrollment', { password: 'x' })).json.error, 'invalid_password');
      assert.deepEqual((await client.post('/enrollment', { password: 'y' })).json.error, 'rate_limited');
      assert.deepEqual((await client.post('/enrollment', {})).json, { error: 'password_required' });
      assert.deepEqual((await client.post('/enrollment', { password: 'demo' })).json.error, 'rate_limited', 'even the right password waits');
    } finally {
      await server.close();
    }
  });
});

/**
 * A POST with a body of any size, without waiting for the server to read it all.
 * @param {string} origin
 * @param {string} path
 * @param {import('../conformance/client.js').ApiClient} client
 * @param {string} body
 * @param {boolean} declareLength
 * @returns {Promise<{ status: number, body: string }>}
 */
function rawRequest(origin, path, client, body, declareLength) {
  return new Promise((resolve, reject) => {
    const url = new URL(path, origin);
    const req = httpRequest(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: client.cookie,
        'x-csrf-token': client.headers['X-CSRF-Token'],
        ...(declareLength ? { 'content-length': Buffer.byteLength(body) } : { 'transfer-encoding': 'chunked' }),
      },
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    // The server may close the connection before the whole body is written: that is the point.
    req.on('error', (error) =>
      /** @type {NodeJS.ErrnoException} */ (error).code === 'EPIPE' || /** @type {NodeJS.ErrnoException} */ (error).code === 'ECONNRESET'
        ? undefined
        : reject(error),
    );
    req.end(body);
  });
}

describe('production mode refuses what is made for development', () => {
  const key = Buffer.alloc(32, 7).toString('base64');
  const send = async () => undefined;
  const getUser = () => null;

  test('createApp throws, naming each problem: the development outbox for SMS or e-mail, no secret key, no getUser, dev routes', () => {
    assert.throws(
      () => createApp({ production: true }),
      (/** @type {Error} */ error) => {
        assert.match(error.message, /^createApp: refusing to start in production:/);
        for (const problem of [/SMS goes to the development outbox/, /e-mail goes to the development outbox/, /no secret key/, /no `getUser\(request\)`/]) {
          assert.match(error.message, problem);
        }
        return true;
      },
    );
    const safe = { production: true, sendSms: send, sendEmail: send, secretKey: key, getUser, verifyPassword: () => false };
    assert.throws(() => createApp({ ...safe, verifyPassword: undefined }), /no `verifyPassword\(userId, password\)`/);
    assert.throws(() => createApp({ ...safe, dev: true }), /`dev` mounts development-only routes/);
    assert.throws(() => createApp({ ...safe, sendSms: undefined }), /SMS goes to the development outbox/);
    assert.doesNotThrow(() => createApp({ ...safe, sendSms: undefined, smsPolicy: 'off' }).close(), 'no SMS, no SMS transport needed');
    assert.doesNotThrow(() => createApp(safe).close());
  });

  test('NODE_ENV=production is production unless the option says otherwise', () => {
    const saved = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      assert.throws(() => createApp(), /refusing to start in production/);
      assert.doesNotThrow(() => createApp({ production: false }).close());
    } finally {
      if (saved === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = saved;
    }
  });

  test("getUser: the host's session instead of the demo's; its CSRF token, or else the Origin; its password check; its user made on first sight", async () => {
    /** @type {Record<string, { userId: string, account: string, authenticatedAt: number, csrfToken?: string }>} */
    const signedIn = {
      'token-a': { userId: 'host-42', account: 'ada@example.com', authenticatedAt: Date.now(), csrfToken: 'host-csrf' },
      'token-b': { userId: 'host-43', account: 'bob@example.com', authenticatedAt: 0 },
    };
    const server = await startReference({
      production: true,
      sendSms: send,
      sendEmail: send,
      secretKey: key,
      getUser: (request) => signedIn[String(request.headers.get('authorization')).replace('Bearer ', '')] ?? null,
      verifyPassword: (userId, password) => userId === 'host-43' && password === 'bob-password',
    });
    try {
      const ada = new ApiClient(server.base, { headers: { Authorization: 'Bearer token-a', 'X-CSRF-Token': 'host-csrf' } });
      assert.deepEqual((await ada.get('/session')).json, { csrfToken: 'host-csrf', account: 'ada@example.com' });
      assert.equal((await ada.get('/session')).headers.getSetCookie().length, 0, 'no demo cookie');
      assert.deepEqual((await new ApiClient(server.base).get('/session')).json, { error: 'unauthenticated' }, 'no demo user for strangers');
      assert.deepEqual((await ada.post('/enrollment', {}, { noCsrf: true })).json, { error: 'csrf' });
      const e = await ada.post('/enrollment', {});
      assert.equal(e.status, 201);
      assert.equal(e.json.account, 'ada@example.com');
      assert.equal((await server.app.store.getUser('host-42'))?.account, 'ada@example.com');
      assert.equal((await ada.get('/dev/outbox')).status, 404);

      // No CSRF token from the host: the browser's Origin must be there, and ours.
      const bob = new ApiClient(server.base, { headers: { Authorization: 'Bearer token-b' } });
      assert.deepEqual((await bob.post('/enrollment', { password: 'bob-password' })).json, { error: 'csrf' });
      const withOrigin = { headers: { Origin: server.origin } };
      assert.deepEqual((await bob.post('/enrollment', {}, withOrigin)).json, { error: 'password_required' }, 'its sign-in is old');
      assert.deepEqual((await bob.post('/enrollment', { password: 'demo' }, withOrigin)).json, { error: 'invalid_password' });
      assert.equal((await bob.post('/enrollment', { password: 'bob-password' }, withOrigin)).status, 201);
    } finally {
      await server.close();
    }
  });
});

describe('cookies and headers', () => {
  /** @param {Response} response */
  const cookieOf = (response) => response.headers.getSetCookie()[0] ?? '';

  test('behind a trusted proxy that says https: the cookie is Secure and __Host-; without trustProxy the header is ignored', async () => {
    const [plain, proxied] = await Promise.all([startReference(), startReference({ trustProxy: true })]);
    try {
      const https = { headers: { 'X-Forwarded-Proto': 'https' } };
      assert.match(cookieOf(await fetch(`${plain.base}/session`, https)), /^twofa_demo_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
      const cookie = cookieOf(await fetch(`${proxied.base}/session`, https));
      assert.match(cookie, /^__Host-twofa_demo_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Secure$/);
      const pair = cookie.split(';')[0];
      assert.equal((await fetch(`${proxied.base}/status`, { headers: { ...https.headers, cookie: pair } })).status, 200);
      assert.equal((await fetch(`${proxied.base}/status`, { headers: { cookie: pair } })).status, 401, 'the __Host- cookie over plain HTTP');
    } finally {
      await Promise.all([plain.close(), proxied.close()]);
    }
  });

  test("the per-client send limit takes X-Forwarded-For only with trustProxy, and then only the proxy's own entry", async () => {
    for (const [trustProxy, forwardedFor, expected] of /** @type {const} */ ([
      [false, ['203.0.113.1', '203.0.113.2', '203.0.113.3'], [200, 200, 429]],
      [true, ['203.0.113.1', '203.0.113.2', '203.0.113.3'], [200, 200, 200]],
      [true, ['1.1.1.1, 203.0.113.9', '2.2.2.2, 203.0.113.9', '3.3.3.3, 203.0.113.9'], [200, 200, 429]],
      // One IPv6 client has a /64 (its ISP's prefix) and picks any address in it: counted as one.
      [true, ['2001:db8:1:2::1', '2001:DB8:1:2:aaaa:bbbb:cccc:dddd', '2001:db8:1:2:0:ffff:1.2.3.4'], [200, 200, 429]],
      [true, ['2001:db8:1:2::1', '2001:db8:1:3::1', '::ffff:203.0.113.9'], [200, 200, 200]],
    ])) {
      const server = await startReference({ maxSendsPerClient: 2, trustProxy });
      try {
        const statuses = [];
        for (const [i, address] of forwardedFor.entries()) {
          const client = await signIn(server.base);
          const e = (await client.post('/enrollment', {})).json;
          statuses.push(
            (await client.post(`/enrollment/${e.id}/email`, { email: `user${i}@example.com` }, { headers: { 'X-Forwarded-For': address } })).status,
          );
        }
        assert.deepEqual(statuses, expected, `trustProxy ${trustProxy}, ${forwardedFor.join(' | ')}`);
      } finally {
        await server.close();
      }
    }
  });

  test('the right password renews the session id: the answer sets a new cookie, the old one is gone, the CSRF token stays', async () => {
    const server = await startReference();
    try {
      const client = await signIn(server.base);
      const before = client.cookie;
      const answer = await client.post('/enrollment', { password: 'demo' });
      assert.equal(answer.status, 201);
      assert.match(answer.headers.getSetCookie()[0] ?? '', /^twofa_demo_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
      assert.notEqual(client.cookie, before);
      assert.equal((await client.get('/status', { noSession: true, headers: { cookie: before } })).status, 401, 'the old id');
      assert.equal((await client.post(`/enrollment/${answer.json.id}/recovery-codes`, {})).status, 200, 'the new id, the same CSRF token');
      assert.equal((await client.post('/enrollment', {})).headers.getSetCookie().length, 0, 'no password, no new id');
      assert.equal((await client.post('/enrollment', { password: 'nope' })).headers.getSetCookie().length, 0, 'a wrong password, no new id');
    } finally {
      await server.close();
    }
  });

  test('a session ends after sessionIdleTimeout without a request (30 minutes), however young it is', async () => {
    const clock = manualClock();
    const server = await startReference({ now: clock.now });
    try {
      const client = await signIn(server.base);
      for (let i = 0; i < 3; i++) {
        clock.advance(29 * 60 * 1000);
        assert.equal((await client.get('/status')).status, 200, `a request after 29 minutes (${i + 1})`);
      }
      clock.advance(30 * 60 * 1000 + 1);
      assert.equal((await client.get('/status')).status, 401);
      const again = await fetch(`${server.base}/session`, { headers: { cookie: client.cookie } });
      assert.equal(again.headers.getSetCookie().length, 1, 'GET /session starts a new one');
    } finally {
      await server.close();
    }
  });

  test('every answer, success or error, has Referrer-Policy: no-referrer', async () => {
    const server = await startReference();
    try {
      const client = await signIn(server.base);
      for (const answer of [
        await client.get('/status'),
        await client.post('/enrollment', {}),
        await client.get('/nothing'),
        await client.get('/status', { noSession: true }),
      ]) {
        assert.equal(answer.headers.get('referrer-policy'), 'no-referrer', String(answer.status));
      }
    } finally {
      await server.close();
    }
  });
});

describe('logs', () => {
  /**
   * The reference on a server whose request handler resolves when the app is done with a request.
   * @param {Parameters<typeof createApp>[0]} options
   */
  async function instrumented(options) {
    const app = createApp(options);
    /** @type {Array<() => void>} */
    const waiting = [];
    const server = createServer(async (req, res) => {
      await app.handle(req, res);
      waiting.shift()?.();
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
    const origin = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
    return {
      base: `${origin}${app.basePath}`,
      origin,
      /** Resolves when the app has handled the next request. */
      handled: () => new Promise((resolve) => waiting.push(() => resolve(undefined))),
      async close() {
        app.close();
        server.closeAllConnections();
        await new Promise((resolve) => server.close(() => resolve(undefined)));
      },
    };
  }

  test('a client that aborts in the middle of its body is no unexpected error: nothing logged, nothing thrown', async () => {
    const logged = [];
    const server = await instrumented({ log: (message) => logged.push(message) });
    try {
      const client = await signIn(server.base);
      const e = (await client.post('/enrollment', {})).json;
      const handled = server.handled();
      const url = new URL(`${server.base}/enrollment/${e.id}/totp`);
      const req = httpRequest(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': '100', cookie: client.cookie, 'x-csrf-token': client.headers['X-CSRF-Token'] },
      });
      req.on('error', () => undefined);
      req.write('{"code": "12');
      await new Promise((resolve) => setTimeout(resolve, 50));
      req.destroy();
      await handled;
      assert.deepEqual(logged, []);
    } finally {
      await server.close();
    }
  });

  test('an unexpected error is logged by its route: no enrollment id, code, seed or cookie in the log', async () => {
    /** @type {unknown[]} */
    const logged = [];
    let broken = false;
    let usersBroken = false;
    class FlakyStore extends MemoryStore {
      /** @param {import('../store.js').EnrollmentRecord} e */
      async saveEnrollment(e) {
        if (broken) throw new Error('the database went away');
        await super.saveEnrollment(e);
      }
      /** @param {string} id */
      async getUser(id) {
        if (usersBroken) throw new Error('the database went away');
        return super.getUser(id);
      }
    }
    const server = await instrumented({ store: new FlakyStore(), log: (message, error) => logged.push(message, String(error)) });
    try {
      const client = await signIn(server.base);
      const e = (await client.post('/enrollment', {})).json;
      broken = true;
      const code = codeAt(e, Date.now());
      const answer = await client.post(`/enrollment/${e.id}/totp`, { code });
      assert.deepEqual([answer.status, answer.json], [500, { error: 'server' }]);
      assert.deepEqual(logged, ['POST /enrollment/{id}/totp: unexpected error', 'Error: the database went away']);
      for (const secret of [e.id, code, e.secret, client.cookie.split('=')[1], client.headers['X-CSRF-Token']]) {
        assert.ok(!logged.join('\n').includes(secret), secret);
      }
      // A passkey's credential id identifies the user's authenticator: a route, not an id, either.
      logged.length = 0;
      usersBroken = true;
      assert.equal((await client.request('PATCH', '/passkeys/cred-9f2c', { body: { name: 'K' } })).status, 500);
      assert.deepEqual(logged, ['PATCH /passkeys/{id}: unexpected error', 'Error: the database went away']);
    } finally {
      await server.close();
    }
  });
});
