/**
 * `npm run bench:server`: the reference backend under load (autocannon), on each store —
 * MemoryStore, SqlStore on PGlite (a temp data directory), SqlStore on PostgreSQL (a throw-away
 * cluster, server/test/postgres.js) — beside a trivial `node:http` JSON endpoint (the floor), then
 * the memory 100,000 users take in each store. Figures are printed, never asserted: they depend on
 * the machine.
 *
 * Each server runs in a child process of its own (this file with `serve`), so the load generator
 * does not share its event loop. Per store, with a fixed number of connections and requests:
 * - `POST /enrollment`: N demo users are signed in first (`GET /session`), each starts at most
 *   `maxStartsPerUser` (5) enrollments: the limits stay on, the load is spread over users;
 * - `POST /enrollment/{id}/totp` with a valid code: each verify goes to its own enrollment, one of
 *   those the start run made (a code is accepted once per enrollment), as its owner, the code
 *   computed (RFC 6238, conformance/totp.js) just before the request is written.
 * A warm-up round (other users, a fifth of the requests) runs first and is not counted.
 *
 * Memory: 100,000 user records as `complete` leaves them (a sealed TOTP seed, a phone, one
 * recovery-code hash), saved through the store (`saveUser`, 500 at a time): heap and RSS growth
 * of a process holding a MemoryStore (after a GC), `pg_total_relation_size('twofa_users')` for
 * the SQL stores (after VACUUM).
 *
 * BENCH_REQUESTS (10,000), BENCH_CONNECTIONS (16) and BENCH_USERS (100,000) change the sizes.
 */
import { fork } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { signIn } from '../server/test/helpers.js';

const self = fileURLToPath(import.meta.url);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 10_000);
const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const STARTS_PER_USER = 5; // createApp's maxStartsPerUser, left as it is

// ---------------------------------------------------------------------------------------------
// Children

/** A server on a free loopback port; tells the parent its origin. */
async function serve(kind, arg) {
  let handler;
  let store;
  if (kind === 'floor') {
    // The floor: read a JSON body, parse it, answer JSON. What any endpoint of node:http costs.
    handler = (req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const parsed = JSON.parse(body || '{}');
        res.writeHead(201, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify({ ok: true, got: parsed }));
      });
    };
  } else {
    const { createApp } = await import('../server/app.js');
    if (kind === 'pglite' || kind === 'postgres') {
      const { openStore } = await import('../server/sql-store.js');
      store = await openStore(kind === 'pglite' ? { dataDir: arg } : { databaseUrl: arg });
    }
    const app = createApp({ log: () => {}, ...(store ? { store } : {}) });
    handler = app.handle;
  }
  const server = createServer(handler);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.send({ origin: `http://127.0.0.1:${server.address().port}` });
  process.once('disconnect', () => process.exit(1)); // the parent is gone
  process.on('message', async () => {
    server.closeAllConnections();
    server.close();
    await store?.close();
    process.exit(0);
  });
}

/** Saves USERS user records through a store, then reports what they take. */
async function users(kind, arg) {
  const { createKeyring } = await import('../server/secrets.js');
  const { seedContext, recoveryContext } = await import('../server/enrollments.js');
  const keyring = createKeyring(randomBytes(32));
  const base32 = (bytes) => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    let bits = '';
    for (const byte of bytes) bits += byte.toString(2).padStart(8, '0');
    return bits
      .match(/.{1,5}/g)
      .map((chunk) => alphabet[parseInt(chunk.padEnd(5, '0'), 2)])
      .join('');
  };
  const enabledAt = Date.UTC(2026, 0, 1);
  /** A user as `complete` leaves one after TOTP + SMS + one recovery code, with the host's sessions. */
  const record = (i) => {
    const id = randomUUID();
    return {
      id,
      account: `user${i}@example.com`,
      passwordHash: '', // with `authenticate`, the password is the host's (the demo's own users hold a scrypt hash)
      passwordGuard: { failures: 0, lockedUntil: 0 },
      totp: { secret: keyring.seal(base32(randomBytes(20)), seedContext(id)), lastCounter: 59_000_000 + (i % 1000), enabledAt },
      sms: { phone: `+479${String(1_000_000 + i).padStart(7, '0')}`, enabledAt },
      email: null,
      recoveryHashes: [keyring.mac(randomBytes(10).toString('hex').toUpperCase(), recoveryContext(id))],
    };
  };
  const insert = async (store) => {
    for (let i = 0; i < USERS; i += 500) {
      const batch = [];
      for (let j = i; j < Math.min(i + 500, USERS); j++) batch.push(store.saveUser(record(j)));
      await Promise.all(batch);
    }
  };
  const started = performance.now();
  if (kind === 'memory') {
    const { MemoryStore } = await import('../server/store.js');
    const measure = () => {
      globalThis.gc();
      globalThis.gc();
      return process.memoryUsage();
    };
    const store = new MemoryStore();
    const before = measure();
    await insert(store);
    const seconds = (performance.now() - started) / 1000;
    const after = measure();
    process.send({ seconds, heap: after.heapUsed - before.heapUsed, rss: after.rss - before.rss, heapTotal: after.heapUsed, rssTotal: after.rss });
  } else {
    const { openStore } = await import('../server/sql-store.js');
    const store = await openStore(kind === 'pglite' ? { dataDir: arg } : { databaseUrl: arg });
    await insert(store);
    const seconds = (performance.now() - started) / 1000;
    await store.close();
    // The store does not hand out its connection: ask the database directly.
    let query, close;
    if (kind === 'pglite') {
      const { PGlite } = await import('@electric-sql/pglite');
      const db = await PGlite.create(arg);
      [query, close] = [(sql) => db.query(sql), () => db.close()];
    } else {
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: arg });
      await client.connect();
      [query, close] = [(sql) => client.query(sql), () => client.end()];
    }
    await query('VACUUM ANALYZE twofa_users');
    const { rows } = await query(
      `SELECT count(*)::integer AS n, pg_total_relation_size('twofa_users')::float8 AS total,
              pg_relation_size('twofa_users')::float8 AS heap, pg_indexes_size('twofa_users')::float8 AS indexes
       FROM twofa_users`,
    );
    await close();
    process.send({ seconds, ...rows[0] });
  }
  process.exit(0);
}

