import { expect } from '@open-wc/testing';
import { Secret, TOTP } from 'otpauth';
import { TwofaError } from 'twofa-enroll';
import { MemoryAdapter, maskEmail, maskPhone } from 'twofa-enroll/adapter/memory';
import type { MemoryAdapterOptions, OutboxMessage } from 'twofa-enroll/adapter/memory';
import { parseOtpauthUri } from '../../src/adapter/otpauth-uri.js';
import { rejectsWith } from './helpers.js';

/** A clock the test moves by hand. */
function clock(start = Date.UTC(2030, 0, 1, 12, 0, 10)) {
  let now = start;
  return { now: () => now, tick: (ms: number) => void (now += ms), set: (ms: number) => void (now = ms) };
}

/** An independent TOTP computation (otpauth directly, not through the adapter). */
const totpAt = (secret: string, timestamp: number, digits = 6) => TOTP.generate({ secret: Secret.fromBase32(secret), digits, period: 30, timestamp });

/** The same length, certainly a different code. */
const wrong = (code: string) => code.slice(0, -1) + ((Number(code.at(-1)) + 1) % 10);

async function startedAdapter(options: MemoryAdapterOptions = {}) {
  const time = clock();
  const adapter = new MemoryAdapter({ now: time.now, ...options });
  const enrollment = await adapter.start({});
  return { adapter, enrollment, time };
}

describe('MemoryAdapter: RFC 6238 Appendix B test vectors', () => {
  // Base32 of the ASCII seeds "1234567890" repeated to 20, 32 and 64 bytes.
  const seeds = {
    SHA1: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    SHA256: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA',
    SHA512: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA',
  } as const;
  const times = [59, 1111111109, 1111111111, 1234567890, 2000000000, 20000000000];
  const expected = {
    SHA1: ['94287082', '07081804', '14050471', '89005924', '69279037', '65353130'],
    SHA256: ['46119246', '68084774', '67062674', '91819424', '90698825', '77737706'],
    SHA512: ['90693936', '25091201', '99943326', '93441116', '38618901', '47863826'],
  };

  it('uses the RFC ASCII seeds', () => {
    expect(Secret.fromBase32(seeds.SHA1).latin1).to.equal('12345678901234567890');
    expect(Secret.fromBase32(seeds.SHA256).latin1).to.equal('12345678901234567890123456789012');
    expect(Secret.fromBase32(seeds.SHA512).latin1).to.equal('1234567890'.repeat(6) + '1234');
  });

  for (const algorithm of ['SHA1', 'SHA256', 'SHA512'] as const) {
    times.forEach((t, i) => {
      const code = expected[algorithm][i];
      it(`${algorithm} at T=${t}: ${code}`, async () => {
        const adapter = new MemoryAdapter({ secret: seeds[algorithm], algorithm, digits: 8, period: 30, now: () => t * 1000 });
        const enrollment = await adapter.start({});
        expect(enrollment).to.include({ secret: seeds[algorithm], algorithm, digits: 8, period: 30 });
        expect(adapter.currentCode()).to.equal(code);
        await rejectsWith(adapter.verifyTotp(wrong(code)), 'invalid_code');
        await adapter.verifyTotp(code);
      });
    });
  }
});

