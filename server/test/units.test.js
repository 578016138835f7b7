/**
 * The small pieces on their own: phone numbers, e-mail addresses and their masking, the dev outbox,
 * the store's copies and locks, the secrets helpers, and the independent TOTP the tests and the
 * conformance suite use.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import { base32Decode, hotp, totp } from '../conformance/totp.js';
import { maskEmail, normalizeEmail } from '../email.js';
import { DevOutbox } from '../outbox.js';
import {
  createKeyring,
  devSecretKey,
  hashSecret,
  normalizeRecoveryCode,
  parseSecretKey,
  randomDigits,
  recoveryCode,
  safeEqual,
  verifySecret,
} from '../secrets.js';
import { clientAddress, createSessions, isHttps } from '../session.js';
import { maskPhone, normalizePhone } from '../sms.js';
import { KEEP_EXPIRED_MS, MemoryStore } from '../store.js';

describe('phone numbers', () => {
  test('E.164 mobile numbers, with spaces, dashes, dots and parentheses allowed', () => {
    assert.equal(normalizePhone('+47 912 34 567'), '+4791234567');
    assert.equal(normalizePhone('+46 (70) 123-45.67'), '+46701234567');
    assert.equal(normalizePhone('+1 415 555 2671'), '+14155552671');
    assert.equal(normalizePhone('+358 40 1234567'), '+358401234567');
  });

  test('refused: no country code, landlines, impossible numbers, junk', () => {
    for (const input of ['91234567', '004791234567', '+47 22 12 34 56', '+4712345678', '+47912345678901234', '+0123456789', 'abc', '', '+']) {
      assert.equal(normalizePhone(input), null, input);
    }
  });

  test('masking keeps the country code and the last three digits', () => {
    assert.equal(maskPhone('+4791234567'), '+47 ••• •• 567');
    assert.equal(maskPhone('+46701234567'), '+46 ••• ••• 567');
    assert.equal(maskPhone('+14155552671'), '+1 ••• ••• • 671'); // as MemoryAdapter's maskPhone
    assert.equal(maskPhone('+358401234567'), '+358 ••• ••• 567');
  });
});

describe('e-mail addresses', () => {
  test('accepted: ordinary and internationalised addresses, trimmed, in NFC', () => {
    for (const address of ['jane@example.com', 'jane.doe+2fa@mail.example.co.uk', 'åse@eksempel.no', 'ø@blåbær.no', '用户@例子.广告', "o'brien@example.ie"]) {
      assert.equal(normalizeEmail(address), address, address);
    }
    assert.equal(normalizeEmail('  jane@example.com \n'), 'jane@example.com');
    assert.equal(normalizeEmail('a\u030Ase@eksempel.no'), 'åse@eksempel.no', 'decomposed å becomes one character');
    assert.equal(normalizeEmail('Jane@Example.COM'), 'Jane@example.com', 'the domain in lower case');
    assert.equal(normalizeEmail('jane@xn--blbr-roah.no'), 'jane@xn--blbr-roah.no', 'an internationalised domain as punycode');
    assert.equal(normalizeEmail(`${'x'.repeat(64)}@example.com`)?.length, 76, 'a local part of 64 bytes');
    const longest = `x@${['a', 'b', 'c'].map((c) => c.repeat(63)).join('.')}.${'d'.repeat(56)}.com`;
    assert.equal(normalizeEmail(longest)?.length, 254);
  });

  test('strict: no format characters, lone surrogates or markup; a domain only of letters, digits and hyphens, nothing UTS #46 would map', () => {
    const refused = [
      'ja\u200Bne@example.com', // zero-width space
      'jane@exa\u200Dmple.com', // zero-width joiner
      'jane\u202E@example.com', // right-to-left override
      'jane@example.com\u2066', // bidi isolate
      'jane\uFEFF@example.com', // zero-width no-break space, inside
      '\uD800jane@example.com', // a lone surrogate
      'jane@example.com\uDC00',
      'jane@exa<mple.com',
      'jane@example.com>',
      'jane@exa"mple.com',
      "jane@exa'mple.com",
      '<jane>@example.com',
      '"jane doe"@example.com',
      'jane(comment)@example.com',
      'jane;x@example.com',
      '😀@example.com',
      'jane..doe@example.com',
      '.jane@example.com',
      'jane.@example.com',
      'jane@-example.com',
      'jane@example-.com',
      'jane@exa_mple.com',
      'jane@ＥＸＡＭＰＬＥ.com', // full-width: UTS #46 would map it to example.com
      'jane@例子。广告', // an ideographic full stop for the dot
      'jane@xn--zz.com', // punycode that decodes to nothing valid
      'jane@192.168.0.1',
      'jane@[192.168.0.1]',
      'jane@example.123',
      `${'x'.repeat(65)}@example.com`, // a local part over 64 bytes
      `${'ø'.repeat(33)}@example.com`, // 33 characters, 66 bytes
      `jane@${'a'.repeat(64)}.com`, // a label over 63
    ];
    for (const input of refused) assert.equal(normalizeEmail(input), null, JSON.stringify(input));
  });

  test('refused: not one @, empty parts, no dot in the domain, empty labels, spaces, control characters, over 254 characters', () => {
    const refused = [
      '',
      'jane',
      'jane@',
      '@example.com',
      'jane@example',
      'jane@@example.com',
      'a@b@example.com',
      'jane@.example.com',
      'jane@example.com.',
      'jane@example..com',
      'jane doe@example.com',
      'jane@exam ple.com',
      'jane@example.com\u0000',
      'ja\u0007ne@example.com',
      `x@${['a', 'b', 'c'].map((c) => c.repeat(63)).join('.')}.${'d'.repeat(57)}.com`,
    ];
    for (const input of refused) assert.equal(normalizeEmail(input), null, JSON.stringify(input));
  });

  test('masking keeps the first character and the domain, with always three dots', () => {
    assert.equal(maskEmail('olga@example.com'), 'o•••@example.com');
    assert.equal(maskEmail('o@example.com'), 'o•••@example.com');
    assert.equal(maskEmail('åse@eksempel.no'), 'å•••@eksempel.no');
    assert.equal(maskEmail('😀x@example.com'), '😀•••@example.com');
  });
});

describe('the dev outbox', () => {
  test('keeps messages of both channels per user, oldest first, and a bounded number', async () => {
    const outbox = new DevOutbox({ now: () => 42, limit: 3 });
    for (const n of [1, 2, 3, 4]) {
      const message =
        n === 3
          ? { channel: /** @type {const} */ ('email'), to: 'a@example.com', subject: 'Code', text: 'm3' }
          : { channel: /** @type {const} */ ('sms'), to: '+4791234567', text: `m${n}` };
      await outbox.send(message, { userId: n % 2 ? 'a' : 'b', enrollmentId: 'e' });
    }
    assert.deepEqual(outbox.messagesFor('a'), [{ id: 3, channel: 'email', to: 'a@example.com', text: 'm3', at: 42 }]);
    assert.deepEqual(
      outbox.messagesFor('b').map((m) => [m.channel, m.text]),
      [
        ['sms', 'm2'],
        ['sms', 'm4'],
      ],
    );
  });
});