// ---------------------------------------------------------------------------------------------
// The parent

/** Forks this file with `args`; resolves to the child and its first message. */
function child(args) {
  const proc = fork(self, args, { execArgv: ['--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    proc.once('message', (message) => resolve({ proc, message }));
    proc.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code} before answering`)));
  });
}

async function stopChild(proc) {
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  proc.send('stop');
  await exited;
}

/** Signs in `count` demo users (20 at a time): their cookies and CSRF tokens. */
async function signInMany(base, count) {
  const sessions = [];
  const one = async () => {
    const client = await signIn(base);
    return { cookie: client.cookie, csrfToken: client.headers['X-CSRF-Token'] };
  };
  while (sessions.length < count) {
    const batch = Array.from({ length: Math.min(20, count - sessions.length) }, one);
    sessions.push(...(await Promise.all(batch)));
  }
  return sessions;
}

/** One autocannon run of exactly `amount` requests, each made by `next(context)`. */
async function load(origin, amount, next, onResponse) {
  const result = await autocannon({
    url: origin,
    connections: CONNECTIONS,
    sampleInt: 10, // the run ends within 10 ms of its last answer (the default 1 s would pad short runs)
    amount,
    requests: [{ setupRequest: (request, context) => ({ ...request, ...next(context) }), onResponse }],
  });
  const statuses = Object.entries(result.statusCodeStats)
    .map(([status, { count }]) => `${count}×${status}`)
    .join(', ');
  return {
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    statuses: result.errors ? `${statuses}, ${result.errors} errors` : statuses,
  };
}

const json = (session, body) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrfToken },
  body: JSON.stringify(body),
});

/** Starts `requests` enrollments over fresh users, then verifies each once with its current code. */
async function startAndVerify(base, requests) {
  const { totp } = await import('../server/conformance/totp.js');
  const path = new URL(base).pathname;
  // Enough users that none starts more than the limit allows.
  const sessions = await signInMany(base, Math.ceil(requests / STARTS_PER_USER));
  let sent = 0;
  const enrollments = [];
  const start = await load(
    base,
    requests,
    (context) => {
      context.session = sessions[Math.floor(sent++ / STARTS_PER_USER)];
      return { path: `${path}/enrollment`, ...json(context.session, {}) };
    },
    (status, body, context) => {
      if (status === 201) enrollments.push({ session: context.session, ...JSON.parse(body) });
    },
  );
  let used = 0;
  const verify = await load(base, enrollments.length, () => {
    const e = enrollments[used++];
    return { path: `${path}/enrollment/${e.id}/totp`, ...json(e.session, { code: totp(e.secret, { time: Date.now() }) }) };
  });
  return { start, verify };
}

async function main() {
  const { postgresBin, startPostgres } = await import('../server/test/postgres.js');
  const cpu = cpus();
  console.log(`== Reference backend under load: ${new Date().toISOString().slice(0, 10)} ==\n`);
  console.log(`Node ${process.version}, ${cpu.length} CPUs (${cpu[0]?.model.trim()}), ${(totalmem() / 2 ** 30).toFixed(1)} GB RAM`);
  console.log(`PostgreSQL ${basename(dirname(postgresBin()))} (a throw-away cluster, fsync off as in the tests); PGlite from package.json`);
  console.log(
    `Load average at start: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
  );
  console.log(
    `autocannon: ${CONNECTIONS} connections, ${REQUESTS} requests per run (after a warm-up of ${Math.ceil(REQUESTS / 5)}); ` +
      `limits as shipped (maxStartsPerUser ${STARTS_PER_USER}: ${Math.ceil(REQUESTS / STARTS_PER_USER)} demo users signed in per run)\n`,
  );

  const postgres = await startPostgres();
  const temp = mkdtempSync(join(tmpdir(), 'twofa-bench-'));
  const rows = [];
  const memory = [];
  try {
    const targets = [
      ['floor', 'node:http JSON endpoint (floor)'],
      ['memory', 'MemoryStore'],
      ['pglite', 'SqlStore on PGlite', join(temp, 'pglite-http')],
      ['postgres', 'SqlStore on PostgreSQL', await postgres.createDatabase()],
    ];
    for (const [kind, label, arg] of targets) {
      const { proc, message } = await child(['serve', kind, ...(arg ? [arg] : [])]);
      try {
        if (kind === 'floor') {
          const body = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: '123456' }) };
          await load(message.origin, Math.ceil(REQUESTS / 5), () => ({ path: '/echo', ...body }));
          const floor = await load(message.origin, REQUESTS, () => ({ path: '/echo', ...body }));
          rows.push([label, floor, floor]);
        } else {
          const base = `${message.origin}/api/2fa`;
          await startAndVerify(base, Math.ceil(REQUESTS / 5));
          const { start, verify } = await startAndVerify(base, REQUESTS);
          rows.push([label, start, verify]);
        }
      } finally {
        await stopChild(proc);
      }
      console.log(`  measured: ${label}`);
    }

    for (const [kind, label, arg] of [
      ['memory', 'MemoryStore'],
      ['pglite', 'SqlStore on PGlite', join(temp, 'pglite-users')],
      ['postgres', 'SqlStore on PostgreSQL', await postgres.createDatabase()],
    ]) {
      const { proc, message } = await child(['users', kind, ...(arg ? [arg] : [])]);
      await new Promise((resolve) => (proc.exitCode === null ? proc.once('exit', resolve) : resolve()));
      memory.push([label, message]);
      console.log(`  stored ${USERS} users: ${label}`);
    }
  } finally {
    await postgres.stop();
    rmSync(temp, { recursive: true, force: true });
  }

  const ms = (value) => (value < 1 ? '<1 ms' : `${Math.floor(value)} ms`); // autocannon's histogram keeps whole milliseconds
  const cell = (r) => `${Math.round(r.rps).toString().padStart(6)} req/s  p50 ${ms(r.p50).padStart(6)}  p99 ${ms(r.p99).padStart(6)}`;
  console.log(`\n== Requests (${REQUESTS} each, ${CONNECTIONS} connections): throughput, latency p50 / p99 ==\n`);
  console.log(`${''.padEnd(32)} ${'POST /enrollment'.padEnd(38)} POST /enrollment/{id}/totp (valid code)`);
  for (const [label, start, verify] of rows) console.log(`${label.padEnd(32)} ${cell(start).padEnd(38)} ${cell(verify)}`);
  console.log('(The floor is one endpoint, shown in both columns. Latency in whole milliseconds, rounded down.)');
  console.log('\nStatus codes:');
  for (const [label, start, verify] of rows) console.log(`  ${label}: start ${start.statuses}; verify ${verify.statuses}`);

  const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
  console.log(`\n== ${USERS.toLocaleString('en')} users (TOTP seed sealed, a phone, one recovery-code hash), saved with saveUser ==\n`);
  for (const [label, m] of memory) {
    if (m.total === undefined) {
      console.log(
        `${label.padEnd(32)} heap +${mb(m.heap)} (${Math.round(m.heap / USERS)} B/user), RSS +${mb(m.rss)}; process after GC: heap ${mb(m.heapTotal)}, RSS ${mb(m.rssTotal)}  (saved in ${m.seconds.toFixed(1)} s)`,
      );
    } else {
      console.log(
        `${label.padEnd(32)} twofa_users ${mb(m.total)} (${Math.round(m.total / m.n)} B/user): table ${mb(m.heap)}, indexes ${mb(m.indexes)}, ${m.n} rows  (saved in ${m.seconds.toFixed(1)} s)`,
      );
    }
  }
  console.log(
    `\nLoad average at the end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
  );
}

// Last: everything above is initialised by now.
const [mode, kind, arg] = process.argv.slice(2);
if (mode === 'serve') await serve(kind, arg);
else if (mode === 'users') await users(kind, arg);
else await main();
