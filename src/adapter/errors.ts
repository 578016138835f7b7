/** Machine-readable failure codes. The wizard maps each to a translated message; raw server text is never shown. */
export const ERROR_CODES = [
  'invalid_code',
  'invalid_password',
  /** The server wants the account password before this request (the sign-in is not recent): the wizard asks for it. */
  'password_required',
  /** Replacing the second factor needs proof the user holds it (a reset link, a current code or a recovery code): the wizard asks for a code. */
  'proof_required',
  /** The reset token or the code given as proof was wrong, used or expired. */
  'invalid_proof',
  /** The backend does not accept e-mail as the user's only second factor (the reference backend's default). */
  'email_only',
  /** The passkey was refused: a bad attestation, a wrong, used or expired challenge, a wrong origin or RP ID. */
  'invalid_passkey',
  /** This authenticator's passkey is already registered for the account. */
  'passkey_exists',
  'invalid_phone',
  'invalid_email',
  'expired',
  'rate_limited',
  'already_enrolled',
  'network',
  'timeout',
  'server',
] as const;

export type TwofaErrorCode = (typeof ERROR_CODES)[number];

export interface TwofaErrorDetails {
  /** Seconds to wait before trying again (rate limits, resends). */
  retryAfter?: number;
  /** Attempts the server still allows. */
  attemptsLeft?: number;
  /** The server's clock (epoch milliseconds), to help users whose phone clock is off. */
  serverTime?: number;
  cause?: unknown;
}

/** The one error type adapters throw. */
export class TwofaError extends Error {
  readonly code: TwofaErrorCode;
  readonly retryAfter?: number;
  readonly attemptsLeft?: number;
  readonly serverTime?: number;

  constructor(code: TwofaErrorCode, details: TwofaErrorDetails = {}) {
    super(code, { cause: details.cause });
    this.name = 'TwofaError';
    this.code = code;
    // Negative or non-finite numbers from a backend would break countdowns: drop them.
    this.retryAfter = nonNegative(details.retryAfter);
    this.attemptsLeft = nonNegative(details.attemptsLeft);
    this.serverTime = nonNegative(details.serverTime);
  }
}

export function isErrorCode(value: unknown): value is TwofaErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** Any thrown value as a TwofaError: adapters of other teams may throw anything. */
export function toTwofaError(error: unknown): TwofaError {
  if (error instanceof TwofaError) return error;
  if (error instanceof TypeError) return new TwofaError('network', { cause: error });
  return new TwofaError('server', { cause: error });
}

function nonNegative(value: number | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}