describe('MemoryAdapter: TOTP', () => {
  it('starts an enrollment with a random 160-bit secret and a consistent uri', async () => {
    const { enrollment, time } = await startedAdapter();
    expect(enrollment.secret).to.match(/^[A-Z2-7]{32}$/);
    expect(parseOtpauthUri(enrollment.uri)).to.deep.equal({
      secret: enrollment.secret,
      issuer: 'Example',
      account: 'user@example.com',
      digits: 6,
      period: 30,
      algorithm: 'SHA1',
    });
    expect(enrollment).to.include({ sms: 'optional', phoneOnFile: false, expiresAt: time.now() + 600_000 });
    const other = await new MemoryAdapter().start({});
    expect(other.secret).not.to.equal(enrollment.secret);
  });

  it('accepts codes one step either side, not two (window ±1)', async () => {
    for (const [offset, ok] of [
      [-30_000, true],
      [30_000, true],
      [-60_000, false],
      [60_000, false],
    ] as const) {
      const { adapter, enrollment, time } = await startedAdapter();
      const code = totpAt(enrollment.secret, time.now() + offset);
      if (ok) await adapter.verifyTotp(code);
      else await rejectsWith(adapter.verifyTotp(code), 'invalid_code');
    }
  });

  it('honours window: 0', async () => {
    const { adapter, enrollment, time } = await startedAdapter({ window: 0 });
    await rejectsWith(adapter.verifyTotp(totpAt(enrollment.secret, time.now() - 30_000)), 'invalid_code');
    await adapter.verifyTotp(totpAt(enrollment.secret, time.now()));
  });

  it('accepts spaces inside a code, and refuses letters or the wrong length', async () => {
    const { adapter, enrollment, time } = await startedAdapter();
    const code = totpAt(enrollment.secret, time.now());
    await rejectsWith(adapter.verifyTotp(code.slice(0, 5)), 'invalid_code');
    await rejectsWith(adapter.verifyTotp('abcdef'), 'invalid_code');
    await adapter.verifyTotp(`${code.slice(0, 3)} ${code.slice(3)}`);
  });

  it('refuses a code a second time (replay), and older steps after a newer one', async () => {
    const { adapter, enrollment, time } = await startedAdapter();
    const code = totpAt(enrollment.secret, time.now());
    await adapter.verifyTotp(code);
    const replay = await rejectsWith(adapter.verifyTotp(code), 'invalid_code');
    expect(replay.serverTime).to.equal(time.now());

    time.tick(30_000);
    await rejectsWith(adapter.verifyTotp(code), 'invalid_code'); // still inside the window, but used
    await adapter.verifyTotp(totpAt(enrollment.secret, time.now()));
  });

  it('counts down attemptsLeft with serverTime, locks out after 5 wrong codes, then lets the right one in', async () => {
    const { adapter, enrollment, time } = await startedAdapter();
    const bad = wrong(totpAt(enrollment.secret, time.now()));
    for (const left of [4, 3, 2, 1]) {
      const error = await rejectsWith(adapter.verifyTotp(bad), 'invalid_code');
      expect(error).to.include({ attemptsLeft: left, serverTime: time.now() });
    }
    expect((await rejectsWith(adapter.verifyTotp(bad), 'rate_limited')).retryAfter).to.equal(30);

    time.tick(10_000);
    const locked = await rejectsWith(adapter.verifyTotp(totpAt(enrollment.secret, time.now())), 'rate_limited');
    expect(locked.retryAfter, 'even the right code waits').to.equal(20);

    time.tick(20_000);
    await adapter.verifyTotp(totpAt(enrollment.secret, time.now()));
  });

  it('resets the attempts after a right code', async () => {
    const { adapter, enrollment, time } = await startedAdapter({ maxAttempts: 3 });
    await rejectsWith(adapter.verifyTotp('000000'), 'invalid_code');
    await rejectsWith(adapter.verifyTotp('000001'), 'invalid_code');
    await adapter.verifyTotp(totpAt(enrollment.secret, time.now()));
    expect((await rejectsWith(adapter.verifyTotp('000002'), 'invalid_code')).attemptsLeft).to.equal(2);
  });
});

