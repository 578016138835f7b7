/**
 * The reference backend as separate processes (instance.js) on one PostgreSQL (postgres.js): a code
 * sent to two instances at once is accepted once, a lockout reached through one holds on the other,
 * and an instance killed (SIGKILL) in the middle of requests comes back with everything in place.
 * Then one instance on the embedded store (PGlite), stopped and started again.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ApiClient } from '../conformance/client.js';
import { codeAt, signIn } from './helpers.js';
import { startPostgres } from './postgres.js';

const INSTANCE = fileURLToPath(new URL('./instance.js', import.meta.url));

/** Longer than the tests: no lockout ends while one looks at it. */
const OPTIONS = { lockout: 600 };
/** Every instance, and each one again after a restart, must have the server key the others sealed with. */
const SECRET_KEY = randomBytes(32).toString('base64');

/** @typedef {Awaited<ReturnType<typeof startInstance>>} Instance */

/**
 * Starts instance.js with `env`; resolves once it listens.
 * @param {Record<string, string>} env
 */
async function startInstance(env) {
  const child = spawn(process.execPath, [INSTANCE], {
    env: { ...process.env, TWOFA_OPTIONS: JSON.stringify(OPTIONS), TWOFA_SECRET_KEY: SECRET_KEY, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = once(child, 'exit');
  const listening = once(createInterface({ input: child.stdout }), 'line');
  const first = await Promise.race([
    listening.then(([line]) => String(line)),
    exited.then(([code, signal]) => {
      throw new Error(`The instance ended (${code ?? signal}) before it listened:\n${stderr}`);
    }),
  ]);
  return {
    base: `http://127.0.0.1:${JSON.parse(first).port}/api/2fa`,
    /** @param {NodeJS.Signals} [signal] */
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/**
 * One new session (a new demo user), signed in through the first instance, as a client of each.
 * @param {Instance[]} instances
 */
async function clients(...instances) {
  const { cookie, headers } = await signIn(instances[0].base);
  return instances.map((instance) => new ApiClient(instance.base, { cookie, headers }));
}

/**
 * Starts an enrollment through `client`.
 * @param {ApiClient} client @param {object} [body]
 * @returns {Promise<{ id: string, secret: string }>}
 */
async function start(client, body = {}) {
  const answer = await client.post('/enrollment', body);
  assert.equal(answer.status, 201, answer.text);
  return answer.json;
}

/** A code of the enrollment, ten minutes from now: wrong now. @param {{ secret: string }} e */
const wrongCode = (e) => codeAt(e, Date.now() + 600_000);

describe('two instances on one PostgreSQL', () => {
  /** @type {Awaited<ReturnType<typeof startPostgres>>} */
  let postgres;
  /** @type {Record<string, string>} */
  let env;
  /** @type {Instance} */
  let A;
  /** @type {Instance} */
  let B;

  before(async () => {
    postgres = await startPostgres();
    env = { DATABASE_URL: await postgres.createDatabase() };
    [A, B] = await Promise.all([startInstance(env), startInstance(env)]);
  });
  after(async () => {
    await Promise.all([A?.stop(), B?.stop()]);
    await postgres?.stop();
  });

  test('one session works on both: the cookie signed in through A is known to B', async () => {
    const [, b] = await clients(A, B);
    const status = await b.get('/status');
    assert.equal(status.status, 200, status.text);
    assert.equal(status.json.enabled, false);
  });

  test('the same valid TOTP code sent to both at once is accepted exactly once, the others refused as replays', async () => {
    for (let round = 0; round < 8; round++) {
      const [a, b] = await clients(A, B);
      const e = await start(a);
      const code = codeAt(e, Date.now());
      // Five: the four refused stay below the lockout (five wrong codes).
      const answers = await Promise.all([a, b, a, b, a].map((client) => client.post(`/enrollment/${e.id}/totp`, { code })));
      assert.deepEqual(answers.map((answer) => answer.status).sort(), [204, 400, 400, 400, 400], `round ${round}`);
      for (const refused of answers.filter((answer) => answer.status === 400)) assert.equal(refused.json.error, 'invalid_code');
    }
  });

  test('the same valid TOTP code sent 100 times at once, half to each instance: one 204, every other refused (replay, then lockout)', async () => {
    const [a, b] = await clients(A, B);
    const e = await start(a);
    const code = codeAt(e, Date.now());
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 2 ? b : a).post(`/enrollment/${e.id}/totp`, { code })));
    const statuses = answers.map((answer) => answer.status);
    assert.equal(statuses.filter((status) => status === 204).length, 1, statuses.join(' '));
    assert.ok(
      answers.every((answer) => answer.status === 204 || ['invalid_code', 'rate_limited'].includes(answer.json.error)),
      'the others are refused as replays or by the lockout they cause',
    );
  });

  test('wrong codes count on one guard whichever instance gets them; the lockout reached through A holds on B', async () => {
    const [a, b] = await clients(A, B);
    const e = await start(a);
    for (let i = 0; i < 4; i++) {
      const answer = await [a, b][i % 2].post(`/enrollment/${e.id}/totp`, { code: wrongCode(e) });
      assert.equal(answer.status, 400, answer.text);
      assert.equal(answer.json.attemptsLeft, 4 - i);
    }
    const fifth = await a.post(`/enrollment/${e.id}/totp`, { code: wrongCode(e) });
    assert.equal(fifth.status, 429, fifth.text);
    for (const client of [b, a]) {
      const right = await client.post(`/enrollment/${e.id}/totp`, { code: codeAt(e, Date.now()) });
      assert.equal(right.status, 429, right.text);
      assert.equal(right.json.error, 'rate_limited');
    }
  });

  test('an instance killed (SIGKILL) in the middle of requests: the other goes on, and after a restart the factor, a lockout and replay state are all there', async () => {
    // Each piece of state on a user of its own (a session of its own), all signed in through A.
    // Two-factor on: verified through B, completed through A.
    const [a, b] = await clients(A, B);
    const first = await start(a);
    assert.equal((await b.post(`/enrollment/${first.id}/totp`, { code: codeAt(first, Date.now()) })).status, 204);
    const completed = await a.post(`/enrollment/${first.id}/complete`);
    assert.deepEqual(completed.json, { methods: ['totp'] });
    // An enrollment whose code was accepted (replay state), and one locked out.
    const [a2] = await clients(A);
    const accepted = await start(a2);
    const acceptedCode = codeAt(accepted, Date.now());
    assert.equal((await a2.post(`/enrollment/${accepted.id}/totp`, { code: acceptedCode })).status, 204);
    const [a3, b3] = await clients(A, B);
    const locked = await start(a3);
    for (let i = 0; i < 5; i++) await b3.post(`/enrollment/${locked.id}/totp`, { code: wrongCode(locked) });

    // Forty requests on A for one enrollment, so A holds its lock (and connections) when it is killed.
    const [a4, b4] = await clients(A, B);
    const busy = await start(a4);
    const burst = Array.from({ length: 40 }, () => a4.post(`/enrollment/${busy.id}/totp`, { code: wrongCode(busy) }).catch(() => null));
    await Promise.race(burst);
    await A.stop('SIGKILL');
    const unanswered = (await Promise.all(burst)).filter((answer) => answer === null).length;
    console.log(`${unanswered} of 40 requests in flight on A when it was killed`);

    // B is not held up by what A held: PostgreSQL ends a dead client's session, and its locks with it.
    const asked = performance.now();
    const onB = await b4.post(`/enrollment/${busy.id}/totp`, { code: wrongCode(busy) });
    assert.ok([400, 429].includes(onB.status), onB.text);
    assert.ok(performance.now() - asked < 5000, 'B answered without waiting for a lock of the dead instance');

    A = await startInstance(env);
    /** @param {ApiClient} client */
    const onA = (client) => new ApiClient(A.base, { cookie: client.cookie, headers: client.headers });
    const status = await onA(a).get('/status');
    assert.equal(status.status, 200, status.text);
    assert.deepEqual([status.json.enabled, status.json.methods], [true, ['totp']]);
    const replayed = await onA(a2).post(`/enrollment/${accepted.id}/totp`, { code: acceptedCode });
    assert.equal(replayed.status, 400, replayed.text);
    assert.equal(replayed.json.error, 'invalid_code');
    const stillLocked = await onA(a3).post(`/enrollment/${locked.id}/totp`, { code: codeAt(locked, Date.now()) });
    assert.equal(stillLocked.status, 429, stillLocked.text);
  });
});

describe('one instance on the embedded store (PGlite)', () => {
  test('two-factor turned on stays on across a stop and a kill (SIGKILL): same data directory, same sessions', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'twofa-instance-'));
    const started = performance.now();
    let instance = await startInstance({ TWOFA_DATA_DIR: dataDir });
    const times = [`a new directory ${Math.round(performance.now() - started)} ms`];
    /** @type {ApiClient[]} */
    const enabled = [];
    try {
      for (const signal of /** @type {const} */ (['SIGTERM', 'SIGKILL'])) {
        // A new user turns two-factor on, and the instance ends at once: stopped, then killed.
        const [client] = await clients(instance);
        const e = await start(client);
        assert.equal((await client.post(`/enrollment/${e.id}/totp`, { code: codeAt(e, Date.now()) })).status, 204);
        assert.equal((await client.post(`/enrollment/${e.id}/complete`)).status, 200);
        enabled.push(client);
        await instance.stop(signal);

        const restarted = performance.now();
        instance = await startInstance({ TWOFA_DATA_DIR: dataDir });
        times.push(`after ${signal} ${Math.round(performance.now() - restarted)} ms`);
        for (const [i, user] of enabled.entries()) {
          const status = await new ApiClient(instance.base, { cookie: user.cookie, headers: user.headers }).get('/status');
          assert.equal(status.status, 200, `user ${i} after ${signal}: ${status.text}`);
          assert.equal(status.json.enabled, true, `user ${i} after ${signal}`);
        }
      }
      console.log(`PGlite instance, from start to listening: ${times.join(', ')}`);
    } finally {
      await instance.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
