/**
 * The contract, rule by rule, as HTTP checks that run against any backend.
 * Each rule gets a context (`ctx`) with fresh sessions, an enrollment starter, an independent
 * TOTP implementation and a way to read the text messages and e-mails that were sent; it throws
 * to fail, or calls `ctx.skip(reason)` when the backend under test cannot be checked for it (say,
 * its enrollments live longer than the run may wait).
 */
import assert from 'node:assert/strict';
import { expectError, expectOk } from './client.js';
import { base32Decode } from './totp.js';
import { softAuthenticator } from './webauthn.js';

/** A number every backend should take as a valid mobile: Norway, +47 9…. */
export const PHONE = '+4791234567';
/** An address every backend should take; the other one is internationalised (RFC 6531). */
export const EMAIL = 'jane.doe@example.com';

/**
 * @typedef {import('./client.js').ApiClient} ApiClient
 * @typedef {import('./run.js').Context} Context
 * @typedef {{ group: string, name: string, run: (ctx: Context) => Promise<void> }} Rule
 */

/**
 * The two ways a code is sent. Their rules are the same (`channelRules`); this is what differs.
 * @typedef {object} Channel
 * @property {'sms' | 'email'} path  `…/{id}/sms`, `…/{id}/email`
 * @property {'phone' | 'email'} field  the body's field
 * @property {'maskedPhone' | 'maskedEmail'} masked  the answer's field
 * @property {[string, string]} to  two recipients every backend should accept
 * @property {string[]} invalid  what every backend must refuse, with `invalidCode`
 * @property {string} invalidCode
 * @property {(masked: string, to: string) => void} checkMasked
 * @property {{ name: string, message: string, recipients: string, recipient: string }} words  for the rule names
 * @property {(ctx: Context) => Promise<{ client: ApiClient, e: any }>} start  a session and an enrollment that can use the channel
 */

/** @type {Channel} */
const SMS = {
  path: 'sms',
  field: 'phone',
  masked: 'maskedPhone',
  to: [PHONE, '+4798765432'],
  invalid: ['12345', '+47 123', 'call me', '+4712345678901234567', '91234567'],
  invalidCode: 'invalid_phone',
  checkMasked(masked, to) {
    assert.ok(!masked.replace(/\D/g, '').includes(to.slice(3)), 'maskedPhone shows the whole number');
    assert.ok(masked.endsWith(to.slice(-2)), 'maskedPhone does not end with the last digits');
  },
  words: { name: 'SMS', message: 'text message', recipients: 'phone numbers', recipient: 'number' },
  async start(ctx) {
    const client = await ctx.session();
    const e = await ctx.start(client);
    if (e.sms === 'off') ctx.skip('SMS is off on this backend');
    return { client, e };
  },
};

/** @type {Channel} */
const EMAIL_CHANNEL = {
  path: 'email',
  field: 'email',
  masked: 'maskedEmail',
  to: [EMAIL, 'åse@eksempel.no'],
  invalid: [
    'jane',
    'jane@',
    '@example.com',
    'jane@@example.com',
    'jane doe@example.com',
    'jane@exam ple.com',
    `${'x'.repeat(250)}@example.com`,
    // What would look like another address, or break a page or a header: a zero-width space, markup, a lone surrogate.
    'ja\u200Bne@example.com',
    'jane@exa<mple.com',
    '\uD800jane@example.com',
  ],
  invalidCode: 'invalid_email',
  checkMasked(masked, to) {
    assert.ok(!masked.includes(to.split('@')[0]), 'maskedEmail shows the whole name');
  },
  words: { name: 'e-mail', message: 'e-mail', recipients: 'e-mail addresses', recipient: 'address' },
  async start(ctx) {
    const client = await ctx.session();
    return { client, e: await ctx.start(client) };
  },
};

/**
 * Sends the enrollment's code by `channel` to `to`; asserts 200 and returns the answer.
 * @param {Channel} channel
 * @param {ApiClient} client
 * @param {{ id: string | number }} e
 */
async function send(channel, client, e, to = channel.to[0]) {
  const sent = await client.post(`/enrollment/${e.id}/${channel.path}`, { [channel.field]: to });
  expectOk(sent, 200, `send ${channel.words.name}`);
  return sent;
}

/**
 * The rules of codes sent by SMS or by e-mail.
 * @param {Channel} c
 * @returns {Rule[]}
 */
function channelRules(c) {
  const { name, message, recipients, recipient } = c.words;
  return [
    {
      group: c.path,
      name: `invalid ${recipients} are refused with 400 ${c.invalidCode}`,
      async run(ctx) {
        const { client, e } = await c.start(ctx);
        for (const to of c.invalid) {
          expectError(await client.post(`/enrollment/${e.id}/${c.path}`, { [c.field]: to }), 400, c.invalidCode, `${c.field} ${JSON.stringify(to)}`);
        }
      },
    },
    {
      group: c.path,
      name: `sending answers a masked ${recipient} and resendAfter; a second code before then gets 429 with retryAfter`,
      async run(ctx) {
        const { client, e } = await c.start(ctx);
        const sent = await send(c, client, e);
        assert.equal(typeof sent.json?.[c.masked], 'string', c.masked);
        c.checkMasked(sent.json[c.masked], c.to[0]);
        assert.ok(Number.isFinite(sent.json.resendAfter) && sent.json.resendAfter > 0, 'resendAfter');
        const again = await client.post(`/enrollment/${e.id}/${c.path}`, { [c.field]: c.to[0] });
        const body = expectError(again, 429, 'rate_limited', `second ${name} at once`);
        assert.ok(body.retryAfter > 0 && body.retryAfter <= sent.json.resendAfter, 'retryAfter');
      },
    },
    {
      group: c.path,
      name: `the code from the ${message} is 6 digits and verifies once (204, then refused)`,
      async run(ctx) {
        const { client, e } = await c.start(ctx);
        await send(c, client, e);
        const code = await ctx.sentCode(client, c.to[0]);
        assert.match(code, /^\d{6}$/, `the ${name} code is not 6 digits`);
        expectOk(await client.post(`/enrollment/${e.id}/${c.path}/verify`, { code }), 204, `${name} code`);
        expectError(await client.post(`/enrollment/${e.id}/${c.path}/verify`, { code }), 400, 'invalid_code', `the same ${name} code again`);
      },
    },
    {
      group: c.path,
      name: `a wrong ${name} code is refused with 400 invalid_code and attemptsLeft; 5 lock with 429, and leave the TOTP attempts alone`,
      async run(ctx) {
        const { client, e } = await c.start(ctx);
        await send(c, client, e, c.to[1]);
        const code = await ctx.sentCode(client, c.to[1]).catch(() => undefined);
        const wrong = code === '000000' ? '000001' : '000000';
        for (let left = 4; left >= 1; left--) {
          const body = expectError(await client.post(`/enrollment/${e.id}/${c.path}/verify`, { code: wrong }), 400, 'invalid_code', `wrong ${name} code`);
          assert.equal(body.attemptsLeft, left, 'attemptsLeft');
        }
        const locked = expectError(await client.post(`/enrollment/${e.id}/${c.path}/verify`, { code: wrong }), 429, 'rate_limited', `fifth wrong ${name} code`);
        assert.ok(locked.retryAfter > 0, 'retryAfter');
        const totp = expectError(await client.post(`/enrollment/${e.id}/totp`, { code: ctx.wrongCode(e) }), 400, 'invalid_code', 'then a wrong TOTP code');
        assert.equal(totp.attemptsLeft, 4, `wrong ${name} codes were counted as TOTP attempts`);
      },
    },
    {
      group: c.path,
      name: `verifying before any ${name} was sent is refused (4xx)`,
      async run(ctx) {
        const client = await ctx.session();
        const e = await ctx.start(client);
        const answer = await client.post(`/enrollment/${e.id}/${c.path}/verify`, { code: '123456' });
        expectError(answer, [400, 409], undefined, `verify without ${name}`);
      },
    },
  ];
}