describe('MemoryAdapter: enrollment lifecycle', () => {
  it('expires after expiresIn: every call says expired until a new start()', async () => {
    const { adapter, enrollment, time } = await startedAdapter({ expiresIn: 60_000 });
    time.tick(59_999);
    await adapter.recoveryCodes();
    time.tick(1);
    await rejectsWith(adapter.verifyTotp(totpAt(enrollment.secret, time.now())), 'expired');
    await rejectsWith(adapter.sendSms('+4791234567'), 'expired');
    await rejectsWith(adapter.recoveryCodes(), 'expired');
    await rejectsWith(adapter.complete(), 'expired');

    const fresh = await adapter.start({});
    expect(fresh.secret, 'an expired secret is not reused').not.to.equal(enrollment.secret);
    await adapter.verifyTotp(totpAt(fresh.secret, time.now()));
  });

  it('emailOnly: false leaves e-mail out of the methods it accepts alone, and refuses to complete with e-mail only', async () => {
    const adapter = new MemoryAdapter({ emailOnly: false, emailCode: () => '123456' });
    expect((await adapter.start({})).methods).to.deep.equal(['totp', 'sms', 'passkey']);
    await adapter.sendEmail('ola@example.no');
    await adapter.verifyEmail('123456');
    await rejectsWith(adapter.complete(), 'email_only');
    expect((await new MemoryAdapter().start({})).methods, 'accepted by default').to.equal(undefined);
  });

  it('a reset with resetProof: the token or a code, each once; without one proof_required', async () => {
    const adapter = new MemoryAdapter({ resetProof: { token: 'link', codes: ['K7QP-M2XW-9RTD'] } });
    await rejectsWith(adapter.start({ mode: 'reset' }), 'proof_required');
    await rejectsWith(adapter.start({ mode: 'reset', code: 'WRONG' }), 'invalid_proof');
    await adapter.start({ mode: 'reset', resetToken: 'link' });
    await rejectsWith(adapter.start({ mode: 'reset', resetToken: 'link' }), 'invalid_proof');
    await adapter.start({ mode: 'reset', code: ' K7QP-M2XW-9RTD ' });
    await rejectsWith(adapter.start({ mode: 'reset', code: 'K7QP-M2XW-9RTD' }), 'invalid_proof');
    expect((await adapter.start({ mode: 'enroll' })).secret, 'enrolling needs no proof').to.be.a('string');
  });

  it('asks for the password, then checks it', async () => {
    const adapter = new MemoryAdapter({ password: 'hunter2' });
    await rejectsWith(adapter.start({}), 'password_required');
    await rejectsWith(adapter.start({ password: 'Hunter2' }), 'invalid_password');
    await adapter.start({ password: 'hunter2' });
  });

  it('returns the same secret on a repeated start(), a new one for another mode or after cancel()', async () => {
    const { adapter, enrollment } = await startedAdapter();
    expect(await adapter.start({})).to.deep.equal(enrollment);
    expect(await adapter.start({ mode: 'enroll' })).to.deep.equal(enrollment);

    const reset = await adapter.start({ mode: 'reset' });
    expect(reset.secret).not.to.equal(enrollment.secret);

    await adapter.cancel();
    expect((await adapter.start({ mode: 'reset' })).secret).not.to.equal(reset.secret);
  });

  it('hands out copies: a caller mutating the enrollment changes nothing', async () => {
    const { adapter, enrollment } = await startedAdapter();
    const secret = enrollment.secret;
    enrollment.secret = 'AAAAAAAA';
    expect((await adapter.start({})).secret).to.equal(secret);
  });

  it('forgets the enrollment on cancel()', async () => {
    const { adapter, enrollment, time } = await startedAdapter();
    await adapter.cancel();
    await rejectsWith(adapter.verifyTotp(totpAt(enrollment.secret, time.now())), 'server');
    expect(() => adapter.currentCode()).to.throw(/start\(\)/);
    await adapter.cancel(); // nothing open: still fine
  });

  it('refuses calls before start()', async () => {
    const adapter = new MemoryAdapter();
    await rejectsWith(adapter.verifyTotp('123456'), 'server');
    await rejectsWith(adapter.recoveryCodes(), 'server');
    expect(() => adapter.currentCode()).to.throw(Error);
  });

  it('uses a configured secret in any spelling, and rejects bad options early', async () => {
    const adapter = new MemoryAdapter({ secret: 'jbsw y3dp ehpk 3pxp====', issuer: 'Blåbær', account: 'åse' });
    const enrollment = await adapter.start({});
    expect(enrollment).to.include({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'Blåbær', account: 'åse' });
    expect(() => new MemoryAdapter({ secret: 'not base32!' })).to.throw(Error);
    expect(() => new MemoryAdapter({ digits: 7 as 6 })).to.throw(TwofaError);
    expect(() => new MemoryAdapter({ sms: 'sometimes' as 'off' })).to.throw(TwofaError);
  });
});

