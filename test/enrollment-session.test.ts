/**
 * The enrollment session on its own, without a DOM or an element: the requests the step machine
 * asks for, run against the in-memory backend, answered in the machine's terms (RESOLVE/REJECT),
 * what it keeps for the steps, when it expires and what it forgets.
 */
import { expect } from '@open-wc/testing';
import { TOTP } from 'otpauth';
import { EnrollmentSession, type SessionSettings } from '../src/twofa-enroll/enrollment-session.js';
import { MemoryAdapter } from '../src/adapter/memory-adapter.js';
import { TwofaError } from '../src/adapter/errors.js';
import type { EnrollmentAdapter, StartRequest } from '../src/adapter/types.js';

function session(adapter: EnrollmentAdapter, settings: Partial<SessionSettings> = {}, onExpire = () => {}) {
  const all: SessionSettings = { adapter, endpoint: '', mode: 'enroll', recoveryCodeCount: 1, ...settings };
  return new EnrollmentSession(() => all, onExpire);
}

const codeFor = (secret: string) => new TOTP({ secret }).generate();

describe('EnrollmentSession', () => {
  it('start: keeps the enrollment and answers with the facts the machine plans by', async () => {
    const s = session(new MemoryAdapter({ sms: 'required', phoneOnFile: true, password: 'hunter2' }));
    expect(await s.run('start', 'hunter2')).to.deep.equal({
      type: 'RESOLVE',
      facts: { enrolled: true, sms: 'required', phoneOnFile: true, methods: undefined },
    });
    expect(s.enrollment?.secret).to.match(/^[A-Z2-7]{32}$/);
    expect(s.enrollment?.uri).to.match(/^otpauth:\/\/totp\//);
  });

  it('a refused request answers REJECT with the error the steps explain, and keeps nothing', async () => {
    const s = session(new MemoryAdapter({ password: 'hunter2' }));
    expect(await s.run('start', 'wrong')).to.deep.equal({
      type: 'REJECT',
      error: { code: 'invalid_password', retryAfter: undefined, attemptsLeft: undefined, serverTime: undefined },
    });
    expect(s.enrollment).to.equal(null);
  });

  it('verifies the code typed, and counts the attempts left', async () => {
    const s = session(new MemoryAdapter({ maxAttempts: 3 }));
    await s.run('start');
    const wrong = await s.run('verifyTotp', '000000');
    expect(wrong).to.have.nested.property('error.code', 'invalid_code');
    expect(wrong).to.have.nested.property('error.attemptsLeft', 2);
    expect(await s.run('verifyTotp', codeFor(s.enrollment!.secret))).to.deep.equal({ type: 'RESOLVE', facts: undefined });
  });

  it('sends the SMS to the number given and keeps the masked number and resend wait to show', async () => {
    const adapter = new MemoryAdapter({ resendAfter: 30 });
    const s = session(adapter);
    await s.run('start');
    expect(await s.run('sendSms', '+4791234567')).to.deep.equal({ type: 'RESOLVE', facts: undefined });
    expect(adapter.outbox.at(-1)?.to).to.equal('+4791234567');
    expect(s.smsSent?.maskedPhone).to.be.a('string').and.not.contain('91234567');
    expect(s.smsSent?.resendAfter).to.equal(30);
  });

  it("a reset: the host's reset token goes with a start until one succeeds; a typed code goes as the proof, without the token", async () => {
    const adapter = new MemoryAdapter({ resetProof: { token: 'link-token', codes: ['ABCD-EFGH-JKLM'] } });
    const seen: unknown[] = [];
    const spy: EnrollmentAdapter = Object.assign(Object.create(adapter), {
      start: (request: Parameters<EnrollmentAdapter['start']>[0]) => (seen.push(request), adapter.start(request)),
    });
    const s = session(spy, { mode: 'reset', resetToken: 'link-token' });
    expect((await s.run('start')).type).to.equal('RESOLVE');
    await s.run('start');
    expect(seen).to.deep.equal([
      { mode: 'reset', password: undefined, resetToken: 'link-token' },
      { mode: 'reset', password: undefined, resetToken: undefined },
    ]);
    expect(
      await new EnrollmentSession(
        () => ({ adapter, endpoint: '', mode: 'reset', recoveryCodeCount: 1 }),
        () => {},
      ).run('prove', 'nope'),
    ).to.deep.equal({
      type: 'REJECT',
      error: { code: 'invalid_proof', retryAfter: undefined, attemptsLeft: 4, serverTime: undefined },
    });
    seen.length = 0;
    expect((await s.run('prove', 'ABCD-EFGH-JKLM')).type).to.equal('RESOLVE');
    expect(seen).to.deep.equal([{ mode: 'reset', code: 'ABCD-EFGH-JKLM', password: undefined }]);
  });

  it('a password given before the server asked for proof goes again with the proof, and is forgotten once a start succeeds', async () => {
    // A backend that wants the password with every start (the reference backend's `requirePassword`), and proof for a reset.
    const seen: StartRequest[] = [];
    const adapter = new MemoryAdapter();
    const spy: EnrollmentAdapter = Object.assign(Object.create(adapter), {
      start: async (request: StartRequest) => {
        seen.push(request);
        if (request.password !== 'pw') throw new TwofaError('password_required');
        if (request.code !== 'CODE') throw new TwofaError('proof_required');
        return adapter.start({});
      },
    });
    const s = session(spy, { mode: 'reset' });
    expect((await s.run('start', 'pw')).type).to.equal('REJECT');
    expect((await s.run('prove', 'CODE')).type).to.equal('RESOLVE');
    expect(seen.map(({ password, code }) => [password, code])).to.deep.equal([
      ['pw', undefined],
      ['pw', 'CODE'],
    ]);
    await s.run('prove', 'CODE');
    expect(seen[2].password, 'forgotten after the start').to.equal(undefined);
  });

  it('asks for as many recovery codes as the settings say, with the mode for the enrollment', async () => {
    const adapter = new MemoryAdapter();
    let seen: unknown;
    const spy: EnrollmentAdapter = Object.assign(Object.create(adapter), {
      start: (request: Parameters<EnrollmentAdapter['start']>[0]) => ((seen = request), adapter.start(request)),
    });
    const s = session(spy, { recoveryCodeCount: 10, mode: 'reset' });
    await s.run('start');
    expect(seen).to.deep.equal({ password: undefined, resetToken: undefined, mode: 'reset' });
    await s.run('verifyTotp', codeFor(s.enrollment!.secret));
    await s.run('recoveryCodes');
    expect(s.emergencyCodes).to.have.length(10);
  });

  it('an answer the steps cannot show is a server error, never a network one', async () => {
    const adapter = new MemoryAdapter();
    const broken: EnrollmentAdapter = Object.assign(Object.create(adapter), {
      recoveryCodes: async () => ({ codes: ['  '] }),
      complete: async () => ({ methods: 'totp' }),
      sendSms: async () => ({ maskedPhone: 42, resendAfter: 1 }),
    });
    const s = session(broken);
    await s.run('start');
    for (const request of ['recoveryCodes', 'complete', 'sendSms'] as const) {
      expect(await s.run(request, '+4791234567'), request).to.have.nested.property('error.code', 'server');
    }
    expect(s.emergencyCodes).to.deep.equal([]);
    expect(s.smsSent).to.equal(null);
  });

  it('the resend wait shown is a finite number of seconds, whatever the adapter says', async () => {
    const adapter = new MemoryAdapter();
    const odd: EnrollmentAdapter = Object.assign(Object.create(adapter), { sendSms: async () => ({ maskedPhone: '•• 67', resendAfter: Infinity }) });
    const s = session(odd);
    await s.run('sendSms', '+4791234567');
    expect(s.smsSent?.resendAfter).to.equal(0);
  });

  it('keeps only the methods the wizard can name when the enrollment completes', async () => {
    const adapter = new MemoryAdapter();
    const s = session(Object.assign(Object.create(adapter), { complete: async () => ({ methods: ['totp', '<b>fido</b>', 'sms'] }) }));
    await s.run('complete');
    expect(s.enabledMethods).to.deep.equal(['totp', 'sms']);
  });

  it('tells when the enrollment expires; once ended it forgets the secret and the codes, and stays quiet', async () => {
    let expired = 0;
    const s = session(new MemoryAdapter({ expiresIn: 30 }), {}, () => expired++);
    await s.run('start');
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(expired).to.equal(1);

    const ended = session(new MemoryAdapter({ expiresIn: 30 }), {}, () => expired++);
    await ended.run('start');
    await ended.run('verifyTotp', codeFor(ended.enrollment!.secret));
    await ended.run('recoveryCodes');
    ended.end();
    expect(ended.enrollment).to.equal(null);
    expect(ended.emergencyCodes).to.deep.equal([]);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(expired, 'no expiry after the end').to.equal(1);
  });

  it("discard asks the server to drop the enrollment, and a failure there is no one's problem", async () => {
    const adapter = new MemoryAdapter();
    let cancelled = 0;
    const s = session(Object.assign(Object.create(adapter), { cancel: async () => (cancelled++, Promise.reject(new TwofaError('network'))) }));
    s.discard();
    await new Promise((resolve) => setTimeout(resolve));
    expect(cancelled).to.equal(1);
  });

  it('without an adapter, talks HTTP to the endpoint, and follows a changed endpoint', async () => {
    const urls: string[] = [];
    const realFetch = window.fetch;
    window.fetch = async (input) => {
      urls.push(String(input));
      return new Response(JSON.stringify({ error: 'server' }), { status: 500, headers: { 'content-type': 'application/json' } });
    };
    try {
      const settings: SessionSettings = { endpoint: '/api/one', mode: 'enroll', recoveryCodeCount: 1 };
      const s = new EnrollmentSession(
        () => settings,
        () => {},
      );
      expect(s.canSendEmail).to.equal(true);
      await s.run('start');
      settings.endpoint = '/api/two';
      await s.run('start');
      expect(urls.map((url) => new URL(url, location.href).pathname)).to.deep.equal(['/api/one/enrollment', '/api/two/enrollment']);
    } finally {
      window.fetch = realFetch;
    }
  });

  it('an adapter without e-mail cannot send e-mail codes', () => {
    const adapter = new MemoryAdapter();
    const noEmail: EnrollmentAdapter = Object.assign(Object.create(adapter), { sendEmail: undefined, verifyEmail: undefined });
    expect(session(noEmail).canSendEmail).to.equal(false);
    expect(session(adapter).canSendEmail).to.equal(true);
  });
});