/**
 * A session, an enrollment and passkey options for it; skips where the backend has no passkeys.
 * @param {Context} ctx
 */
async function passkeyStart(ctx) {
  const client = await ctx.session();
  const e = await ctx.start(client);
  if (Array.isArray(e.methods) && !e.methods.includes('passkey')) ctx.skip("the enrollment's `methods` has no passkey");
  const answer = await client.post(`/enrollment/${e.id}/passkey/options`, {});
  if (answer.status === 404) ctx.skip('no passkey routes (404)');
  expectOk(answer, 200, 'POST …/passkey/options');
  const options = answer.json.publicKey;
  assert.ok(typeof options?.challenge === 'string' && Buffer.from(options.challenge, 'base64url').length >= 16, 'a challenge of at least 16 random bytes');
  assert.equal(typeof options.user?.id, 'string', 'a user handle');
  assert.ok(Array.isArray(options.pubKeyCredParams) && options.pubKeyCredParams.some((/** @type {any} */ p) => p.alg === -7), 'ES256 among the algorithms');
  // The page's origin: the API's (the wizard calls it from the same site).
  return { client, e, options, origin: new URL(client.base).origin };
}

/** @param {ApiClient} client @param {any} e @param {unknown} credential @param {string} [name] */
const registerPasskey = (client, e, credential, name = 'Conformance key') => client.post(`/enrollment/${e.id}/passkey`, { credential, name });

/** @type {Rule[]} */
const passkeyRules = [
  {
    group: 'passkey',
    name: 'a passkey made with the options is accepted under its name; complete turns it on and GET /status lists it',
    async run(ctx) {
      ctx.needsFreshUser();
      const { client, e, options, origin } = await passkeyStart(ctx);
      const key = softAuthenticator();
      const answer = await registerPasskey(client, e, key.register(options, { origin }), 'Laptop');
      expectOk(answer, 200, 'POST …/passkey');
      assert.deepEqual(answer.json, { id: key.id, name: 'Laptop' }, 'the answer');
      const done = await client.post(`/enrollment/${e.id}/complete`, {});
      expectOk(done, 200, 'complete');
      assert.ok(done.json.methods.includes('passkey'), `methods ${JSON.stringify(done.json.methods)}`);
      const listed = (await client.get('/status')).json?.passkeys;
      assert.ok(
        Array.isArray(listed) && listed.some((/** @type {any} */ p) => p.id === key.id && p.name === 'Laptop'),
        `status passkeys ${JSON.stringify(listed)}`,
      );
    },
  },
  {
    group: 'passkey',
    name: 'a credential id another account has is refused with 409 passkey_exists (WebAuthn §7.1: ids are unique across users)',
    async run(ctx) {
      ctx.needsFreshUser();
      // Credential ids are not secret (sign-in lists them): one registered again under a second account, with a key
      // of the attacker's, must not make a look-up by id at sign-in find the wrong account.
      const key = softAuthenticator();
      const first = await passkeyStart(ctx);
      expectOk(await registerPasskey(first.client, first.e, key.register(first.options, { origin: first.origin })), 200, "the first account's passkey");
      expectOk(await first.client.post(`/enrollment/${first.e.id}/complete`, {}), 200, 'complete');
      const second = await passkeyStart(ctx);
      const again = key.register(second.options, { origin: second.origin });
      expectError(await registerPasskey(second.client, second.e, again), 409, 'passkey_exists', 'the same credential id for a second account');
    },
  },
  {
    group: 'passkey',
    name: 'a challenge is used once: a second registration with it is refused with 400 invalid_passkey',
    async run(ctx) {
      const { client, e, options, origin } = await passkeyStart(ctx);
      expectOk(await registerPasskey(client, e, softAuthenticator().register(options, { origin })), 200, 'the first registration');
      expectError(await registerPasskey(client, e, softAuthenticator().register(options, { origin })), 400, 'invalid_passkey', 'the same challenge again');
    },
  },
  {
    group: 'passkey',
    name: 'a registration from another origin is refused with 400 invalid_passkey',
    async run(ctx) {
      const { client, e, options } = await passkeyStart(ctx);
      const credential = softAuthenticator().register(options, { origin: 'https://phishing.example', rpId: options.rp?.id });
      expectError(await registerPasskey(client, e, credential), 400, 'invalid_passkey', 'origin https://phishing.example');
    },
  },
  {
    group: 'passkey',
    name: 'a registration for another RP ID is refused with 400 invalid_passkey',
    async run(ctx) {
      const { client, e, options, origin } = await passkeyStart(ctx);
      const credential = softAuthenticator().register(options, { origin, rpId: 'phishing.example' });
      expectError(await registerPasskey(client, e, credential), 400, 'invalid_passkey', 'RP ID phishing.example');
    },
  },
  {
    group: 'passkey',
    name: 'a challenge the server did not issue is refused with 400 invalid_passkey',
    async run(ctx) {
      const { client, e, options, origin } = await passkeyStart(ctx);
      const madeUp = Buffer.alloc(32, 7).toString('base64url');
      expectError(
        await registerPasskey(client, e, softAuthenticator().register(options, { origin, challenge: madeUp })),
        400,
        'invalid_passkey',
        'a made-up challenge',
      );
    },
  },
  {
    group: 'passkey',
    name: "a challenge past the options' timeout is refused with 400 invalid_passkey",
    async run(ctx) {
      const { client, e, options, origin } = await passkeyStart(ctx);
      const wait = Number(options.timeout) + 500;
      if (!(wait <= ctx.maxWait))
        ctx.skip(`challenges live ${Math.round(Number(options.timeout) / 1000)} s (the options' timeout); run with a shorter one or a larger --max-wait`);
      if (e.expiresAt - Date.now() < wait + 1000) ctx.skip('the enrollment expires before its challenge would');
      await ctx.sleep(wait);
      expectError(await registerPasskey(client, e, softAuthenticator().register(options, { origin })), 400, 'invalid_passkey', 'after the timeout');
    },
  },
];

