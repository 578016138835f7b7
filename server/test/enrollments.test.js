/**
 * The enrollment rules through HTTP, with a clock the tests move: secrets, the URI, TOTP window,
 * replay, lockout, expiry, SMS, e-mail, recovery codes, completion, reset and concurrent enrollments.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, beforeEach, describe, test } from 'node:test';
import { TOTP, URI } from 'otpauth';
import { base32Decode } from '../conformance/totp.js';
import { createApp } from '../app.js';
import { seedContext } from '../enrollments.js';
import { sha256 } from '../secrets.js';
import { DevOutbox } from '../outbox.js';
import { MemoryStore } from '../store.js';
import { codeAt, manualClock, signIn, startReference } from './helpers.js';

const PHONE = '+4791234567';
const EMAIL = 'olga@example.com';

describe('enrollment rules', () => {
  const clock = manualClock();
  const outbox = new DevOutbox({ now: clock.now });
  /** @type {Awaited<ReturnType<typeof startReference>>} */
  let server;
  /** @type {import('../conformance/client.js').ApiClient} */
  let client;

  before(async () => {
    // One server for every rule of one enrollment, all sending to the same test number: the caps across
    // enrollments, users and clients would stop them, and have their own tests (limits across enrollments).
    // Likewise the cap on a user's wrong codes a day, and the session's idle timeout (the clock jumps by hours here).
    const uncapped = { maxStartsPerUser: 1e6, maxSendsPerUser: 1e6, maxSendsPerDestination: 1e6, maxSendsPerClient: 1e6, maxFailuresPerUser: 1e6 };
    server = await startReference({ now: clock.now, outbox, dev: true, sessionIdleTimeout: 1e9, ...uncapped });
  });
  after(() => server.close());
  beforeEach(async () => {
    client = await signIn(server.base);
  });

  async function start(body = {}) {
    const answer = await client.post('/enrollment', body);
    assert.equal(answer.status, 201, answer.text);
    return answer.json;
  }
  const verify = (e, code) => client.post(`/enrollment/${e.id}/totp`, { code });
  /** A reset token as the host would e-mail it (the development route stands in for the e-mail). */
  const resetToken = async () => (await client.post('/dev/reset-link', {})).json.resetToken;
  /** A reset, proven with a reset token. */
  const startReset = async () => start({ mode: 'reset', resetToken: await resetToken() });
  /** The code of the latest message (text or e-mail) to `to`. */
  function sentCode(to = PHONE) {
    const code = /\b(\d{6})\b/.exec(
      outbox
        .messagesFor(userOf(client))
        .filter((m) => m.to === to)
        .at(-1)?.text ?? '',
    )?.[1];
    assert.ok(code, `no message to ${to}`);
    return code;
  }
  /**
   * After a first code by `channel` ('sms' or 'email'): no new one before 30 s; then only the
   * latest code counts, and only once.
   */
  async function resendThenLatestOnce(e, channel, body) {
    const to = body.phone ?? body.email;
    const first = sentCode(to);
    clock.advance(10_000);
    const early = await client.post(`/enrollment/${e.id}/${channel}`, body);
    assert.equal(early.status, 429);
    assert.deepEqual(early.json, { error: 'rate_limited', retryAfter: 20 });

    clock.advance(20_000);
    assert.equal((await client.post(`/enrollment/${e.id}/${channel}`, body)).status, 200);
    const second = sentCode(to);
    if (second !== first) assert.equal((await client.post(`/enrollment/${e.id}/${channel}/verify`, { code: first })).status, 400, 'the older code');
    assert.equal((await client.post(`/enrollment/${e.id}/${channel}/verify`, { code: second })).status, 204);
    assert.equal((await client.post(`/enrollment/${e.id}/${channel}/verify`, { code: second })).status, 400, 'used once');
  }
  /** Sends an e-mail code to EMAIL and verifies it. */
  async function confirmEmail(e) {
    assert.equal((await client.post(`/enrollment/${e.id}/email`, { email: EMAIL })).status, 200);
    assert.equal((await client.post(`/enrollment/${e.id}/email/verify`, { code: sentCode(EMAIL) })).status, 204);
  }
  /** The demo user's id behind a client (from the store, through its session). */
  const users = new Map();
  function userOf(c) {
    return users.get(c.cookie);
  }
  /** Finds the demo user behind a client's session (for looking into the store). */
  async function rememberUser(c, app = server.app) {
    const session = await app.store.getSession(sha256(c.cookie.split('=')[1]));
    assert.ok(session);
    users.set(c.cookie, session.userId);
    return session.userId;
  }

  describe('start', () => {
    test('a 160-bit Base32 secret from the CSPRNG, new for every enrollment', async () => {
      const secrets = new Set();
      for (let i = 0; i < 20; i++) {
        const e = await start();
        assert.match(e.secret, /^[A-Z2-7]{32}$/);
        assert.equal(base32Decode(e.secret).length, 20);
        secrets.add(e.secret);
      }
      assert.equal(secrets.size, 20);
    });

    test('the otpauth URI: issuer and account encoded, issuer parameter equal to the label prefix, parsed back by otpauth', async () => {
      const e = await start();
      assert.equal(e.uri, `otpauth://totp/Example%20Account:jane%40example.com?issuer=Example%20Account&secret=${e.secret}&algorithm=SHA1&digits=6&period=30`);
      const parsed = URI.parse(e.uri);
      assert.ok(parsed instanceof TOTP);
      assert.equal(parsed.issuer, 'Example Account');
      assert.equal(parsed.label, 'jane@example.com');
      assert.equal(parsed.secret.base32, e.secret);
      assert.deepEqual(
        {
          issuer: e.issuer,
          account: e.account,
          digits: e.digits,
          period: e.period,
          algorithm: e.algorithm,
          sms: e.sms,
          methods: e.methods,
          phoneOnFile: e.phoneOnFile,
        },
        {
          issuer: 'Example Account',
          account: 'jane@example.com',
          digits: 6,
          period: 30,
          algorithm: 'SHA1',
          sms: 'optional',
          methods: ['totp', 'sms', 'passkey'],
          phoneOnFile: false,
        },
      );
      assert.equal(e.expiresAt, clock.now() + 10 * 60 * 1000);
    });

    test('a password, when sent, must be right; five wrong ones lock starting for 30 s', async () => {
      assert.equal((await client.post('/enrollment', { password: 'demo' })).status, 201);
      for (let i = 0; i < 4; i++) {
        const wrong = await client.post('/enrollment', { password: 'nope' });
        assert.equal(wrong.status, 401);
        assert.deepEqual(wrong.json, { error: 'invalid_password' });
      }
      const fifth = await client.post('/enrollment', { password: 'nope' });
      assert.equal(fifth.status, 429);
      assert.deepEqual(fifth.json, { error: 'rate_limited', retryAfter: 30 });
      assert.equal((await client.post('/enrollment', { password: 'demo' })).status, 429, 'the right password while locked');
      clock.advance(30_000);
      assert.equal((await client.post('/enrollment', { password: 'demo' })).status, 201);
    });
  });

  describe('TOTP', () => {
    test('window ±1 step around the server clock; ±2 refused', async () => {
      const e = await start();
      for (const steps of [-2, 2]) {
        const answer = await verify(e, codeAt(e, clock.now() + steps * 30_000));
        assert.equal(answer.status, 400, `${steps} steps`);
      }
      assert.equal((await verify(e, codeAt(e, clock.now() - 30_000))).status, 204);
      const other = await start();
      assert.equal((await verify(other, codeAt(other, clock.now() + 30_000))).status, 204);
    });

    test('replay: an accepted code, and any code of an earlier step, are refused', async () => {
      const e = await start();
      const current = codeAt(e, clock.now());
      assert.equal((await verify(e, current)).status, 204);
      const replay = await verify(e, current);
      assert.equal(replay.status, 400);
      assert.equal(replay.json.error, 'invalid_code');
      clock.advance(30_000);
      assert.equal((await verify(e, current)).status, 400, 'the previous step, still in the window');
      assert.equal((await verify(e, codeAt(e, clock.now()))).status, 204, 'the next step');
    });

    test('invalid_code carries attemptsLeft and serverTime; the 5th wrong code locks for 30 s (429, Retry-After)', async () => {
      const e = await start();
      for (let left = 4; left >= 1; left--) {
        const answer = await verify(e, '000000' === codeAt(e, clock.now()) ? '000001' : '000000');
        assert.equal(answer.status, 400);
        assert.deepEqual(answer.json, { error: 'invalid_code', attemptsLeft: left, serverTime: clock.now() });
      }
      const locked = await verify(e, 'abcdef');
      assert.equal(locked.status, 429);
      assert.deepEqual(locked.json, { error: 'rate_limited', retryAfter: 30 });
      assert.equal(locked.headers.get('retry-after'), '30');

      clock.advance(12_000);
      const still = await verify(e, codeAt(e, clock.now()));
      assert.equal(still.status, 429, 'the right code while locked');
      assert.equal(still.json.retryAfter, 18);

      clock.advance(18_000);
      const wrong = await verify(e, '12345');
      assert.equal(wrong.json.attemptsLeft, 4, 'a fresh set of attempts after the lockout');
      assert.equal((await verify(e, codeAt(e, clock.now()))).status, 204);
    });

    test('a success resets the count of wrong codes', async () => {
      const e = await start();
      await verify(e, 'xxxxxx');
      await verify(e, 'xxxxxx');
      assert.equal((await verify(e, codeAt(e, clock.now()))).status, 204);
      assert.equal((await verify(e, 'xxxxxx')).json.attemptsLeft, 4);
    });
  });

  describe('expiry', () => {
    test('after 10 minutes every call answers 410 expired; DELETE still discards it', async () => {
      const e = await start();
      clock.advance(10 * 60 * 1000 - 1);
      assert.equal((await client.post(`/enrollment/${e.id}/recovery-codes`, {})).status, 200, 'one millisecond before');
      clock.advance(1);
      /** @type {Array<[string, object]>} */
      const calls = [
        ['/totp', { code: codeAt(e, clock.now()) }],
        ['/sms', { phone: PHONE }],
        ['/sms/verify', { code: '123456' }],
        ['/email', { email: EMAIL }],
        ['/email/verify', { code: '123456' }],
        ['/recovery-codes', {}],
        ['/complete', {}],
      ];
      for (const [path, body] of calls) {
        const answer = await client.post(`/enrollment/${e.id}${path}`, body);
        assert.equal(answer.status, 410, path);
        assert.deepEqual(answer.json, { error: 'expired' });
      }
      assert.equal((await client.delete(`/enrollment/${e.id}`)).status, 204);
      assert.equal((await client.delete(`/enrollment/${e.id}`)).status, 404);
    });

    test('expired enrollments are forgotten an hour later (404) by the sweep', async () => {
      const e = await start();
      clock.advance(10 * 60 * 1000 + 60 * 60 * 1000);
      await server.app.store.sweep?.(clock.now());
      assert.equal((await verify(e, '123456')).status, 404);
    });
  });

  describe('SMS', () => {
    test('sends a 6-digit code through the transport; masked number; resendAfter enforced; only the latest code counts, once', async () => {
      await rememberUser(client);
      const e = await start();
      const sent = await client.post(`/enrollment/${e.id}/sms`, { phone: '+47 912 34 567' });
      assert.equal(sent.status, 200);
      assert.deepEqual(sent.json, { maskedPhone: '+47 ••• •• 567', resendAfter: 30 });
      assert.match(sentCode(), /^\d{6}$/);
      assert.equal(outbox.messagesFor(userOf(client)).at(-1)?.to, PHONE);
      await resendThenLatestOnce(e, 'sms', { phone: PHONE });
    });

    test('codes are valid 5 minutes', async () => {
      await rememberUser(client);
      const e = await start();
      await client.post(`/enrollment/${e.id}/sms`, { phone: PHONE });
      clock.advance(5 * 60 * 1000);
      const late = await client.post(`/enrollment/${e.id}/sms/verify`, { code: sentCode() });
      assert.equal(late.status, 400);
      assert.equal(late.json.error, 'invalid_code');
    });

    test('at most 5 text messages per enrollment', async () => {
      const e = await start();
      for (let i = 0; i < 5; i++) {
        assert.equal((await client.post(`/enrollment/${e.id}/sms`, { phone: PHONE })).status, 200);
        clock.advance(30_000);
      }
      const sixth = await client.post(`/enrollment/${e.id}/sms`, { phone: PHONE });
      assert.equal(sixth.status, 429);
      assert.equal(sixth.json.retryAfter, Math.ceil((e.expiresAt - clock.now()) / 1000));
    });

    test('E.164 mobile numbers only: 400 invalid_phone otherwise, nothing sent', async () => {
      await rememberUser(client);
      const e = await start();
      for (const phone of ['91234567', '+47 22 12 34 56', '+4712345', '+1 (555) 0100', 'tel:+4791234567', '']) {
        const answer = await client.post(`/enrollment/${e.id}/sms`, { phone });
        assert.equal(answer.status, 400, phone);
        assert.equal(answer.json.error, 'invalid_phone');
      }
      assert.equal(outbox.messagesFor(userOf(client)).length, 0);
    });

    test('five wrong SMS codes lock SMS verification (429); verify before sending is 409 sms_not_sent', async () => {
      const e = await start();
      const early = await client.post(`/enrollment/${e.id}/sms/verify`, { code: '123456' });
      assert.equal(early.status, 409);
      assert.equal(early.json.error, 'sms_not_sent');
      await client.post(`/enrollment/${e.id}/sms`, { phone: PHONE });
      for (let i = 0; i < 4; i++) assert.equal((await client.post(`/enrollment/${e.id}/sms/verify`, { code: 'abcdef' })).status, 400);
      const locked = await client.post(`/enrollment/${e.id}/sms/verify`, { code: 'abcdef' });
      assert.equal(locked.status, 429);
    });

    test('a failing provider, of SMS or of e-mail: 502 { error: "server" }, the code is not stored, the other channel still sends', async () => {
      const down = async () => Promise.reject(new Error('provider down'));
      const option = { sms: 'sendSms', email: 'sendEmail' };
      const sends = { sms: { phone: PHONE }, email: { email: EMAIL } };
      for (const [channel, other] of /** @type {const} */ ([
        ['sms', 'email'],
        ['email', 'sms'],
      ])) {
        const failing = await startReference({ now: clock.now, [option[channel]]: down });
        try {
          const c = await signIn(failing.base);
          const e = (await c.post('/enrollment', {})).json;
          const answer = await c.post(`/enrollment/${e.id}/${channel}`, sends[channel]);
          assert.equal(answer.status, 502, channel);
          assert.deepEqual(answer.json, { error: 'server' });
          assert.equal((await c.post(`/enrollment/${e.id}/${channel}/verify`, { code: '123456' })).json.error, `${channel}_not_sent`);
          assert.equal((await c.post(`/enrollment/${e.id}/${other}`, sends[other])).status, 200, `${other} has its own provider`);
        } finally {
          await failing.close();
        }
      }
    });

    test('sms policy "off": sending is refused (409 sms_off); "required": complete needs a verified phone', async () => {
      for (const [policy, check] of /** @type {const} */ ([
        ['off', async (c, e) => assert.equal((await c.post(`/enrollment/${e.id}/sms`, { phone: PHONE })).json.error, 'sms_off')],
        [
          'required',
          async (c, e) => {
            assert.equal((await c.post(`/enrollment/${e.id}/totp`, { code: codeAt(e, clock.now()) })).status, 204);
            assert.equal((await c.post(`/enrollment/${e.id}/complete`, {})).json.error, 'not_verified');
          },
        ],
      ])) {
        const other = await startReference({ now: clock.now, smsPolicy: policy });
        try {
          const c = await signIn(other.base);
          const e = (await c.post('/enrollment', {})).json;
          assert.equal(e.sms, policy);
          assert.deepEqual(e.methods, policy === 'off' ? ['totp', 'passkey'] : ['totp', 'sms', 'passkey']);
          await check(c, e);
        } finally {
          await other.close();
        }
      }
    });
  });

  describe('e-mail', () => {
    test('sends a 6-digit code through the mail transport; masked address; resendAfter enforced; only the latest code counts, once', async () => {
      await rememberUser(client);
      const e = await start();
      const sent = await client.post(`/enrollment/${e.id}/email`, { email: ` ${EMAIL} ` });
      assert.equal(sent.status, 200);
      assert.deepEqual(sent.json, { maskedEmail: 'o•••@example.com', resendAfter: 30 });
      const mail = outbox.messagesFor(userOf(client)).at(-1);
      assert.deepEqual({ channel: mail?.channel, to: mail?.to }, { channel: 'email', to: EMAIL });
      assert.match(mail?.text ?? '', /^\d{6} is your Example Account verification code\. It expires in 10 minutes\./);
      await resendThenLatestOnce(e, 'email', { email: EMAIL });
    });

    test('internationalised addresses are accepted; invalid ones get 400 invalid_email and nothing is sent', async () => {
      await rememberUser(client);
      const e = await start();
      for (const email of [
        'olga',
        'olga@',
        '@example.com',
        'olga@example',
        'olga@@example.com',
        'olga smith@example.com',
        `${'x'.repeat(243)}@example.com`,
        '',
      ]) {
        const answer = await client.post(`/enrollment/${e.id}/email`, { email });
        assert.equal(answer.status, 400, email);
        assert.deepEqual(answer.json, { error: 'invalid_email' });
      }
      assert.equal(outbox.messagesFor(userOf(client)).length, 0);
      const international = await client.post(`/enrollment/${e.id}/email`, { email: 'åse@eksempel.no' });
      assert.deepEqual(international.json, { maskedEmail: 'å•••@eksempel.no', resendAfter: 30 });
      assert.equal(outbox.messagesFor(userOf(client)).at(-1)?.to, 'åse@eksempel.no');
    });

    test('wrong e-mail codes are counted on their own: 5 lock e-mail verification, not TOTP or SMS; verify before sending is 409 email_not_sent', async () => {
      await rememberUser(client);
      const e = await start();
      assert.deepEqual((await client.post(`/enrollment/${e.id}/email/verify`, { code: '123456' })).json, { error: 'email_not_sent' });
      await client.post(`/enrollment/${e.id}/email`, { email: EMAIL });
      await client.post(`/enrollment/${e.id}/sms`, { phone: PHONE });
      for (let left = 4; left >= 1; left--) {
        const answer = await client.post(`/enrollment/${e.id}/email/verify`, { code: 'abcdef' });
        assert.deepEqual(answer.json, { error: 'invalid_code', attemptsLeft: left, serverTime: clock.now() });
      }
      assert.equal((await client.post(`/enrollment/${e.id}/email/verify`, { code: 'abcdef' })).status, 429);
      assert.equal((await client.post(`/enrollment/${e.id}/email/verify`, { code: sentCode(EMAIL) })).status, 429, 'the right code while locked');
      assert.equal((await client.post(`/enrollment/${e.id}/sms/verify`, { code: 'abcdef' })).json.attemptsLeft, 4, 'SMS has its own count');
      assert.equal((await verify(e, 'abcdef')).json.attemptsLeft, 4, 'TOTP has its own count');
      clock.advance(30_000);
      const discarded = await client.post(`/enrollment/${e.id}/email/verify`, { code: sentCode(EMAIL) });
      assert.equal(discarded.json.error, 'invalid_code', 'the lockout discarded the code: after it, the right one is refused');
      assert.equal((await client.post(`/enrollment/${e.id}/email`, { email: EMAIL })).status, 200);
      assert.equal((await client.post(`/enrollment/${e.id}/email/verify`, { code: sentCode(EMAIL) })).status, 204, 'a new code after the lockout');
    });

    test('codes are valid emailCodeTtl; at most maxEmails per enrollment', async () => {
      const short = await startReference({ now: clock.now, outbox, emailCodeTtl: 2 * 60 * 1000, maxEmails: 2 });
      try {
        const c = await signIn(short.base);
        const userId = await rememberUser(c, short.app);
        const e = (await c.post('/enrollment', {})).json;
        assert.equal((await c.post(`/enrollment/${e.id}/email`, { email: 'late@example.com' })).status, 200);
        const text = outbox.messagesFor(userId).at(-1)?.text ?? '';
        assert.match(text, /It expires in 2 minutes\./);
        const code = /\b(\d{6})\b/.exec(text)?.[1];
        assert.ok(code);
        clock.advance(2 * 60 * 1000);
        assert.equal((await c.post(`/enrollment/${e.id}/email/verify`, { code })).json.error, 'invalid_code', 'too late');
        assert.equal((await c.post(`/enrollment/${e.id}/email`, { email: 'late@example.com' })).status, 200);
        clock.advance(30_000);
        const third = await c.post(`/enrollment/${e.id}/email`, { email: 'late@example.com' });
        assert.equal(third.status, 429);
        assert.equal(third.json.retryAfter, Math.ceil((e.expiresAt - clock.now()) / 1000));
      } finally {
        await short.close();
      }
    });
  });

  describe('recovery codes', () => {
    test('CSPRNG codes (80 bits) shown once, stored only as keyed hashes (HMAC); usable once after completion', async () => {
      const userId = await rememberUser(client);
      const e = await start();
      const first = (await client.post(`/enrollment/${e.id}/recovery-codes`, {})).json.codes;
      assert.equal(first.length, 1);
      assert.match(first[0], /^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}$/);
      const second = (await client.post(`/enrollment/${e.id}/recovery-codes`, {})).json.codes;
      assert.notDeepEqual(second, first, 'asking again gives a new set (the old one is gone)');

      await verify(e, codeAt(e, clock.now()));
      assert.equal((await client.post(`/enrollment/${e.id}/complete`, {})).status, 200);
      const user = await server.app.store.getUser(userId);
      assert.equal(user?.recoveryHashes.length, 1);
      assert.match(user?.recoveryHashes[0] ?? '', /^v1\.[\w-]{8}\.[\w-]{43}$/);
      const everything = JSON.stringify([user, await server.app.store.getEnrollment(e.id)]);
      for (const code of [...first, ...second]) {
        assert.ok(!everything.includes(code) && !everything.includes(code.replace(/-/g, '')), 'a code is stored in clear');
      }
      assert.equal(await server.app.enrollments.useRecoveryCode(userId, first[0]), false, 'the replaced set');
      assert.equal(await server.app.enrollments.useRecoveryCode(userId, second[0].toLowerCase().replace(/-/g, ' ')), true);
      assert.equal(await server.app.enrollments.useRecoveryCode(userId, second[0]), false, 'used up');
    });

    test('a count of 1 to 16 on request, else 400 bad_request; without one, recoveryCodeCount', async () => {
      const e = await start();
      for (const count of [1, 16, 10]) {
        const { codes } = (await client.post(`/enrollment/${e.id}/recovery-codes`, { count })).json;
        assert.equal(new Set(codes).size, count);
      }
      for (const count of [0, 17, 2.5, -1, '3', true]) {
        assert.deepEqual((await client.post(`/enrollment/${e.id}/recovery-codes`, { count })).json, { error: 'bad_request' }, JSON.stringify(count));
      }
      await verify(e, codeAt(e, clock.now()));
      await client.post(`/enrollment/${e.id}/complete`, {});
      assert.equal((await client.get('/status')).json.recoveryCodes, 10, 'the last good set is stored');
      assert.equal((await client.post(`/enrollment/${(await startReset()).id}/recovery-codes`, {})).json.codes.length, 1);
    });
  });

  describe('reset needs proof', () => {
    /** A user with the authenticator on (its enrollment returned, for its codes) and one recovery code. */
    async function enrolled() {
      await rememberUser(client);
      const e = await start();
      const { codes } = (await client.post(`/enrollment/${e.id}/recovery-codes`, {})).json;
      await verify(e, codeAt(e, clock.now()));
      assert.equal((await client.post(`/enrollment/${e.id}/complete`, {})).status, 200);
      return { e, recovery: codes[0] };
    }
    const refusal = async (body) => (await client.post('/enrollment', { mode: 'reset', ...body })).json;

    test('a signed-in session alone cannot reset: 403 proof_required (a user with nothing on needs no proof)', async () => {
      assert.equal((await client.post('/enrollment', { mode: 'reset' })).status, 201, 'nothing to replace yet');
      await enrolled();
      const answer = await client.post('/enrollment', { mode: 'reset' });
      assert.equal(answer.status, 403);
      assert.deepEqual(answer.json, { error: 'proof_required' });
    });

    test('a reset started with nothing to replace proves nothing: once two-factor is on, it cannot complete (409 already_enrolled)', async () => {
      // A stolen session opens a "reset" while the user has no second factor (no proof asked), and waits: the user
      // then turns two-factor on, and the reset would replace the new authenticator and revoke its recovery codes.
      const early = await start({ mode: 'reset' });
      assert.equal((await verify(early, codeAt(early, clock.now()))).status, 204);
      await enrolled();
      const late = await client.post(`/enrollment/${early.id}/complete`, {});
      assert.deepEqual([late.status, late.json], [409, { error: 'already_enrolled' }]);
      assert.equal((await client.get('/status')).json.recoveryCodes, 1, 'the recovery code stays');
    });

    test('a reset token works once, only the latest, only until it expires', async () => {
      await enrolled();
      const older = await resetToken();
      const token = await resetToken();
      assert.deepEqual(await refusal({ resetToken: older }), { error: 'invalid_proof', attemptsLeft: 4 }, 'an older token');
      await start({ mode: 'reset', resetToken: token });
      assert.deepEqual(await refusal({ resetToken: token }), { error: 'invalid_proof', attemptsLeft: 4 }, 'used');
      const late = await resetToken();
      clock.advance(60 * 60 * 1000);
      assert.deepEqual(
        await refusal({ resetToken: late, password: 'demo' }),
        { error: 'invalid_proof', attemptsLeft: 3 },
        'after an hour (the sign-in is not recent any more either)',
      );
    });

    test('a current code of the old authenticator works, not twice; a recovery code works, once', async () => {
      const { e, recovery } = await enrolled();
      const next = codeAt(e, clock.now() + 30_000);
      await start({ mode: 'reset', code: next });
      assert.equal((await refusal({ code: next })).error, 'invalid_proof', 'the same code again');
      await start({ mode: 'reset', code: recovery.toLowerCase() });
      assert.equal((await refusal({ code: recovery })).error, 'invalid_proof', 'the recovery code again');
    });

    test(`wrong proofs count: the fifth is 429 rate_limited, and then even a right one waits`, async () => {
      await enrolled();
      for (let left = 4; left > 0; left--) assert.deepEqual(await refusal({ code: 'AAAA-BBBB-CCCC' }), { error: 'invalid_proof', attemptsLeft: left });
      assert.deepEqual(await refusal({ resetToken: 'guess' }), { error: 'rate_limited', retryAfter: 30 });
      assert.deepEqual(await refusal({ resetToken: await resetToken() }), { error: 'rate_limited', retryAfter: 30 });
      clock.advance(30_000);
      await startReset();
    });

    test('a right password with the proof missing still counts: the proof then goes alone (no password asked for again)', async () => {
      await enrolled();
      const token = await resetToken();
      clock.advance(10 * 60 * 1000);
      assert.deepEqual(await refusal({}), { error: 'password_required' }, 'the sign-in is not recent');
      assert.deepEqual(await refusal({ password: 'demo' }), { error: 'proof_required' });
      await start({ mode: 'reset', resetToken: token });
    });

    test('a reset link outlives neither a completed reset nor two-factor turned off', async () => {
      // The e-mail with the link may be read later by someone else: once the reset it was for is done some other
      // way (here with a current code), or there is nothing left to reset, it must not replace the new factor.
      const { e } = await enrolled();
      const token = await resetToken();
      const reset = await start({ mode: 'reset', code: codeAt(e, clock.now() + 30_000) });
      await verify(reset, codeAt(reset, clock.now()));
      assert.equal((await client.post(`/enrollment/${reset.id}/complete`, {})).status, 200);
      assert.equal((await refusal({ resetToken: token })).error, 'invalid_proof', 'after the reset');
      const later = await resetToken();
      clock.advance(30_000);
      assert.equal((await client.request('DELETE', '/two-factor', { body: { code: codeAt(reset, clock.now()) } })).status, 204);
      await enrolled();
      assert.equal((await refusal({ resetToken: later })).error, 'invalid_proof', 'after two-factor was off');
    });

    test('a completed reset revokes the old recovery codes and tells the user (the notice is in the outbox)', async () => {
      const { recovery } = await enrolled();
      const userId = userOf(client);
      const reset = await startReset();
      await verify(reset, codeAt(reset, clock.now()));
      assert.deepEqual((await client.post(`/enrollment/${reset.id}/complete`, {})).json, { methods: ['totp'] });
      assert.equal((await client.get('/status')).json.recoveryCodes, 0);
      assert.equal(await server.app.enrollments.useRecoveryCode(userId, recovery), false, 'the old code');
      const notice = outbox.messagesFor(userId).at(-1);
      assert.equal(notice?.channel, 'email');
      assert.match(notice?.text ?? '', /authenticator app was replaced/);
      assert.equal(notice?.to, (await client.get('/status')).json.account);
    });
  });

  describe('complete', () => {
    test('refused (409 not_verified) until the TOTP is verified, and the SMS if one was sent', async () => {
      await rememberUser(client);
      const e = await start();
      assert.deepEqual((await client.post(`/enrollment/${e.id}/complete`, {})).json, { error: 'not_verified' });
      await verify(e, codeAt(e, clock.now()));
      await client.post(`/enrollment/${e.id}/sms`, { phone: PHONE });
      assert.deepEqual((await client.post(`/enrollment/${e.id}/complete`, {})).json, { error: 'not_verified' });
      await client.post(`/enrollment/${e.id}/sms/verify`, { code: sentCode() });
      const done = await client.post(`/enrollment/${e.id}/complete`, {});
      assert.deepEqual(done.json, { methods: ['totp', 'sms'] });
      assert.deepEqual(done.json, (await client.post(`/enrollment/${e.id}/complete`, {})).json, 'asking again: the same answer');
      assert.equal((await verify(e, codeAt(e, clock.now() + 30_000))).status, 404, 'no more codes');
      assert.equal((await client.delete(`/enrollment/${e.id}`)).status, 404, 'cannot be cancelled');
      assert.deepEqual((await client.get('/status')).json, {
        account: 'jane@example.com',
        enabled: true,
        methods: ['totp', 'sms'],
        maskedPhone: '+47 ••• •• 567',
        maskedEmail: null,
        passkeys: [],
        recoveryCodes: 0,
        addedAt: { totp: clock.now(), sms: clock.now(), email: null },
      });
    });

    test('e-mail as the only method: refused by default (409 email_only; `methods` says so); with allowEmailOnly complete turns on email, /status says so', async () => {
      await rememberUser(client);
      const e = await start();
      assert.deepEqual(e.methods, ['totp', 'sms', 'passkey'], 'what complete accepts alone');
      await confirmEmail(e);
      const refused = await client.post(`/enrollment/${e.id}/complete`, {});
      assert.equal(refused.status, 409);
      assert.deepEqual(refused.json, { error: 'email_only' });
      assert.equal((await client.get('/status')).json.enabled, false);
      await verify(e, codeAt(e, clock.now()));
      assert.deepEqual((await client.post(`/enrollment/${e.id}/complete`, {})).json, { methods: ['totp', 'email'] }, 'with the app besides');

      const lenient = await startReference({ now: clock.now, outbox, allowEmailOnly: true });
      try {
        client = await signIn(lenient.base);
        await rememberUser(client, lenient.app);
        const f = (await client.post('/enrollment', {})).json;
        assert.deepEqual(f.methods, ['totp', 'sms', 'email', 'passkey']);
        await confirmEmail(f);
        assert.deepEqual((await client.post(`/enrollment/${f.id}/complete`, {})).json, { methods: ['email'] });
        assert.deepEqual((await client.get('/status')).json, {
          account: 'jane@example.com',
          enabled: true,
          methods: ['email'],
          maskedPhone: null,
          maskedEmail: 'o•••@example.com',
          passkeys: [],
          recoveryCodes: 0,
          addedAt: { totp: null, sms: null, email: clock.now() },
        });
        assert.deepEqual((await client.post('/enrollment', {})).json, { error: 'already_enrolled' });
      } finally {
        await lenient.close();
      }
    });

    test('SMS as the only method: methods ["sms"]; SMS "required" asks nothing more of an enrollment without TOTP', async () => {
      await rememberUser(client);
      const e = await start();
      await client.post(`/enrollment/${e.id}/sms`, { phone: PHONE });
      await client.post(`/enrollment/${e.id}/sms/verify`, { code: sentCode() });
      assert.deepEqual((await client.post(`/enrollment/${e.id}/complete`, {})).json, { methods: ['sms'] });
      assert.equal((await client.get('/status')).json.maskedPhone, '+47 ••• •• 567');

      const required = await startReference({ now: clock.now, outbox, smsPolicy: 'required', allowEmailOnly: true });
      try {
        client = await signIn(required.base);
        await rememberUser(client, required.app);
        const f = (await client.post('/enrollment', {})).json;
        await confirmEmail(f);
        assert.deepEqual((await client.post(`/enrollment/${f.id}/complete`, {})).json, { methods: ['email'] });
      } finally {
        await required.close();
      }
    });

    test('a code sent but not verified blocks complete, whatever else was verified', async () => {
      await rememberUser(client);
      const e = await start();
      await verify(e, codeAt(e, clock.now()));
      await client.post(`/enrollment/${e.id}/email`, { email: EMAIL });
      assert.deepEqual((await client.post(`/enrollment/${e.id}/complete`, {})).json, { error: 'not_verified' });
      await client.post(`/enrollment/${e.id}/email/verify`, { code: sentCode(EMAIL) });
      assert.deepEqual((await client.post(`/enrollment/${e.id}/complete`, {})).json, { methods: ['totp', 'email'] });

      const f = await startReset();
      await confirmEmail(f);
      await client.post(`/enrollment/${f.id}/sms`, { phone: PHONE });
      assert.deepEqual((await client.post(`/enrollment/${f.id}/complete`, {})).json, { error: 'not_verified' }, 'an e-mail verified, an SMS not');
    });

    test('reset mode: the stored authenticator changes only on complete, after the new code was confirmed; a reset without TOTP keeps it', async () => {
      const userId = await rememberUser(client);
      const storedSecret = async () => {
        const sealed = (await server.app.store.getUser(userId))?.totp?.secret;
        return sealed && server.app.keyring.open(sealed, seedContext(userId));
      };
      const e = await start();
      await verify(e, codeAt(e, clock.now()));
      await client.post(`/enrollment/${e.id}/complete`, {});
      const oldSecret = await storedSecret();
      assert.equal(oldSecret, e.secret);

      const cancelled = await startReset();
      await verify(cancelled, codeAt(cancelled, clock.now()));
      await client.delete(`/enrollment/${cancelled.id}`);
      assert.equal(await storedSecret(), oldSecret, 'a cancelled reset');

      const reset = await startReset();
      assert.equal(await storedSecret(), oldSecret, 'after start');
      await verify(reset, codeAt(reset, clock.now()));
      assert.equal(await storedSecret(), oldSecret, 'after the new code was confirmed');
      assert.deepEqual((await client.post(`/enrollment/${reset.id}/complete`, {})).json, { methods: ['totp'] });
      assert.equal(await storedSecret(), reset.secret, 'after complete');

      const emailOnly = await startReset();
      await confirmEmail(emailOnly);
      assert.deepEqual((await client.post(`/enrollment/${emailOnly.id}/complete`, {})).json, { methods: ['totp', 'email'] });
      assert.equal(await storedSecret(), reset.secret, 'no new authenticator was confirmed');
    });

    test('enroll mode when already on: 409 already_enrolled; reset mode replaces the authenticator and keeps the phone', async () => {
      const userId = await rememberUser(client);
      const e = await start();
      await verify(e, codeAt(e, clock.now()));
      await client.post(`/enrollment/${e.id}/sms`, { phone: PHONE });
      await client.post(`/enrollment/${e.id}/sms/verify`, { code: sentCode() });
      await client.post(`/enrollment/${e.id}/complete`, {});
      const seed = async () => server.app.keyring.open((await server.app.store.getUser(userId))?.totp?.secret ?? '', seedContext(userId));
      const oldSecret = await seed();

      const again = await client.post('/enrollment', {});
      assert.equal(again.status, 409);
      assert.deepEqual(again.json, { error: 'already_enrolled' });

      const reset = await startReset();
      assert.equal(reset.phoneOnFile, true);
      await verify(reset, codeAt(reset, clock.now()));
      assert.deepEqual((await client.post(`/enrollment/${reset.id}/complete`, {})).json, { methods: ['totp', 'sms'] });
      assert.equal(await seed(), reset.secret);
      assert.notEqual(reset.secret, oldSecret);
    });

    test('concurrent enrollments: independent secrets and attempts; the first to complete wins', async () => {
      const [a, b] = await Promise.all([start(), start()]);
      assert.notEqual(a.secret, b.secret);
      for (let i = 0; i < 4; i++) await verify(a, 'xxxxxx');
      assert.equal((await verify(b, 'xxxxxx')).json.attemptsLeft, 4, 'attempts are counted per enrollment');
      await Promise.all([verify(a, codeAt(a, clock.now())), verify(b, codeAt(b, clock.now()))]);
      const [first, second] = await Promise.all([client.post(`/enrollment/${a.id}/complete`, {}), client.post(`/enrollment/${b.id}/complete`, {})]);
      assert.deepEqual([first.status, second.status].sort(), [200, 409]);
      assert.equal([first, second].find((x) => x.status === 409)?.json.error, 'already_enrolled');
    });

    test('concurrent submissions of one code: accepted once', async () => {
      const e = await start();
      const code = codeAt(e, clock.now());
      const answers = await Promise.all(Array.from({ length: 8 }, () => verify(e, code)));
      assert.equal(answers.filter((a) => a.status === 204).length, 1);
    });

    test('another user cannot see or touch an enrollment (404)', async () => {
      const e = await start();
      const stranger = await signIn(server.base);
      assert.equal((await stranger.post(`/enrollment/${e.id}/totp`, { code: codeAt(e, clock.now()) })).status, 404);
      assert.equal((await stranger.post(`/enrollment/${e.id}/complete`, {})).status, 404);
      assert.equal((await stranger.delete(`/enrollment/${e.id}`)).status, 404);
      assert.equal((await verify(e, codeAt(e, clock.now()))).status, 204);
    });

    test('DELETE discards: later calls are 404', async () => {
      const e = await start();
      assert.equal((await client.delete(`/enrollment/${e.id}`)).status, 204);
      assert.deepEqual((await verify(e, codeAt(e, clock.now()))).json, { error: 'not_found' });
    });

    test('status of a new user: nothing on', async () => {
      assert.deepEqual((await client.get('/status')).json, {
        account: 'jane@example.com',
        enabled: false,
        methods: [],
        maskedPhone: null,
        maskedEmail: null,
        passkeys: [],
        recoveryCodes: 0,
        addedAt: { totp: null, sms: null, email: null },
      });
    });
  });
});

