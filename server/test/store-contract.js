/**
 * What every `Store` (store.js) must do, as tests: `storeContract(name, create)` defines them for
 * one kind of store. store.test.js runs them against MemoryStore, SqlStore on PGlite and SqlStore
 * on PostgreSQL; a port's own store can be held to the same.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, test } from 'node:test';
import { KEEP_EXPIRED_MS } from '../store.js';

/** @typedef {import('../store.js').Store & { close?: () => Promise<void> }} TestStore */

/**
 * @typedef {object} Opened
 * @property {TestStore} store  new and empty
 * @property {() => Promise<TestStore>} [reopen]  closes `store` and opens its storage again: for stores that persist
 * @property {() => Promise<TestStore>} [peer]  another store on the same storage, as a second instance would open it
 */

/** @param {string} id @param {Partial<import('../store.js').UserRecord>} [fields] @returns {import('../store.js').UserRecord} */
const user = (id, fields = {}) => ({
  id,
  account: 'jane@example.com',
  passwordHash: 'scrypt$x',
  passwordGuard: { failures: 0, lockedUntil: 0 },
  totp: { secret: 'JBSWY3DPEHPK3PXP', lastCounter: 58_000_000, enabledAt: 1_767_268_815_000 },
  sms: null,
  email: { address: 'åse@eksempel.no', enabledAt: 1 },
  recoveryHashes: ['scrypt$a', 'scrypt$b'],
  ...fields,
});

/** @param {string} id @param {number} expiresAt @returns {import('../store.js').EnrollmentRecord} */
const enrollment = (id, expiresAt) => ({
  id,
  userId: 'u1',
  mode: 'enroll',
  secret: 'JBSWY3DPEHPK3PXP',
  createdAt: expiresAt - 600_000,
  expiresAt,
  totp: { verified: false, lastCounter: null, guard: { failures: 2, lockedUntil: 0 } },
  sms: null,
  email: null,
  recoveryHashes: null,
  completed: null,
});

/** @param {string} key @param {number} expiresAt @returns {import('../store.js').SessionRecord} */
const session = (key, expiresAt) => ({ key, userId: 'u1', csrfToken: 'token "quoted" \\ ünïcode', expiresAt, authenticatedAt: 5 });

/**
 * @param {string} name
 * @param {() => Promise<Opened>} create
 * @param {{ persistent?: boolean }} [kind]  `persistent: false` for a store that keeps nothing (in memory): no persistence test
 */
