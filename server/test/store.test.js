/**
 * The store contract (store-contract.js) against each store: MemoryStore, SqlStore on PGlite (a
 * temp directory) and SqlStore on PostgreSQL (a throw-away server, postgres.js); then what only
 * the SQL stores have to show (the embedded directory is one process's; a fresh database opened by
 * two instances at once).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openStore } from '../sql-store.js';
import { MemoryStore } from '../store.js';
import { startPostgres } from './postgres.js';
import { storeContract } from './store-contract.js';

storeContract('MemoryStore', async () => ({ store: new MemoryStore() }), { persistent: false });

describe('SqlStore on PGlite', () => {
  let root = '';
  let template = '';
  let directories = 0;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'twofa-pglite-'));
    template = join(root, 'template');
    // A new directory's first open runs initdb (seconds): done once, each test gets a copy.
    const started = performance.now();
    const store = await openStore({ dataDir: template });
    const coldMs = performance.now() - started;
    await store.close();
    const warm = performance.now();
    await (await openStore({ dataDir: template })).close();
    console.log(`PGlite: first open of a new directory ${Math.round(coldMs)} ms, reopening it ${Math.round(performance.now() - warm)} ms`);
  });
  after(() => root && rmSync(root, { recursive: true, force: true }));

  storeContract('contract', async () => {
    const dataDir = join(root, `store-${++directories}`);
    cpSync(template, dataDir, { recursive: true });
    const store = await openStore({ dataDir });
    return {
      store,
      reopen: async () => {
        await store.close();
        return openStore({ dataDir });
      },
    };
  });

  test('the directory is one process’s: a second open is refused while the first is open; a lock left by a dead process is taken over', async () => {
    const dataDir = join(root, 'claimed');
    cpSync(template, dataDir, { recursive: true });
    const store = await openStore({ dataDir });
    await assert.rejects(openStore({ dataDir }), /is in use by process \d+ .*DATABASE_URL/);
    await store.close();

    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(join(dataDir, 'twofa.lock'), String(gone));
    const again = await openStore({ dataDir });
    assert.equal(await again.getUser('nobody'), null);
    await again.close();
  });
});

describe('SqlStore on PostgreSQL', () => {
  /** @type {Awaited<ReturnType<typeof startPostgres>>} */
  let postgres;
  before(async () => {
    postgres = await startPostgres();
    console.log(`PostgreSQL: initdb and start ${postgres.startMs} ms`);
  });
  after(() => postgres?.stop());

  storeContract('contract', async () => {
    const databaseUrl = await postgres.createDatabase();
    const store = await openStore({ databaseUrl });
    return {
      store,
      reopen: async () => {
        await store.close();
        return openStore({ databaseUrl });
      },
      peer: () => openStore({ databaseUrl }),
    };
  });

  test('a lock held too long: the waiter in another instance fails after statementTimeout instead of waiting for ever', async () => {
    const databaseUrl = await postgres.createDatabase();
    const [holder, waiter] = await Promise.all([openStore({ databaseUrl }), openStore({ databaseUrl, statementTimeout: 300 })]);
    /** @type {() => void} */
    let release = () => {};
    try {
      let holding = () => {};
      const held = new Promise((resolve) => (holding = () => resolve(undefined)));
      const holds = holder.lock('user:u', () => {
        holding();
        return new Promise((resolve) => (release = () => resolve(undefined)));
      });
      await held;
      const started = performance.now();
      await assert.rejects(
        waiter.lock('user:u', async () => assert.fail('ran while the other instance held the lock')),
        /statement timeout/,
      );
      assert.ok(performance.now() - started < 5000, 'gave up, did not wait for the holder');
      release();
      await holds;
      assert.equal(await waiter.lock('user:u', async () => 'free'), 'free', 'the lock works again once released');
    } finally {
      release();
      await holder.close();
      await waiter.close();
    }
  });

  test('a new database opened by two instances at once: one creates the schema, both work', async () => {
    const databaseUrl = await postgres.createDatabase();
    const [a, b] = await Promise.all([openStore({ databaseUrl }), openStore({ databaseUrl })]);
    try {
      await a.saveSession({ key: 's', userId: 'u', csrfToken: 't', expiresAt: 1, authenticatedAt: 1 });
      assert.equal((await b.getSession('s'))?.userId, 'u');
    } finally {
      await a.close();
      await b.close();
    }
  });
});
