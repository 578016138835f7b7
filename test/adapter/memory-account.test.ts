/**
 * The in-memory adapter's account (`AccountAdapter`): the reference backend's rules for the factors
 * after setup, so `<twofa-manage>`'s stories and tests run against what the server does.
 */
import { expect } from '@open-wc/testing';
import { Secret, TOTP } from 'otpauth';
import { MemoryAdapter } from 'twofa-enroll/adapter/memory';
import type { MemoryAdapterOptions, TwofaError } from 'twofa-enroll/adapter/memory';
import { rejectsWith } from './helpers.js';

const SECRET = 'JBSWY3DPEHPK3PXP';
const PHONE = '+4791234567';
const CODES = ['K7QP-M2XW-9RTD', 'ABCD-EFGH-JKLM', 'NPQR-STUV-WXYZ'];

/** A clock the test moves by hand, in the middle of a time step. */
function clock(start = Date.UTC(2030, 0, 1, 12, 0, 10)) {
  let now = start;
  return { now: () => now, tick: (ms: number) => void (now += ms) };
}

/** An independent TOTP computation (otpauth directly, not through the adapter). */
const totpAt = (secret: string, timestamp: number) => TOTP.generate({ secret: Secret.fromBase32(secret), digits: 6, period: 30, timestamp });
const wrong = (code: string) => code.slice(0, -1) + ((Number(code.at(-1)) + 1) % 10);
const cause = (error: TwofaError) => String((error.cause as Error).message);

/** An account with an app (SECRET), a phone and three recovery codes. */
function seeded(options: MemoryAdapterOptions = {}) {
  const time = clock();
  const adapter = new MemoryAdapter({ now: time.now, factors: { totp: SECRET, phone: PHONE, recoveryCodes: CODES }, ...options });
  return { adapter, time, code: () => totpAt(SECRET, time.now()) };
}

