/**
 * `SqlStore`: the `Store` (store.js) in PostgreSQL, so that state survives a restart and several
 * instances of the backend share it. One implementation, two drivers speaking the same SQL:
 * - embedded (the default of `npm start`): PGlite, PostgreSQL compiled to WebAssembly, in a data
 *   directory (`.twofa-data/`). Nothing to install or start, but one process at a time;
 * - PostgreSQL through `pg` (node-postgres), from a connection string (`DATABASE_URL`): for many
 *   instances, which then share users, sessions, lockouts, locks and limits.
 *
 * One table per kind of record: the record as `jsonb` (queried inside only for `passkeyOwner`) and only
 * the columns a lookup or the sweep needs. Tables are prefixed `twofa_`, so the store can live in
 * your application's own database. The schema is created on open, under a version number.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KEEP_EXPIRED_MS, MemoryStore } from './store.js';

/** @typedef {import('./store.js').Store} Store */
/** @typedef {import('./store.js').UserRecord} UserRecord */
/** @typedef {import('./store.js').EnrollmentRecord} EnrollmentRecord */
/** @typedef {import('./store.js').SessionRecord} SessionRecord */

/**
 * One SQL statement with `$1`-style parameters, on some connection.
 * @typedef {(sql: string, params?: unknown[]) => Promise<{ rows: Record<string, any>[] }>} Query
 */

/**
 * What the store needs from a driver.
 * @typedef {object} Driver
 * @property {Query} query  one statement, on any connection
 * @property {(<T>(fn: (query: Query) => Promise<T>) => Promise<T>) | null} session
 *   runs `fn` on a connection of its own, held until `fn` settles; null when there is only one
 *   connection and one process (PGlite)
 * @property {<T>(fn: (query: Query) => Promise<T>) => Promise<T>} transaction  `fn` between BEGIN and COMMIT
 * @property {() => Promise<void>} close
 */

/** `npm start`'s data directory (TWOFA_DATA_DIR overrides it there). */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../.twofa-data/', import.meta.url));

/**
 * The first key of the two-key advisory locks: keeps ours apart from your application's (and the
 * three uses apart from each other). The second key is `hashtext(key)`: two keys with the same hash
 * only wait for each other, which is safe.
 */
const LOCK_SCHEMA = 0x2fa0;
const LOCK_KEY = 0x2fa1;
const LOCK_TAKE = 0x2fa2;

/** Version n of the schema is what `SCHEMA[n - 1]` adds. Never change a version once released: add one. */
const SCHEMA = [
  [
    'CREATE TABLE IF NOT EXISTS twofa_users (id text PRIMARY KEY, expires_at bigint, record jsonb NOT NULL)',
    'CREATE TABLE IF NOT EXISTS twofa_enrollments (id text PRIMARY KEY, expires_at bigint NOT NULL, record jsonb NOT NULL)',
    'CREATE TABLE IF NOT EXISTS twofa_sessions (key text PRIMARY KEY, expires_at bigint NOT NULL, record jsonb NOT NULL)',
    // One row per event a sliding-window limit counted (`take`), with its window, for the sweep.
    'CREATE TABLE IF NOT EXISTS twofa_limit_events (key text NOT NULL, at bigint NOT NULL, window_ms bigint NOT NULL)',
    'CREATE INDEX IF NOT EXISTS twofa_limit_events_key ON twofa_limit_events (key, at)',
    'CREATE INDEX IF NOT EXISTS twofa_users_expires ON twofa_users (expires_at)',
    'CREATE INDEX IF NOT EXISTS twofa_enrollments_expires ON twofa_enrollments (expires_at)',
    'CREATE INDEX IF NOT EXISTS twofa_sessions_expires ON twofa_sessions (expires_at)',
  ],
  // `passkeyOwner`: a user by a credential id inside the record.
  ["CREATE INDEX IF NOT EXISTS twofa_users_passkeys ON twofa_users USING gin ((record->'passkeys') jsonb_path_ops)"],
];

/**
 * The store over a driver; open one with `openStore`.
 * @implements {Store}
 */
export class SqlStore {
  /** @type {Driver} */ #driver;
  /**
   * One `lock` holder per key in this process, queued in memory (MemoryStore's lock), before the
   * database is asked: waiters do not each hold a connection, and PGlite needs nothing more.
   */
  #local = new MemoryStore();
  /**
   * The connection of the `lock` the current call runs inside. Everything `fn` does (reads, saves,
   * nested locks, `take`) runs on it: a holder never waits for a second connection from the pool,
   * so holders cannot starve the pool while waiters hold the rest of it.
   * @type {AsyncLocalStorage<Query>}
   */
  #held = new AsyncLocalStorage();

  /** @type {Promise<void> | undefined} */ #closed;

  /** @param {Driver} driver */
  constructor(driver) {
    this.#driver = driver;
  }

