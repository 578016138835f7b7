/**
 * Randomness and hashing, all from `node:crypto` (a CSPRNG; never `Math.random`).
 */
import { createHash, randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = /** @type {(password: string, salt: Buffer, keylen: number, options: import('node:crypto').ScryptOptions) => Promise<Buffer>} */ (
  promisify(scrypt)
);

/** scrypt cost: 2^14 (about 30 ms here), the parameters OWASP lists as a minimum. */
const SCRYPT = { N: 16384, r: 8, p: 1 };

/** 32 characters without the look-alikes 0/O and 1/I: a byte's low 5 bits pick one without bias. */
const RECOVERY_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** An unguessable id for URLs and cookies: 128 random bits, base64url. */
export function randomId(bytes = 16) {
  return randomBytes(bytes).toString('base64url');
}

/** `count` random decimal digits (an SMS code), uniformly distributed. */
export function randomDigits(count) {
  let out = '';
  for (let i = 0; i < count; i++) out += String(randomInt(10));
  return out;
}

/** A recovery code such as `7KQ4-M2XD-9HPA`: 12 characters of 5 bits each, 60 random bits. */
export function recoveryCode() {
  const chars = Array.from(randomBytes(12), (byte) => RECOVERY_ALPHABET[byte & 31]);
  return [0, 4, 8].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** What users type is compared in one form: uppercase, no spaces or dashes. */
export function normalizeRecoveryCode(code) {
  return code.replace(/[\s-]+/g, '').toUpperCase();
}

/**
 * A slow, salted hash for storing a password or a recovery code: `scrypt$N$r$p$salt$hash`.
 * @param {string} value
 */
export async function hashSecret(value) {
  const salt = randomBytes(16);
  const hash = await scryptAsync(value, salt, 32, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/**
 * Whether `value` matches a hash from `hashSecret`, in constant time.
 * @param {string} value
 * @param {string} stored
 */
export async function verifySecret(value, stored) {
  const [kind, N, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scryptAsync(value, Buffer.from(salt, 'base64url'), expected.length, { N: Number(N), r: Number(r), p: Number(p) });
  return timingSafeEqual(actual, expected);
}

/** Equal strings, compared in constant time (tokens, SMS codes). */
export function safeEqual(a, b) {
  const x = createHash('sha256').update(String(a)).digest();
  const y = createHash('sha256').update(String(b)).digest();
  return timingSafeEqual(x, y);
}

/** SHA-256 as base64url: for keys of high-entropy values (session cookies), not for passwords. */
export function sha256(value) {
  return createHash('sha256').update(value).digest('base64url');
}
