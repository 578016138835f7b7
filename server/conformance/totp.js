/**
 * RFC 6238 TOTP in a few lines of `node:crypto`, written independently of `otpauth` (which the
 * reference backend uses), so the tests check one implementation against another.
 */
import { createHmac } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 Base32 (case, spaces and `=` padding ignored) → bytes. */
export function base32Decode(text) {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out = [];
  for (const char of clean) {
    const index = ALPHABET.indexOf(char);
    if (index < 0) throw new Error(`not Base32: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/**
 * The code for a Base32 secret at a time.
 * @param {string} secret Base32
 * @param {{ time?: number, period?: number, digits?: number, algorithm?: string }} [options] time in epoch ms
 */
export function totp(secret, { time = Date.now(), period = 30, digits = 6, algorithm = 'SHA1' } = {}) {
  return hotp(base32Decode(secret), Math.floor(time / 1000 / period), { digits, algorithm });
}

/** RFC 4226 HOTP with a key as bytes. */
export function hotp(key, counter, { digits = 6, algorithm = 'SHA1' } = {}) {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm.toLowerCase(), key).update(message).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** Milliseconds left in the current time step. */
export function msLeftInStep(period = 30, time = Date.now()) {
  return period * 1000 - (time % (period * 1000));
}