describe('limits across enrollments, users and clients', () => {
  const PHONE = '+4791234567';

  /** @param {Parameters<typeof startReference>[0]} options */
  async function serverWith(options) {
    const clock = manualClock();
    const server = await startReference({ now: clock.now, dev: true, resendAfter: 0, ...options });
    return { clock, server };
  }

  test('a user opens at most maxStartsPerUser enrollments per enrollment lifetime; then 429 until the oldest would expire', async () => {
    const { clock, server } = await serverWith({ maxStartsPerUser: 3 });
    try {
      const client = await signIn(server.base);
      for (let i = 0; i < 3; i++) assert.equal((await client.post('/enrollment', {})).status, 201);
      const refused = await client.post('/enrollment', {});
      assert.equal(refused.status, 429);
      assert.deepEqual(refused.json, { error: 'rate_limited', retryAfter: 600 });
      clock.advance(600_000);
      assert.equal((await client.post('/enrollment', { password: 'demo' })).status, 201, 'the oldest has left the window');
    } finally {
      await server.close();
    }
  });

  test('a reset refused by the start limit does not use up its proof: the recovery code works once the window has passed', async () => {
    const { clock, server } = await serverWith({ maxStartsPerUser: 2 });
    try {
      const client = await signIn(server.base);
      const e = (await client.post('/enrollment', {})).json;
      const [recovery] = (await client.post(`/enrollment/${e.id}/recovery-codes`, {})).json.codes;
      await client.post(`/enrollment/${e.id}/totp`, { code: codeAt(e, clock.now()) });
      assert.equal((await client.post(`/enrollment/${e.id}/complete`, {})).status, 200);
      assert.equal((await client.post('/enrollment', { mode: 'reset', code: codeAt(e, clock.now() + 30_000) })).status, 201, 'the second start');
      const refused = await client.post('/enrollment', { mode: 'reset', code: recovery });
      assert.deepEqual([refused.status, refused.json.error], [429, 'rate_limited']);
      assert.equal((await client.get('/status')).json.recoveryCodes, 1, 'the recovery code is still there');
      clock.advance(600_000);
      assert.equal((await client.post('/enrollment', { mode: 'reset', code: recovery, password: 'demo' })).status, 201, 'and works');
      assert.equal((await client.get('/status')).json.recoveryCodes, 0, 'used up by the start that went ahead');
    } finally {
      await server.close();
    }
  });

  test('new enrollments do not reset the send limits: maxSendsPerUser holds across them', async () => {
    const { server } = await serverWith({ maxSendsPerUser: 4 });
    try {
      const client = await signIn(server.base);
      const sent = [];
      for (let i = 0; i < 3; i++) {
        const e = (await client.post('/enrollment', {})).json;
        for (const n of [1, 2]) sent.push((await client.post(`/enrollment/${e.id}/sms`, { phone: `+4791234${n}${i}0` })).status);
      }
      assert.deepEqual(sent, [200, 200, 200, 200, 429, 429]);
      assert.equal((await client.get('/dev/outbox')).json.messages.length, 4, 'nothing sent past the cap');
    } finally {
      await server.close();
    }
  });

  test('one number gets at most maxSendsPerDestination codes an hour, whichever users ask', async () => {
    const { clock, server } = await serverWith({ maxSendsPerDestination: 3 });
    try {
      const statuses = [];
      const delivered = [];
      for (let i = 0; i < 5; i++) {
        const client = await signIn(server.base);
        const e = (await client.post('/enrollment', {})).json;
        statuses.push((await client.post(`/enrollment/${e.id}/sms`, { phone: PHONE })).status);
        delivered.push((await client.get('/dev/outbox')).json.messages.length);
      }
      assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
      assert.deepEqual(delivered, [1, 1, 1, 0, 0]);
      clock.advance(60 * 60 * 1000);
      const later = await signIn(server.base);
      const e = (await later.post('/enrollment', {})).json;
      assert.equal((await later.post(`/enrollment/${e.id}/sms`, { phone: PHONE })).status, 200, 'the window slides');
    } finally {
      await server.close();
    }
  });

  test('one address is one destination however its letters are cased', async () => {
    const { server } = await serverWith({ maxSendsPerDestination: 2 });
    try {
      const statuses = [];
      for (const email of ['olga@example.com', 'Olga@example.com', 'OLGA@EXAMPLE.COM']) {
        const client = await signIn(server.base);
        const e = (await client.post('/enrollment', {})).json;
        statuses.push((await client.post(`/enrollment/${e.id}/email`, { email })).status);
      }
      assert.deepEqual(statuses, [200, 200, 429]);
    } finally {
      await server.close();
    }
  });

  test('one client address gets at most maxSendsPerClient codes an hour, across users and numbers', async () => {
    const { server } = await serverWith({ maxSendsPerClient: 2 });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) {
        const client = await signIn(server.base);
        const e = (await client.post('/enrollment', {})).json;
        statuses.push((await client.post(`/enrollment/${e.id}/email`, { email: `user${i}@example.com` })).status);
      }
      assert.deepEqual(statuses, [200, 200, 429]);
    } finally {
      await server.close();
    }
  });
});

