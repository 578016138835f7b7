/**
 * Randomness, hashing and the server key, all from `node:crypto` (a CSPRNG; never `Math.random`).
 *
 * What is stored is never what a user types or scans: passwords are scrypt hashes; codes sent by
 * SMS or e-mail and recovery codes are HMAC-SHA-256 under the server key; TOTP seeds are sealed
 * with AES-256-GCM under the server key (a stolen database alone gives no working second factor).
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
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

/**
 * A recovery code such as `7KQ4-M2XD-9HPA-C3TW`: 16 characters of 5 bits each, 80 random bits —
 * enough that its keyed hash needs no slow function (see `createKeyring`'s `mac`).
 */
export function recoveryCode() {
  const chars = Array.from(randomBytes(16), (byte) => RECOVERY_ALPHABET[byte & 31]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** What users type is compared in one form: uppercase, no spaces or dashes. */
export function normalizeRecoveryCode(code) {
  return code.replace(/[\s-]+/g, '').toUpperCase();
}

/**
 * A slow, salted hash for storing a password: `scrypt$N$r$p$salt$hash`. Only for what people choose
 * (and can guess); random codes get the keyring's cheap `mac`, so no request costs more than one scrypt.
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

/**
 * @typedef {object} Keyring
 * @property {(plaintext: string, context: string) => string} seal
 *   AES-256-GCM with a random 96-bit IV: `v1.<key id>.<iv>.<ciphertext>.<tag>` (base64url). `context`
 *   (e.g. `totp:<user id>`) is authenticated data: a sealed value copied to another record does not open.
 * @property {(sealed: string, context: string) => string} open  throws if the value was not sealed by
 *   one of the keys for this context, or was changed
 * @property {(value: string, context: string) => string} mac  HMAC-SHA-256: `v1.<key id>.<mac>`
 * @property {(value: string, context: string, stored: string) => boolean} verifyMac  in constant time
 * @property {string} keyId  the current key's id
 */

/**
 * The server key, and the keys it replaced: new values are sealed and MACed with `current`; values
 * of older keys still open and verify (their key id says which), so keys can rotate without a
 * migration. Each key gives two subkeys (HKDF), one for encryption and one for MACs.
 * @param {Buffer} current  32 bytes
 * @param {Buffer[]} [previous]
 * @returns {Keyring}
 */
export function createKeyring(current, previous = []) {
  /** @type {Map<string, { seal: Buffer, mac: Buffer }>} */
  const keys = new Map();
  const ids = [current, ...previous].map((key) => {
    if (key.length !== 32) throw new Error('a secret key must be 32 bytes');
    const id = createHash('sha256').update('twofa key id').update(key).digest('base64url').slice(0, 8);
    const subkey = (/** @type {string} */ info) => Buffer.from(hkdfSync('sha256', key, '', `twofa ${info}`, 32));
    if (!keys.has(id)) keys.set(id, { seal: subkey('seal'), mac: subkey('mac') });
    return id;
  });
  const keyId = ids[0];
  /** @param {string} id */
  const keyFor = (id) => keys.get(id);
  /** @param {Buffer} key @param {string} value @param {string} context */
  const hmac = (key, value, context) =>
    createHmac('sha256', key)
      .update(JSON.stringify([context, value]))
      .digest();

  return {
    keyId,
    seal(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', /** @type {{ seal: Buffer }} */ (keyFor(keyId)).seal, iv);
      cipher.setAAD(Buffer.from(context));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return ['v1', keyId, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
    },
    open(sealed, context) {
      const [version, id, iv, body, tag] = sealed.split('.');
      const key = keyFor(id);
      if (version !== 'v1' || !key || tag === undefined) throw new Error(`not a sealed value of a known key`);
      const decipher = createDecipheriv('aes-256-gcm', key.seal, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
    mac(value, context) {
      return ['v1', keyId, hmac(/** @type {{ mac: Buffer }} */ (keyFor(keyId)).mac, value, context).toString('base64url')].join('.');
    },
    verifyMac(value, context, stored) {
      const [version, id, mac] = stored.split('.');
      const key = keyFor(id);
      if (version !== 'v1' || !key || !mac) return false;
      const expected = Buffer.from(mac, 'base64url');
      const actual = hmac(key.mac, value, context);
      return expected.length === actual.length && timingSafeEqual(actual, expected);
    },
  };
}

/**
 * A key from its text form: 32 bytes in base64 (or base64url), e.g. from `openssl rand -base64 32`.
 * @param {string} text
 */
export function parseSecretKey(text) {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32 || !/^[A-Za-z0-9+/_-]{43}=?$/.test(text.trim()))
    throw new Error('a secret key must be 32 bytes in base64 (e.g. `openssl rand -base64 32`)');
  return key;
}

/** @type {Buffer | undefined} */
let processKey;

/**
 * The key of apps created without one (tests): random, one per process. What it sealed does not
 * open after a restart, which is fine for a memory store and wrong for anything else.
 */
export function processSecretKey() {
  return (processKey ??= randomBytes(32));
}

/**
 * The development key: `dir/secret.key` (base64, mode 0600), made the first time, so that what a
 * persistent development store sealed still opens after a restart. Never for production: there the
 * key comes from the environment or a secret manager, not from a file next to the data.
 * @param {string} dir  the data directory (created if missing, mode 0700)
 */
export async function devSecretKey(dir) {
  const file = join(dir, 'secret.key');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const draft = `${file}.${randomId(6)}`;
  try {
    // Written whole, then linked into place: no process ever reads half a key, and a second one
    // starting at the same time gets EEXIST and reads the first one's key.
    await writeFile(draft, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    await link(draft, file);
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
  } finally {
    await rm(draft, { force: true });
  }
  return (await readFile(file, 'utf8')).trim();
}