describe('MemoryAdapter: SMS', () => {
  it('sends a code to the outbox and onSms, masks the phone, and verifies the code', async () => {
    const received: OutboxMessage[] = [];
    const { adapter, time } = await startedAdapter({ issuer: 'Acme', onSms: (m) => received.push(m) });
    const sent = await adapter.sendSms('+47 912 34 567');
    expect(sent).to.deep.equal({ maskedPhone: '+47 ••• •• 567', resendAfter: 30 });

    expect(adapter.outbox).to.have.length(1);
    const [message] = adapter.outbox;
    expect(message).to.include({ channel: 'sms', to: '+4791234567', at: time.now() });
    expect(message.text).to.include('Acme');
    expect(received).to.deep.equal([message]);
    const code = /\b(\d{6})\b/.exec(message.text)![1];

    const error = await rejectsWith(adapter.verifySms(wrong(code)), 'invalid_code');
    expect(error.attemptsLeft).to.equal(4);
    await adapter.verifySms(code);
    await rejectsWith(adapter.verifySms(code), 'invalid_code'); // used once
  });

  it('makes six random digits per SMS by default', async () => {
    const codes = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const { adapter } = await startedAdapter();
      await adapter.sendSms('+4791234567');
      codes.add(/\d{6}/.exec(adapter.outbox[0].text)![0]);
    }
    expect(codes.size, 'five SMS, (almost surely) five codes').to.be.greaterThan(3);
  });

  for (const phone of ['91234567', '+0123456789', '+47 12', '+47912345678901234', 'abc', '']) {
    it(`rejects ${JSON.stringify(phone)} with invalid_phone and sends nothing`, async () => {
      const { adapter } = await startedAdapter();
      await rejectsWith(adapter.sendSms(phone), 'invalid_phone');
      expect(adapter.outbox).to.have.length(0);
    });
  }

  it('limits resends, and only the latest code counts', async () => {
    let n = 100000;
    const { adapter, time } = await startedAdapter({ smsCode: () => String(++n) });
    await adapter.sendSms('+4791234567');
    time.tick(10_000);
    expect((await rejectsWith(adapter.sendSms('+4791234567'), 'rate_limited')).retryAfter).to.equal(20);
    expect(adapter.outbox).to.have.length(1);
    time.tick(20_000);
    await adapter.sendSms('+46701234567');
    expect(adapter.outbox.map((m) => m.text.slice(0, 6))).to.deep.equal(['100001', '100002']);
    await rejectsWith(adapter.verifySms('100001'), 'invalid_code');
    await adapter.verifySms('100002');
  });

  it('locks SMS verification out after too many wrong codes', async () => {
    const { adapter } = await startedAdapter({ smsCode: () => '123456', maxAttempts: 2, lockout: 60 });
    await adapter.sendSms('+4791234567');
    await rejectsWith(adapter.verifySms('000000'), 'invalid_code');
    expect((await rejectsWith(adapter.verifySms('000000'), 'rate_limited')).retryAfter).to.equal(60);
    await rejectsWith(adapter.verifySms('123456'), 'rate_limited');
  });

  it('refuses verifySms() before an SMS was sent, and sendSms() when SMS is off', async () => {
    await rejectsWith((await startedAdapter()).adapter.verifySms('123456'), 'server');
    await rejectsWith((await startedAdapter({ sms: 'off' })).adapter.sendSms('+4791234567'), 'server');
  });

  it('masks numbers keeping the country code and the last three digits', () => {
    expect(maskPhone('+4791234567')).to.equal('+47 ••• •• 567');
    expect(maskPhone('+12025550123')).to.equal('+1 ••• ••• • 123');
    expect(maskPhone('+46701234567')).to.equal('+46 ••• ••• 567');
    expect(maskPhone('+358401234567')).to.equal('+358 ••• ••• 567');
    expect(maskPhone('+4791234567')).not.to.include('9123');
  });
});