describe("a user's wrong codes are capped across enrollments and lockouts (NIST SP 800-63B §5.2.2)", () => {
  const DAY = 24 * 60 * 60 * 1000;

  /** A server on a manual clock, a signed-in client, its user's id and the codes sent to it. */
  async function setUp(options = {}) {
    const clock = manualClock();
    const outbox = new DevOutbox({ now: clock.now });
    const server = await startReference({ now: clock.now, outbox, sessionIdleTimeout: DAY, ...options });
    const client = await signIn(server.base);
    const session = await server.app.store.getSession(sha256(client.cookie.split('=')[1]));
    const userId = session?.userId ?? '';
    /** @param {string} to */
    const lastCode = (to) =>
      /\b(\d{6})\b/.exec(
        outbox
          .messagesFor(userId)
          .filter((m) => m.to === to)
          .at(-1)?.text ?? '',
      )?.[1] ?? '';
    return { clock, server, client, userId, lastCode };
  }

  test('wrong SMS codes through lockouts and new codes (the reported 45 in 270 s): the 20th closes verification for a day, also to the right code', async () => {
    const { clock, server, client, userId, lastCode } = await setUp();
    try {
      const e = (await client.post('/enrollment', {})).json;
      const firstWrongAt = clock.now();
      const answers = [];
      for (let round = 0; round < 4; round++) {
        assert.equal((await client.post(`/enrollment/${e.id}/sms`, { phone: PHONE })).status, 200, `code ${round + 1}`);
        for (let i = 0; i < 5; i++) answers.push((await client.post(`/enrollment/${e.id}/sms/verify`, { code: 'abcdef' })).json);
        clock.advance(30_000);
      }
      const capped = { error: 'rate_limited', retryAfter: Math.ceil((firstWrongAt + DAY - (clock.now() - 30_000)) / 1000) };
      assert.deepEqual(
        answers.map((a) => a.attemptsLeft ?? a.retryAfter),
        [4, 3, 2, 1, 30, 4, 3, 2, 1, 30, 4, 3, 2, 1, 30, 4, 3, 2, 1, capped.retryAfter],
        'a lockout every fifth; the twentieth until the first is a day old',
      );
      assert.deepEqual(answers.at(-1), capped);

      assert.equal((await client.post(`/enrollment/${e.id}/sms`, { phone: PHONE })).status, 200);
      const right = await client.post(`/enrollment/${e.id}/sms/verify`, { code: lastCode(PHONE) });
      assert.equal(right.status, 429, 'the right code');
      assert.ok(right.json.retryAfter > 86_000);
      const fresh = (await client.post('/enrollment', {})).json;
      assert.equal(
        (await client.post(`/enrollment/${fresh.id}/totp`, { code: codeAt(fresh, clock.now()) })).status,
        429,
        'a new enrollment, the right TOTP code',
      );
      assert.equal((await client.post('/enrollment', { password: 'demo' })).status, 429, 'the right password');

      // A day after the first wrong code it slides out (the demo session is over by then: the rules directly).
      clock.advance(firstWrongAt + DAY - clock.now() + 1);
      const later = await server.app.enrollments.start(userId, { authenticatedAt: clock.now() });
      assert.equal(await server.app.enrollments.verifyTotp(userId, later.id, codeAt(later, clock.now())), undefined);
    } finally {
      await server.close();
    }
  });

  test('attemptsLeft is the lower of what is left of the enrollment and of the day; a new enrollment starts no fresh count', async () => {
    const { clock, server, client } = await setUp({ maxFailuresPerUser: 7 });
    try {
      const first = (await client.post('/enrollment', {})).json;
      const left = [];
      for (let i = 0; i < 5; i++) left.push((await client.post(`/enrollment/${first.id}/totp`, { code: 'abcdef' })).json);
      assert.deepEqual(
        left.map((a) => a.attemptsLeft ?? a.retryAfter),
        [4, 3, 2, 1, 30],
      );
      const second = (await client.post('/enrollment', {})).json;
      assert.deepEqual((await client.post(`/enrollment/${second.id}/totp`, { code: 'abcdef' })).json, {
        error: 'invalid_code',
        attemptsLeft: 1,
        serverTime: clock.now(),
      });
      clock.advance(60_000);
      const last = await client.post(`/enrollment/${second.id}/totp`, { code: 'abcdef' });
      assert.deepEqual(last.json, { error: 'rate_limited', retryAfter: DAY / 1000 - 60 });
      assert.equal(last.headers.get('retry-after'), String(DAY / 1000 - 60));
    } finally {
      await server.close();
    }
  });

  test('wrong passwords and wrong recovery codes count too; once capped, the right password and a right recovery code wait as well', async () => {
    const { clock, server, client, userId } = await setUp({ maxFailuresPerUser: 3 });
    try {
      const e = (await client.post('/enrollment', {})).json;
      const [recovery] = (await client.post(`/enrollment/${e.id}/recovery-codes`, {})).json.codes;
      assert.equal((await client.post(`/enrollment/${e.id}/totp`, { code: codeAt(e, clock.now()) })).status, 204);
      assert.equal((await client.post(`/enrollment/${e.id}/complete`, {})).status, 200);

      assert.deepEqual((await client.post('/enrollment', { password: 'nope' })).json, { error: 'invalid_password' });
      assert.equal(await server.app.enrollments.useRecoveryCode(userId, 'AAAA-BBBB-CCCC-DDDD'), false);
      const third = await client.post('/enrollment', { password: 'nope' });
      assert.equal(third.status, 429);
      assert.ok(third.json.retryAfter > 86_000, 'the day, not the 30 s of the password lockout');
      assert.equal((await client.post('/enrollment', { password: 'demo' })).status, 429);
      await assert.rejects(server.app.enrollments.useRecoveryCode(userId, recovery), { code: 'rate_limited' });
      clock.advance(DAY);
      assert.equal(await server.app.enrollments.useRecoveryCode(userId, recovery), true, 'a day later');
    } finally {
      await server.close();
    }
  });

  test('the lockout after maxAttempts wrong tries discards the SMS code: after it even the right one is refused, a new one works', async () => {
    const { clock, server, client, lastCode } = await setUp();
    try {
      const e = (await client.post('/enrollment', {})).json;
      await client.post(`/enrollment/${e.id}/sms`, { phone: PHONE });
      const code = lastCode(PHONE);
      for (let i = 0; i < 5; i++) await client.post(`/enrollment/${e.id}/sms/verify`, { code: code === '000000' ? '000001' : '000000' });
      clock.advance(30_000);
      assert.equal((await client.post(`/enrollment/${e.id}/sms/verify`, { code })).json.error, 'invalid_code');
      assert.equal((await client.post(`/enrollment/${e.id}/sms`, { phone: PHONE })).status, 200);
      assert.equal((await client.post(`/enrollment/${e.id}/sms/verify`, { code: lastCode(PHONE) })).status, 204);
    } finally {
      await server.close();
    }
  });
});

