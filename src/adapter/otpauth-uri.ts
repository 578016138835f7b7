/**
 * `otpauth://totp/` URIs (the Key URI format authenticator apps read from the QR code).
 * Dependency-free on purpose: this ships in the production bundle, `otpauth` does not.
 */
import type { TotpAlgorithm } from './types.js';

export interface OtpauthParams {
  /** Base32; normalized (uppercase, no spaces, no `=` padding) by the builder. */
  secret: string;
  /** May be empty: the label is then just the account. */
  issuer: string;
  account: string;
  digits: number;
  period: number;
  algorithm: TotpAlgorithm;
}

const ALGORITHMS: readonly TotpAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];

/** Uppercase, without whitespace and `=` padding: what users paste from grouped or padded secrets. */
export function normalizeSecret(secret: string): string {
  return secret.replace(/[\s=]+/g, '').toUpperCase();
}

/**
 * Whether a normalized secret is canonical Base32 (RFC 4648 alphabet, unpadded).
 * Lengths of 1, 3 or 6 (mod 8) cannot come from whole bytes, so they are rejected.
 */
export function isBase32(secret: string): boolean {
  return /^[A-Z2-7]+$/.test(secret) && ![1, 3, 6].includes(secret.length % 8);
}

/** `'ABCD EFGH IJKL'`: a secret in groups that are easier to type by hand. */
export function groupSecret(secret: string, size = 4): string {
  return (
    normalizeSecret(secret)
      .match(new RegExp(`.{1,${Math.max(1, size)}}`, 'g'))
      ?.join(' ') ?? ''
  );
}

export function isTotpAlgorithm(value: unknown): value is TotpAlgorithm {
  return (ALGORITHMS as readonly unknown[]).includes(value);
}

/**
 * Builds `otpauth://totp/Issuer:account?secret=…&issuer=…&algorithm=…&digits=…&period=…`.
 * Everything is percent-encoded as UTF-8 (`encodeURIComponent`: spaces as `%20`, never `+`).
 * An issuer containing `:` cannot be a label prefix (apps split the label at the first colon),
 * so it then travels in the `issuer` parameter only.
 */
export function buildOtpauthUri(params: OtpauthParams): string {
  const { issuer, account } = params;
  const enc = encodeURIComponent;
  const label = issuer && !issuer.includes(':') ? `${enc(issuer)}:${enc(account)}` : enc(account);
  const query = [
    `secret=${normalizeSecret(params.secret)}`,
    issuer ? `issuer=${enc(issuer)}` : '',
    `algorithm=${params.algorithm}`,
    `digits=${params.digits}`,
    `period=${params.period}`,
  ];
  return `otpauth://totp/${label}?${query.filter(Boolean).join('&')}`;
}

/**
 * Parses a TOTP key URI; `null` when it is not one we can enroll with: not `otpauth://totp/`,
 * secret missing or not Base32, digits other than 6 or 8, a period that is not a positive integer,
 * an unknown algorithm, or broken percent-encoding. Missing optional parameters get the
 * Key URI defaults (SHA1, 6 digits, 30 s). `+` is kept literally, as authenticator apps do.
 */
export function parseOtpauthUri(uri: string): OtpauthParams | null {
  const match = /^otpauth:\/\/totp\/([^?#]*)(?:\?([^#]*))?/i.exec(uri);
  if (!match) return null;
  try {
    const label = decodeURIComponent(match[1]);
    const query = new Map<string, string>();
    for (const pair of (match[2] ?? '').split('&')) {
      const at = pair.indexOf('=');
      if (at > 0) query.set(pair.slice(0, at).toLowerCase(), decodeURIComponent(pair.slice(at + 1)));
    }

    const secret = normalizeSecret(query.get('secret') ?? '');
    const algorithm = (query.get('algorithm') ?? 'SHA1').toUpperCase();
    const digits = query.get('digits') ?? '6';
    const period = query.get('period') ?? '30';
    if (!isBase32(secret) || !isTotpAlgorithm(algorithm)) return null;
    if (digits !== '6' && digits !== '8') return null;
    if (!/^[1-9]\d{0,8}$/.test(period)) return null;

    // A non-empty issuer parameter wins over the label prefix. An issuer with a colon was left
    // out of the label by the builder, so the whole label is then the account.
    const colon = label.indexOf(':');
    const issuer = query.get('issuer') || (colon >= 0 ? label.slice(0, colon) : '');
    const account = colon >= 0 && !issuer.includes(':') ? label.slice(colon + 1).trimStart() : label;
    return { secret, issuer, account, digits: Number(digits), period: Number(period), algorithm };
  } catch {
    return null; // URIError from decodeURIComponent
  }
}
