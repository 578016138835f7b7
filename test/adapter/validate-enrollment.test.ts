import { expect } from '@open-wc/testing';
import { URI } from 'otpauth';
import { TwofaError, type TwofaErrorCode } from '../../src/adapter/errors.js';
import { validateEnrollment } from '../../src/adapter/validate-enrollment.js';

const SECRET = 'JBSWY3DPEHPK3PXP';
const URI_8 = 'otpauth://totp/Acme:kari%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme&algorithm=SHA256&digits=8&period=60';

describe('validateEnrollment', () => {
  it('fills the uri from the secret and the defaults (6 digits, 30 s, SHA1, sms optional)', () => {
    const enrollment = validateEnrollment({ secret: SECRET, issuer: 'Acme', account: 'kari@example.com' });
    expect(enrollment).to.deep.equal({
      secret: SECRET,
      uri: 'otpauth://totp/Acme:kari%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme&algorithm=SHA1&digits=6&period=30',
      issuer: 'Acme',
      account: 'kari@example.com',
      digits: 6,
      period: 30,
      algorithm: 'SHA1',
      sms: 'optional',
    });
  });

  it('fills secret, issuer, account and parameters from the uri', () => {
    expect(validateEnrollment({ uri: URI_8 })).to.deep.equal({
      secret: SECRET,
      uri: URI_8,
      issuer: 'Acme',
      account: 'kari@example.com',
      digits: 8,
      period: 60,
      algorithm: 'SHA256',
      sms: 'optional',
    });
  });

  it('normalizes a grouped, lowercase, padded secret', () => {
    expect(validateEnrollment({ secret: 'jbsw y3dp ehpk 3pxp====', account: 'a' }).secret).to.equal(SECRET);
  });

  it('keeps HTML in issuer and account as text, and encodes it in the uri', () => {
    const issuer = '<img src=x onerror="alert(1)">';
    const enrollment = validateEnrollment({ secret: SECRET, issuer, account: '<b>kari</b>' });
    expect(enrollment.issuer).to.equal(issuer);
    expect(enrollment.account).to.equal('<b>kari</b>');
    expect(enrollment.uri).not.to.match(/[<>"]/);
    expect(URI.parse(enrollment.uri).issuer).to.equal(issuer);
  });

  it('normalizes expiresAt from an ISO string or epoch ms, and keeps phoneOnFile and sms', () => {
    const iso = validateEnrollment({ secret: SECRET, account: 'a', expiresAt: '2030-01-02T03:04:05.000Z', phoneOnFile: true, sms: 'required' });
    expect(iso.expiresAt).to.equal(Date.UTC(2030, 0, 2, 3, 4, 5));
    expect(iso).to.include({ phoneOnFile: true, sms: 'required' });
    expect(validateEnrollment({ secret: SECRET, account: 'a', expiresAt: 1_900_000_000_000 }).expiresAt).to.equal(1_900_000_000_000);
  });

  it('treats null optional fields as absent and copies no unknown fields (like an id)', () => {
    const enrollment = validateEnrollment({ id: 'x', secret: SECRET, account: 'a', issuer: null, digits: null, sms: null, expiresAt: null });
    expect(enrollment).to.deep.equal(validateEnrollment({ secret: SECRET, account: 'a' }));
    expect(enrollment).not.to.have.property('id');
    expect(enrollment).not.to.have.property('expiresAt');
  });

  const bad: Array<[string, unknown]> = [
    ['null', null],
    ['a string', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP'],
    ['an array', [SECRET]],
    ['neither secret nor uri', { issuer: 'Acme', account: 'a' }],
    ['a non-Base32 secret', { secret: 'JBSWY3DPEHPK3P01', account: 'a' }],
    ['a non-string secret', { secret: 12345, account: 'a' }],
    ['digits 7', { secret: SECRET, account: 'a', digits: 7 }],
    ['digits as a string', { secret: SECRET, account: 'a', digits: '6' }],
    ['period 0', { secret: SECRET, account: 'a', period: 0 }],
    ['period 1.5', { secret: SECRET, account: 'a', period: 1.5 }],
    ['negative period', { secret: SECRET, account: 'a', period: -30 }],
    ['a numeric issuer', { secret: SECRET, issuer: 42, account: 'a' }],
    ['an object account', { secret: SECRET, account: { name: 'a' } }],
    ['no account', { secret: SECRET, issuer: 'Acme' }],
    ['an unknown algorithm', { secret: SECRET, account: 'a', algorithm: 'MD5' }],
    ['an unknown sms policy', { secret: SECRET, account: 'a', sms: 'sometimes' }],
    ['a non-boolean phoneOnFile', { secret: SECRET, account: 'a', phoneOnFile: 'yes' }],
    ['an unparseable expiresAt', { secret: SECRET, account: 'a', expiresAt: 'tomorrow' }],
    ['a uri that is not TOTP', { uri: 'https://evil.example/?secret=JBSWY3DPEHPK3PXP', account: 'a' }],
    ['a uri with 7 digits', { uri: 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&digits=7' }],
    ['a uri whose secret differs', { secret: 'GEZDGNBVGY3TQOJQ', uri: URI_8 }],
    ['a uri whose digits differ', { uri: URI_8, digits: 6 }],
  ];
  for (const [name, input] of bad) {
    it(`throws 'server' for ${name}`, () => {
      const error = throwsWith(() => validateEnrollment(input), 'server');
      expect(error.cause, 'a reason for developers').to.be.instanceOf(Error);
    });
  }
});

/** Calls `fn`, which must throw a TwofaError of `code` (the source copy: this tests a source module); returns it. */
export function throwsWith(fn: () => unknown, code: TwofaErrorCode): TwofaError {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error, `expected a throw with ${code}`).to.be.instanceOf(TwofaError);
  expect((error as TwofaError).code).to.equal(code);
  return error as TwofaError;
}
