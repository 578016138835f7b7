/**
 * Phone numbers for text messages: the E.164 check and masking. The messages themselves go
 * through `sendSms` (outbox.js).
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/mobile';

/**
 * The E.164 form of a mobile number (`+4791234567`), or `null` when it is not one.
 * Spaces, dashes, dots and parentheses are allowed; the leading `+` and country code are required.
 * Validity (length, number ranges, mobile rather than landline) comes from libphonenumber's
 * mobile metadata.
 * @param {string} input
 */
export function normalizePhone(input) {
  const compact = input.replace(/[\s().\u00a0-]/g, '');
  if (!/^\+[1-9]\d{6,14}$/.test(compact)) return null;
  const parsed = parsePhoneNumberFromString(compact);
  return parsed?.isValid() ? parsed.number : null;
}

/**
 * `+4791234567` → `+47 ••• •• 567`: the country code and the last three digits stay visible
 * (the same form as the in-browser MemoryAdapter).
 * @param {string} e164
 */
export function maskPhone(e164) {
  const parsed = parsePhoneNumberFromString(e164);
  const cc = parsed?.countryCallingCode ?? e164.slice(1, 3);
  const national = parsed?.nationalNumber ?? e164.slice(1 + cc.length);
  const hidden = '•'.repeat(Math.max(0, national.length - 3)).replace(/(•{3})(?=•)/g, '$1 ');
  return `+${cc} ${hidden} ${national.slice(-3)}`;
}
