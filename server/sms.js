/**
 * Text messages: phone-number checks, masking, and the transport that sends them.
 *
 * A production backend implements `SmsTransport` with its SMS provider's API. The development
 * transport, `DevOutbox`, sends nothing: it keeps the messages in memory, and the demo page shows
 * them in its "SMS outbox (demo)" panel (through the development-only route in app.js).
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/mobile';

/**
 * @typedef {{ to: string, text: string }} SmsMessage
 * @typedef {{ userId: string, enrollmentId: string }} SmsContext  who it is for (the outbox uses it)
 * @typedef {{ send(message: SmsMessage, context: SmsContext): Promise<void> }} SmsTransport
 *   Resolves once the provider accepted the message; rejects if it did not.
 */

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

/**
 * The development transport: an in-memory outbox instead of a provider.
 * @implements {SmsTransport}
 */
export class DevOutbox {
  /** @type {Array<SmsMessage & SmsContext & { id: number, at: number }>} */
  #messages = [];
  #nextId = 1;

  /** @param {{ now?: () => number, limit?: number }} [options] */
  constructor({ now = Date.now, limit = 1000 } = {}) {
    this.now = now;
    this.limit = limit;
  }

  /**
   * @param {SmsMessage} message
   * @param {SmsContext} context
   */
  async send(message, context) {
    this.#messages.push({ id: this.#nextId++, to: message.to, text: message.text, at: this.now(), ...context });
    if (this.#messages.length > this.limit) this.#messages.shift();
  }

  /**
   * The messages sent for one user, oldest first.
   * @param {string} userId
   * @returns {Array<{ id: number, to: string, text: string, at: number }>}
   */
  messagesFor(userId) {
    return this.#messages.filter((m) => m.userId === userId).map(({ id, to, text, at }) => ({ id, to, text, at }));
  }
}