describe('MemoryAdapter: e-mail', () => {
  it('sends a code to the outbox and onEmail, masks the address, and verifies the code once', async () => {
    const received: OutboxMessage[] = [];
    const sms: OutboxMessage[] = [];
    const { adapter, time } = await startedAdapter({ issuer: 'Acme', onEmail: (m) => received.push(m), onSms: (m) => sms.push(m) });
    expect(await adapter.sendEmail(' olga@example.com ')).to.deep.equal({ maskedEmail: 'o•••@example.com', resendAfter: 30 });

    const [message] = adapter.outbox;
    expect(message).to.include({ channel: 'email', to: 'olga@example.com', at: time.now() });
    expect(message.text).to.match(/^\d{6} is your Acme code\.$/);
    expect(received).to.deep.equal([message]);
    expect(sms, 'onSms hears only text messages').to.deep.equal([]);
    const code = message.text.slice(0, 6);

    expect((await rejectsWith(adapter.verifyEmail(wrong(code)), 'invalid_code')).attemptsLeft).to.equal(4);
    await adapter.verifyEmail(code);
    await rejectsWith(adapter.verifyEmail(code), 'invalid_code'); // used once
  });

  it('accepts internationalised addresses and refuses what is certainly no address, sending nothing', async () => {
    const { adapter } = await startedAdapter();
    for (const email of [
      '',
      'olga',
      'olga@',
      '@example.com',
      'olga@example',
      'olga@@example.com',
      'olga smith@example.com',
      'olga@example..com',
      `${'x'.repeat(243)}@example.com`,
    ]) {
      await rejectsWith(adapter.sendEmail(email), 'invalid_email');
    }
    expect(adapter.outbox).to.have.length(0);
    expect((await adapter.sendEmail('a\u030Ase@eksempel.no')).maskedEmail).to.equal('å•••@eksempel.no');
    expect(adapter.outbox[0].to, 'in NFC').to.equal('åse@eksempel.no');
  });

  it('limits resends, only the latest code counts, and wrong codes lock e-mail alone', async () => {
    let n = 200000;
    const { adapter, enrollment, time } = await startedAdapter({ emailCode: () => String(++n), smsCode: () => '999999', maxAttempts: 2 });
    await adapter.sendEmail('olga@example.com');
    await adapter.sendSms('+4791234567');
    time.tick(10_000);
    expect((await rejectsWith(adapter.sendEmail('olga@example.com'), 'rate_limited')).retryAfter).to.equal(20);
    time.tick(20_000);
    await adapter.sendEmail('olga@example.com');
    await rejectsWith(adapter.verifyEmail('200001'), 'invalid_code');
    await rejectsWith(adapter.verifyEmail('000000'), 'rate_limited');
    await rejectsWith(adapter.verifyEmail('200002'), 'rate_limited');
    await adapter.verifySms('999999');
    await adapter.verifyTotp(totpAt(enrollment.secret, time.now()));
    time.tick(30_000);
    await adapter.verifyEmail('200002');
  });

  it('refuses verifyEmail() before an e-mail was sent', async () => {
    await rejectsWith((await startedAdapter()).adapter.verifyEmail('123456'), 'server');
  });

  it('masks addresses keeping the first character and the domain', () => {
    expect(maskEmail('olga@example.com')).to.equal('o•••@example.com');
    expect(maskEmail('o@example.com')).to.equal('o•••@example.com');
    expect(maskEmail('😀x@example.com')).to.equal('😀•••@example.com');
  });
});

describe('MemoryAdapter: recovery codes and completion', () => {
  const FORMAT = /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/;

  it('makes recoveryCodeCount codes without look-alikes, the same ones on a repeated call', async () => {
    const { adapter } = await startedAdapter({ recoveryCodeCount: 10 });
    const { codes } = await adapter.recoveryCodes();
    expect(codes).to.have.length(10);
    for (const code of codes)
      expect(code)
        .to.match(FORMAT)
        .and.not.match(/[01IO]/);
    expect(new Set(codes).size).to.equal(10);
    expect((await adapter.recoveryCodes()).codes).to.deep.equal(codes);

    await adapter.cancel();
    await adapter.start({});
    expect((await adapter.recoveryCodes()).codes).not.to.deep.equal(codes);
  });

  it('makes one code by default', async () => {
    const { codes } = await (await startedAdapter()).adapter.recoveryCodes();
    expect(codes).to.have.length(1);
    expect(codes[0]).to.match(FORMAT);
  });

  it('makes as many codes as asked for (1 to 16), a new set for another count', async () => {
    const { adapter } = await startedAdapter();
    const ten = (await adapter.recoveryCodes({ count: 10 })).codes;
    expect(new Set(ten).size).to.equal(10);
    expect((await adapter.recoveryCodes({ count: 10 })).codes).to.deep.equal(ten);
    expect((await adapter.recoveryCodes({ count: 16 })).codes).to.have.length(16);
    expect((await adapter.recoveryCodes()).codes).to.have.length(1);
    for (const count of [0, 17, 2.5]) await rejectsWith(adapter.recoveryCodes({ count }), 'server');
  });

  it('refuses complete() before the TOTP code was verified, then enables totp and closes', async () => {
    const { adapter, enrollment, time } = await startedAdapter();
    await rejectsWith(adapter.complete(), 'server');
    await adapter.verifyTotp(totpAt(enrollment.secret, time.now()));
    expect(await adapter.complete()).to.deep.equal({ methods: ['totp'] });
    await rejectsWith(adapter.complete(), 'server');
    expect((await adapter.start({})).secret, 'a completed enrollment is not reused').not.to.equal(enrollment.secret);
  });

  it('refuses complete() while a sent SMS is unverified, then enables totp and sms', async () => {
    const { adapter, enrollment, time } = await startedAdapter({ smsCode: () => '424242' });
    await adapter.verifyTotp(totpAt(enrollment.secret, time.now()));
    await adapter.sendSms('+4791234567');
    await rejectsWith(adapter.complete(), 'server');
    await adapter.verifySms('424242');
    expect(await adapter.complete()).to.deep.equal({ methods: ['totp', 'sms'] });
  });

  it('completes with an e-mail or an SMS code as the only method', async () => {
    const email = await startedAdapter({ emailCode: () => '515151' });
    await rejectsWith(email.adapter.complete(), 'server');
    await email.adapter.sendEmail('olga@example.com');
    await email.adapter.verifyEmail('515151');
    expect(await email.adapter.complete()).to.deep.equal({ methods: ['email'] });

    const sms = await startedAdapter({ smsCode: () => '525252', sms: 'required' });
    await sms.adapter.sendSms('+4791234567');
    await sms.adapter.verifySms('525252');
    expect(await sms.adapter.complete()).to.deep.equal({ methods: ['sms'] });
  });

  it('refuses complete() while any code that was sent is unverified; enables everything verified', async () => {
    const { adapter, enrollment, time } = await startedAdapter({ emailCode: () => '535353', smsCode: () => '545454' });
    await adapter.sendEmail('olga@example.com');
    await adapter.verifyEmail('535353');
    await adapter.sendSms('+4791234567');
    await rejectsWith(adapter.complete(), 'server');
    await adapter.verifySms('545454');
    await adapter.verifyTotp(totpAt(enrollment.secret, time.now()));
    expect(await adapter.complete()).to.deep.equal({ methods: ['totp', 'sms', 'email'] });
  });

  it('asks no phone of an e-mail enrollment under SMS "required" (the policy is for TOTP enrollments)', async () => {
    const { adapter } = await startedAdapter({ sms: 'required', emailCode: () => '565656' });
    await adapter.sendEmail('olga@example.com');
    await adapter.verifyEmail('565656');
    expect(await adapter.complete()).to.deep.equal({ methods: ['email'] });
  });

  it('requires the SMS step when the policy is required and no phone is on file', async () => {
    const required = await startedAdapter({ sms: 'required' });
    await required.adapter.verifyTotp(totpAt(required.enrollment.secret, required.time.now()));
    await rejectsWith(required.adapter.complete(), 'server');

    const onFile = await startedAdapter({ sms: 'required', phoneOnFile: true });
    await onFile.adapter.verifyTotp(totpAt(onFile.enrollment.secret, onFile.time.now()));
    expect(await onFile.adapter.complete()).to.deep.equal({ methods: ['totp', 'sms'] });
  });
});

