/**
 * The host app of server/README.md (server/examples/host-app.js) as it is written: Express, its own
 * sessions and providers, production mode, PGlite. The conformance suite runs against it through a
 * test-only sign-in for a new user and a view of what its providers were given; then the Fetch
 * handler on its own, and the Express middleware behind a body parser and under a mount path.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { connect } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import express from 'express';
import { runConformance } from '../conformance/run.js';
import { rules } from '../conformance/rules.js';
import { createApp } from '../app.js';

/** @param {import('node:http').Server} server */
const originOf = (server) => `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;

/** @param {express.Express} app @returns {Promise<import('node:http').Server>} */
const listen = (app) =>
  new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
  });

describe('the host app of the README', () => {
  /** @type {string} */
  let dataDir;
  /** @type {import('node:http').Server} */
  let server;
  /** @type {typeof import('../examples/host-app.js')} */
  let host;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'twofa-host-'));
    process.env.TWOFA_DATA_DIR = dataDir;
    process.env.TWOFA_SECRET_KEY = randomBytes(32).toString('base64');
    host = await import('../examples/host-app.js');
    const { accounts } = await import('../examples/your-accounts.js');
    const { sent } = await import('../examples/your-providers.js');
    let users = 0;
    // Test-only routes, as a team would add to a test build: a new user signed in, and what the providers got.
    host.app.get('/test/session', async (_req, res) => {
      const user = await accounts.add(`user${++users}@example.com`, 'test password');
      const { setCookie, csrfToken } = accounts.open(user.id);
      res.setHeader('Set-Cookie', setCookie).json({ csrfToken });
    });
    host.app.get('/test/outbox', (_req, res) => void res.json({ messages: sent }));
    server = await listen(host.app);
  });

  after(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    host?.twofa.close();
    await /** @type {import("../sql-store.js").SqlStore} */ (host?.twofa.store)?.close();
    await rm(dataDir, { recursive: true, force: true });
    delete process.env.TWOFA_DATA_DIR;
    delete process.env.TWOFA_SECRET_KEY;
  });

  test('is at most 40 lines, and server/README.md shows it as it is', async () => {
    const source = await readFile(new URL('../examples/host-app.js', import.meta.url), 'utf8');
    const lines = source.trimEnd().split('\n');
    assert.ok(lines.length <= 40, `${lines.length} lines`);
    assert.ok((await readFile(new URL('../README.md', import.meta.url), 'utf8')).includes(`\`\`\`js\n${source}\`\`\``), 'the README has another version');
  });

  test('passes the conformance suite; only the rules that wait longer than --max-wait are skipped', async () => {
    const origin = originOf(server);
    const lines = [];
    const summary = await runConformance({
      base: `${origin}/api/2fa`,
      sessionUrl: `${origin}/test/session`,
      outboxUrl: `${origin}/test/outbox`,
      password: 'test password',
      print: (line) => lines.push(line),
    });
    assert.equal(summary.failed, 0, lines.join('\n'));
    const skipped = summary.results.filter((r) => r.outcome === 'skip').map((r) => r.rule);
    assert.deepEqual(
      skipped,
      [
        'totp: the lockout ends after retryAfter',
        "passkey: a challenge past the options' timeout is refused with 400 invalid_passkey",
        'expiry: an expired enrollment answers 410 expired',
      ],
      lines.join('\n'),
    );
    assert.equal(summary.passed, rules.length - skipped.length);
  });

  test('its sign-in and pages are its own: the API answers only under /api/2fa', async () => {
    const origin = originOf(server);
    assert.equal(
      (
        await fetch(`${origin}/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"email":"jane@example.com","password":"wrong"}',
        })
      ).status,
      401,
    );
    const signIn = await fetch(`${origin}/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'jane@example.com', password: 'correct horse battery staple' }),
    });
    assert.equal(signIn.status, 200);
    const cookie = signIn.headers.getSetCookie()[0].split(';')[0];
    const status = await fetch(`${origin}/api/2fa/status`, { headers: { cookie } });
    assert.equal(status.status, 200);
    assert.equal((await status.json()).account, 'jane@example.com');
    assert.equal((await fetch(`${origin}/api/2fa/session`)).status, 401, 'no demo session in production');
    assert.equal((await fetch(`${origin}/api/2fa/dev/outbox`, { headers: { cookie } })).status, 404);
  });
});

