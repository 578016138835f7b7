import { expect } from '@open-wc/testing';
import { HttpAccountAdapter, HttpAdapter } from 'twofa-enroll/adapter/http';
import type { AccountAdapter, EnrollmentAdapter } from 'twofa-enroll/adapter/http';
import { rejectsWith } from './helpers.js';

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A fake fetch that records every request and answers from a queue (the last reply repeats). */
function fakeFetch(...replies: Response[]) {
  const calls: Call[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    calls.push({
      url: String(input),
      method: init.method ?? 'GET',
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : init.body,
    });
    const reply = replies.length > 1 ? replies.shift()! : replies[0];
    return reply.clone();
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const noContent = () => new Response(null, { status: 204 });

function account(...replies: Response[]) {
  const fake = fakeFetch(...replies);
  const adapter = new HttpAccountAdapter({ endpoint: '/api/2fa/', fetch: fake.fetch, headers: { 'X-CSRF-Token': 'csrf-1' } });
  return { adapter, calls: fake.calls };
}

const STATUS = {
  account: 'kari@example.com',
  enabled: true,
  methods: ['totp', 'sms', 'passkey'],
  maskedPhone: '+47 ••• •• 567',
  maskedEmail: null,
  passkeys: [{ id: 'cred-1', name: 'Laptop', createdAt: 1_700_000_000_000, lastUsedAt: null }],
  recoveryCodes: 3,
  addedAt: { totp: 1_700_000_000_000, sms: 1_700_000_100_000, email: null },
};

describe('HttpAccountAdapter', () => {
  it('is an HttpAdapter too: one object serves <twofa-enroll> and <twofa-manage>', async () => {
    const { adapter, calls } = account(json({ id: 'e1', secret: 'JBSWY3DPEHPK3PXP', account: 'kari@example.com' }));
    const both: EnrollmentAdapter & AccountAdapter = adapter;
    expect(both).to.be.instanceOf(HttpAdapter);
    await adapter.start({ mode: 'add', code: '123456' });
    expect(calls[0]).to.deep.include({ method: 'POST', url: '/api/2fa/enrollment', body: { mode: 'add', code: '123456' } });
  });

  it('status(): GET /status, without a body; the answer as AccountStatus', async () => {
    const { adapter, calls } = account(json(STATUS));
    const status = await adapter.status();
    expect(calls).to.have.length(1);
    expect(calls[0]).to.deep.include({ method: 'GET', url: '/api/2fa/status', body: undefined });
    expect(calls[0].headers).to.deep.equal({ accept: 'application/json', 'x-csrf-token': 'csrf-1' });
    expect(status).to.deep.equal(STATUS);
  });

  it('status(): the account name is optional (a backend may leave it out)', async () => {
    const { account: _name, ...anonymous } = STATUS;
    expect(await account(json(anonymous)).adapter.status()).to.deep.equal(anonymous);
  });

  it('every change: its route, method and body (only the step-up fields given)', async () => {
    const { adapter, calls } = account(
      json({ codes: ['AAAA-BBBB-CCCC-DDDD'] }),
      noContent(),
      noContent(),
      noContent(),
      json({ id: 'a/b', name: 'Work' }),
      noContent(),
    );
    expect(await adapter.regenerateRecoveryCodes({ password: 'hunter2', code: '123456' })).to.deep.equal({ codes: ['AAAA-BBBB-CCCC-DDDD'] });
    await adapter.removeFactor({ method: 'sms' }, { code: '654321' });
    await adapter.removeFactor({ method: 'email' }, {});
    await adapter.removeFactor({ method: 'passkey', id: 'a/b ?' }, { password: 'pw' });
    expect(await adapter.renamePasskey('a/b', ' Work ')).to.deep.equal({ id: 'a/b', name: 'Work' });
    await adapter.turnOff({ code: 'AAAA-BBBB-CCCC-DDDD' });
    expect(calls.map(({ method, url, body }) => ({ method, url, body }))).to.deep.equal([
      { method: 'POST', url: '/api/2fa/recovery-codes', body: { password: 'hunter2', code: '123456' } },
      { method: 'DELETE', url: '/api/2fa/sms', body: { code: '654321' } },
      { method: 'DELETE', url: '/api/2fa/email', body: {} },
      { method: 'DELETE', url: '/api/2fa/passkeys/a%2Fb%20%3F', body: { password: 'pw' } },
      { method: 'PATCH', url: '/api/2fa/passkeys/a%2Fb', body: { name: ' Work ' } },
      { method: 'DELETE', url: '/api/2fa/two-factor', body: { code: 'AAAA-BBBB-CCCC-DDDD' } },
    ]);
    for (const call of calls) expect(call.headers['content-type'], call.url).to.equal('application/json');
  });

  it('sends count with the recoveryCodeCount option', async () => {
    const fake = fakeFetch(json({ codes: ['A', 'B'] }));
    const adapter = new HttpAccountAdapter({ endpoint: '/api', fetch: fake.fetch, recoveryCodeCount: 10 });
    await adapter.regenerateRecoveryCodes({ code: '1' });
    expect(fake.calls[0].body).to.deep.equal({ code: '1', count: 10 });
  });

  it('refuses a factor that is not removable, without a request', async () => {
    const { adapter, calls } = account(noContent());
    await rejectsWith(adapter.removeFactor({ method: 'totp' } as never, {}), 'server');
    await rejectsWith(adapter.removeFactor({ method: 'passkey', id: '' }, {}), 'server');
    expect(calls).to.have.length(0);
  });

  it('maps the step-up answers by name, with attemptsLeft and retryAfter', async () => {
    const { adapter } = account(
      json({ error: 'password_required' }, 403),
      json({ error: 'proof_required' }, 403),
      json({ error: 'invalid_password' }, 401),
      json({ error: 'invalid_proof', attemptsLeft: 3 }, 403),
      json({ error: 'rate_limited', retryAfter: 30 }, 429),
    );
    await rejectsWith(adapter.removeFactor({ method: 'sms' }, {}), 'password_required');
    await rejectsWith(adapter.turnOff({ password: 'pw' }), 'proof_required');
    await rejectsWith(adapter.regenerateRecoveryCodes({ password: 'wrong' }), 'invalid_password');
    expect((await rejectsWith(adapter.removeFactor({ method: 'email' }, { code: '000000' }), 'invalid_proof')).attemptsLeft).to.equal(3);
    expect((await rejectsWith(adapter.turnOff({ code: '000000' }), 'rate_limited')).retryAfter).to.equal(30);
  });

  it("maps the backend's not_enabled (409) and not_found (404) to server", async () => {
    const { adapter } = account(json({ error: 'not_enabled' }, 409), json({ error: 'not_found' }, 404));
    const off = await rejectsWith(adapter.turnOff({ code: '123456' }), 'server');
    expect(String((off.cause as Error).message)).to.include('409');
    await rejectsWith(adapter.renamePasskey('gone', 'x'), 'server');
  });

  const malformed: [string, unknown][] = [
    ['no object', [STATUS]],
    ['an account name that is no string', { ...STATUS, account: 42 }],
    ['enabled not a boolean', { ...STATUS, enabled: 'yes' }],
    ['an unknown method', { ...STATUS, methods: ['totp', 'carrier-pigeon'] }],
    ['methods missing', { ...STATUS, methods: undefined }],
    ['a masked phone that is a number', { ...STATUS, maskedPhone: 4791234567 }],
    ['a masked e-mail missing', { ...STATUS, maskedEmail: undefined }],
    ['passkeys not a list', { ...STATUS, passkeys: {} }],
    ['a passkey without an id', { ...STATUS, passkeys: [{ name: 'x', createdAt: 1, lastUsedAt: null }] }],
    ['a passkey with a string date', { ...STATUS, passkeys: [{ id: 'a', name: 'x', createdAt: '2026-01-01', lastUsedAt: null }] }],
    ['a passkey with lastUsedAt missing', { ...STATUS, passkeys: [{ id: 'a', name: 'x', createdAt: 1 }] }],
    ['recoveryCodes negative', { ...STATUS, recoveryCodes: -1 }],
    ['recoveryCodes a fraction', { ...STATUS, recoveryCodes: 1.5 }],
    ['addedAt missing', { ...STATUS, addedAt: undefined }],
    ['addedAt.sms a string', { ...STATUS, addedAt: { ...STATUS.addedAt, sms: 'today' } }],
  ];
  for (const [what, body] of malformed) {
    it(`rejects a status with ${what}: server`, async () => {
      await rejectsWith(account(json(body)).adapter.status(), 'server');
    });
  }

  it('rejects malformed answers to the changes: server', async () => {
    await rejectsWith(account(json({ codes: [] })).adapter.regenerateRecoveryCodes({}), 'server');
    await rejectsWith(account(json({ codes: 'AAAA' })).adapter.regenerateRecoveryCodes({}), 'server');
    await rejectsWith(account(noContent()).adapter.regenerateRecoveryCodes({}), 'server');
    await rejectsWith(account(json({ id: 'a' })).adapter.renamePasskey('a', 'x'), 'server');
    await rejectsWith(account(new Response('<html>oops</html>', { status: 200 })).adapter.status(), 'server');
  });

  it('logs nothing, neither requests, answers nor failures', async () => {
    const logged: unknown[] = [];
    const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
    const saved = methods.map((name) => console[name]);
    for (const name of methods) console[name] = (...args: unknown[]) => void logged.push(args);
    try {
      const { adapter } = account(
        json(STATUS),
        json({ codes: ['SECRET-CODE'] }),
        json({ error: 'invalid_proof', attemptsLeft: 1 }, 403),
        new Response('<html>secret</html>', { status: 500 }),
        json({ bogus: true }),
      );
      await adapter.status();
      await adapter.regenerateRecoveryCodes({ password: 'hunter2', code: '123456' });
      await rejectsWith(adapter.turnOff({ password: 'hunter2', code: '000000' }), 'invalid_proof');
      await rejectsWith(adapter.removeFactor({ method: 'sms' }, { code: '111111' }), 'server');
      await rejectsWith(adapter.status(), 'server');
    } finally {
      methods.forEach((name, i) => (console[name] = saved[i]));
    }
    expect(logged).to.deep.equal([]);
  });
});
