/**
 * E-mail addresses for codes by e-mail: a pragmatic check and masking. The mails themselves go
 * through a `Transport` (outbox.js).
 *
 * The check is loose on purpose: whether an address works is proven by the code that arrives, not
 * by a pattern. It refuses what is certainly no address — not exactly one `@`, an empty local part,
 * a domain without a dot (or with an empty label), spaces or control characters, more than 254
 * characters (RFC 5321's limit) — and accepts internationalised ones such as `åse@eksempel.no`.
 */

const ADDRESS = /^[^\s\p{Cc}@]+@[^\s\p{Cc}@.]+(\.[^\s\p{Cc}@.]+)+$/u;

/**
 * The address as it will be used (surrounding spaces trimmed, Unicode in NFC), or `null`.
 * @param {string} input
 */
export function normalizeEmail(input) {
  const address = input.trim().normalize('NFC');
  return address.length <= 254 && ADDRESS.test(address) ? address : null;
}

/**
 * `olga@example.com` → `o•••@example.com`: the first character and the domain stay visible, and
 * always three dots, so the length of the name is not told either.
 * @param {string} address
 */
export function maskEmail(address) {
  const [first] = address; // a whole character, also outside the BMP
  return `${first}•••${address.slice(address.lastIndexOf('@'))}`;
}