describe('mounting', () => {
  test('app.fetch: the API as a Fetch handler, with no server at all', async () => {
    const twofa = createApp({ log: () => {} });
    try {
      const url = (/** @type {string} */ path) => `https://shop.example/api/2fa${path}`;
      assert.equal(twofa.handles('/api/2fa/status'), true);
      assert.equal(twofa.handles('/api/2fax'), false);
      const session = await twofa.fetch(new Request(url('/session')));
      assert.equal(session.status, 200);
      const cookie = session.headers.getSetCookie()[0];
      assert.match(cookie, /^__Host-twofa_demo_session=/, 'an https URL is TLS: the __Host- cookie');
      const { csrfToken } = await session.json();
      const headers = { cookie: cookie.split(';')[0], 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
      const started = await twofa.fetch(new Request(url('/enrollment'), { method: 'POST', headers, body: '{}' }));
      assert.equal(started.status, 201);
      assert.equal(started.headers.get('cache-control'), 'no-store');
      const foreign = await twofa.fetch(
        new Request(url('/enrollment'), { method: 'POST', headers: { ...headers, origin: 'https://evil.example' }, body: '{}' }),
      );
      assert.deepEqual(await foreign.json(), { error: 'csrf' });
      const outside = await twofa.fetch(new Request('https://shop.example/elsewhere'));
      assert.equal(outside.status, 404);
    } finally {
      twofa.close();
    }
  });

  test('node:http: a Host header no URL can hold still gets a JSON answer (the Request is made on localhost)', async () => {
    const twofa = createApp({ log: () => {} });
    const server = createServer(twofa.handle);
    await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
    try {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      const raw = await new Promise((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => socket.end('GET /api/2fa/status HTTP/1.1\r\nHost: bad host:x\r\nConnection: close\r\n\r\n'));
        let text = '';
        socket.on('data', (chunk) => (text += chunk));
        socket.on('end', () => resolve(text));
        socket.on('error', reject);
      });
      assert.match(String(raw), /^HTTP\/1\.1 401 /);
      assert.match(String(raw), /\{"error":"unauthenticated"\}$/);
    } finally {
      server.close();
      twofa.close();
    }
  });

  test('Express: mounted under a path, behind a JSON body parser, other routes reached through next()', async () => {
    const twofa = createApp({ log: () => {} });
    const app = express();
    app.use(express.json());
    app.use('/api/2fa', twofa.handle);
    app.get('/api/2fa-help', (_req, res) => void res.send('help'));
    const server = await listen(app);
    try {
      const base = `${originOf(server)}/api/2fa`;
      const session = await fetch(`${base}/session`);
      const { csrfToken } = await session.json();
      const headers = { cookie: session.headers.getSetCookie()[0].split(';')[0], 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
      const started = await fetch(`${base}/enrollment`, { method: 'POST', headers, body: JSON.stringify({ mode: 'enroll' }) });
      assert.equal(started.status, 201, 'the parsed body stands in for the stream');
      const wrong = await fetch(`${base}/enrollment`, { method: 'POST', headers, body: JSON.stringify({ mode: 'sideways' }) });
      assert.deepEqual(await wrong.json(), { error: 'bad_request' }, 'and is checked like one');
      assert.equal(await (await fetch(`${originOf(server)}/api/2fa-help`)).text(), 'help');
      const unknown = await fetch(`${base}/nothing`);
      assert.deepEqual(await unknown.json(), { error: 'not_found' }, 'under the mount path, the API answers');
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      twofa.close();
    }
  });
});
