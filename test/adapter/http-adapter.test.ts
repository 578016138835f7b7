import { expect } from '@open-wc/testing';
import { ERROR_CODES } from 'twofa-enroll';
import { HttpAdapter } from 'twofa-enroll/adapter/http';
import type { HttpAdapterOptions } from 'twofa-enroll/adapter/http';
import { rejectsWith } from './helpers.js';

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
  credentials?: RequestCredentials;
  signal?: AbortSignal | null;
}

type Reply = Response | Error | ((call: Call) => Response | Promise<Response>);

/** A fake fetch that records every request and answers from a queue (the last reply repeats). */
function fakeFetch(...replies: Reply[]) {
  const calls: Call[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const call: Call = {
      url: String(input),
      method: init.method ?? 'GET',
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : init.body,
      credentials: init.credentials,
      signal: init.signal,
    };
    calls.push(call);
    const reply = replies.length > 1 ? replies.shift()! : replies[0];
    if (reply instanceof Error) throw reply;
    return typeof reply === 'function' ? reply(call) : reply.clone();
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
const noContent = () => new Response(null, { status: 204 });

const ENROLLMENT = { id: 'enr/1 ?x', secret: 'JBSWY3DPEHPK3PXP', issuer: 'Acme', account: 'kari@example.com' };
const ID_PATH = '/api/2fa/enrollment/enr%2F1%20%3Fx';

/** An adapter whose start() has resolved; the fake then answers with `replies`. */
async function started(replies: Reply[], options: Partial<HttpAdapterOptions> = {}) {
  const fake = fakeFetch(json(ENROLLMENT), ...replies);
  const adapter = new HttpAdapter({ endpoint: '/api/2fa', fetch: fake.fetch, ...options });
  await adapter.start({});
  return { adapter, calls: fake.calls };
}

describe('HttpAdapter requests', () => {
  it('starts with POST {endpoint}/enrollment, JSON headers, extra headers and same-origin credentials', async () => {
    const fake = fakeFetch(json(ENROLLMENT));
    const adapter = new HttpAdapter({ endpoint: '/api/2fa/', fetch: fake.fetch, headers: { 'X-CSRF-Token': 'csrf-1' } });
    const enrollment = await adapter.start({ password: 'hunter2', mode: 'reset' });

    expect(fake.calls).to.have.length(1);
    const [call] = fake.calls;
    expect(call.url).to.equal('/api/2fa/enrollment');
    expect(call.method).to.equal('POST');
    expect(call.body).to.deep.equal({ password: 'hunter2', mode: 'reset' });
    expect(call.headers).to.deep.equal({ 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': 'csrf-1' });
    expect(call.credentials).to.equal('same-origin');
    expect(call.signal).to.be.instanceOf(AbortSignal);
    expect(enrollment.secret).to.equal('JBSWY3DPEHPK3PXP');
    expect(enrollment.uri).to.equal('otpauth://totp/Acme:kari%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme&algorithm=SHA1&digits=6&period=30');
    expect(enrollment, 'the id stays inside the adapter').not.to.have.property('id');
  });

  it('sends an empty body when start() has neither password nor mode', async () => {
    const fake = fakeFetch(json(ENROLLMENT));
    await new HttpAdapter({ endpoint: '/api/2fa', fetch: fake.fetch }).start({});
    expect(fake.calls[0].body).to.deep.equal({});
  });

  it('calls every endpoint with the path-encoded id, method and body', async () => {
    const { adapter, calls } = await started([
      noContent(),
      json({ maskedPhone: '+47 ••• •• 567', resendAfter: 30 }),
      json({}),
      json({ maskedEmail: 'å•••@eksempel.no', resendAfter: 45 }),
      noContent(),
      json({ codes: ['ABCD-EFGH-JKLM'] }),
      json({ codes: ['ABCD-EFGH-JKLM', 'NPQR-STUV-WXYZ'] }),
      json({ methods: ['totp', 'sms', 'email'] }),
    ]);
    await adapter.verifyTotp('123456');
    expect(await adapter.sendSms('+4791234567')).to.deep.equal({ maskedPhone: '+47 ••• •• 567', resendAfter: 30 });
    await adapter.verifySms('654321');
    expect(await adapter.sendEmail('åse@eksempel.no')).to.deep.equal({ maskedEmail: 'å•••@eksempel.no', resendAfter: 45 });
    await adapter.verifyEmail('111222');
    expect(await adapter.recoveryCodes()).to.deep.equal({ codes: ['ABCD-EFGH-JKLM'] });
    expect(await adapter.recoveryCodes({ count: 2 })).to.deep.equal({ codes: ['ABCD-EFGH-JKLM', 'NPQR-STUV-WXYZ'] });
    expect(await adapter.complete()).to.deep.equal({ methods: ['totp', 'sms', 'email'] });

    expect(calls.slice(1).map(({ method, url, body }) => ({ method, url, body }))).to.deep.equal([
      { method: 'POST', url: `${ID_PATH}/totp`, body: { code: '123456' } },
      { method: 'POST', url: `${ID_PATH}/sms`, body: { phone: '+4791234567' } },
      { method: 'POST', url: `${ID_PATH}/sms/verify`, body: { code: '654321' } },
      { method: 'POST', url: `${ID_PATH}/email`, body: { email: 'åse@eksempel.no' } },
      { method: 'POST', url: `${ID_PATH}/email/verify`, body: { code: '111222' } },
      { method: 'POST', url: `${ID_PATH}/recovery-codes`, body: {} },
      { method: 'POST', url: `${ID_PATH}/recovery-codes`, body: { count: 2 } },
      { method: 'POST', url: `${ID_PATH}/complete`, body: {} },
    ]);
    for (const call of calls) expect(call.headers['content-type']).to.equal('application/json');

    await adapter.cancel();
    expect(calls, 'complete() closed the enrollment: cancel sends nothing').to.have.length(9);
  });

  it('cancels with DELETE …/{id}, without a body, once', async () => {
    const { adapter, calls } = await started([noContent()]);
    await adapter.cancel();
    expect(calls[1]).to.include({ method: 'DELETE', url: ID_PATH, body: undefined });
    expect(calls[1].headers).to.deep.equal({ accept: 'application/json' });
    await adapter.cancel();
    expect(calls).to.have.length(2);
    await rejectsWith(adapter.verifyTotp('123456'), 'server');
    expect(calls).to.have.length(2);
  });

  it('resolves cancel() without a request when nothing was started', async () => {
    const fake = fakeFetch(noContent());
    await new HttpAdapter({ endpoint: '/api/2fa', fetch: fake.fetch }).cancel();
    expect(fake.calls).to.have.length(0);
  });

  it('rejects calls before start() with server, without a request', async () => {
    const fake = fakeFetch(noContent());
    const adapter = new HttpAdapter({ endpoint: '/api/2fa', fetch: fake.fetch });
    const error = await rejectsWith(adapter.verifyTotp('123456'), 'server');
    expect(String((error.cause as Error).message)).to.include('start()');
    await rejectsWith(adapter.recoveryCodes(), 'server');
    await rejectsWith(adapter.sendEmail('jane@example.com'), 'server');
    expect(fake.calls).to.have.length(0);
  });

  it('calls a headers function before every request (rotating CSRF tokens), async ones too', async () => {
    let n = 0;
    const { adapter, calls } = await started([noContent()], {
      headers: async () => ({ 'X-CSRF-Token': `token-${++n}` }),
      credentials: 'include',
    });
    await adapter.verifyTotp('123456');
    expect(calls.map((c) => c.headers['x-csrf-token'])).to.deep.equal(['token-1', 'token-2']);
    expect(calls.map((c) => c.credentials)).to.deep.equal(['include', 'include']);
  });

  it('accepts epoch ms or an ISO string for expiresAt', async () => {
    const iso = fakeFetch(json({ ...ENROLLMENT, expiresAt: '2030-01-01T00:00:00Z' }));
    expect((await new HttpAdapter({ endpoint: '/x', fetch: iso.fetch }).start({})).expiresAt).to.equal(Date.UTC(2030, 0, 1));
    const ms = fakeFetch(json({ ...ENROLLMENT, expiresAt: 1_893_456_000_000 }));
    expect((await new HttpAdapter({ endpoint: '/x', fetch: ms.fetch }).start({})).expiresAt).to.equal(1_893_456_000_000);
  });

  it('uses the global fetch when none is given, called without a wrong `this`', async () => {
    const original = window.fetch;
    const fake = fakeFetch(json(ENROLLMENT));
    window.fetch = fake.fetch;
    try {
      await new HttpAdapter({ endpoint: '/api/2fa' }).start({});
    } finally {
      window.fetch = original;
    }
    expect(fake.calls).to.have.length(1);
  });

  it('works with window.fetch passed as the option (no "Illegal invocation")', async () => {
    // The test server answers 404: a 'server' error proves fetch ran; a bad `this` would be a TypeError → 'network'.
    await rejectsWith(new HttpAdapter({ endpoint: '/no-such-api', fetch: window.fetch }).start({}), 'server');
  });
});

describe('HttpAdapter errors', () => {
  for (const code of ERROR_CODES) {
    it(`maps a body { error: '${code}' } to TwofaError('${code}') with its details`, async () => {
      const { adapter } = await started([json({ error: code, retryAfter: 12, attemptsLeft: 2, serverTime: 1_700_000_000_000 }, 400)]);
      const error = await rejectsWith(adapter.verifyTotp('000000'), code);
      expect(error).to.include({ retryAfter: 12, attemptsLeft: 2, serverTime: 1_700_000_000_000 });
    });
  }

  const byStatus: Array<[number, unknown, string]> = [
    [410, {}, 'expired'],
    [429, {}, 'rate_limited'],
    [401, {}, 'server'],
    [403, { message: 'CSRF' }, 'server'],
    [403, { error: 'invalid_password' }, 'invalid_password'],
    [404, {}, 'server'],
    [400, { error: 'teapot' }, 'server'],
    [429, { error: 'teapot' }, 'rate_limited'],
    [500, {}, 'server'],
    [503, { error: 42 }, 'server'],
  ];
  for (const [status, body, code] of byStatus) {
    it(`maps HTTP ${status} ${JSON.stringify(body)} to ${code}`, async () => {
      const { adapter } = await started([json(body, status)]);
      await rejectsWith(adapter.verifyTotp('000000'), code as never);
    });
  }

  it('maps an HTML 500 page to server and never passes its text on', async () => {
    const page = '<html><body>Internal Server Error: stack trace with SECRET JBSWY3DPEHPK3PXP</body></html>';
    const { adapter } = await started([new Response(page, { status: 500, headers: { 'Content-Type': 'text/html' } })]);
    const error = await rejectsWith(adapter.verifyTotp('000000'), 'server');
    expect(error.message).to.equal('server');
    expect(String(error) + String(error.cause))
      .not.to.include('Internal')
      .and.not.to.include('JBSWY3DPEHPK3PXP');
  });

  it('maps a rejected fetch (TypeError) to network', async () => {
    const { adapter } = await started([new TypeError('Failed to fetch')]);
    await rejectsWith(adapter.verifyTotp('000000'), 'network');
  });

  it('aborts a request that outlives the timeout, with timeout', async () => {
    let signal: AbortSignal | null | undefined;
    const hang = (call: Call) =>
      new Promise<Response>((_, reject) => {
        signal = call.signal;
        call.signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')));
      });
    const { adapter } = await started([hang], { timeout: 50 });
    const t0 = performance.now();
    await rejectsWith(adapter.verifyTotp('000000'), 'timeout');
    expect(performance.now() - t0).to.be.within(40, 2000);
    expect(signal?.aborted).to.equal(true);
  });

  it('takes retryAfter from the Retry-After header when the body has none (or a negative one)', async () => {
    const fromHeader = await started([json({ error: 'rate_limited' }, 429, { 'Retry-After': '42' })]);
    expect((await rejectsWith(fromHeader.adapter.sendSms('+4791234567'), 'rate_limited')).retryAfter).to.equal(42);

    const bodyWins = await started([json({ error: 'rate_limited', retryAfter: 10 }, 429, { 'Retry-After': '42' })]);
    expect((await rejectsWith(bodyWins.adapter.sendSms('+4791234567'), 'rate_limited')).retryAfter).to.equal(10);

    const negative = await started([json({ error: 'rate_limited', retryAfter: -5 }, 429, { 'Retry-After': '7' })]);
    expect((await rejectsWith(negative.adapter.sendSms('+4791234567'), 'rate_limited')).retryAfter).to.equal(7);

    const date = new Date(Date.now() + 60_000).toUTCString();
    const httpDate = await started([new Response('', { status: 429, headers: { 'Retry-After': date } })]);
    expect((await rejectsWith(httpDate.adapter.sendSms('+4791234567'), 'rate_limited')).retryAfter).to.be.within(58, 61);
  });

  it('drops a negative retryAfter or attemptsLeft from the server', async () => {
    const { adapter } = await started([json({ error: 'invalid_code', retryAfter: -1, attemptsLeft: -3 }, 400)]);
    const error = await rejectsWith(adapter.verifyTotp('000000'), 'invalid_code');
    expect(error.retryAfter).to.equal(undefined);
    expect(error.attemptsLeft).to.equal(undefined);
  });

  it('takes serverTime for invalid_code from the Date header when the body has none', async () => {
    const date = 'Tue, 15 Nov 2033 08:12:31 GMT';
    const fromHeader = await started([json({ error: 'invalid_code', attemptsLeft: 3 }, 400, { Date: date })]);
    const error = await rejectsWith(fromHeader.adapter.verifyTotp('000000'), 'invalid_code');
    expect(error.serverTime).to.equal(Date.parse(date));
    expect(error.attemptsLeft).to.equal(3);

    const bodyWins = await started([json({ error: 'invalid_code', serverTime: 1_234 }, 400, { Date: date })]);
    expect((await rejectsWith(bodyWins.adapter.verifyTotp('000000'), 'invalid_code')).serverTime).to.equal(1_234);

    const otherCode = await started([json({ error: 'expired' }, 410, { Date: date })]);
    expect((await rejectsWith(otherCode.adapter.verifyTotp('000000'), 'expired')).serverTime).to.equal(undefined);
  });
});

describe('HttpAdapter malformed responses', () => {
  const badStarts: Array<[string, Response]> = [
    ['malformed JSON', new Response('{"id": "1", "secret": ', { status: 200 })],
    ['an HTML 200 page', new Response('<html>Welcome</html>', { status: 200 })],
    ['an empty 200', new Response('', { status: 200 })],
    ['no id', json({ ...ENROLLMENT, id: undefined })],
    ['neither secret nor uri', json({ ...ENROLLMENT, secret: undefined })],
    ['digits 7', json({ ...ENROLLMENT, digits: 7 })],
    ['a uri that is not otpauth://totp/', json({ id: '1', uri: 'https://evil.example/', issuer: 'Acme', account: 'a' })],
  ];
  for (const [name, response] of badStarts) {
    it(`rejects start() with server for ${name}, and stays unstarted`, async () => {
      const fake = fakeFetch(response, noContent());
      const adapter = new HttpAdapter({ endpoint: '/api/2fa', fetch: fake.fetch });
      await rejectsWith(adapter.start({}), 'server');
      await rejectsWith(adapter.verifyTotp('123456'), 'server');
      expect(fake.calls).to.have.length(1);
    });
  }

  it('does not quote a malformed body (which may hold the secret) in the error', async () => {
    const fake = fakeFetch(new Response('{"id": "1", "secret": "JBSWY3DPEHPK3PXP", ', { status: 200 }));
    const error = await rejectsWith(new HttpAdapter({ endpoint: '/api/2fa', fetch: fake.fetch }).start({}), 'server');
    expect(`${error.message} ${String(error.cause)}`).not.to.include('JBSWY3DPEHPK3PXP');
  });

  it('keeps HTML in issuer and account as text', async () => {
    const fake = fakeFetch(json({ ...ENROLLMENT, issuer: '<script>alert(1)</script>', account: '<b>kari</b>' }));
    const enrollment = await new HttpAdapter({ endpoint: '/api/2fa', fetch: fake.fetch }).start({});
    expect(enrollment.issuer).to.equal('<script>alert(1)</script>');
    expect(enrollment.account).to.equal('<b>kari</b>');
  });

  it('rejects with server when a 2xx lacks what the call returns', async () => {
    const { adapter } = await started([
      json({ resendAfter: 30 }),
      json({ maskedPhone: '+47 ••• •• 567', resendAfter: 30 }),
      json({ codes: 'ABCD' }),
      json({ codes: [] }),
      new Response('{', { status: 200 }),
    ]);
    await rejectsWith(adapter.sendSms('+4791234567'), 'server');
    await rejectsWith(adapter.sendEmail('jane@example.com'), 'server'); // a maskedPhone is no maskedEmail
    await rejectsWith(adapter.recoveryCodes(), 'server');
    await rejectsWith(adapter.recoveryCodes(), 'server');
    await rejectsWith(adapter.complete(), 'server');
  });

  it('ignores a negative or missing resendAfter rather than failing the send', async () => {
    const { adapter } = await started([
      json({ maskedPhone: '+47 ••• •• 567', resendAfter: -3 }),
      json({ maskedPhone: '+47 ••• •• 567' }),
      json({ maskedEmail: 'j•••@example.com', resendAfter: 'soon' }),
    ]);
    expect((await adapter.sendSms('+4791234567')).resendAfter).to.equal(0);
    expect((await adapter.sendSms('+4791234567')).resendAfter).to.equal(0);
    expect(await adapter.sendEmail('jane@example.com')).to.deep.equal({ maskedEmail: 'j•••@example.com', resendAfter: 0 });
  });
});

describe('HttpAdapter: passkeys', () => {
  const PUBLIC_KEY = {
    rp: { name: 'Acme' },
    user: { id: 'dQ', name: 'kari', displayName: 'kari' },
    challenge: 'Y2g',
    pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
  };
  const CREDENTIAL = {
    id: 'aWQ',
    rawId: 'aWQ',
    type: 'public-key',
    response: { clientDataJSON: 'e30', attestationObject: 'oA' },
    clientExtensionResults: {},
  } as const;

  it('passkeyOptions: POST …/passkey/options with an empty body, answers the publicKey', async () => {
    const { adapter, calls } = await started([json({ publicKey: PUBLIC_KEY })]);
    expect(await adapter.passkeyOptions()).to.deep.equal(PUBLIC_KEY);
    expect(calls[1]).to.deep.include({ url: `${ID_PATH}/passkey/options`, method: 'POST', body: {} });
  });

  it('registerPasskey: POST …/passkey with { credential, name }, answers { id, name }', async () => {
    const { adapter, calls } = await started([json({ id: 'aWQ', name: 'Laptop', extra: 1 })]);
    expect(await adapter.registerPasskey({ credential: CREDENTIAL, name: 'Laptop' })).to.deep.equal({ id: 'aWQ', name: 'Laptop' });
    expect(calls[1]).to.deep.include({ url: `${ID_PATH}/passkey`, method: 'POST', body: { credential: CREDENTIAL, name: 'Laptop' } });
  });

  it('their errors: 400 invalid_passkey, 409 passkey_exists; a malformed answer is server', async () => {
    const refused = await started([json({ error: 'invalid_passkey' }, 400)]);
    await rejectsWith(refused.adapter.registerPasskey({ credential: CREDENTIAL, name: 'x' }), 'invalid_passkey');
    const exists = await started([json({ error: 'passkey_exists' }, 409)]);
    await rejectsWith(exists.adapter.registerPasskey({ credential: CREDENTIAL, name: 'x' }), 'passkey_exists');
    const malformed = await started([json({ options: PUBLIC_KEY })]);
    await rejectsWith(malformed.adapter.passkeyOptions(), 'server');
  });

  it('ERROR_CODES has both', () => {
    expect(ERROR_CODES).to.include.members(['invalid_passkey', 'passkey_exists']);
  });
});