describe('secrets', () => {
  test('SMS codes: 6 digits, every digit used', () => {
    const seen = new Set();
    for (let i = 0; i < 200; i++) {
      const code = randomDigits(6);
      assert.match(code, /^\d{6}$/);
      for (const d of code) seen.add(d);
    }
    assert.equal(seen.size, 10);
  });

  test('recovery codes: XXXX-XXXX-XXXX-XXXX (80 bits) without look-alikes, normalized for comparison', () => {
    const codes = new Set(Array.from({ length: 100 }, recoveryCode));
    assert.equal(codes.size, 100);
    for (const code of codes) assert.match(code, /^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}$/);
    assert.equal(normalizeRecoveryCode(' abcd-efgh ijkl '), 'ABCDEFGHIJKL');
  });

  test('scrypt hashes: salted, verified in constant time', async () => {
    const [a, b] = await Promise.all([hashSecret('demo'), hashSecret('demo')]);
    assert.notEqual(a, b);
    assert.equal(await verifySecret('demo', a), true);
    assert.equal(await verifySecret('Demo', a), false);
    assert.equal(await verifySecret('demo', 'plain$text'), false);
    assert.equal(safeEqual('abc', 'abc'), true);
    assert.equal(safeEqual('abc', 'abd'), false);
    assert.equal(safeEqual('abc', 'abcd'), false);
  });

  test('the keyring seals with AES-256-GCM (random IV, key id, bound to its context) and MACs with HMAC-SHA-256', () => {
    const keyring = createKeyring(randomBytes(32));
    const sealed = keyring.seal('JBSWY3DPEHPK3PXP', 'totp-seed:u1');
    assert.match(sealed, new RegExp(`^v1\\.${keyring.keyId}\\.[\\w-]{16}\\.[\\w-]+\\.[\\w-]{22}$`));
    assert.notEqual(keyring.seal('JBSWY3DPEHPK3PXP', 'totp-seed:u1'), sealed, 'a new IV each time');
    assert.equal(keyring.open(sealed, 'totp-seed:u1'), 'JBSWY3DPEHPK3PXP');
    assert.throws(() => keyring.open(sealed, 'totp-seed:u2'), 'another context');
    const [v, id, iv, body, tag] = sealed.split('.');
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] ^= 1;
    assert.throws(() => keyring.open([v, id, iv, flipped.toString('base64url'), tag].join('.'), 'totp-seed:u1'), 'a changed ciphertext');
    assert.throws(() => createKeyring(randomBytes(32)).open(sealed, 'totp-seed:u1'), 'another key');

    const mac = keyring.mac('123456', 'sms-code:e1');
    assert.match(mac, new RegExp(`^v1\\.${keyring.keyId}\\.[\\w-]{43}$`));
    assert.equal(keyring.verifyMac('123456', 'sms-code:e1', mac), true);
    assert.equal(keyring.verifyMac('123457', 'sms-code:e1', mac), false);
    assert.equal(keyring.verifyMac('123456', 'sms-code:e2', mac), false, 'another enrollment');
    assert.equal(keyring.verifyMac('123456', 'sms-code:e1', ''), false, 'a used code');
    assert.equal(keyring.verifyMac('123456', 'sms-code:e1', 'v1.nokey.abc'), false);
  });

  test('keys rotate: a new key seals and MACs, the previous ones still open and verify; without them nothing does', () => {
    const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
    const before = createKeyring(oldKey);
    const sealed = before.seal('seed', 'c');
    const mac = before.mac('code', 'c');
    const after = createKeyring(newKey, [oldKey]);
    assert.notEqual(after.keyId, before.keyId);
    assert.equal(after.open(sealed, 'c'), 'seed');
    assert.equal(after.verifyMac('code', 'c', mac), true);
    assert.equal(after.seal('seed', 'c').split('.')[1], after.keyId);
    assert.throws(() => createKeyring(newKey).open(sealed, 'c'));
    assert.equal(createKeyring(newKey).verifyMac('code', 'c', mac), false);
  });

  test('a secret key is 32 bytes in base64', () => {
    const key = randomBytes(32);
    assert.deepEqual(parseSecretKey(key.toString('base64')), key);
    assert.deepEqual(parseSecretKey(key.toString('base64url')), key);
    for (const text of ['', 'short', randomBytes(16).toString('base64'), randomBytes(33).toString('base64'), `${key.toString('base64')}!`]) {
      assert.throws(() => parseSecretKey(text), /32 bytes/, text);
    }
  });

  test('the development key: made once in the data directory (mode 0600), the same afterwards and for every process at once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'twofa-key-'));
    try {
      const data = join(dir, 'data');
      const keys = await Promise.all(Array.from({ length: 8 }, () => devSecretKey(data)));
      assert.equal(new Set(keys).size, 1);
      assert.equal(parseSecretKey(keys[0]).length, 32);
      assert.equal((await stat(join(data, 'secret.key'))).mode & 0o777, 0o600);
      assert.equal((await readFile(join(data, 'secret.key'), 'utf8')).trim(), keys[0]);
      assert.equal(await devSecretKey(data), keys[0]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('requests behind a proxy, and over TLS', () => {
  /** @param {Record<string, string>} headers @param {{ encrypted?: boolean }} [socket] */
  const request = (headers, { encrypted = false } = {}) => new Request(`${encrypted ? 'https' : 'http'}://example.com/api/2fa/status`, { headers });
  const peer = { clientAddress: '127.0.0.1' };

  test('X-Forwarded-Proto and X-Forwarded-For count only with trustProxy, and only the entries the trusted proxies added', () => {
    const forwarded = request({ 'x-forwarded-proto': 'https', 'x-forwarded-for': '6.6.6.6, 203.0.113.7' });
    assert.equal(isHttps(forwarded), false);
    assert.equal(clientAddress(forwarded, peer), '127.0.0.1');
    assert.equal(isHttps(forwarded, true), true);
    assert.equal(clientAddress(forwarded, peer, true), '203.0.113.7', 'what our proxy saw, not what the client wrote');
    assert.equal(clientAddress(forwarded, peer, 2), '6.6.6.6', 'two proxies: the entry the outer one added');
    assert.equal(isHttps(request({ 'x-forwarded-proto': 'https, http' }), true), false, 'the client wrote https, our proxy says http');
    assert.equal(clientAddress(request({}), peer, true), '127.0.0.1', 'no header: the peer');
    assert.equal(clientAddress(request({}), { clientAddress: '2001:db8:0:a::5' }), '2001:db8:0:a::/64', 'IPv6: its /64');
    assert.equal(clientAddress(request({}), { clientAddress: '2001:db8::a:0:0:5' }), '2001:db8:0:0::/64', 'the :: before the /64 ends');
    assert.equal(clientAddress(request({}), { clientAddress: 'fe80::1%eth0' }), 'fe80:0:0:0::/64', 'a zone');
    assert.equal(clientAddress(request({}), { clientAddress: '::ffff:203.0.113.9' }), '203.0.113.9', 'IPv4 mapped into IPv6: the IPv4 address');
    assert.equal(isHttps(request({}, { encrypted: true })), true, 'our own TLS');
  });

  test('over TLS the session cookie is Secure and __Host- prefixed, and only that name is read', async () => {
    const sessions = createSessions({ store: new MemoryStore() });
    const answer = new Headers();
    const session = await sessions.signIn(request({}, { encrypted: true }), peer, answer);
    const [, id] = /^__Host-twofa_demo_session=([\w-]{43}); Path=\/; HttpOnly; SameSite=Strict; Secure$/.exec(answer.get('set-cookie') ?? '') ?? [];
    assert.ok(id, answer.get('set-cookie') ?? 'no cookie');
    assert.equal((await sessions.find(request({ cookie: `__Host-twofa_demo_session=${id}` }, { encrypted: true })))?.userId, session.userId);
    assert.equal(await sessions.find(request({ cookie: `twofa_demo_session=${id}` }, { encrypted: true })), null, 'the unprefixed name over TLS');
    assert.equal(await sessions.find(request({ cookie: `__Host-twofa_demo_session=${id}` })), null, 'over plain HTTP');
  });
});

describe('MemoryStore', () => {
  test('records go in and out as copies', async () => {
    const store = new MemoryStore();
    const user = {
      id: 'u',
      account: 'a',
      passwordHash: '',
      passwordGuard: { failures: 0, lockedUntil: 0 },
      totp: null,
      sms: null,
      email: null,
      recoveryHashes: [],
    };
    await store.saveUser(user);
    user.account = 'changed after saving';
    const read = await store.getUser('u');
    assert.equal(read?.account, 'a');
    if (read) read.account = 'changed after reading';
    assert.equal((await store.getUser('u'))?.account, 'a');
    assert.equal(await store.getUser('nobody'), null);
  });

  test('lock runs one function per key at a time, in order; other keys do not wait; errors do not block', async () => {
    const store = new MemoryStore();
    const log = [];
    const slow = (name, ms) => () => new Promise((resolve) => setTimeout(() => resolve(log.push(name)), ms));
    await Promise.all([
      store.lock('k', slow('k1', 30)),
      store.lock('k', slow('k2', 1)),
      store.lock('other', slow('o1', 5)),
      store.lock('k', () => Promise.reject(new Error('boom'))).catch(() => log.push('k3 failed')),
      store.lock('k', slow('k4', 1)),
    ]);
    assert.deepEqual(log, ['o1', 'k1', 'k2', 'k3 failed', 'k4']);
  });

  test('sweep drops long-expired enrollments, expired sessions and throw-away users', async () => {
    const store = new MemoryStore();
    const base = {
      userId: 'u',
      mode: /** @type {const} */ ('enroll'),
      secret: 'A',
      createdAt: 0,
      totp: { verified: false, lastCounter: null, guard: { failures: 0, lockedUntil: 0 } },
      sms: null,
      email: null,
      recoveryHashes: null,
      completed: null,
    };
    await store.saveEnrollment({ ...base, id: 'old', expiresAt: 1000 });
    await store.saveEnrollment({ ...base, id: 'recent', expiresAt: 5000 });
    await store.saveSession({ key: 's', userId: 'u', csrfToken: 't', expiresAt: 2000, authenticatedAt: 0 });
    await store.saveUser({
      id: 'u',
      account: 'a',
      passwordHash: '',
      passwordGuard: { failures: 0, lockedUntil: 0 },
      totp: null,
      sms: null,
      email: null,
      recoveryHashes: [],
      expiresAt: 2000,
    });
    await store.sweep(1000 + KEEP_EXPIRED_MS);
    assert.equal(await store.getEnrollment('old'), null);
    assert.notEqual(await store.getEnrollment('recent'), null);
    assert.equal(await store.getSession('s'), null);
    assert.equal(await store.getUser('u'), null);
  });
});

describe('the independent TOTP (test helper)', () => {
  test('RFC 6238 appendix B vectors (SHA1, 8 digits)', () => {
    const key = Buffer.from('12345678901234567890');
    /** @type {Array<[number, string]>} */
    const vectors = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    for (const [seconds, expected] of vectors) assert.equal(hotp(key, Math.floor(seconds / 30), { digits: 8 }), expected, String(seconds));
  });

  test('agrees with otpauth on random secrets', () => {
    for (let i = 0; i < 20; i++) {
      const secret = new Secret({ size: 20 });
      const time = Date.UTC(2026, 0, 1) + i * 7919 * 1000;
      assert.equal(totp(secret.base32, { time }), TOTP.generate({ secret, timestamp: time }));
      assert.deepEqual([...base32Decode(secret.base32)], [...new Uint8Array(secret.buffer)]);
    }
  });
});
