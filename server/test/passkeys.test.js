/**
 * Passkeys and security keys, beyond the conformance rules: what is kept (hashes, names, the model),
 * who the relying party is, the limits, switching them off. A software authenticator plays the browser.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { softAuthenticator } from '../conformance/webauthn.js';
import { signIn, startReference } from './helpers.js';

const YUBIKEY_5 = 'cb69481e-8ff7-4039-93ec-0a2729a154a8';

describe('passkeys', () => {
  /** @type {Awaited<ReturnType<typeof startReference>>} */
  let server;
  before(async () => {
    server = await startReference({ dev: true });
  });
  after(() => server.close());

  /** A signed-in client, an enrollment, and its passkey options. @param {Record<string, unknown>} [body] */
  async function begin(client, body = {}) {
    const e = (await client.post('/enrollment', body)).json;
    const options = (await client.post(`/enrollment/${e.id}/passkey/options`, {})).json.publicKey;
    return { e, options };
  }
  const origin = () => new URL(server.base).origin;

  test('kept as the user named it, with its model; the challenge only as a hash; the user handle random and stable', async () => {
    const client = await signIn(server.base);
    const { e, options } = await begin(client);
    const stored = JSON.stringify(await server.app.store.getEnrollment(e.id));
    assert.ok(!stored.includes(options.challenge), 'the challenge is not stored as such');
    const key = softAuthenticator({ aaguid: YUBIKEY_5 });
    const answer = await client.post(`/enrollment/${e.id}/passkey`, {
      credential: key.register(options, { origin: origin() }),
      name: '  YubiKey på nøkkelringen  ',
    });
    assert.deepEqual(answer.json, { id: key.id, name: 'YubiKey på nøkkelringen' }, 'trimmed');
    assert.deepEqual((await client.post(`/enrollment/${e.id}/complete`, {})).json, { methods: ['passkey'] }, 'a passkey alone is a second factor');

    const status = (await client.get('/status')).json;
    assert.equal(status.passkeys.length, 1);
    assert.deepEqual(Object.keys(status.passkeys[0]).sort(), ['createdAt', 'id', 'lastUsedAt', 'name']);
    const userId = (await server.app.store.getEnrollment(e.id))?.userId ?? '';
    const owner = await server.app.store.getUser(userId);
    const [kept] = owner?.passkeys ?? [];
    assert.equal(kept.aaguid, YUBIKEY_5);
    assert.deepEqual(kept.transports, ['internal', 'hybrid']);
    assert.ok(kept.publicKey.length > 80, 'the COSE public key');
    assert.equal(Buffer.from(options.user.id, 'base64url').length, 32, 'a 32-byte random user handle');
    assert.notEqual(Buffer.from(options.user.id, 'base64url').toString(), userId, 'not the user id');

    // A reset later: the key is excluded, so the browser says "already registered"; sent anyway, 409.
    const token = await server.app.enrollments.issueResetToken(userId);
    const { e: reset, options: again } = await begin(client, { mode: 'reset', resetToken: token });
    assert.equal(again.user.id, options.user.id, 'the same handle');
    assert.deepEqual(
      again.excludeCredentials.map((/** @type {any} */ c) => c.id),
      [key.id],
    );
    const twice = await client.post(`/enrollment/${reset.id}/passkey`, { credential: key.register(again, { origin: origin() }), name: 'Again' });
    assert.deepEqual([twice.status, twice.json], [409, { error: 'passkey_exists' }]);
  });

  test("another user's credential id is refused (WebAuthn §7.1), also when two users race to complete one", async () => {
    // An attacker who learnt a victim's credential id (sign-in options list it) registers it under their own account
    // with a key of their own: a host that finds passkeys by id at sign-in could then pick the wrong account.
    const key = softAuthenticator();
    const victim = await signIn(server.base);
    const first = await begin(victim);
    await victim.post(`/enrollment/${first.e.id}/passkey`, { credential: key.register(first.options, { origin: origin() }), name: 'Mine' });
    assert.equal((await victim.post(`/enrollment/${first.e.id}/complete`, {})).status, 200);
    const attacker = await signIn(server.base);
    const { e, options } = await begin(attacker);
    const taken = await attacker.post(`/enrollment/${e.id}/passkey`, { credential: key.register(options, { origin: origin() }), name: 'Yours' });
    assert.deepEqual([taken.status, taken.json], [409, { error: 'passkey_exists' }]);

    // Both registered before either completed: only one of them gets it.
    const shared = softAuthenticator();
    const racers = await Promise.all([signIn(server.base), signIn(server.base)]);
    const started = await Promise.all(racers.map((client) => begin(client)));
    for (const [i, client] of racers.entries()) {
      const credential = shared.register(started[i].options, { origin: origin() });
      assert.equal((await client.post(`/enrollment/${started[i].e.id}/passkey`, { credential, name: 'K' })).status, 200);
    }
    const done = await Promise.all(racers.map((client, i) => client.post(`/enrollment/${started[i].e.id}/complete`, {})));
    assert.deepEqual(done.map((answer) => answer.status).sort(), [200, 409]);
  });

  test('names: 1 to 64 characters after trimming, no control characters; else 400 before anything is checked', async () => {
    const client = await signIn(server.base);
    const { e, options } = await begin(client);
    const credential = softAuthenticator().register(options, { origin: origin() });
    for (const name of ['', '   ', 'x'.repeat(65), 'bell\u0007', 'line\nbreak', 42, undefined]) {
      const answer = await client.post(`/enrollment/${e.id}/passkey`, { credential, name });
      assert.deepEqual(answer.json, { error: 'bad_request' }, JSON.stringify(name));
    }
    assert.deepEqual((await client.post(`/enrollment/${e.id}/passkey`, { name: 'No credential' })).json, { error: 'bad_request' });
    const emoji = '🔑'.repeat(64);
    assert.equal((await client.post(`/enrollment/${e.id}/passkey`, { credential, name: emoji })).json.name, emoji, '64 characters, not 64 UTF-16 units');
  });

  test('a registration may be larger than other bodies (a browser sends its whole toJSON()): up to 16 KB', async () => {
    const client = await signIn(server.base);
    const { e, options } = await begin(client);
    const credential = softAuthenticator().register(options, { origin: origin() });
    const padded = { ...credential, clientExtensionResults: { note: 'x'.repeat(8 * 1024) } };
    assert.equal((await client.post(`/enrollment/${e.id}/passkey`, { credential: padded, name: 'K' })).status, 200);
    const huge = { ...credential, clientExtensionResults: { note: 'x'.repeat(17 * 1024) } };
    assert.deepEqual((await client.post(`/enrollment/${e.id}/passkey`, { credential: huge, name: 'K' })).json, { error: 'too_large' });
  });

  test('a registration without user presence, or with no options asked for, is refused', async () => {
    const client = await signIn(server.base);
    const { e, options } = await begin(client);
    const absent = await client.post(`/enrollment/${e.id}/passkey`, {
      credential: softAuthenticator().register(options, { origin: origin(), userPresent: false }),
      name: 'K',
    });
    assert.deepEqual(absent.json, { error: 'invalid_passkey' });
    const other = (await client.post('/enrollment', {})).json;
    const unasked = await client.post(`/enrollment/${other.id}/passkey`, {
      credential: softAuthenticator().register(options, { origin: origin() }),
      name: 'K',
    });
    assert.deepEqual(unasked.json, { error: 'invalid_passkey' }, "another enrollment's challenge");
  });

  test('at most maxPasskeyChallenges options per enrollment: then 429', async () => {
    const capped = await startReference({ maxPasskeyChallenges: 2 });
    try {
      const client = await signIn(capped.base);
      const e = (await client.post('/enrollment', {})).json;
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await client.post(`/enrollment/${e.id}/passkey/options`, {})).status);
      assert.deepEqual(statuses, [200, 200, 429]);
    } finally {
      await capped.close();
    }
  });

  test('rpId and origins: the site, not the host name the request came in under', async () => {
    const site = await startReference({ rpId: 'example.com', origins: ['https://www.example.com'] });
    try {
      const client = await signIn(site.base);
      const e = (await client.post('/enrollment', {})).json;
      const options = (await client.post(`/enrollment/${e.id}/passkey/options`, {})).json.publicKey;
      assert.equal(options.rp.id, 'example.com');
      const fromIp = softAuthenticator().register(options, { origin: new URL(site.base).origin, rpId: '127.0.0.1' });
      assert.deepEqual((await client.post(`/enrollment/${e.id}/passkey`, { credential: fromIp, name: 'K' })).json, { error: 'invalid_passkey' });
      const fresh = (await client.post(`/enrollment/${e.id}/passkey/options`, {})).json.publicKey;
      const fromSite = softAuthenticator().register(fresh, { origin: 'https://www.example.com' });
      assert.equal((await client.post(`/enrollment/${e.id}/passkey`, { credential: fromSite, name: 'K' })).status, 200);
    } finally {
      await site.close();
    }
  });

  test('passkeys: false — not among the methods, and the routes answer 409 passkeys_off', async () => {
    const off = await startReference({ passkeys: false });
    try {
      const client = await signIn(off.base);
      const e = (await client.post('/enrollment', {})).json;
      assert.ok(!e.methods.includes('passkey'), JSON.stringify(e.methods));
      assert.deepEqual((await client.post(`/enrollment/${e.id}/passkey/options`, {})).json, { error: 'passkeys_off' });
    } finally {
      await off.close();
    }
  });
});