describe('MemoryAdapter: the account', () => {
  it('is off without factors: status, and every change is the backend’s not_enabled', async () => {
    const adapter = new MemoryAdapter();
    expect(await adapter.status()).to.deep.equal({
      account: 'user@example.com',
      enabled: false,
      methods: [],
      maskedPhone: null,
      maskedEmail: null,
      passkeys: [],
      recoveryCodes: 0,
      addedAt: { totp: null, sms: null, email: null },
    });
    expect(cause(await rejectsWith(adapter.turnOff({ code: '123456' }), 'server'))).to.include('not_enabled');
    await rejectsWith(adapter.regenerateRecoveryCodes({ code: '123456' }), 'server');
    await rejectsWith(adapter.removeFactor({ method: 'sms' }, { code: '123456' }), 'server');
    expect(cause(await rejectsWith(adapter.start({ mode: 'add', code: '123456' }), 'server'))).to.include('not_enabled');
  });

  it('status of a seeded account: masked as the server masks, the passkeys, codes and dates', async () => {
    const adapter = new MemoryAdapter({
      now: () => 5_000,
      factors: {
        totp: true,
        phone: PHONE,
        email: ' olga@example.com ',
        passkeys: [{ id: 'k1', name: 'Laptop', createdAt: 1_000, lastUsedAt: 2_000 }, { name: 'Phone' }],
        recoveryCodes: 2,
        addedAt: { totp: 100, email: 300 },
      },
    });
    const status = await adapter.status();
    expect(status).to.deep.include({
      enabled: true,
      methods: ['totp', 'sms', 'email', 'passkey'],
      maskedPhone: '+47 ••• •• 567',
      maskedEmail: 'o•••@example.com',
    });
    expect(status.recoveryCodes).to.equal(2);
    expect(status.addedAt).to.deep.equal({ totp: 100, sms: 5_000, email: 300 });
    expect(status.passkeys[0]).to.deep.equal({ id: 'k1', name: 'Laptop', createdAt: 1_000, lastUsedAt: 2_000 });
    expect(status.passkeys[1]).to.deep.include({ name: 'Phone', createdAt: 5_000, lastUsedAt: null });
    expect(status.passkeys[1].id).to.match(/^[\w-]{22}$/);
    expect(JSON.stringify(status), 'no secret, no whole number').not.to.match(/4791234567|olga@/);
  });

  it('refuses a bad seed early', () => {
    expect(() => new MemoryAdapter({ factors: { phone: '91234567' } })).to.throw(/E\.164/);
    expect(() => new MemoryAdapter({ factors: { email: 'nope' } })).to.throw(/address/);
    expect(() => new MemoryAdapter({ factors: { totp: 'not base32!' } })).to.throw(/Base32/);
  });

  it('step-up in the server’s order: password_required, invalid_password, then proof_required', async () => {
    const { adapter, code } = seeded({ password: 'hunter2' });
    await rejectsWith(adapter.removeFactor({ method: 'sms' }, {}), 'password_required');
    await rejectsWith(adapter.removeFactor({ method: 'sms' }, { code: code() }), 'password_required');
    await rejectsWith(adapter.removeFactor({ method: 'sms' }, { password: 'Hunter2', code: code() }), 'invalid_password');
    await rejectsWith(adapter.removeFactor({ method: 'sms' }, { password: 'hunter2' }), 'proof_required');
    // The right password counted: the memory session is now recently signed in.
    await adapter.removeFactor({ method: 'sms' }, { code: code() });
    expect((await adapter.status()).methods).to.deep.equal(['totp']);
  });

  it('without the password option only the proof is asked for', async () => {
    const { adapter, code } = seeded();
    await rejectsWith(adapter.turnOff({}), 'proof_required');
    await rejectsWith(adapter.turnOff({ password: 'anything' }), 'proof_required');
    await adapter.turnOff({ code: code() });
    expect((await adapter.status()).enabled).to.equal(false);
  });

  it('a current code of the app works once (replay refused); the next time step’s works', async () => {
    const { adapter, time, code } = seeded();
    const now = code();
    await adapter.removeFactor({ method: 'sms' }, { code: now });
    const replay = await rejectsWith(adapter.regenerateRecoveryCodes({ code: now }), 'invalid_proof');
    expect(replay.attemptsLeft).to.equal(4);
    time.tick(30_000);
    await adapter.regenerateRecoveryCodes({ code: code() });
  });

  it('wrong proofs count down attemptsLeft, then lock (rate_limited, even for the right one); a right one resets the count', async () => {
    const { adapter, time, code } = seeded({ maxAttempts: 3, lockout: 60 });
    expect((await rejectsWith(adapter.turnOff({ code: wrong(code()) }), 'invalid_proof')).attemptsLeft).to.equal(2);
    await adapter.removeFactor({ method: 'sms' }, { code: CODES[0] });
    expect((await rejectsWith(adapter.turnOff({ code: 'WRONG-CODE' }), 'invalid_proof')).attemptsLeft, 'counted afresh').to.equal(2);
    expect((await rejectsWith(adapter.turnOff({ code: 'WRONG-CODE' }), 'invalid_proof')).attemptsLeft).to.equal(1);
    expect((await rejectsWith(adapter.turnOff({ code: 'WRONG-CODE' }), 'rate_limited')).retryAfter).to.equal(60);
    await rejectsWith(adapter.turnOff({ code: code() }), 'rate_limited');
    time.tick(60_000);
    await adapter.turnOff({ code: code() });
  });

  it('a recovery code as proof is used up (any case, spaces or hyphens)', async () => {
    const { adapter } = seeded();
    await adapter.removeFactor({ method: 'sms' }, { code: ' k7qp m2xw 9rtd ' });
    expect((await adapter.status()).recoveryCodes).to.equal(2);
    await rejectsWith(adapter.turnOff({ code: CODES[0] }), 'invalid_proof');
  });

  it('regenerating replaces the set: the old codes no longer prove anything, the new ones do', async () => {
    const { adapter, code } = seeded({ recoveryCodeCount: 4 });
    const { codes } = await adapter.regenerateRecoveryCodes({ code: code() });
    expect(codes).to.have.length(4);
    expect(new Set(codes).size).to.equal(4);
    expect((await adapter.status()).recoveryCodes).to.equal(4);
    await rejectsWith(adapter.turnOff({ code: CODES[1] }), 'invalid_proof');
    await adapter.turnOff({ code: codes[2] });
  });

  it('removing the last factor turns two-factor off and clears the recovery codes', async () => {
    const adapter = new MemoryAdapter({ factors: { passkeys: [{ id: 'k1', name: 'Laptop' }], recoveryCodes: CODES } });
    await adapter.removeFactor({ method: 'passkey', id: 'k1' }, { code: CODES[0] });
    expect(await adapter.status()).to.deep.include({ enabled: false, methods: [], passkeys: [], recoveryCodes: 0 });
  });

  it('removing a factor that is not there: the backend’s not_found; other factors stay', async () => {
    const { adapter, time, code } = seeded();
    expect(cause(await rejectsWith(adapter.removeFactor({ method: 'email' }, { code: code() }), 'server'))).to.include('not_found');
    time.tick(30_000);
    await rejectsWith(adapter.removeFactor({ method: 'passkey', id: 'nope' }, { code: code() }), 'server');
    await rejectsWith(adapter.removeFactor({ method: 'totp' } as never, { code: CODES[0] }), 'server');
    expect(await adapter.status()).to.deep.include({ methods: ['totp', 'sms'], recoveryCodes: 3 });
  });

  it('turnOff removes every factor and the codes', async () => {
    const { adapter, code } = seeded({ factors: { totp: SECRET, phone: PHONE, email: 'a@b.no', passkeys: [{ name: 'Key' }], recoveryCodes: 5 } });
    await adapter.turnOff({ code: code() });
    expect(await adapter.status()).to.deep.equal({
      account: 'user@example.com',
      enabled: false,
      methods: [],
      maskedPhone: null,
      maskedEmail: null,
      passkeys: [],
      recoveryCodes: 0,
      addedAt: { totp: null, sms: null, email: null },
    });
    expect(() => adapter.currentCode(), 'no authenticator left').to.throw(Error);
  });

  it('renamePasskey: trimmed, 1 to 64 characters, no step-up; unknown ids are not_found', async () => {
    const adapter = new MemoryAdapter({ password: 'pw', factors: { passkeys: [{ id: 'k1', name: 'Laptop' }] } });
    expect(await adapter.renamePasskey('k1', '  Work laptop ')).to.deep.equal({ id: 'k1', name: 'Work laptop' });
    expect((await adapter.status()).passkeys[0].name).to.equal('Work laptop');
    expect(await adapter.renamePasskey('k1', 'x'.repeat(64))).to.deep.equal({ id: 'k1', name: 'x'.repeat(64) });
    for (const name of ['', '   ', 'x'.repeat(65)]) await rejectsWith(adapter.renamePasskey('k1', name), 'server');
    expect(cause(await rejectsWith(adapter.renamePasskey('k2', 'Phone'), 'server'))).to.include('not_found');
    expect(adapter.passkeys).to.deep.equal([{ id: 'k1', name: 'x'.repeat(64) }]);
  });

  it('latency and failure injection apply to the account calls', async () => {
    const { adapter, code } = seeded({ fail: { status: 'network', turnOff: 'rate_limited' } });
    await rejectsWith(adapter.status(), 'network');
    await rejectsWith(adapter.turnOff({ code: code() }), 'rate_limited');
    const seen: string[] = [];
    adapter.fail = (method) => void seen.push(method);
    await adapter.status();
    await adapter.renamePasskey('nope', 'x').catch(() => undefined);
    expect(seen).to.deep.equal(['status', 'renamePasskey']);
    expect((await adapter.status()).enabled, 'the injected failure changed nothing').to.equal(true);

    const slow = new MemoryAdapter({ latency: 60 });
    const t0 = performance.now();
    await slow.status();
    expect(performance.now() - t0).to.be.at.least(55);
  });

  it('currentCode(): the account’s authenticator while no enrollment is open, the enrollment’s while one is', async () => {
    const { adapter, time } = seeded();
    expect(adapter.currentCode()).to.equal(totpAt(SECRET, time.now()));
    const enrollment = await adapter.start({ mode: 'reset', code: adapter.currentCode() });
    expect(adapter.currentCode()).to.equal(totpAt(enrollment.secret, time.now()));
    await adapter.cancel();
    expect(adapter.currentCode(time.now() + 30_000)).to.equal(totpAt(SECRET, time.now() + 30_000));
  });
});