  /**
   * Creates the tables a new database lacks. Two instances starting at once: one migrates, the
   * other waits for it (the advisory lock) and then finds it done.
   */
  async migrate() {
    await this.#driver.transaction(async (query) => {
      await query(`SELECT pg_advisory_xact_lock(${LOCK_SCHEMA}, 0)`);
      await query('CREATE TABLE IF NOT EXISTS twofa_schema (version integer NOT NULL)');
      const { rows } = await query('SELECT max(version) AS version FROM twofa_schema');
      const current = rows[0].version ?? 0;
      if (current > SCHEMA.length) throw new Error(`The database has twofa schema version ${current}; this code knows up to ${SCHEMA.length}.`);
      for (let version = current + 1; version <= SCHEMA.length; version++) {
        for (const statement of SCHEMA[version - 1]) await query(statement);
        await query('INSERT INTO twofa_schema (version) VALUES ($1)', [version]);
      }
    });
  }

  /** @type {Query} */
  #query(sql, params) {
    return (this.#held.getStore() ?? this.#driver.query)(sql, params);
  }

  /**
   * @param {string} table @param {string} column @param {string} id
   * @returns {Promise<any>}
   */
  async #get(table, column, id) {
    const { rows } = await this.#query(`SELECT record FROM ${table} WHERE ${column} = $1`, [id]);
    // Parsed from the row each time: a copy, never a record someone else holds.
    return rows[0]?.record ?? null;
  }

  /**
   * @param {string} table @param {string} column @param {string} id @param {number | null} expiresAt @param {object} record
   */
  async #save(table, column, id, expiresAt, record) {
    await this.#query(
      `INSERT INTO ${table} (${column}, expires_at, record) VALUES ($1, $2, $3::jsonb)
       ON CONFLICT (${column}) DO UPDATE SET expires_at = EXCLUDED.expires_at, record = EXCLUDED.record`,
      // As a string: node-postgres would send a JavaScript array as a PostgreSQL array, not JSON.
      [id, expiresAt, JSON.stringify(record)],
    );
  }

  /** @param {string} id @returns {Promise<UserRecord | null>} */
  getUser(id) {
    return this.#get('twofa_users', 'id', id);
  }

  /** @param {UserRecord} user */
  saveUser(user) {
    return this.#save('twofa_users', 'id', user.id, user.expiresAt ?? null, user);
  }

  /** @param {string} credentialId @returns {Promise<string | null>} */
  async passkeyOwner(credentialId) {
    const { rows } = await this.#query(`SELECT id FROM twofa_users WHERE record->'passkeys' @> $1::jsonb LIMIT 1`, [JSON.stringify([{ id: credentialId }])]);
    return rows[0]?.id ?? null;
  }

  /** @param {string} id @returns {Promise<EnrollmentRecord | null>} */
  getEnrollment(id) {
    return this.#get('twofa_enrollments', 'id', id);
  }

  /** @param {EnrollmentRecord} enrollment */
  saveEnrollment(enrollment) {
    return this.#save('twofa_enrollments', 'id', enrollment.id, enrollment.expiresAt, enrollment);
  }

  /** @param {string} id */
  async deleteEnrollment(id) {
    await this.#query('DELETE FROM twofa_enrollments WHERE id = $1', [id]);
  }

  /** @param {string} key @returns {Promise<SessionRecord | null>} */
  getSession(key) {
    return this.#get('twofa_sessions', 'key', key);
  }

  /** @param {SessionRecord} session */
  saveSession(session) {
    return this.#save('twofa_sessions', 'key', session.key, session.expiresAt, session);
  }

  /** @param {string} key */
  async deleteSession(key) {
    await this.#query('DELETE FROM twofa_sessions WHERE key = $1', [key]);
  }

  /**
   * One transaction per call, which first takes an advisory lock on the key until COMMIT: every
   * other `take` of that key, in any process, waits, so counting and recording are one step.
   * @param {string} key @param {number} now @param {number} windowMs @param {number} limit
   */
  take(key, now, windowMs, limit) {
    /** @param {Query} query */
    const step = async (query) => {
      await query(`SELECT pg_advisory_xact_lock(${LOCK_TAKE}, hashtext($1))`, [key]);
      await query('DELETE FROM twofa_limit_events WHERE key = $1 AND at <= $2', [key, now - windowMs]);
      const { rows } = await query('SELECT count(*)::integer AS count, min(at)::float8 AS oldest FROM twofa_limit_events WHERE key = $1', [key]);
      if (rows[0].count >= limit) return rows[0].oldest + windowMs - now;
      await query('INSERT INTO twofa_limit_events (key, at, window_ms) VALUES ($1, $2, $3)', [key, now, windowMs]);
      return 0;
    };
    const held = this.#held.getStore();
    return held ? inTransaction(held, step) : this.#driver.transaction(step);
  }

  /**
   * Mutual exclusion across processes: a session-level advisory lock on the key, on a connection
   * held (with the lock) until `fn` settles. A process that dies loses its connection, and
   * PostgreSQL releases its locks with it. Unlike a transaction, nothing is rolled back when `fn`
   * throws: what it saved stays saved, as in MemoryStore (a wrong code must still count).
   * @template T
   * @param {string} key
   * @param {() => Promise<T>} fn
   * @returns {Promise<T>}
   */
  lock(key, fn) {
    return this.#local.lock(key, () => {
      const session = this.#driver.session;
      if (!session) return fn(); // PGlite: one process, the queue above is enough
      const held = this.#held.getStore();
      return held ? this.#holding(held, key, fn) : session((query) => this.#holding(query, key, fn));
    });
  }

  /**
   * @template T
   * @param {Query} query @param {string} key @param {() => Promise<T>} fn
   * @returns {Promise<T>}
   */
  async #holding(query, key, fn) {
    await query(`SELECT pg_advisory_lock(${LOCK_KEY}, hashtext($1))`, [key]);
    try {
      return await this.#held.run(query, fn);
    } finally {
      await query(`SELECT pg_advisory_unlock(${LOCK_KEY}, hashtext($1))`, [key]);
    }
  }

  /** Drops what MemoryStore's sweep drops. @param {number} now */
  async sweep(now) {
    await this.#query('DELETE FROM twofa_enrollments WHERE expires_at <= $1', [now - KEEP_EXPIRED_MS]);
    await this.#query('DELETE FROM twofa_sessions WHERE expires_at <= $1', [now]);
    await this.#query('DELETE FROM twofa_users WHERE expires_at <= $1', [now]);
    await this.#query('DELETE FROM twofa_limit_events WHERE at <= $1 - window_ms', [now]);
  }

  /** Ends the connections (or PGlite); a second call waits for the first. */
  close() {
    return (this.#closed ??= this.#driver.close());
  }
}

