/**
 * Turns an untrusted enrollment (a server's JSON, another team's adapter) into a valid `Enrollment`,
 * or throws an `Error` that says what is wrong: a malformed secret would otherwise surface as codes
 * that never match, which users cannot tell apart from their own mistakes. The wizard checks every
 * adapter's answer with it (its errors become `TwofaError('server')` there, like any adapter's other
 * errors); `validateEnrollment` throws the `TwofaError` itself.
 */
import { buildOtpauthUri, isBase32, isTotpAlgorithm, normalizeSecret, parseOtpauthUri } from './otpauth-uri.js';
import type { Enrollment, MethodId, SmsPolicy } from './types.js';

const SMS_POLICIES: readonly SmsPolicy[] = ['off', 'optional', 'required'];
const METHODS: readonly MethodId[] = ['totp', 'sms', 'email', 'passkey'];

function malformed(reason: string): never {
  // The reason is for developers (a TwofaError's cause); the wizard only ever shows the code.
  throw new Error(`Malformed enrollment: ${reason}`);
}

/** `null` counts as absent: JSON servers often send it for optional fields. */
function field(input: Record<string, unknown>, key: string): unknown {
  return input[key] ?? undefined;
}

function optionalString(input: Record<string, unknown>, key: string): string | undefined {
  const value = field(input, key);
  if (value !== undefined && typeof value !== 'string') malformed(`${key} is not a string`);
  return value as string | undefined;
}

/** Epoch milliseconds from epoch milliseconds or an ISO 8601 string. */
function toEpochMs(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const ms = typeof value === 'string' ? Date.parse(value) : value;
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) malformed('expiresAt is not a date');
  return ms;
}

export function checkEnrollment(input: unknown): Enrollment {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) malformed('not an object');
  const raw = input as Record<string, unknown>;

  const rawSecret = optionalString(raw, 'secret');
  const rawUri = optionalString(raw, 'uri');
  const fromUri = rawUri === undefined ? undefined : (parseOtpauthUri(rawUri) ?? malformed('uri is not a TOTP key URI'));

  const secret = rawSecret === undefined ? fromUri?.secret : normalizeSecret(rawSecret);
  if (secret === undefined) malformed('neither secret nor uri');
  if (!isBase32(secret)) malformed('secret is not Base32');

  const digits = field(raw, 'digits') ?? fromUri?.digits ?? 6;
  if (digits !== 6 && digits !== 8) malformed('digits is not 6 or 8');

  const period = field(raw, 'period') ?? fromUri?.period ?? 30;
  if (typeof period !== 'number' || !Number.isInteger(period) || period <= 0) malformed('period is not a positive integer');

  const algorithm = field(raw, 'algorithm') ?? fromUri?.algorithm ?? 'SHA1';
  if (!isTotpAlgorithm(algorithm)) malformed('unknown algorithm');

  // A QR code whose parameters differ from what the server verifies against can never succeed.
  if (fromUri && (fromUri.secret !== secret || fromUri.digits !== digits || fromUri.period !== period || fromUri.algorithm !== algorithm)) {
    malformed('uri does not match secret, digits, period or algorithm');
  }

  const issuer = optionalString(raw, 'issuer') ?? fromUri?.issuer ?? '';
  const account = optionalString(raw, 'account') ?? fromUri?.account ?? '';
  if (!account) malformed('account is missing');
  // The names the page shows must be those the QR code adds to the app.
  if (fromUri && (fromUri.account !== account || (fromUri.issuer !== '' && fromUri.issuer !== issuer))) {
    malformed('uri names another issuer or account');
  }

  const sms = field(raw, 'sms') ?? 'optional';
  if (!(SMS_POLICIES as readonly unknown[]).includes(sms)) malformed('unknown sms policy');

  const phoneOnFile = field(raw, 'phoneOnFile');
  if (phoneOnFile !== undefined && typeof phoneOnFile !== 'boolean') malformed('phoneOnFile is not a boolean');

  // HTML in issuer or account stays as text: it is escaped when rendered, never interpreted.
  const enrollment: Enrollment = {
    secret,
    uri: rawUri ?? buildOtpauthUri({ secret, issuer, account, digits, period, algorithm }),
    issuer,
    account,
    digits,
    period,
    algorithm,
    sms: sms as SmsPolicy,
  };
  if (phoneOnFile !== undefined) enrollment.phoneOnFile = phoneOnFile;
  const methods = field(raw, 'methods');
  if (methods !== undefined && !(Array.isArray(methods) && methods.every((method) => typeof method === 'string'))) malformed('methods is not a list of names');
  // Names the wizard does not know (a newer backend's) are left out, not an error.
  if (methods !== undefined) enrollment.methods = METHODS.filter((method) => (methods as string[]).includes(method));
  const expiresAt = toEpochMs(field(raw, 'expiresAt'));
  if (expiresAt !== undefined) enrollment.expiresAt = expiresAt;
  return enrollment;
}
