/**
 * Managing the factors of an account after setup (the routes behind an account page's "manage"
 * panel): what each change needs, what it changes and what it leaves, and whom it tells.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { softAuthenticator } from '../conformance/webauthn.js';
import { DevOutbox } from '../outbox.js';
import { sha256 } from '../secrets.js';
import { MemoryStore } from '../store.js';
import { codeAt, manualClock, signIn, startReference } from './helpers.js';

const PHONE = '+4791234567';
const NEW_PHONE = '+4798765432';

describe('managing the factors of an account', () => {
  const clock = manualClock();
  const outbox = new DevOutbox({ now: clock.now });
  /** @type {Awaited<ReturnType<typeof startReference>>} */
  let server;
  before(async () => {
    server = await startReference({ now: clock.now, outbox, dev: true, sessionIdleTimeout: 1e9 });
  });
  after(() => server.close());

  /** @param {import('../conformance/client.js').ApiClient} client */
  async function userId(client) {
    const session = await server.app.store.getSession(sha256(client.cookie.split('=')[1]));
    return /** @type {string} */ (session?.userId);
  }

  /** The latest 6-digit code sent to `to`. @param {string} user @param {string} to */
  const sentCode = (user, to) =>
    /\b(\d{6})\b/.exec(
      outbox
        .messagesFor(user)
        .filter((m) => m.to === to)
        .at(-1)?.text ?? '',
    )?.[1] ?? '';

  /** A user with an app, a phone and one recovery code; the clock then moves on a time step, so `proof()` is fresh. */
  async function enrolled() {
    const client = await signIn(server.base);
    const user = await userId(client);
    const e = (await client.post('/enrollment', {})).json;
    await client.post(`/enrollment/${e.id}/totp`, { code: codeAt(e, clock.now()) });
    await client.post(`/enrollment/${e.id}/sms`, { phone: PHONE });
    await client.post(`/enrollment/${e.id}/sms/verify`, { code: sentCode(user, PHONE) });
    const [recovery] = (await client.post(`/enrollment/${e.id}/recovery-codes`, {})).json.codes;
    assert.deepEqual((await client.post(`/enrollment/${e.id}/complete`, {})).json, { methods: ['totp', 'sms'] });
    clock.advance(30_000);
    return { client, user, e, recovery, proof: () => codeAt(e, clock.now()) };
  }
  /**
   * A new user of `reference` with the authenticator app alone; the clock then moves on a time step, so a code is fresh.
   * @param {Awaited<ReturnType<typeof startReference>>} reference
   */
  async function appOnly(reference) {
    const client = await signIn(reference.base);
    const e = (await client.post('/enrollment', {})).json;
    await client.post(`/enrollment/${e.id}/totp`, { code: codeAt(e, clock.now()) });
    await client.post(`/enrollment/${e.id}/complete`, {});
    clock.advance(30_000);
    return { client, e };
  }
  /** The subjects of the notices e-mailed to a user. @param {string} user */
  const notices = (user) => outbox.messagesFor(user).flatMap((m) => (m.channel === 'email' && !/\d{6}/.test(m.text) ? [m.text.split('.')[0]] : []));

  test('removing a factor: the phone goes, the app and the recovery code stay; the user is told', async () => {
    const { client, user, proof } = await enrolled();
    assert.equal((await client.request('DELETE', '/sms', { body: { code: proof() } })).status, 204);
    const status = (await client.get('/status')).json;
    assert.deepEqual([status.methods, status.maskedPhone, status.recoveryCodes], [['totp'], null, 1]);
    assert.deepEqual(notices(user), ['A way to confirm your sign-ins was removed']);
    clock.advance(30_000);
    assert.deepEqual((await client.request('DELETE', '/sms', { body: { code: proof() } })).json, { error: 'not_found' }, 'no phone left to remove');
  });

  test('a change that finds nothing to change (404) uses up no proof: the recovery code still works', async () => {
    // By default a user has one recovery code: spent on a stale passkey id or a phone already gone, it would be lost.
    const { client, user, recovery } = await enrolled();
    assert.deepEqual((await client.request('DELETE', '/email', { body: { code: recovery } })).json, { error: 'not_found' });
    assert.deepEqual((await client.request('DELETE', '/passkeys/no-such-key', { body: { code: recovery } })).json, { error: 'not_found' });
    assert.equal(await server.app.enrollments.useRecoveryCode(user, recovery), true);
  });

  test('removing the last factor turns two-factor off, recovery codes too; the user is told', async () => {
    const client = await signIn(server.base);
    const user = await userId(client);
    const e = (await client.post('/enrollment', {})).json;
    const options = (await client.post(`/enrollment/${e.id}/passkey/options`, {})).json.publicKey;
    const key = softAuthenticator();
    await client.post(`/enrollment/${e.id}/passkey`, { credential: key.register(options, { origin: new URL(server.base).origin }), name: 'Phone' });
    const [recovery, spare] = (await client.post(`/enrollment/${e.id}/recovery-codes`, { count: 2 })).json.codes;
    assert.deepEqual((await client.post(`/enrollment/${e.id}/complete`, {})).json, { methods: ['passkey'] });
    assert.equal((await client.request('DELETE', `/passkeys/${key.id}`, { body: { code: recovery } })).status, 204);
    const status = (await client.get('/status')).json;
    assert.deepEqual([status.enabled, status.methods, status.passkeys, status.recoveryCodes], [false, [], [], 0]);
    assert.equal(await server.app.enrollments.useRecoveryCode(user, spare), false, 'the other recovery code went too');
    assert.deepEqual(notices(user).at(-1), 'Two-factor authentication was turned off for your account');
    assert.deepEqual((await client.request('DELETE', '/two-factor', { body: {} })).json, { error: 'not_enabled' });
  });

  test('mode "add" changes the phone with proof; the app and the recovery codes stay; the user is told', async () => {
    const { client, user, proof } = await enrolled();
    assert.deepEqual((await client.post('/enrollment', { mode: 'add' })).json, { error: 'proof_required' });
    const add = (await client.post('/enrollment', { mode: 'add', code: proof() })).json;
    assert.equal((await client.post(`/enrollment/${add.id}/sms`, { phone: NEW_PHONE })).status, 200);
    assert.equal((await client.post(`/enrollment/${add.id}/sms/verify`, { code: sentCode(user, NEW_PHONE) })).status, 204);
    assert.deepEqual((await client.post(`/enrollment/${add.id}/complete`, {})).json, { methods: ['totp', 'sms'] });
    const status = (await client.get('/status')).json;
    assert.deepEqual([status.maskedPhone, status.recoveryCodes], ['+47 ••• •• 432', 1]);
    assert.deepEqual(notices(user).at(-1), 'A way to confirm your sign-ins was added or changed');
    const stranger = await signIn(server.base);
    assert.deepEqual((await stranger.post('/enrollment', { mode: 'add' })).json, { error: 'not_enabled' }, 'nothing to add to');
  });

  test('an "add" enrollment answers phoneOnFile: false though the account has a phone (it may change it); a reset keeps true', async () => {
    const { client, proof } = await enrolled();
    assert.equal((await client.get('/status')).json.maskedPhone, '+47 ••• •• 567', 'the account has a phone');
    const add = (await client.post('/enrollment', { mode: 'add', code: proof() })).json;
    assert.equal(add.phoneOnFile, false);
    clock.advance(30_000);
    const reset = (await client.post('/enrollment', { mode: 'reset', code: proof() })).json;
    assert.equal(reset.phoneOnFile, true);
  });

  test('new recovery codes: the old set stops working, the user is told', async () => {
    const { client, user, proof, recovery } = await enrolled();
    const { codes } = (await client.post('/recovery-codes', { count: 3, code: proof() })).json;
    assert.equal(codes.length, 3);
    assert.equal((await client.get('/status')).json.recoveryCodes, 3);
    assert.equal(await server.app.enrollments.useRecoveryCode(user, recovery), false, 'the old code');
    assert.equal(await server.app.enrollments.useRecoveryCode(user, codes[0]), true, 'a new one');
    assert.deepEqual(notices(user).at(-1), 'New recovery codes were made for your account, and the old ones no longer work');
    assert.deepEqual((await client.post('/recovery-codes', { count: 17, code: proof() })).json, { error: 'bad_request' });
  });

  test('an old sign-in needs the password as well as the proof; the right password renews the session', async () => {
    const { client, proof } = await enrolled();
    clock.advance(10 * 60 * 1000);
    assert.deepEqual((await client.request('DELETE', '/sms', { body: { code: proof() } })).json, { error: 'password_required' });
    assert.deepEqual((await client.request('DELETE', '/sms', { body: { code: proof(), password: 'wrong' } })).json, { error: 'invalid_password' });
    const before = client.cookie;
    assert.equal((await client.request('DELETE', '/sms', { body: { code: proof(), password: 'demo' } })).status, 204);
    assert.notEqual(client.cookie, before, 'a new session id');
  });

  test('renaming a passkey needs only the session; unknown ids are 404; names are checked', async () => {
    const client = await signIn(server.base);
    const e = (await client.post('/enrollment', {})).json;
    const options = (await client.post(`/enrollment/${e.id}/passkey/options`, {})).json.publicKey;
    const key = softAuthenticator();
    await client.post(`/enrollment/${e.id}/passkey`, { credential: key.register(options, { origin: new URL(server.base).origin }), name: 'Laptop' });
    await client.post(`/enrollment/${e.id}/complete`, {});
    assert.deepEqual((await client.request('PATCH', `/passkeys/${key.id}`, { body: { name: ' Work laptop ' } })).json, { id: key.id, name: 'Work laptop' });
    assert.equal((await client.get('/status')).json.passkeys[0].name, 'Work laptop');
    assert.deepEqual((await client.request('PATCH', '/passkeys/unknown', { body: { name: 'X' } })).json, { error: 'not_found' });
    assert.deepEqual((await client.request('PATCH', `/passkeys/${key.id}`, { body: { name: '' } })).json, { error: 'bad_request' });
    assert.deepEqual((await client.request('PATCH', `/passkeys/${key.id}`, { body: { name: 'X' }, noCsrf: true })).json, { error: 'csrf' });
  });
  test('a change that cannot be saved is not told: the user hears only of what happened', async () => {
    /** A store that fails to save an account with two-factor off (the change), on demand. */
    class FailingStore extends MemoryStore {
      failing = false;
      /** @param {import('../store.js').UserRecord} user */
      async saveUser(user) {
        if (this.failing && !user.totp) throw new Error('disk full');
        return super.saveUser(user);
      }
    }
    const store = new FailingStore();
    /** @type {string[]} */
    const told = [];
    const full = await startReference({ now: clock.now, store, notify: ({ type }) => void told.push(type) });
    try {
      const { client, e } = await appOnly(full);
      store.failing = true;
      assert.equal((await client.request('DELETE', '/two-factor', { body: { code: codeAt(e, clock.now()) } })).status, 500);
      store.failing = false;
      assert.deepEqual(told, [], 'nothing said to be off');
      assert.equal((await client.get('/status')).json.enabled, true, 'and it is not');
      clock.advance(30_000);
      assert.equal((await client.request('DELETE', '/two-factor', { body: { code: codeAt(e, clock.now()) } })).status, 204);
      assert.deepEqual(told, ['off']);
    } finally {
      await full.close();
    }
  });

  test('a notifier that fails is logged by the app; the change stands', async () => {
    /** @type {string[]} */
    const logged = [];
    const failing = await startReference({
      now: clock.now,
      notify: () => Promise.reject(new Error('mail service down')),
      log: (message) => logged.push(message),
    });
    try {
      const { client, e } = await appOnly(failing);
      assert.equal((await client.post('/recovery-codes', { code: codeAt(e, clock.now()) })).status, 200);
      assert.deepEqual(logged, ['notify: unexpected error']);
      assert.equal((await client.get('/status')).json.recoveryCodes, 1);
    } finally {
      await failing.close();
    }
  });
});