describe('secrets at rest', () => {
  /** Every string in `value`, however deep. @param {unknown} value @returns {string[]} */
  const strings = (value) => (typeof value === 'string' ? [value] : value && typeof value === 'object' ? Object.values(value).flatMap((v) => strings(v)) : []);

  test('the store holds no code or seed in clear: codes sent as keyed hashes, TOTP seeds sealed (AES-256-GCM)', async () => {
    const clock = manualClock();
    const outbox = new DevOutbox({ now: clock.now });
    const server = await startReference({ now: clock.now, outbox });
    try {
      const client = await signIn(server.base);
      const sessionKey = sha256(client.cookie.split('=')[1]);
      const userId = (await server.app.store.getSession(sessionKey))?.userId ?? '';
      const e = (await client.post('/enrollment', {})).json;
      await client.post(`/enrollment/${e.id}/sms`, { phone: PHONE });
      await client.post(`/enrollment/${e.id}/email`, { email: EMAIL });
      const [smsCode, emailCode] = outbox.messagesFor(userId).map((m) => /\b(\d{6})\b/.exec(m.text)?.[1] ?? '');
      const { codes } = (await client.post(`/enrollment/${e.id}/recovery-codes`, { count: 16 })).json;
      const secrets = [e.secret, smsCode, emailCode, ...codes, ...codes.map((/** @type {string} */ c) => c.replace(/-/g, ''))];
      const everything = async () =>
        strings([await server.app.store.getUser(userId), await server.app.store.getEnrollment(e.id), await server.app.store.getSession(sessionKey)]);
      /** @param {string} when */
      const noneInClear = async (when) => {
        for (const stored of await everything()) {
          for (const secret of secrets) assert.ok(!stored.includes(secret), `${when}: ${secret} in "${stored}"`);
        }
      };

      await noneInClear('open');
      const open = await server.app.store.getEnrollment(e.id);
      assert.match(open?.secret ?? '', /^v1\.[\w-]{8}\.[\w-]{16}\.[\w-]{43}\.[\w-]{22}$/);
      assert.match(open?.sms?.codeHash ?? '', /^v1\.[\w-]{8}\.[\w-]{43}$/);
      assert.notEqual(open?.sms?.codeHash, open?.email?.codeHash);

      assert.equal((await client.post(`/enrollment/${e.id}/totp`, { code: codeAt(e, clock.now()) })).status, 204);
      assert.equal((await client.post(`/enrollment/${e.id}/sms/verify`, { code: smsCode })).status, 204);
      assert.equal((await client.post(`/enrollment/${e.id}/email/verify`, { code: emailCode })).status, 204);
      assert.deepEqual((await client.post(`/enrollment/${e.id}/complete`, {})).json, { methods: ['totp', 'sms', 'email'] });
      await noneInClear('completed');
      const user = await server.app.store.getUser(userId);
      assert.match(user?.totp?.secret ?? '', /^v1\./);
      assert.equal(server.app.keyring.open(user?.totp?.secret ?? '', seedContext(userId)), e.secret);
    } finally {
      await server.close();
    }
  });

  test('the key: secretKey or TWOFA_SECRET_KEY; after a rotation what the old key sealed opens with previousSecretKeys, and not without', async () => {
    const [oldKey, newKey] = [randomKey(), randomKey()];
    assert.throws(() => createApp({ secretKey: 'too short' }), /32 bytes/);
    const saved = process.env.TWOFA_SECRET_KEY;
    process.env.TWOFA_SECRET_KEY = oldKey;
    try {
      assert.equal(createApp().keyring.keyId, createApp({ secretKey: oldKey }).keyring.keyId);
    } finally {
      if (saved === undefined) delete process.env.TWOFA_SECRET_KEY;
      else process.env.TWOFA_SECRET_KEY = saved;
    }

    const clock = manualClock();
    const store = new MemoryStore();
    const servers = await Promise.all([
      startReference({ now: clock.now, store, secretKey: oldKey }),
      startReference({ now: clock.now, store, secretKey: newKey, previousSecretKeys: [oldKey] }),
      startReference({ now: clock.now, store, secretKey: newKey }),
    ]);
    try {
      const [before, rotated, forgetful] = servers;
      const client = await signIn(before.base);
      const [a, b] = [(await client.post('/enrollment', {})).json, (await client.post('/enrollment', {})).json];
      // The same session and store, another instance of the app.
      const on = (/** @type {typeof before} */ s) => Object.assign(Object.create(Object.getPrototypeOf(client)), client, { base: s.base });
      assert.equal((await on(rotated).post(`/enrollment/${a.id}/totp`, { code: codeAt(a, clock.now()) })).status, 204, 'the old key still opens');
      const lost = await on(forgetful).post(`/enrollment/${b.id}/totp`, { code: codeAt(b, clock.now()) });
      assert.deepEqual([lost.status, lost.json], [500, { error: 'server' }], 'without the old key');
    } finally {
      await Promise.all(servers.map((s) => s.close()));
    }
  });
});

function randomKey() {
  return randomBytes(32).toString('base64');
}
