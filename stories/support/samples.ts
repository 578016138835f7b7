/** Sample values for the step stories: what the wizard would pass a step, with nothing secret in them. */
import type { MachineError } from '../../src/twofa-enroll/machine.js';
import { buildOtpauthUri } from '../../src/adapter/otpauth-uri.js';

/** A made-up key (Base32, 160 bits), the same in every story so screenshots stay comparable. */
export const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

export const ISSUER = 'Example';
export const ACCOUNT = 'jane@example.com';
export const URI = buildOtpauthUri({ secret: SECRET, issuer: ISSUER, account: ACCOUNT, digits: 6, period: 30, algorithm: 'SHA1' });

/** Names as long as real ones get: a municipality's full service name and a long work address. */
export const LONG_ISSUER = 'Nordre Follo kommune – Digitale innbyggertjenester og selvbetjening';
export const LONG_ACCOUNT = 'kari.nordmann-hansen.prosjektleder@helse-og-omsorgsetaten.nordre-follo.kommune.no';
export const LONG_URI = buildOtpauthUri({ secret: SECRET, issuer: LONG_ISSUER, account: LONG_ACCOUNT, digits: 6, period: 30, algorithm: 'SHA1' });

export const ONE_CODE = ['7KQ4-M2XD-9PHW'];
export const TEN_CODES = [
  '7KQ4-M2XD-9PHW',
  'R8TZ-3NVC-K6YA',
  'H2WE-QJ5M-8DLF',
  'X9BP-4GSU-T3NC',
  'M6CF-Z2RK-W7QE',
  'D4YH-8LPA-J5VT',
  'N3GS-6WQB-2XMK',
  'P7EU-C9TJ-4HRD',
  'B5KL-7ZFN-Y8WG',
  'S2MV-5HDX-6QPC',
];

/** The errors a step is shown with, as the step machine reports them. */
export const ERRORS = {
  invalidCode: { code: 'invalid_code', attemptsLeft: 3 },
  invalidCodeLast: { code: 'invalid_code', attemptsLeft: 1 },
  rateLimited: { code: 'rate_limited', retryAfter: 42 },
  expired: { code: 'expired' },
  network: { code: 'network' },
  timeout: { code: 'timeout' },
  server: { code: 'server' },
  invalidPassword: { code: 'invalid_password' },
  invalidProof: { code: 'invalid_proof', attemptsLeft: 4 },
  invalidPhone: { code: 'invalid_phone' },
  invalidEmail: { code: 'invalid_email' },
  emailOnly: { code: 'email_only' },
} satisfies Record<string, MachineError>;

/** Where a code went, partly hidden, as the backend reports it. */
export const MASKED_PHONE = '+47 ••• •• 567';
export const MASKED_EMAIL = 'j•••@example.com';