describe('MemoryAdapter: demo helpers', () => {
  it('fails on demand, per method or through a hook that can be changed later', async () => {
    const { adapter } = await startedAdapter({ fail: { recoveryCodes: 'network', sendSms: 'rate_limited' } });
    await rejectsWith(adapter.recoveryCodes(), 'network');
    expect((await rejectsWith(adapter.sendSms('+4791234567'), 'rate_limited')).retryAfter).to.equal(30);
    expect(adapter.outbox, 'an injected failure does nothing else').to.have.length(0);

    let calls = 0;
    adapter.fail = (method) => (method === 'complete' && ++calls === 1 ? new TwofaError('server', { retryAfter: 5 }) : undefined);
    expect((await rejectsWith(adapter.complete(), 'server')).retryAfter).to.equal(5);
    await adapter.recoveryCodes();
  });

  it('simulates latency', async () => {
    const adapter = new MemoryAdapter({ latency: 60 });
    const t0 = performance.now();
    await adapter.start({});
    expect(performance.now() - t0).to.be.at.least(55);
  });

  it('shows the current code, the same an authenticator app computes', async () => {
    const { adapter, enrollment, time } = await startedAdapter();
    expect(adapter.currentCode()).to.equal(totpAt(enrollment.secret, time.now()));
    expect(adapter.currentCode(time.now() + 30_000)).to.equal(totpAt(enrollment.secret, time.now() + 30_000));
    await adapter.verifyTotp(adapter.currentCode());
  });
});

describe('bundle boundaries', () => {
  it('keeps otpauth out of the modules the production bundle uses', async () => {
    // The served (transformed) modules: bare imports are rewritten to /node_modules/… paths.
    const served = async (file: string) => (await fetch(`/src/adapter/${file}.ts`)).text();
    const importsOtpauth = (source: string) => /from\s*["'](otpauth|[^"']*\/node_modules\/otpauth\/)/.test(source);
    expect(importsOtpauth(await served('memory-adapter')), 'the check can see the import').to.equal(true);
    for (const file of ['otpauth-uri', 'validate-enrollment', 'http-adapter', 'errors']) {
      const source = await served(file);
      expect(source, file).to.include('export');
      expect(importsOtpauth(source), file).to.equal(false);
    }
  });
});
