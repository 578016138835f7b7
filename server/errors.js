/**
 * The one error type of the reference backend. Every failure a client may see is an `ApiError`:
 * `app.js` turns it into `{ "error": code, ...details }` with `status`. Anything else that is
 * thrown is a bug and becomes a plain `500 { "error": "server" }`, never a stack trace.
 */
export class ApiError extends Error {
  /**
   * @param {number} status HTTP status
   * @param {string} code machine-readable code, e.g. `invalid_code`
   * @param {{ retryAfter?: number, attemptsLeft?: number, serverTime?: number }} [details]
   */
  constructor(status, code, details = {}) {
    super(code);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** The error codes and statuses this backend uses, in one place (the contract table in server/README.md). */
export const errors = {
  badRequest: () => new ApiError(400, 'bad_request'),
  malformedJson: () => new ApiError(400, 'malformed_json'),
  tooLarge: () => new ApiError(413, 'too_large'),
  unsupportedMediaType: () => new ApiError(415, 'unsupported_media_type'),
  notFound: () => new ApiError(404, 'not_found'),
  methodNotAllowed: () => new ApiError(405, 'method_not_allowed'),
  unauthenticated: () => new ApiError(401, 'unauthenticated'),
  csrf: () => new ApiError(403, 'csrf'),
  invalidPassword: () => new ApiError(401, 'invalid_password'),
  /** A sensitive call without a recent sign-in: the wizard asks for the password and sends it with the call. */
  passwordRequired: () => new ApiError(403, 'password_required'),
  /** A reset without proof that the user holds the account's second factor (a reset token, a current code or a recovery code). */
  proofRequired: () => new ApiError(403, 'proof_required'),
  /** The reset token or code given as proof is wrong, used or expired. @param {number} attemptsLeft */
  invalidProof: (attemptsLeft) => new ApiError(403, 'invalid_proof', { attemptsLeft }),
  alreadyEnrolled: () => new ApiError(409, 'already_enrolled'),
  /** A change of the second factor (or `mode: "add"`) for an account with two-factor off. */
  notEnabled: () => new ApiError(409, 'not_enabled'),
  notVerified: () => new ApiError(409, 'not_verified'),
  /** `complete` with e-mail as the user's only second factor while `allowEmailOnly` is off: add the app or a phone. */
  emailOnly: () => new ApiError(409, 'email_only'),
  smsNotSent: () => new ApiError(409, 'sms_not_sent'),
  smsOff: () => new ApiError(409, 'sms_off'),
  emailNotSent: () => new ApiError(409, 'email_not_sent'),
  invalidPhone: () => new ApiError(400, 'invalid_phone'),
  invalidEmail: () => new ApiError(400, 'invalid_email'),
  /** @param {number} attemptsLeft @param {number} serverTime */
  invalidCode: (attemptsLeft, serverTime) => new ApiError(400, 'invalid_code', { attemptsLeft, serverTime }),
  /** A passkey registration that does not verify: a wrong, used or expired challenge, another origin or RP ID, a bad attestation. */
  invalidPasskey: () => new ApiError(400, 'invalid_passkey'),
  /** This authenticator is already registered for the account. */
  passkeyExists: () => new ApiError(409, 'passkey_exists'),
  /** Passkeys are switched off (`passkeys: false`). */
  passkeysOff: () => new ApiError(409, 'passkeys_off'),
  expired: () => new ApiError(410, 'expired'),
  /** @param {number} retryAfter seconds */
  rateLimited: (retryAfter) => new ApiError(429, 'rate_limited', { retryAfter: Math.max(1, Math.ceil(retryAfter)) }),
  /** The SMS provider or the mail service refused the message. */
  sendFailed: () => new ApiError(502, 'server'),
};