describe('MemoryAdapter: enrollments update the account', () => {
  it('enroll: what was verified is on, with the set of codes; dates from the clock', async () => {
    const time = clock();
    const adapter = new MemoryAdapter({ now: time.now, smsCode: () => '111111' });
    const e = await adapter.start({});
    await adapter.verifyTotp(totpAt(e.secret, time.now()));
    await adapter.sendSms('+47 912 34 567');
    await adapter.verifySms('111111');
    const { codes } = await adapter.recoveryCodes({ count: 2 });
    expect(await adapter.complete()).to.deep.equal({ methods: ['totp', 'sms'] });
    const status = await adapter.status();
    expect(status).to.deep.include({ enabled: true, methods: ['totp', 'sms'], maskedPhone: '+47 ••• •• 567', recoveryCodes: 2 });
    expect(status.addedAt).to.deep.equal({ totp: time.now(), sms: time.now(), email: null });
    expect(adapter.currentCode(), 'the account’s app, after the enrollment').to.equal(totpAt(e.secret, time.now()));
    await adapter.regenerateRecoveryCodes({ code: codes[1] });
  });

  it('add: needs step-up; the phone on file does not skip the SMS steps; the app and the recovery codes stay', async () => {
    const { adapter, time, code } = seeded({ smsCode: () => '222222', password: 'pw' });
    await rejectsWith(adapter.start({ mode: 'add' }), 'password_required');
    await rejectsWith(adapter.start({ mode: 'add', password: 'pw' }), 'proof_required');
    expect((await rejectsWith(adapter.start({ mode: 'add', code: wrong(code()) }), 'invalid_proof')).attemptsLeft).to.equal(4);
    const e = await adapter.start({ mode: 'add', code: code() });
    expect(e.phoneOnFile).to.equal(false);
    await adapter.sendSms('+4798765432');
    await adapter.verifySms('222222');
    expect(await adapter.complete()).to.deep.equal({ methods: ['totp', 'sms'] });
    const status = await adapter.status();
    expect(status).to.deep.include({ maskedPhone: '+47 ••• •• 432', recoveryCodes: 3 });
    expect(adapter.currentCode(), 'the same app').to.equal(totpAt(SECRET, time.now()));
  });

  it('add with a passkey: it joins the others; a new set of codes in the enrollment replaces the old', async () => {
    const { adapter, code } = seeded({ factors: { totp: SECRET, passkeys: [{ id: 'k1', name: 'Laptop' }], recoveryCodes: CODES } });
    await adapter.start({ mode: 'add', code: code() });
    const { codes } = await adapter.recoveryCodes({ count: 1 });
    await adapter.sendEmail('kari@example.com');
    await adapter.verifyEmail(/\d{6}/.exec(adapter.outbox.at(-1)!.text)![0]);
    expect(await adapter.complete()).to.deep.equal({ methods: ['totp', 'email', 'passkey'] });
    expect((await adapter.status()).recoveryCodes).to.equal(1);
    await rejectsWith(adapter.turnOff({ code: CODES[2] }), 'invalid_proof');
    await adapter.turnOff({ code: codes[0] });
  });

  it('reset: needs proof when the account has a factor; replaces the app and revokes the old recovery codes', async () => {
    const { adapter, time, code } = seeded();
    await rejectsWith(adapter.start({ mode: 'reset' }), 'proof_required');
    const e = await adapter.start({ mode: 'reset', code: CODES[0] });
    expect(e.phoneOnFile, 'a reset keeps the phone on file').to.equal(true);
    await adapter.verifyTotp(totpAt(e.secret, time.now()));
    expect(await adapter.complete()).to.deep.equal({ methods: ['totp', 'sms'] });
    expect(await adapter.status()).to.deep.include({ recoveryCodes: 0, maskedPhone: '+47 ••• •• 567' });
    time.tick(30_000);
    expect(adapter.currentCode()).to.equal(totpAt(e.secret, time.now()));
    await rejectsWith(adapter.turnOff({ code: code() }), 'invalid_proof'); // the old app's code
    await rejectsWith(adapter.turnOff({ code: CODES[1] }), 'invalid_proof'); // an old recovery code
    await adapter.turnOff({ code: totpAt(e.secret, time.now()) });
  });
});