export function storeContract(name, create, { persistent = true } = {}) {
  /**
   * Runs `fn` with a new store and closes every store it opened.
   * @param {(opened: Opened) => Promise<void>} fn
   */
  async function withStore(fn) {
    const opened = await create();
    /** @type {TestStore[]} */
    const open = [opened.store];
    const { reopen, peer } = opened;
    try {
      await fn({
        store: opened.store,
        reopen: reopen && (async () => (open.push(await reopen()), /** @type {TestStore} */ (open.at(-1)))),
        peer: peer && (async () => (open.push(await peer()), /** @type {TestStore} */ (open.at(-1)))),
      });
    } finally {
      // Closing twice (`reopen` closed the first) must be harmless.
      for (const store of open) await store.close?.().catch(() => {});
    }
  }

  describe(name, () => {
    test('users, enrollments and sessions: saved and read back whole, null when unknown, overwritten, deleted', () =>
      withStore(async ({ store }) => {
        assert.equal(await store.getUser('u1'), null);
        assert.equal(await store.getEnrollment('e1'), null);
        assert.equal(await store.getSession('s1'), null);

        const u = user('u1');
        const e = enrollment('e1', 1_000_000);
        const s = session('s1', 2_000_000);
        await store.saveUser(u);
        await store.saveEnrollment(e);
        await store.saveSession(s);
        await store.saveUser(user('u2', { totp: null, expiresAt: 7 }));
        assert.deepEqual(await store.getUser('u1'), u);
        assert.deepEqual(await store.getEnrollment('e1'), e);
        assert.deepEqual(await store.getSession('s1'), s);
        assert.deepEqual(await store.getUser('u2'), user('u2', { totp: null, expiresAt: 7 }));

        const changed = { ...e, completed: { at: 3, methods: ['totp'] }, secret: '' };
        await store.saveEnrollment(changed);
        assert.deepEqual(await store.getEnrollment('e1'), changed);
        await store.saveUser({ ...u, recoveryHashes: [] });
        assert.deepEqual((await store.getUser('u1'))?.recoveryHashes, []);

        await store.deleteEnrollment('e1');
        await store.deleteSession('s1');
        assert.equal(await store.getEnrollment('e1'), null);
        assert.equal(await store.getSession('s1'), null);
        await store.deleteEnrollment('never-saved');
        await store.deleteSession('never-saved');
        assert.ok(await store.getUser('u1'), 'other records stay');
      }));

    test('copies in and out: changing a record that was saved or read changes nothing stored', () =>
      withStore(async ({ store }) => {
        const u = user('u1');
        await store.saveUser(u);
        u.passwordGuard.failures = 4;
        u.recoveryHashes.push('scrypt$c');
        const read = /** @type {import('../store.js').UserRecord} */ (await store.getUser('u1'));
        assert.equal(read.passwordGuard.failures, 0);
        assert.equal(read.recoveryHashes.length, 2);
        read.passwordGuard.failures = 9;
        read.recoveryHashes.length = 0;
        assert.deepEqual(await store.getUser('u1'), user('u1'));
        assert.notEqual(await store.getUser('u1'), await store.getUser('u1'));
      }));

    test('take: a sliding window, `limit` events, then the milliseconds until the oldest leaves; keys counted apart', () =>
      withStore(async ({ store }) => {
        const t = 1_767_268_800_000;
        assert.equal(await store.take('k', t, 1000, 3), 0);
        assert.equal(await store.take('k', t + 100, 1000, 3), 0);
        assert.equal(await store.take('k', t + 200, 1000, 3), 0);
        assert.equal(await store.take('k', t + 300, 1000, 3), 700, 'the oldest (t) leaves at t + 1000');
        assert.equal(await store.take('k', t + 999, 1000, 3), 1, 'a refused take records nothing');
        assert.equal(await store.take('other', t + 999, 1000, 3), 0);
        assert.equal(await store.take('k', t + 1000, 1000, 3), 0, 'at t + 1000 the event of t is out');
        assert.equal(await store.take('k', t + 1001, 1000, 3), 99, 'now t + 100 is the oldest');
        assert.equal(await store.take('k', t + 5000, 1000, 3), 0);
      }));

    test('take: concurrent takes of one key never pass the limit (from every instance)', () =>
      withStore(async ({ store, peer }) => {
        const stores = [store, ...(peer ? [await peer()] : [])];
        const t = 1_767_268_800_000;
        const waits = await Promise.all(Array.from({ length: 30 }, (_, i) => stores[i % stores.length].take('burst', t + i, 60_000, 7)));
        assert.equal(waits.filter((wait) => wait === 0).length, 7);
        assert.ok(
          waits.every((wait) => wait === 0 || (wait > 59_000 && wait <= 60_000)),
          String(waits),
        );
      }));

    test('lock: one holder per key at a time, so concurrent read-modify-writes lose nothing (from every instance)', () =>
      withStore(async ({ store, peer }) => {
        const stores = [store, ...(peer ? [await peer()] : [])];
        await store.saveUser(user('counter'));
        let inside = 0;
        let most = 0;
        await Promise.all(
          Array.from({ length: 40 }, (_, i) => {
            const s = stores[i % stores.length];
            return s.lock('user:counter', async () => {
              most = Math.max(most, ++inside);
              const u = /** @type {import('../store.js').UserRecord} */ (await s.getUser('counter'));
              await sleep(i % 3);
              u.passwordGuard.failures++;
              await s.saveUser(u);
              inside--;
            });
          }),
        );
        assert.equal((await store.getUser('counter'))?.passwordGuard.failures, 40);
        assert.equal(most, 1);
      }));

    test("lock: resolves to fn's value, passes its error on, and is free again after either", () =>
      withStore(async ({ store }) => {
        assert.equal(await store.lock('k', async () => 42), 42);
        await assert.rejects(
          store.lock('k', async () => {
            await store.saveUser(user('saved-before-the-error'));
            throw new Error('boom');
          }),
          /boom/,
        );
        assert.ok(await store.getUser('saved-before-the-error'), 'what fn saved before throwing stays saved (a wrong code still counts)');
        assert.equal(await store.lock('k', async () => 'again'), 'again');
      }));

    test('lock: other keys do not wait; locks nest (enrollment, then user) and take works inside, also many at once', () =>
      withStore(async ({ store }) => {
        /** @type {() => void} */
        let release = () => {};
        const holding = store.lock('enrollment:a', () => new Promise((resolve) => (release = () => resolve(undefined))));
        assert.equal(await store.lock('enrollment:b', async () => 'b'), 'b', 'not blocked by enrollment:a');
        release();
        await holding;

        // More at once than a connection pool has connections (node-postgres: 10), each holding two locks.
        const t = 1_767_268_800_000;
        const results = await Promise.all(
          Array.from({ length: 25 }, (_, i) =>
            store.lock(`enrollment:${i}`, () =>
              store.lock(`user:${i % 5}`, async () => {
                await store.saveEnrollment(enrollment(`e${i}`, t));
                await sleep(1);
                return store.take(`start:user:${i % 5}`, t, 60_000, 3);
              }),
            ),
          ),
        );
        assert.equal(results.filter((wait) => wait === 0).length, 15, '3 for each of 5 users');
        assert.ok(await store.getEnrollment('e24'));
      }));

    test('passkeyOwner: the user whose record holds a credential id, else null; changes with the record', () =>
      withStore(async ({ store }) => {
        /** @param {string} id */
        const key = (id) => ({ id, publicKey: 'pQ', counter: 0, transports: [], aaguid: '', backedUp: false, name: 'K', createdAt: 1, lastUsedAt: null });
        assert.equal(await store.passkeyOwner('AAAA'), null);
        await store.saveUser(user('u1', { passkeys: [key('AAAA'), key('BBBB')] }));
        await store.saveUser(user('u2'));
        assert.equal(await store.passkeyOwner('BBBB'), 'u1');
        assert.equal(await store.passkeyOwner('AAA'), null, 'the whole id, not a prefix');
        await store.saveUser(user('u1', { passkeys: [key('BBBB')] }));
        assert.equal(await store.passkeyOwner('AAAA'), null, 'removed from the record: free again');
        await store.saveUser(user('u2', { passkeys: [key('AAAA')] }));
        assert.equal(await store.passkeyOwner('AAAA'), 'u2');
      }));

    test('sweep: enrollments an hour after they expire, sessions and throw-away users when they expire, events out of their window', () =>
      withStore(async ({ store }) => {
        if (!store.sweep) return;
        const t = 1_767_268_800_000;
        await store.saveEnrollment(enrollment('e', t));
        await store.saveSession(session('s', t + 1000));
        await store.saveUser(user('throw-away', { expiresAt: t + 2000 }));
        await store.saveUser(user('kept'));
        assert.equal(await store.take('k', t, 10_000, 1), 0);

        await store.sweep(t + 999);
        assert.ok(await store.getEnrollment('e'), 'expired, kept for an hour (410 rather than 404)');
        assert.ok(await store.getSession('s'));
        await store.sweep(t + 1000);
        assert.equal(await store.getSession('s'), null);
        assert.ok(await store.getUser('throw-away'));
        await store.sweep(t + 2000);
        assert.equal(await store.getUser('throw-away'), null);
        assert.equal(await store.take('k', t + 9999, 10_000, 1), 1, 'an event still in its window is kept');
        await store.sweep(t + 10_000);
        assert.equal(await store.take('k', t + 10_000, 10_000, 1), 0);
        await store.sweep(t + KEEP_EXPIRED_MS - 1);
        assert.ok(await store.getEnrollment('e'));
        await store.sweep(t + KEEP_EXPIRED_MS);
        assert.equal(await store.getEnrollment('e'), null);
        await store.sweep(t + 1e12);
        assert.ok(await store.getUser('kept'), 'a user without expiresAt is never swept');
        assert.equal(await store.take('k', t + 1e12, 10_000, 1), 0);
      }));

    if (!persistent) return;
    test('persistence: records, limits and a lockout survive closing and opening again', () =>
      withStore(async ({ store, reopen }) => {
        assert.ok(reopen, 'a persistent store can be opened again');
        const now = 1_767_268_800_000;
        const locked = user('u1', { passwordGuard: { failures: 0, lockedUntil: now + 30_000 } });
        await store.saveUser(locked);
        await store.saveEnrollment(enrollment('e1', now));
        await store.saveSession(session('s1', now));
        assert.equal(await store.take('k', now, 60_000, 1), 0);
        const again = await reopen();
        assert.deepEqual(await again.getUser('u1'), locked);
        assert.deepEqual(await again.getEnrollment('e1'), enrollment('e1', now));
        assert.deepEqual(await again.getSession('s1'), session('s1', now));
        assert.equal(await again.take('k', now + 1000, 60_000, 1), 59_000);
      }));
  });
}
