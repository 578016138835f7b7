import { expect } from '@open-wc/testing';
import { TOTP, URI } from 'otpauth';
import { buildOtpauthUri, groupSecret, normalizeSecret, parseOtpauthUri } from '../../src/adapter/otpauth-uri.js';
import type { OtpauthParams } from '../../src/adapter/otpauth-uri.js';

const SECRET = 'JBSWY3DPEHPK3PXP';
const base: OtpauthParams = { secret: SECRET, issuer: 'Acme', account: 'kari@example.com', digits: 6, period: 30, algorithm: 'SHA1' };

/** Parses with otpauth's own parser: an independent reading of what we built. */
function independent(uri: string) {
  const otp = URI.parse(uri);
  expect(otp).to.be.instanceOf(TOTP);
  const totp = otp as TOTP;
  return { issuer: totp.issuer, account: totp.label, secret: totp.secret.base32, digits: totp.digits, period: totp.period, algorithm: totp.algorithm };
}

describe('buildOtpauthUri', () => {
  it('builds the exact Key URI with an Issuer:account label and a matching issuer parameter', () => {
    const uri = buildOtpauthUri({ ...base, issuer: 'Acme Corp', account: 'kari.nordmann@example.com' });
    expect(uri).to.equal('otpauth://totp/Acme%20Corp:kari.nordmann%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme%20Corp&algorithm=SHA1&digits=6&period=30');
  });

  const cases: Array<[string, string, string]> = [
    ['spaces and @', 'Acme Corp', 'kari nordmann@example.com'],
    ['Norwegian æøå', 'Blåbær Bank Æ', 'Åse Ødegård'],
    ['Swedish åäö', 'Företag Ä', 'åsa.öberg@exempel.se'],
  ];
  for (const [name, issuer, account] of cases) {
    it(`encodes ${name} as UTF-8 that otpauth's parser reads back`, () => {
      const uri = buildOtpauthUri({ ...base, issuer, account });
      expect(uri, 'only printable ASCII, no raw spaces').to.match(/^[\x21-\x7e]+$/);
      expect(uri).not.to.include('+');
      const label = uri.slice('otpauth://totp/'.length, uri.indexOf('?'));
      const params = new URLSearchParams(uri.slice(uri.indexOf('?') + 1));
      expect(decodeURIComponent(label)).to.equal(`${issuer}:${account}`);
      expect(params.get('issuer')).to.equal(issuer);
      expect(independent(uri)).to.deep.equal({ issuer, account, secret: SECRET, digits: 6, period: 30, algorithm: 'SHA1' });
    });
  }

  it('percent-encodes æ, ø and å as their UTF-8 bytes', () => {
    const uri = buildOtpauthUri({ ...base, issuer: 'æøå', account: 'x' });
    expect(uri).to.include('otpauth://totp/%C3%A6%C3%B8%C3%A5:x?');
    expect(uri).to.include('issuer=%C3%A6%C3%B8%C3%A5');
  });

  it('uses the account alone as label, without an issuer parameter, when the issuer is empty', () => {
    const uri = buildOtpauthUri({ ...base, issuer: '' });
    expect(uri).to.equal('otpauth://totp/kari%40example.com?secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30');
    expect(independent(uri)).to.include({ issuer: '', account: 'kari@example.com' });
  });

  it('strips padding and spaces and uppercases the secret', () => {
    const uri = buildOtpauthUri({ ...base, secret: 'jbsw y3dp ehpk 3pxp====' });
    expect(new URLSearchParams(uri.split('?')[1]).get('secret')).to.equal(SECRET);
    expect(uri).not.to.include('=&').and.not.to.include('%3D');
  });

  it('carries 8 digits, SHA512 and a 60 s period', () => {
    const uri = buildOtpauthUri({ ...base, digits: 8, algorithm: 'SHA512', period: 60 });
    expect(independent(uri)).to.include({ digits: 8, algorithm: 'SHA512', period: 60 });
  });

  it('keeps an issuer with a colon out of the label, in the issuer parameter only', () => {
    const uri = buildOtpauthUri({ ...base, issuer: 'Acme: EU' });
    expect(uri.startsWith('otpauth://totp/kari%40example.com?')).to.equal(true);
    expect(parseOtpauthUri(uri)).to.include({ issuer: 'Acme: EU', account: 'kari@example.com' });
  });
});