/** @type {Rule[]} */
export const rules = [
  // ── session and CSRF ────────────────────────────────────────────────────────────────────────
  {
    group: 'session',
    name: 'requests without the session are refused with 401',
    async run(ctx) {
      const client = await ctx.session();
      expectError(await client.post('/enrollment', {}, { noSession: true }), 401, undefined, 'POST /enrollment without a session');
      expectError(await client.get('/status', { noSession: true }), 401, undefined, 'GET /status without a session');
    },
  },
  {
    group: 'session',
    name: 'state-changing requests without the CSRF header are refused with 403',
    async run(ctx) {
      const client = await ctx.session();
      expectError(await client.post('/enrollment', ctx.startBody(), { noCsrf: true }), 403, undefined, 'POST /enrollment without CSRF header');
      const e = await ctx.start(client);
      expectError(await client.post(`/enrollment/${e.id}/totp`, { code: ctx.code(e) }, { noCsrf: true }), 403, undefined, 'POST totp without CSRF header');
      expectError(await client.delete(`/enrollment/${e.id}`, { noCsrf: true }), 403, undefined, 'DELETE without CSRF header');
    },
  },
  {
    group: 'session',
    name: 'a wrong CSRF token is refused with 403',
    async run(ctx) {
      const client = await ctx.session();
      const wrong = await client.post('/enrollment', ctx.startBody(), { headers: { [client.csrfHeader]: 'not-the-token' } });
      expectError(wrong, 403, undefined, 'POST /enrollment with a wrong CSRF token');
    },
  },
  {
    group: 'session',
    name: 'the cookies of the sign-in are SameSite (Strict or Lax) and, over https, Secure; the session cookie is HttpOnly',
    async run(ctx) {
      ctx.needsFreshUser();
      const url = /** @type {string} */ (ctx.sessionUrl);
      const cookies = (await fetch(url, { headers: { Accept: 'application/json' } })).headers.getSetCookie();
      if (!cookies.length) ctx.skip('the session URL sets no cookie (a session in a header needs none of this)');
      const attributes = cookies.map((cookie) =>
        cookie
          .split(';')
          .slice(1)
          .map((a) => a.trim().toLowerCase()),
      );
      for (const [i, list] of attributes.entries()) {
        const name = cookies[i].split('=')[0];
        assert.ok(list.includes('samesite=strict') || list.includes('samesite=lax'), `cookie ${name} is not SameSite=Strict or Lax`);
        if (url.startsWith('https:')) assert.ok(list.includes('secure'), `cookie ${name} is not Secure, over https`);
      }
      assert.ok(
        attributes.some((list) => list.includes('httponly')),
        'no cookie of the sign-in is HttpOnly: scripts can read the session',
      );
    },
  },
  {
    group: 'session',
    name: 'answers, successes and errors alike, are not cached (Cache-Control: no-store) and send no referrer (Referrer-Policy: no-referrer)',
    async run(ctx) {
      const client = await ctx.session();
      const started = await client.post('/enrollment', ctx.startBody());
      expectOk(started, 201, 'POST /enrollment');
      /** @type {Array<[string, import('./client.js').Answer]>} */
      const answers = [
        ['POST /enrollment', started],
        ['GET /status', await client.get('/status')],
        ['a wrong code', await client.post(`/enrollment/${started.json.id}/totp`, { code: ctx.wrongCode(started.json) })],
        ['an unknown id', await client.post('/enrollment/no-such-enrollment-0000/totp', { code: '123456' })],
        ['no session', await client.get('/status', { noSession: true })],
      ];
      for (const [what, answer] of answers) {
        assert.match(answer.headers.get('cache-control') ?? '', /(^|,)\s*no-store\s*(,|$)/i, `${what}: Cache-Control is not no-store`);
        const policies = (answer.headers.get('referrer-policy') ?? '').split(',').map((p) => p.trim().toLowerCase());
        assert.equal(policies.at(-1), 'no-referrer', `${what}: Referrer-Policy is not no-referrer`);
      }
    },
  },

  // ── starting an enrollment ──────────────────────────────────────────────────────────────────
  {
    group: 'start',
    name: 'POST /enrollment answers 201 with a 160-bit Base32 secret, TOTP parameters and expiresAt within 10 minutes',
    async run(ctx) {
      const client = await ctx.session();
      const before = Date.now();
      const e = await ctx.start(client);
      assert.ok((typeof e.id === 'string' && e.id.length > 0) || typeof e.id === 'number', 'id is missing');
      assert.match(e.secret, /^[A-Z2-7]+=*$/, 'secret is not Base32 (RFC 4648, uppercase)');
      assert.ok(base32Decode(e.secret).length >= 20, `secret has ${base32Decode(e.secret).length * 8} bits, fewer than 160`);
      assert.equal(e.digits ?? 6, 6, 'digits');
      assert.equal(e.period ?? 30, 30, 'period');
      assert.equal(e.algorithm ?? 'SHA1', 'SHA1', 'algorithm');
      assert.equal(typeof e.account, 'string', 'account');
      assert.ok(['off', 'optional', 'required', undefined].includes(e.sms), 'sms policy');
      assert.ok(Number.isFinite(e.expiresAt), 'expiresAt (epoch ms) is missing');
      assert.ok(e.expiresAt > before, 'expiresAt is not in the future');
      assert.ok(e.expiresAt <= Date.now() + 10 * 60 * 1000 + 5000, 'expiresAt is more than 10 minutes ahead');
    },
  },
  {
    group: 'start',
    name: 'the otpauth URI has the secret, the encoded label "issuer:account" and an issuer parameter equal to its prefix',
    async run(ctx) {
      const client = await ctx.session();
      const e = await ctx.start(client);
      assert.equal(typeof e.uri, 'string', 'uri is missing');
      const match = /^otpauth:\/\/totp\/([^?#]+)\?(.*)$/.exec(e.uri);
      assert.ok(match, `not an otpauth://totp/ URI: ${e.uri.replace(/secret=[^&]*/i, 'secret=…')}`);
      const [, rawLabel, query] = match;
      assert.doesNotMatch(rawLabel, /[ @+]/, 'the label is not percent-encoded (space, @ or + appear raw)');
      const params = new Map(
        query
          .split('&')
          .map((pair) => pair.split('='))
          .map(([k, v]) => [k.toLowerCase(), decodeURIComponent(v ?? '')]),
      );
      assert.equal(params.get('secret')?.replace(/=+$/, ''), e.secret.replace(/=+$/, ''), 'secret parameter differs from secret');
      const label = decodeURIComponent(rawLabel);
      const colon = label.indexOf(':');
      assert.ok(colon > 0, 'the label has no "issuer:" prefix');
      assert.equal(label.slice(0, colon), e.issuer, 'label prefix differs from issuer');
      assert.equal(label.slice(colon + 1).trimStart(), e.account, 'label account differs from account');
      assert.equal(params.get('issuer'), e.issuer, 'issuer parameter differs from the label prefix');
      for (const [key, expected] of [
        ['digits', '6'],
        ['period', '30'],
        ['algorithm', 'SHA1'],
      ]) {
        if (params.has(key)) assert.equal(params.get(key)?.toUpperCase(), expected, `${key} parameter`);
      }
    },
  },
  {
    group: 'start',
    name: 'every enrollment gets a new secret and id',
    async run(ctx) {
      const client = await ctx.session();
      const [a, b] = await Promise.all([ctx.start(client), ctx.start(client)]);
      assert.notEqual(a.secret, b.secret, 'two enrollments share a secret');
      assert.notEqual(String(a.id), String(b.id), 'two enrollments share an id');
    },
  },
  {
    group: 'start',
    name: 'a wrong password is refused with 401 invalid_password',
    async run(ctx) {
      const client = await ctx.session();
      const answer = await client.post('/enrollment', ctx.startBody({ password: `wrong-${Math.random()}` }));
      expectError(answer, 401, 'invalid_password', 'POST /enrollment with a wrong password');
    },
  },
  {
    group: 'start',
    name: 'the right password is accepted',
    async run(ctx) {
      if (ctx.password === undefined) ctx.skip('pass --password to check it');
      const client = await ctx.session();
      await ctx.start(client, { password: ctx.password });
    },
  },
  {
    group: 'start',
    name: 'the right password renews the session: a new session cookie, and the one from before is refused with 401',
    async run(ctx) {
      if (ctx.password === undefined) ctx.skip('pass --password to check it');
      ctx.needsFreshUser();
      const client = await ctx.session();
      const before = client.cookie;
      if (!before) ctx.skip('the session URL sets no cookie');
      const answer = await client.post('/enrollment', ctx.startBody({ password: ctx.password }));
      expectOk(answer, 201, 'POST /enrollment with the right password');
      assert.ok(answer.headers.getSetCookie().length > 0 && client.cookie !== before, 'no new session cookie after the password (session fixation)');
      expectError(await client.get('/status', { noSession: true, headers: { Cookie: before } }), 401, undefined, 'GET /status with the cookie from before');
      expectOk(await client.get('/status'), 200, 'GET /status with the new cookie');
    },
  },
  {
    group: 'start',
    name: 'wrong field types and unknown modes are refused with 400',
    async run(ctx) {
      const client = await ctx.session();
      expectError(await client.post('/enrollment', { mode: 'sideways' }), 400, undefined, 'mode "sideways"');
      expectError(await client.post('/enrollment', { password: 42 }), 400, undefined, 'password 42');
    },
  },

  // ── TOTP ────────────────────────────────────────────────────────────────────────────────────
  {
    group: 'totp',
    name: 'the current code is accepted (204)',
    async run(ctx) {
      const client = await ctx.session();
      const e = await ctx.start(client);
      expectOk(await client.post(`/enrollment/${e.id}/totp`, { code: ctx.code(e) }), 204, 'current code');
    },
  },
  {
    group: 'totp',
    name: 'a wrong code is refused with 400 invalid_code and attemptsLeft; so are codes of the wrong shape',
    async run(ctx) {
      const client = await ctx.session();
      const e = await ctx.start(client);
      const wrong = ctx.wrongCode(e);
      const body = expectError(await client.post(`/enrollment/${e.id}/totp`, { code: wrong }), 400, 'invalid_code', 'wrong code');
      assert.equal(body.attemptsLeft, 4, 'attemptsLeft after the first wrong code');
      expectError(await client.post(`/enrollment/${e.id}/totp`, { code: 'abcdef' }), 400, 'invalid_code', 'letters');
      expectError(await client.post(`/enrollment/${e.id}/totp`, { code: '12345' }), 400, 'invalid_code', 'five digits');
    },
  },
  {
    group: 'totp',
    name: 'codes one time step early or late are accepted (window ±1)',
    async run(ctx) {
      const client = await ctx.session();
      await ctx.safeWindow();
      const [early, late] = await Promise.all([ctx.start(client), ctx.start(client)]);
      expectOk(await client.post(`/enrollment/${early.id}/totp`, { code: ctx.code(early, -1) }), 204, 'code of the previous step');
      expectOk(await client.post(`/enrollment/${late.id}/totp`, { code: ctx.code(late, +1) }), 204, 'code of the next step');
    },
  },
  {
    group: 'totp',
    name: 'codes two time steps away are refused',
    async run(ctx) {
      const client = await ctx.session();
      await ctx.safeWindow();
      const e = await ctx.start(client);
      for (const steps of [-2, 2]) {
        const code = ctx.code(e, steps);
        if ([-1, 0, 1].some((near) => ctx.code(e, near) === code)) continue; // the same digits in the window: not a test
        expectError(await client.post(`/enrollment/${e.id}/totp`, { code }), 400, 'invalid_code', `code ${steps} steps away`);
      }
    },
  },
  {
    group: 'totp',
    name: 'a code accepted once is refused when sent again (replay)',
    async run(ctx) {
      const client = await ctx.session();
      await ctx.safeWindow();
      const e = await ctx.start(client);
      const code = ctx.code(e);
      expectOk(await client.post(`/enrollment/${e.id}/totp`, { code }), 204, 'first use');
      expectError(await client.post(`/enrollment/${e.id}/totp`, { code }), 400, 'invalid_code', 'the same code again');
    },
  },
  {
    group: 'totp',
    name: 'a replay sent concurrently is accepted at most once',
    async run(ctx) {
      const client = await ctx.session();
      await ctx.safeWindow();
      const e = await ctx.start(client);
      const code = ctx.code(e);
      const answers = await Promise.all(Array.from({ length: 4 }, () => client.post(`/enrollment/${e.id}/totp`, { code })));
      assert.equal(answers.filter((a) => a.status === 204).length, 1, `accepted ${answers.map((a) => a.status).join(', ')}`);
    },
  },
  {
    group: 'totp',
    name: 'after a code is accepted, codes of earlier time steps are refused',
    async run(ctx) {
      const client = await ctx.session();
      await ctx.safeWindow();
      const e = await ctx.start(client);
      expectOk(await client.post(`/enrollment/${e.id}/totp`, { code: ctx.code(e, +1) }), 204, 'code of the next step');
      const current = ctx.code(e);
      if (current === ctx.code(e, +1)) ctx.skip('the two codes happen to be equal');
      expectError(await client.post(`/enrollment/${e.id}/totp`, { code: current }), 400, 'invalid_code', 'code of an earlier step');
    },
  },
  {
    group: 'totp',
    name: 'after 5 wrong codes: 429 rate_limited with retryAfter (and Retry-After), even for the right code',
    async run(ctx) {
      const client = await ctx.session();
      const e = await ctx.start(client);
      for (let left = 4; left >= 1; left--) {
        const body = expectError(await client.post(`/enrollment/${e.id}/totp`, { code: ctx.wrongCode(e) }), 400, 'invalid_code', `wrong code, ${left} left`);
        assert.equal(body.attemptsLeft, left, 'attemptsLeft');
      }
      const locked = await client.post(`/enrollment/${e.id}/totp`, { code: ctx.wrongCode(e) });
      const body = expectError(locked, 429, 'rate_limited', 'fifth wrong code');
      assert.ok(body.retryAfter > 0, 'retryAfter is missing or 0');
      assert.match(locked.headers.get('retry-after') ?? '', /^\d+$/, 'Retry-After header (seconds) is missing');
      expectError(await client.post(`/enrollment/${e.id}/totp`, { code: ctx.code(e) }), 429, 'rate_limited', 'the right code while locked');
    },
  },
  {
    group: 'totp',
    name: 'the lockout ends after retryAfter',
    async run(ctx) {
      const client = await ctx.session();
      const e = await ctx.start(client);
      let body;
      for (let i = 0; i < 5; i++) body = (await client.post(`/enrollment/${e.id}/totp`, { code: ctx.wrongCode(e) })).json;
      assert.equal(body?.error, 'rate_limited', 'no lockout after 5 wrong codes');
      const wait = body.retryAfter * 1000 + 300;
      if (wait > ctx.maxWait || Date.now() + wait + 1000 > e.expiresAt)
        ctx.skip(`the lockout lasts ${body.retryAfter} s; run with a shorter lockout or a larger --max-wait`);
      await ctx.sleep(wait);
      expectOk(await client.post(`/enrollment/${e.id}/totp`, { code: ctx.code(e) }), 204, 'right code after the lockout');
    },
  },

  // ── SMS and e-mail ──────────────────────────────────────────────────────────────────────────
  ...channelRules(SMS),
  ...channelRules(EMAIL_CHANNEL),

  // ── recovery codes ──────────────────────────────────────────────────────────────────────────
  {
    group: 'recovery',
    name: 'recovery codes: a non-empty list of distinct strings, different for every enrollment',
    async run(ctx) {
      const client = await ctx.session();
      const [a, b] = await Promise.all([ctx.start(client), ctx.start(client)]);
      const first = await client.post(`/enrollment/${a.id}/recovery-codes`, {});
      const second = await client.post(`/enrollment/${b.id}/recovery-codes`, {});
      for (const answer of [first, second]) {
        expectOk(answer, 200, 'recovery codes');
        assert.ok(Array.isArray(answer.json?.codes) && answer.json.codes.length > 0, 'codes is not a non-empty list');
        assert.ok(
          answer.json.codes.every((/** @type {unknown} */ c) => typeof c === 'string' && c.length >= 8),
          'codes must be strings of 8+ characters',
        );
      }
      assert.equal(new Set(first.json.codes).size, first.json.codes.length, 'codes repeat');
      assert.ok(!first.json.codes.some((/** @type {string} */ c) => second.json.codes.includes(c)), 'two enrollments share a code');
    },
  },
  {
    group: 'recovery',
    name: 'recovery codes: { count } from 1 to 16 gives that many; 0, 17 and "3" are refused with 400',
    async run(ctx) {
      const client = await ctx.session();
      const e = await ctx.start(client);
      for (const count of [1, 10, 16]) {
        const answer = await client.post(`/enrollment/${e.id}/recovery-codes`, { count });
        expectOk(answer, 200, `${count} recovery codes`);
        assert.equal(new Set(answer.json?.codes).size, count, `distinct codes for count ${count}`);
      }
      for (const count of [0, 17, '3']) {
        expectError(await client.post(`/enrollment/${e.id}/recovery-codes`, { count }), 400, undefined, `count ${JSON.stringify(count)}`);
      }
    },
  },

  // ── completing ──────────────────────────────────────────────────────────────────────────────
  {
    group: 'complete',
    name: 'complete is refused before anything is verified',
    async run(ctx) {
      const client = await ctx.session();
      const e = await ctx.start(client);
      expectError(await client.post(`/enrollment/${e.id}/complete`, {}), [400, 409], undefined, 'complete without TOTP');
    },
  },
  ...[SMS, EMAIL_CHANNEL].map((c) => ({
    group: 'complete',
    name: `complete is refused while a sent ${c.words.name} code is not verified`,
    async run(/** @type {Context} */ ctx) {
      const { client, e } = await c.start(ctx);
      expectOk(await client.post(`/enrollment/${e.id}/totp`, { code: ctx.code(e) }), 204, 'TOTP');
      await send(c, client, e);
      expectError(await client.post(`/enrollment/${e.id}/complete`, {}), [400, 409], undefined, `complete with ${c.words.name} unverified`);
    },
  })),
  {
    group: 'complete',
    name: 'the whole flow (TOTP, SMS, recovery codes, complete) turns on totp and sms; GET /status says so',
    async run(ctx) {
      const { client, e } = await SMS.start(ctx);
      expectOk(await client.post(`/enrollment/${e.id}/totp`, { code: ctx.code(e) }), 204, 'TOTP');
      await send(SMS, client, e);
      expectOk(await client.post(`/enrollment/${e.id}/sms/verify`, { code: await ctx.sentCode(client, PHONE) }), 204, 'SMS code');
      expectOk(await client.post(`/enrollment/${e.id}/recovery-codes`, {}), 200, 'recovery codes');
      const done = await client.post(`/enrollment/${e.id}/complete`, {});
      expectOk(done, 200, 'complete');
      assert.deepEqual([...done.json.methods].sort(), ['sms', 'totp'], 'methods');
      const status = await client.get('/status');
      expectOk(status, 200, 'GET /status');
      assert.ok(status.json.methods.includes('totp') && status.json.methods.includes('sms'), `status methods: ${JSON.stringify(status.json.methods)}`);
    },
  },
  {
    group: 'complete',
    name: 'without SMS, complete turns on totp only',
    async run(ctx) {
      ctx.needsFreshUser();
      const client = await ctx.session();
      const e = await ctx.start(client);
      if (e.sms === 'required') ctx.skip('SMS is required on this backend');
      expectOk(await client.post(`/enrollment/${e.id}/totp`, { code: ctx.code(e) }), 204, 'TOTP');
      const done = await client.post(`/enrollment/${e.id}/complete`, {});
      expectOk(done, 200, 'complete');
      assert.deepEqual(done.json.methods, ['totp'], 'methods');
      const status = await client.get('/status');
      assert.deepEqual(status.json?.methods, ['totp'], 'status methods');
    },
  },
  {
    group: 'complete',
    name: "e-mail as the only method: refused with 409 where the enrollment's `methods` leaves it out; else complete turns on email and GET /status says so",
    async run(ctx) {
      ctx.needsFreshUser();
      const { client, e } = await EMAIL_CHANNEL.start(ctx);
      await send(EMAIL_CHANNEL, client, e);
      expectOk(await client.post(`/enrollment/${e.id}/email/verify`, { code: await ctx.sentCode(client, EMAIL) }), 204, 'e-mail code');
      const done = await client.post(`/enrollment/${e.id}/complete`, {});
      if (Array.isArray(e.methods) && !e.methods.includes('email')) {
        expectError(done, 409, undefined, 'complete with e-mail alone, which the enrollment does not offer');
        assert.equal((await client.get('/status')).json?.enabled, false, 'status after the refusal');
        return;
      }
      expectOk(done, 200, 'complete');
      assert.deepEqual(done.json.methods, ['email'], 'methods');
      const status = await client.get('/status');
      assert.deepEqual(status.json?.methods, ['email'], 'status methods');
      assert.equal(status.json.enabled, true, 'status enabled');
      assert.equal(typeof status.json.maskedEmail, 'string', 'status maskedEmail');
      EMAIL_CHANNEL.checkMasked(status.json.maskedEmail, EMAIL);
    },
  },
  {
    group: 'complete',
    name: 'a completed enrollment takes no more codes',
    async run(ctx) {
      const client = await ctx.session();
      await ctx.safeWindow();
      const e = await ctx.start(client);
      if (e.sms === 'required') ctx.skip('SMS is required on this backend');
      expectOk(await client.post(`/enrollment/${e.id}/totp`, { code: ctx.code(e) }), 204, 'TOTP');
      expectOk(await client.post(`/enrollment/${e.id}/complete`, {}), 200, 'complete');
      expectError(await client.post(`/enrollment/${e.id}/totp`, { code: ctx.code(e, 1) }), [404, 409, 410], undefined, 'TOTP after complete');
    },
  },
  {
    group: 'complete',
    name: 'enroll mode when two-factor is already on: 409 already_enrolled; reset mode, proven with a current code, replaces it',
    async run(ctx) {
      ctx.needsFreshUser();
      const client = await ctx.session();
      await ctx.safeWindow();
      const old = await ctx.enable(client);
      expectError(await client.post('/enrollment', ctx.startBody({ mode: 'enroll' })), 409, 'already_enrolled', 'enroll again');
      // The next time step's code: the current one was used to enable, and is refused as a replay.
      const reset = await ctx.start(client, { mode: 'reset', code: ctx.code(old, 1) });
      expectOk(await client.post(`/enrollment/${reset.id}/totp`, { code: ctx.code(reset) }), 204, 'TOTP of the new authenticator');
      expectOk(await client.post(`/enrollment/${reset.id}/complete`, {}), 200, 'complete the reset');
      const status = await client.get('/status');
      assert.ok(status.json?.methods?.includes('totp'), 'status after reset');
    },
  },
  {
    group: 'reset',
    name: 'a reset needs proof beyond the session: none is 403 proof_required; a wrong or reused code is 403 invalid_proof',
    async run(ctx) {
      ctx.needsFreshUser();
      const client = await ctx.session();
      await ctx.safeWindow();
      const old = await ctx.enable(client);
      expectError(await client.post('/enrollment', ctx.startBody({ mode: 'reset' })), 403, 'proof_required', 'a reset with the session alone');
      expectError(await client.post('/enrollment', ctx.startBody({ mode: 'reset', code: ctx.wrongCode(old) })), 403, 'invalid_proof', 'a wrong code');
      expectError(await client.post('/enrollment', ctx.startBody({ mode: 'reset', resetToken: 'not-a-token' })), 403, 'invalid_proof', 'a made-up reset token');
      const proof = ctx.code(old, 1);
      await ctx.start(client, { mode: 'reset', code: proof });
      expectError(await client.post('/enrollment', ctx.startBody({ mode: 'reset', code: proof })), 403, 'invalid_proof', 'the same code again');
    },
  },
  {
    group: 'reset',
    name: 'a reset started while two-factor was off (no proof) cannot complete once it is on: 409 already_enrolled',
    async run(ctx) {
      ctx.needsFreshUser();
      const client = await ctx.session();
      await ctx.safeWindow();
      // A session opens a reset with nothing to replace, and waits for the user to turn two-factor on.
      const early = await ctx.start(client, { mode: 'reset' });
      expectOk(await client.post(`/enrollment/${early.id}/totp`, { code: ctx.code(early) }), 204, 'TOTP of the early reset');
      await ctx.enable(client);
      expectError(await client.post(`/enrollment/${early.id}/complete`, {}), 409, 'already_enrolled', 'complete the early reset');
    },
  },
  {
    group: 'complete',
    name: 'concurrent enrollments: separate secrets and codes; the first to complete wins, the other gets already_enrolled',
    async run(ctx) {
      ctx.needsFreshUser();
      const client = await ctx.session();
      await ctx.safeWindow();
      const [a, b] = await Promise.all([ctx.start(client, { mode: 'enroll' }), ctx.start(client, { mode: 'enroll' })]);
      if (ctx.code(a) !== ctx.code(b)) {
        expectError(await client.post(`/enrollment/${b.id}/totp`, { code: ctx.code(a) }), 400, 'invalid_code', "one enrollment's code on the other");
      }
      expectOk(await client.post(`/enrollment/${a.id}/totp`, { code: ctx.code(a) }), 204, 'TOTP of the first');
      expectOk(await client.post(`/enrollment/${b.id}/totp`, { code: ctx.code(b) }), 204, 'TOTP of the second');
      expectOk(await client.post(`/enrollment/${a.id}/complete`, {}), 200, 'complete the first');
      expectError(await client.post(`/enrollment/${b.id}/complete`, {}), 409, 'already_enrolled', 'complete the second');
    },
  },

  // ── cancel, unknown ids, other users ────────────────────────────────────────────────────────
  {
    group: 'cancel',
    name: 'DELETE discards the enrollment (204); afterwards its id is 404',
    async run(ctx) {
      const client = await ctx.session();
      const e = await ctx.start(client);
      expectOk(await client.delete(`/enrollment/${e.id}`), 204, 'DELETE');
      expectError(await client.post(`/enrollment/${e.id}/totp`, { code: ctx.code(e) }), 404, undefined, 'TOTP after DELETE');
    },
  },
  {
    group: 'ids',
    name: 'unknown enrollment ids get 404 with an error code',
    async run(ctx) {
      const client = await ctx.session();
      const id = 'no-such-enrollment-0000';
      expectError(await client.post(`/enrollment/${id}/totp`, { code: '123456' }), 404, undefined, 'totp');
      expectError(await client.post(`/enrollment/${id}/sms`, { phone: PHONE }), 404, undefined, 'sms');
      expectError(await client.post(`/enrollment/${id}/sms/verify`, { code: '123456' }), 404, undefined, 'sms/verify');
      expectError(await client.post(`/enrollment/${id}/email`, { email: EMAIL }), 404, undefined, 'email');
      expectError(await client.post(`/enrollment/${id}/email/verify`, { code: '123456' }), 404, undefined, 'email/verify');
      expectError(await client.post(`/enrollment/${id}/recovery-codes`, {}), 404, undefined, 'recovery-codes');
      expectError(await client.post(`/enrollment/${id}/complete`, {}), 404, undefined, 'complete');
      expectError(await client.delete(`/enrollment/${id}`), 404, undefined, 'DELETE');
    },
  },
  {
    group: 'ids',
    name: "another user's enrollment is 404 (its id is no key)",
    async run(ctx) {
      ctx.needsFreshUser();
      const owner = await ctx.session();
      const other = await ctx.session();
      const e = await ctx.start(owner);
      expectError(await other.post(`/enrollment/${e.id}/totp`, { code: ctx.code(e) }), 404, undefined, "other user's TOTP");
      expectError(await other.delete(`/enrollment/${e.id}`), 404, undefined, "other user's DELETE");
      expectOk(await owner.post(`/enrollment/${e.id}/totp`, { code: ctx.code(e) }), 204, "owner's TOTP still works");
    },
  },

  {
    group: 'abuse',
    name: 'new enrollments do not reset the limits: one user gets a 429 within 30 tries of a new enrollment and a text message each',
    async run(ctx) {
      ctx.needsFreshUser();
      const client = await ctx.session();
      const probe = await ctx.start(client);
      if (probe.sms === 'off') ctx.skip('SMS is off on this backend');
      for (let i = 0; i < 30; i++) {
        const started = await client.post('/enrollment', ctx.startBody());
        if (started.status === 429) return;
        expectOk(started, 201, `POST /enrollment, try ${i + 1}`);
        const sent = await client.post(`/enrollment/${started.json.id}/sms`, { phone: PHONE });
        if (sent.status === 429) return;
        expectOk(sent, 200, `text message, try ${i + 1}`);
      }
      assert.fail('30 enrollments, each with a text message to the same number, and none refused: a message bomb');
    },
  },

  {
    group: 'abuse',
    name: 'wrong codes are capped per user across enrollments (NIST SP 800-63B §5.2.2): 32 spread over new enrollments, none locked on its own, meet a 429, and then even the right code of another enrollment does',
    async run(ctx) {
      ctx.needsFreshUser();
      const client = await ctx.session();
      const probe = await ctx.start(client);
      let wrong = 0;
      /** @param {import('./client.js').Answer} answer @param {string} what */
      const counted = (answer, what) => {
        wrong++;
        if (answer.status === 429) return true;
        expectError(answer, 400, 'invalid_code', what);
        return false;
      };
      let capped = false;
      for (let n = 0; n < 4 && !capped; n++) {
        const started = await client.post('/enrollment', ctx.startBody());
        if (started.status === 429) break;
        expectOk(started, 201, `POST /enrollment ${n + 1}`);
        const e = started.json;
        for (let i = 0; i < 4 && !capped; i++) capped = counted(await client.post(`/enrollment/${e.id}/totp`, { code: ctx.wrongCode(e) }), 'a wrong TOTP code');
        if (capped) break;
        // example.com (RFC 2606): no mail is delivered to anyone.
        const to = `conformance.cap${n}.${Math.random().toString(36).slice(2, 8)}@example.com`;
        if ((await client.post(`/enrollment/${e.id}/email`, { email: to })).status !== 200) continue;
        const sent = await ctx.sentCode(client, to).catch(() => undefined);
        for (let i = 0; i < 4 && !capped; i++) {
          capped = counted(await client.post(`/enrollment/${e.id}/email/verify`, { code: sent === '000000' ? '000001' : '000000' }), 'a wrong e-mail code');
        }
      }
      assert.ok(capped, `${wrong} wrong codes, at most 4 per enrollment and channel, and none refused: new enrollments give endless tries`);
      await ctx.safeWindow();
      expectError(
        await client.post(`/enrollment/${probe.id}/totp`, { code: ctx.code(probe) }),
        429,
        'rate_limited',
        'the right code of an untouched enrollment',
      );
    },
  },

  // ── passkeys ────────────────────────────────────────────────────────────────────────────────
  ...passkeyRules,

  // ── managing the factors of an account ──────────────────────────────────────────────────────
  {
    group: 'manage',
    name: 'turning two-factor off needs proof of a second factor: none is 403 proof_required, a wrong code 403 invalid_proof; a current code turns it off',
    async run(ctx) {
      ctx.needsFreshUser();
      const client = await ctx.session();
      await ctx.safeWindow();
      const e = await ctx.enable(client);
      const off = (/** @type {Record<string, unknown>} */ body) => client.request('DELETE', '/two-factor', { body });
      expectError(await off({}), 403, 'proof_required', 'DELETE /two-factor with the session alone');
      expectError(await off({ code: ctx.wrongCode(e) }), 403, 'invalid_proof', 'with a wrong code');
      assert.equal((await client.get('/status')).json?.enabled, true, 'still on after the refusals');
      expectOk(await off({ code: ctx.code(e, 1) }), 204, 'with the next time step’s code');
      const status = (await client.get('/status')).json;
      assert.deepEqual([status?.enabled, status?.methods, status?.recoveryCodes], [false, [], 0], 'status after turning off');
    },
  },
  {
    group: 'manage',
    name: 'new recovery codes need proof and revoke the old set: an old one is refused as proof (403 invalid_proof), a new one is taken',
    async run(ctx) {
      ctx.needsFreshUser();
      const client = await ctx.session();
      await ctx.safeWindow();
      const e = await ctx.start(client);
      expectOk(await client.post(`/enrollment/${e.id}/totp`, { code: ctx.code(e) }), 204, 'TOTP');
      const old = (await client.post(`/enrollment/${e.id}/recovery-codes`, { count: 2 })).json?.codes;
      expectOk(await client.post(`/enrollment/${e.id}/complete`, {}), 200, 'complete');
      expectError(await client.post('/recovery-codes', { count: 2 }), 403, 'proof_required', 'POST /recovery-codes with the session alone');
      const renewed = await client.post('/recovery-codes', { count: 2, code: ctx.code(e, 1) });
      expectOk(renewed, 200, 'POST /recovery-codes with a current code');
      assert.equal(renewed.json?.codes?.length, 2, 'the new set');
      assert.ok(!renewed.json.codes.some((/** @type {string} */ code) => old.includes(code)), 'new codes');
      expectError(await client.request('DELETE', '/two-factor', { body: { code: old[0] } }), 403, 'invalid_proof', 'an old recovery code as proof');
      expectOk(await client.request('DELETE', '/two-factor', { body: { code: renewed.json.codes[0] } }), 204, 'a new recovery code as proof');
    },
  },
  {
    group: 'manage',
    name: 'a removed passkey is gone: it needs proof to remove, leaves GET /status, and counts for nothing (the same key can be added again)',
    async run(ctx) {
      ctx.needsFreshUser();
      const { client, e, options, origin } = await passkeyStart(ctx);
      const key = softAuthenticator();
      await ctx.safeWindow();
      expectOk(await client.post(`/enrollment/${e.id}/totp`, { code: ctx.code(e) }), 204, 'TOTP');
      const [recovery] = (await client.post(`/enrollment/${e.id}/recovery-codes`, { count: 1 })).json?.codes ?? [];
      expectOk(await registerPasskey(client, e, key.register(options, { origin })), 200, 'the passkey');
      expectOk(await client.post(`/enrollment/${e.id}/complete`, {}), 200, 'complete');
      expectError(await client.request('DELETE', `/passkeys/${key.id}`, { body: {} }), 403, 'proof_required', 'removal with the session alone');
      expectOk(await client.request('DELETE', `/passkeys/${key.id}`, { body: { code: ctx.code(e, 1) } }), 204, 'removal with a current code');
      const status = (await client.get('/status')).json;
      assert.deepEqual([status?.methods, status?.passkeys], [['totp'], []], 'status after the removal');
      // Adding a factor (mode "add") needs proof too: here the recovery code.
      const again = await ctx.start(client, { mode: 'add', code: recovery });
      const fresh = (await client.post(`/enrollment/${again.id}/passkey/options`, {})).json.publicKey;
      assert.ok(!(fresh.excludeCredentials ?? []).some((/** @type {any} */ c) => c.id === key.id), 'the removed key is not excluded');
      expectOk(await registerPasskey(client, again, key.register(fresh, { origin })), 200, 'the same key again');
    },
  },

  // ── expiry ──────────────────────────────────────────────────────────────────────────────────
  {
    group: 'expiry',
    name: 'an expired enrollment answers 410 expired',
    async run(ctx) {
      const client = await ctx.session();
      const e = await ctx.start(client);
      const wait = e.expiresAt - Date.now() + 300;
      if (wait > ctx.maxWait) ctx.skip(`enrollments live ${Math.round((e.expiresAt - Date.now()) / 1000)} s; run with a shorter expiry or a larger --max-wait`);
      await ctx.sleep(Math.max(0, wait));
      expectError(await client.post(`/enrollment/${e.id}/totp`, { code: ctx.code(e) }), 410, 'expired', 'TOTP after expiry');
      expectError(await client.post(`/enrollment/${e.id}/complete`, {}), 410, 'expired', 'complete after expiry');
    },
  },

  // ── bad requests ────────────────────────────────────────────────────────────────────────────
  {
    group: 'bodies',
    name: 'malformed JSON is refused with 400 and an error code',
    async run(ctx) {
      const client = await ctx.session();
      expectError(await client.request('POST', '/enrollment', { raw: '{"mode": "enroll"' }), 400, undefined, 'truncated JSON');
      const e = await ctx.start(client);
      expectError(await client.request('POST', `/enrollment/${e.id}/totp`, { raw: "{code: '123456'}" }), 400, undefined, 'JavaScript, not JSON');
    },
  },
  {
    group: 'bodies',
    name: 'wrong types are refused with 400 and an error code (not counted as attempts)',
    async run(ctx) {
      const client = await ctx.session();
      const e = await ctx.start(client);
      expectError(await client.post(`/enrollment/${e.id}/totp`, { code: 123456 }), 400, undefined, 'code as a number');
      expectError(await client.post(`/enrollment/${e.id}/totp`, {}), 400, undefined, 'code missing');
      expectError(await client.post(`/enrollment/${e.id}/totp`, ['123456']), 400, undefined, 'an array body');
      expectError(await client.post(`/enrollment/${e.id}/sms`, { phone: ['+4791234567'] }), 400, undefined, 'phone as a list');
      const wrong = expectError(await client.post(`/enrollment/${e.id}/totp`, { code: ctx.wrongCode(e) }), 400, 'invalid_code', 'then a wrong code');
      assert.equal(wrong.attemptsLeft, 4, 'bad bodies were counted as attempts');
    },
  },
  {
    group: 'bodies',
    name: 'an oversized body is refused (400 or 413) with an error code',
    async run(ctx) {
      const client = await ctx.session();
      const e = await ctx.start(client);
      const answer = await client.request('POST', `/enrollment/${e.id}/totp`, { raw: JSON.stringify({ code: '123456', pad: 'x'.repeat(64 * 1024) }) });
      expectError(answer, [400, 413], undefined, '64 KB body');
    },
  },
];