/**
 * The store `npm start` uses: PostgreSQL when `databaseUrl` is set, else PGlite in `dataDir`.
 * `statementTimeout` (PostgreSQL): the longest a statement may run, waiting for a lock included
 * (15 s): a holder that hangs (a stalled SMS provider inside `lock`, a stuck connection) makes the
 * requests behind it fail with a 500 instead of piling up without end.
 * @param {{ databaseUrl?: string, dataDir?: string, statementTimeout?: number }} [options]
 */
export async function openStore({ databaseUrl, dataDir = DEFAULT_DATA_DIR, statementTimeout = 15_000 } = {}) {
  const driver = databaseUrl ? await postgres(databaseUrl, statementTimeout) : await embedded(resolve(dataDir));
  const store = new SqlStore(driver);
  try {
    await store.migrate();
  } catch (error) {
    await driver.close();
    throw error;
  }
  return store;
}

/**
 * @template T
 * @param {Query} query @param {(query: Query) => Promise<T>} fn
 */
async function inTransaction(query, fn) {
  await query('BEGIN');
  try {
    const result = await fn(query);
    await query('COMMIT');
    return result;
  } catch (error) {
    await query('ROLLBACK').catch(() => {});
    throw error;
  }
}

/**
 * PostgreSQL through a node-postgres pool.
 * @param {string} connectionString @param {number} statementTimeout  milliseconds
 * @returns {Promise<Driver>}
 */
async function postgres(connectionString, statementTimeout) {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString, statement_timeout: statementTimeout });
  // A pooled idle connection that breaks (PostgreSQL restarts) emits 'error': unheard, it would end the process.
  pool.on('error', () => {});
  /** @type {Driver['session'] & {}} */
  const session = async (fn) => {
    const client = await pool.connect();
    let failed = false;
    try {
      return await fn((sql, params) =>
        client.query(sql, params).catch((error) => {
          failed = true;
          throw error;
        }),
      );
    } finally {
      // A connection that saw an error may still hold a lock or a transaction: closed, not reused.
      client.release(failed);
    }
  };
  return {
    query: (sql, params) => pool.query(sql, params),
    session,
    transaction: (fn) => session((query) => inTransaction(query, fn)),
    close: () => pool.end(),
  };
}

/**
 * PGlite in a directory. PGlite itself does not stop a second process from opening the same
 * directory (both would write to it), so the directory is claimed first.
 * @param {string} dataDir
 * @returns {Promise<Driver>}
 */
async function embedded(dataDir) {
  const release = claim(dataDir);
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const db = await PGlite.create(dataDir);
    return {
      query: (sql, params) => db.query(sql, params),
      session: null,
      // PGlite holds back every other query while a transaction runs: no other caller slips into it.
      transaction: (fn) => db.transaction((tx) => fn((sql, params) => tx.query(sql, params))),
      async close() {
        try {
          await db.close();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * Makes `dir` this process's: a `twofa.lock` file with our pid. One left by a process that is gone
 * (killed) is taken over. Returns the function that lets go.
 * @param {string} dir
 */
function claim(dir) {
  // Only this user: sessions, seeds and the rest are in there.
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, 'twofa.lock');
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
    }
    const owner = Number(readFileSync(file, 'utf8'));
    if (attempt > 0 || running(owner))
      throw new Error(
        `${dir} is in use by process ${owner} (the embedded store is for one process; set DATABASE_URL to share PostgreSQL). If that process is gone, delete ${file}.`,
      );
    rmSync(file, { force: true });
  }
}

/** @param {number} pid */
function running(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
  }
}
