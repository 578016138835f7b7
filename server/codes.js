/**
 * One-time codes sent to the user, by text message or by e-mail: the rules both channels share,
 * in one place so that they cannot drift apart.
 * - a code is 6 digits from the CSPRNG, valid `ttl` milliseconds;
 * - only the latest code counts, and only once;
 * - a new code not before `resendAfter` seconds, at most `maxSends` per enrollment;
 * - wrong codes are counted by the channel's own guard (apart from TOTP and the other channel); the
 *   lockout after `maxAttempts` of them also discards the code: only a new one can be verified;
 * - only a keyed hash of the code is stored (HMAC under the server key, bound to the enrollment).
 */
import { errors } from './errors.js';
import { randomDigits } from './secrets.js';
import { freshGuard } from './store.js';

/** @typedef {import('./store.js').CodeState} CodeState */
/** @typedef {import('./store.js').Guard} Guard */
/** @typedef {import('./outbox.js').Send} Send */

/**
 * @param {object} config
 * @param {'sms' | 'email'} config.channel
 * @param {Send} config.send  the channel's provider
 * @param {string} config.issuer  the service name in the message
 * @param {number} config.ttl  milliseconds a code is valid
 * @param {number} config.resendAfter  seconds before another code may be sent
 * @param {number} config.maxSends  codes per enrollment
 * @param {() => Error} config.notSent  the error for verifying before anything was sent
 * @param {(guard: Guard, now: number) => void} config.checkLock  throws while the guard is locked
 * @param {import('./secrets.js').Keyring} config.keyring  hashes the codes
 */
export function createCodeChannel({ channel, send, issuer, ttl, resendAfter, maxSends, notSent, checkLock, keyring }) {
  /** A code is hashed with its channel and enrollment: a hash copied to another record matches nothing. @param {string} enrollmentId */
  const context = (enrollmentId) => `${channel}-code:${enrollmentId}`;

  /** @param {string} code */
  function compose(code) {
    const text = `${code} is your ${issuer} verification code. It expires in ${Math.round(ttl / 60000)} minutes.`;
    if (channel === 'sms') return { text };
    return { subject: `Your ${issuer} verification code`, text: `${text}\n\nIf you did not ask for it, you can ignore this e-mail.` };
  }

  /**
   * Throws unless another code may be sent now: not locked, not too soon, not too many.
   * @param {CodeState | null} previous @param {number} now @param {number} expiresAt
   */
  function ready(previous, now, expiresAt) {
    if (!previous) return;
    checkLock(previous.guard, now);
    const wait = previous.sentAt + resendAfter * 1000 - now;
    if (wait > 0) throw errors.rateLimited(wait / 1000);
    if (previous.sends >= maxSends) throw errors.rateLimited((expiresAt - now) / 1000);
  }

  return {
    ready,

    /**
     * Sends a new code to `to`; resolves to the channel's new state, which replaces `previous`.
     * @param {CodeState | null} previous
     * @param {string} to
     * @param {{ now: number, expiresAt: number, userId: string, enrollmentId: string }} at
     * @returns {Promise<CodeState>}
     */
    async send(previous, to, { now, expiresAt, userId, enrollmentId }) {
      ready(previous, now, expiresAt);
      const code = randomDigits(6);
      try {
        await send({ channel, to, ...compose(code) }, { userId, enrollmentId });
      } catch {
        throw errors.sendFailed();
      }
      return {
        to,
        codeHash: keyring.mac(code, context(enrollmentId)),
        sentAt: now,
        codeExpiresAt: now + ttl,
        sends: (previous?.sends ?? 0) + 1,
        verified: false,
        guard: previous?.guard ?? freshGuard(),
      };
    },

    /**
     * Accepts the latest code, once, while it is fresh; changes `state` in place.
     * @param {CodeState | null} state
     * @param {string} code
     * @param {{ now: number, enrollmentId: string, fail: (guard: Guard) => never }} at  `fail` counts a wrong code and throws
     */
    verify(state, code, { now, enrollmentId, fail }) {
      if (!state) throw notSent();
      checkLock(state.guard, now);
      const token = code.replace(/\s+/g, '');
      if (state.verified || now >= state.codeExpiresAt || !keyring.verifyMac(token, context(enrollmentId), state.codeHash)) {
        try {
          fail(state.guard);
        } finally {
          // Locked: this code had its tries (or the user's cap is used up). A 6-digit code must not
          // survive lockout after lockout, so it is gone: the next try needs a new code.
          if (now < state.guard.lockedUntil) state.codeHash = '';
        }
      }
      state.verified = true;
      state.codeHash = '';
      state.guard = freshGuard();
    },
  };
}