describe('parseOtpauthUri', () => {
  it('round-trips parse(build(x))', () => {
    const inputs: OtpauthParams[] = [
      base,
      { ...base, issuer: 'Blåbær Bank', account: 'Åse Ødegård', digits: 8, period: 60, algorithm: 'SHA256' },
      { ...base, issuer: '', account: 'åsa.öberg@exempel.se', algorithm: 'SHA512' },
      { ...base, issuer: '<b>Acme</b> & Co', account: 'a+b@example.com' },
    ];
    for (const input of inputs) expect(parseOtpauthUri(buildOtpauthUri(input))).to.deep.equal(input);
  });

  it('fills the Key URI defaults and reads the issuer from the label prefix', () => {
    expect(parseOtpauthUri('otpauth://totp/Acme:bob?secret=jbswy3dpehpk3pxp')).to.deep.equal({
      secret: SECRET,
      issuer: 'Acme',
      account: 'bob',
      digits: 6,
      period: 30,
      algorithm: 'SHA1',
    });
  });

  it('prefers the issuer parameter and tolerates padding and a space after the colon', () => {
    expect(parseOtpauthUri('otpauth://totp/Old%3A%20bob?secret=JBSWY3DPEHPK3PXP%3D%3D%3D%3D&issuer=New')).to.include({
      issuer: 'New',
      account: 'bob',
      secret: SECRET,
    });
  });

  const bad: Array<[string, string]> = [
    ['hotp', 'otpauth://hotp/Acme:bob?secret=JBSWY3DPEHPK3PXP&counter=0'],
    ['another scheme', 'https://example.com/totp/Acme:bob?secret=JBSWY3DPEHPK3PXP'],
    ['no secret', 'otpauth://totp/Acme:bob?issuer=Acme'],
    ['empty secret', 'otpauth://totp/Acme:bob?secret='],
    ['non-Base32 secret (digits 0, 1, 8)', 'otpauth://totp/Acme:bob?secret=JBSWY3DPEHPK3P01'],
    ['impossible Base32 length', 'otpauth://totp/Acme:bob?secret=JBS'],
    ['7 digits', 'otpauth://totp/Acme:bob?secret=JBSWY3DPEHPK3PXP&digits=7'],
    ['non-numeric digits', 'otpauth://totp/Acme:bob?secret=JBSWY3DPEHPK3PXP&digits=six'],
    ['period 0', 'otpauth://totp/Acme:bob?secret=JBSWY3DPEHPK3PXP&period=0'],
    ['negative period', 'otpauth://totp/Acme:bob?secret=JBSWY3DPEHPK3PXP&period=-30'],
    ['fractional period', 'otpauth://totp/Acme:bob?secret=JBSWY3DPEHPK3PXP&period=1.5'],
    ['unknown algorithm', 'otpauth://totp/Acme:bob?secret=JBSWY3DPEHPK3PXP&algorithm=MD5'],
    ['broken percent-encoding', 'otpauth://totp/Acme%E0%A4%A:bob?secret=JBSWY3DPEHPK3PXP'],
    ['empty string', ''],
  ];
  for (const [name, uri] of bad) {
    it(`rejects ${name}`, () => expect(parseOtpauthUri(uri)).to.equal(null));
  }
});

describe('normalizeSecret and groupSecret', () => {
  it('normalizes case, whitespace and padding', () => {
    expect(normalizeSecret(' jbsw y3dp\tehpk 3pxp==== ')).to.equal(SECRET);
  });

  it('groups in fours by default, and in any size', () => {
    expect(groupSecret(SECRET)).to.equal('JBSW Y3DP EHPK 3PXP');
    expect(groupSecret('jbswy3dpehpk3pxpa=')).to.equal('JBSW Y3DP EHPK 3PXP A');
    expect(groupSecret(SECRET, 8)).to.equal('JBSWY3DP EHPK3PXP');
    expect(groupSecret('')).to.equal('');
  });
});
