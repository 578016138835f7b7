/**
 * The conformance suite against the reference backend (every rule must pass, none skipped), its
 * command line, and proof that it catches broken backends.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { runConformance } from '../conformance/run.js';
import { rules } from '../conformance/rules.js';
import { MemoryStore } from '../store.js';
import { startReference } from './helpers.js';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../conformance/run.js', import.meta.url));
const quiet = () => {};

describe('conformance suite', () => {
  /** @type {Awaited<ReturnType<typeof startReference>>} */
  let server;
  before(async () => {
    // Short expiry, lockout and passkey challenges, so that the rules that wait for them run rather than skip.
    server = await startReference({ dev: true, expiresIn: 5000, lockout: 2, passkeyTimeout: 2000 });
  });
  after(() => server.close());

  test('the reference backend passes every rule, none skipped', async () => {
    const lines = [];
    const summary = await runConformance({ base: server.base, password: 'demo', print: (line) => lines.push(line) });
    const failures = summary.results.filter((r) => r.outcome !== 'pass');
    assert.deepEqual(failures, [], lines.join('\n'));
    assert.equal(summary.passed, rules.length);
    assert.equal(lines.at(-1), `Conformance: ${rules.length} passed, 0 failed`);
  });

  test('the command line: PASS lines, the summary line, exit code 0', async () => {
    const { stdout } = await run(process.execPath, [cli, server.base, '--password', 'demo', '--only', 'start:'], { timeout: 60_000 });
    const lines = stdout.trim().split('\n');
    assert.ok(lines.length > 3);
    assert.ok(
      lines.slice(0, -1).every((line) => line.startsWith('PASS  start: ')),
      stdout,
    );
    assert.match(lines.at(-1) ?? '', /^Conformance: [1-9]\d* passed, 0 failed$/);
  });

  test('rules that need waiting longer than --max-wait are skipped, and say why', async () => {
    const lines = [];
    const summary = await runConformance({ base: server.base, only: 'expired', maxWait: 1, print: (line) => lines.push(line) });
    assert.deepEqual([summary.passed, summary.failed, summary.skipped], [0, 0, 1]);
    assert.match(lines.join('\n'), /SKIP {2}expiry: .*\n {6}enrollments live \d s; run with a shorter expiry or a larger --max-wait/);
  });

  test('a backend that accepts replayed codes fails the replay rules (exit code 1)', async () => {
    class ForgetfulStore extends MemoryStore {
      /** @param {import('../store.js').EnrollmentRecord} e */
      async saveEnrollment(e) {
        await super.saveEnrollment({ ...e, totp: { ...e.totp, lastCounter: null } });
      }
    }
    const broken = await startReference({ dev: true, store: new ForgetfulStore() });
    try {
      const summary = await runConformance({ base: broken.base, only: 'totp:', print: quiet });
      const failed = summary.results.filter((r) => r.outcome === 'fail').map((r) => r.rule);
      assert.deepEqual(failed, [
        'totp: a code accepted once is refused when sent again (replay)',
        'totp: a replay sent concurrently is accepted at most once',
        'totp: after a code is accepted, codes of earlier time steps are refused',
      ]);
      const exit = await run(process.execPath, [cli, broken.base, '--only', 'replay']).catch((error) => error);
      assert.equal(exit.code, 1);
      assert.match(exit.stdout, /FAIL {2}totp: a code accepted once is refused when sent again \(replay\)\n {6}the same code again: expected 400, got 204/);
      assert.match(exit.stdout, /\nConformance: 0 passed, 2 failed\n$/);
    } finally {
      await broken.close();
    }
  });

  test('a backend whose count of wrong codes starts over with each enrollment fails the cap rule', async () => {
    const lenient = await startReference({ dev: true, maxFailuresPerUser: Infinity });
    try {
      const summary = await runConformance({ base: lenient.base, only: 'capped per user', print: quiet });
      assert.deepEqual([summary.passed, summary.failed], [0, 1]);
      assert.match(summary.results[0].detail ?? '', /^32 wrong codes, at most 4 per enrollment and channel, and none refused/);
    } finally {
      await lenient.close();
    }
  });

  test('a backend that leaks stack traces and HTML error pages fails the error-shape rules', async () => {
    const leaky = createServer((req, res) => {
      if (req.url?.endsWith('/session')) {
        res.setHeader('Set-Cookie', 'sid=1');
        res.setHeader('Content-Type', 'application/json');
        res.end('{"csrfToken":"t"}');
        return;
      }
      res.statusCode = 500;
      res.setHeader('Content-Type', 'text/html');
      res.end('<pre>TypeError: x is undefined\n    at handler (/srv/app.js:10:5)</pre>');
    });
    await new Promise((resolve) => leaky.listen(0, '127.0.0.1', () => resolve(undefined)));
    try {
      const { port } = /** @type {import('node:net').AddressInfo} */ (leaky.address());
      const summary = await runConformance({ base: `http://127.0.0.1:${port}/api/2fa`, only: 'ids:', print: quiet });
      assert.equal(summary.passed, 0);
      assert.equal(summary.failed, 2);
    } finally {
      leaky.closeAllConnections();
      await new Promise((resolve) => leaky.close(() => resolve(undefined)));
    }
  });
});
