/**
 * E-mail addresses for codes by e-mail: a strict check and masking. The mails themselves go
 * through `sendEmail` (outbox.js).
 *
 * Whether an address works is proven by the code that arrives; the check keeps out what is no
 * address, what would look like another address on screen, and what could break a mail header or
 * a page that shows it. Accepted (after trimming, in Unicode NFC, at most 254 characters):
 * - the local part: dot-separated atoms (no leading, trailing or double dot) of RFC 5322's ASCII
 *   `atext` and Unicode letters, marks and digits (RFC 6531), at most 64 bytes of UTF-8 — no quoted
 *   local parts, no spaces, controls, format characters (zero-width ones, bidi controls), symbols
 *   or `<>"()[],;:\`;
 * - the domain: two or more labels, each letters, digits and hyphens (not first or last), the last
 *   not all digits (no IP addresses), at most 253 characters as punycode; internationalised names
 *   either as punycode (`xn--…`) or in Unicode exactly as UTS #46 turns that punycode back
 *   (`blåbær.no`; case aside), so `ｅｘａｍｐｌｅ.com` (full-width) or a name with a zero-width
 *   character, which UTS #46 would quietly map to another name, is refused;
 * - no lone surrogates anywhere.
 */
import { domainToASCII, domainToUnicode } from 'node:url';

const ATOM = "[\\p{L}\\p{M}\\p{Nd}!#$%&'*+/=?^_`{|}~-]+";
const LOCAL_PART = new RegExp(`^${ATOM}(?:\\.${ATOM})*$`, 'u');
/** A label of a host name in ASCII (RFC 1123: letters, digits, hyphens, 1 to 63). */
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * The address as it will be used (surrounding spaces trimmed, Unicode in NFC, the domain in lower
 * case), or `null`.
 * @param {string} input
 */
export function normalizeEmail(input) {
  const address = input.trim().normalize('NFC');
  if (address.length > 254 || /\p{Cs}/u.test(address)) return null; // a lone surrogate (a pair is one code point, not Cs)
  const parts = address.split('@');
  if (parts.length !== 2) return null;
  const [local, domain] = [parts[0], parts[1].toLowerCase()];
  if (!LOCAL_PART.test(local) || Buffer.byteLength(local) > 64) return null;

  const ascii = domainToASCII(domain);
  if (!ascii || ascii.length > 253) return null;
  const labels = domain.split('.');
  const asciiLabels = ascii.split('.');
  const unicodeLabels = domainToUnicode(ascii).split('.');
  if (labels.length < 2 || asciiLabels.length !== labels.length || unicodeLabels.length !== labels.length) return null;
  if (!asciiLabels.every((label) => LABEL.test(label)) || /^\d+$/.test(asciiLabels[asciiLabels.length - 1])) return null;
  // Each label as written must be its punycode or its Unicode form: nothing UTS #46 had to map.
  if (!labels.every((label, i) => label === asciiLabels[i] || label === unicodeLabels[i])) return null;
  return `${local}@${domain}`;
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
