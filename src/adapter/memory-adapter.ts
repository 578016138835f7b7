/**
 * `MemoryAdapter`: a complete enrollment backend inside the browser, for the demo, Storybook and
 * tests. Real TOTP (via `otpauth`), replay protection, lockouts, expiry, an outbox for the codes
 * sent by SMS and e-mail.
 * Entry point `twofa-enroll/adapter/memory`: the only module that imports `otpauth`, so the
 * production bundle never carries it.
 */
import { Secret, TOTP } from 'otpauth';
import { TwofaError } from './errors.js';
import type { TwofaErrorCode } from './errors.js';
import { isBase32, normalizeSecret } from './otpauth-uri.js';
import { toBase64url } from './base64url.js';
import { verifyRegistration, type VerifiedPasskey } from './passkey-verifier.js';
import type {
  Completion,
  EmailSent,
  Enrollment,
  EnrollmentAdapter,
  EnrollmentMode,
  MethodId,
  PasskeyRegistration,
  PublicKeyCredentialCreationOptionsJSON,
  RecoveryCodes,
  RecoveryCodesRequest,
  RegisteredPasskey,
  SmsPolicy,
  SmsSent,
  StartRequest,
  TotpAlgorithm,
} from './types.js';
import { validateEnrollment } from './validate-enrollment.js';

export { TwofaError, isErrorCode } from './errors.js';
export type { TwofaErrorCode } from './errors.js';
export type * from './types.js';

export type AdapterMethod = keyof EnrollmentAdapter;

/**
 * Failure injection for stories and tests: a code per method (every call to it fails), or a
 * function that decides per call (return nothing to let the call through).
 */
export type FailureHook =
  Partial<Record<AdapterMethod, TwofaErrorCode>> | ((method: AdapterMethod, args: unknown[]) => TwofaErrorCode | TwofaError | undefined | void);

/** A code "sent" by SMS or e-mail. */
export interface OutboxMessage {
  channel: 'sms' | 'email';
  /** E.164 number or e-mail address. */
  to: string;
  text: string;
  /** When it was sent (epoch ms, from the adapter's clock). */
  at: number;
}

export interface MemoryAdapterOptions {
  issuer?: string;
  account?: string;
  /** Base32 secret for every enrollment; default: 160 random bits per enrollment. */
  secret?: string;
  digits?: 6 | 8;
  period?: number;
  algorithm?: TotpAlgorithm;
  sms?: SmsPolicy;
  phoneOnFile?: boolean;
  /**
   * When set, `start()` requires this password until it was given right once (the sign-in is then
   * recent, as on the reference backend): without it `password_required`, when wrong `invalid_password`.
   */
  password?: string;
  /**
   * When set, a reset (`mode: 'reset'`) needs proof, as on the reference backend: this reset token, or
   * one of these codes (standing in for a current code and the recovery codes); each works once.
   * Without proof `proof_required`, with a wrong one `invalid_proof`.
   */
  resetProof?: { token?: string; codes?: readonly string[] };
  /**
   * `false` refuses e-mail as the only second factor, as the reference backend does by default: the
   * enrollment's `methods` leaves it out, and `complete()` with only e-mail verified is `email_only`.
   * Accepted by default.
   */
  emailOnly?: boolean;
  /** Milliseconds every call waits, to show loading states. */
  latency?: number;
  /** The clock (epoch ms). */
  now?: () => number;
  /** Steps of clock drift accepted either way (default 1). */
  window?: number;
  /** Wrong codes before a lockout (default 5). */
  maxAttempts?: number;
  /** Seconds a lockout lasts (default 30). */
  lockout?: number;
  /** Milliseconds an enrollment lives (default 10 minutes). */
  expiresIn?: number;
  /** Recovery codes when `recoveryCodes()` is not asked for a count (default 1). */
  recoveryCodeCount?: number;
  /** Seconds before another SMS, or another e-mail, may be sent (default 30). */
  resendAfter?: number;
  /** Makes the SMS code (default: 6 random digits). */
  smsCode?: () => string;
  /** Makes the e-mail code (default: 6 random digits). */
  emailCode?: () => string;
  /** The passkeys' relying party ID (default: the page's host name). Another domain makes the browser refuse (`SecurityError`). */
  rpId?: string;
  /** The origin a passkey must be made on (default: the page's, `location.origin`). */
  origin?: string;
  /** What the passkey options ask of user verification (default `preferred`). */
  userVerification?: UserVerificationRequirement;
  onSms?: (message: OutboxMessage) => void;
  onEmail?: (message: OutboxMessage) => void;
  fail?: FailureHook;
}

interface Guard {
  failures: number;
  lockedUntil: number;
}

/** The codes of one channel (SMS or e-mail) in an enrollment. */
interface CodeState {
  /** The latest code; undefined until one was sent. Only it is accepted, once. */
  code?: string;
  sentAt?: number;
  verified: boolean;
  guard: Guard;
}

interface Session {
  mode: EnrollmentMode;
  enrollment: Enrollment;
  secret: Secret;
  /** The last accepted TOTP counter: codes of this step or earlier are refused (RFC 6238 §5.2). */
  lastCounter: number;
  totpVerified: boolean;
  totp: Guard;
  sms: CodeState;
  email: CodeState;
  /** Passkey challenges handed out (base64url → expiry), each usable once. */
  challenges: Map<string, number>;
  passkeyVerified: boolean;
  recovery?: string[];
}

/** How long a passkey challenge lives, as on the reference backend. */
const CHALLENGE_LIFETIME = 5 * 60_000;

const E164 = /^\+[1-9]\d{6,14}$/;
/** As the reference backend: one `@`, a local part, a domain with a dot, no spaces or control characters. */
const EMAIL = /^[^\s\p{Cc}@]+@[^\s\p{Cc}@.]+(\.[^\s\p{Cc}@.]+)+$/u;
/** Two-digit country codes (E.164 codes are prefix-free); 1 and 7 are one digit, the rest three. */
const CC2 = /^(2[07]|3[0-469]|4[013-9]|5[1-8]|6[0-6]|8[1246]|9[0-58])/;
/** 32 characters without 0/O and 1/I look-alikes: `byte & 31` picks one without bias. */
const RECOVERY_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** `+4791234567` → `+47 ••• •• 567`: the country code and the last three digits stay visible. */
export function maskPhone(e164: string): string {
  const digits = e164.replace(/\D/g, '');
  const cc = digits.slice(0, /^[17]/.test(digits) ? 1 : CC2.test(digits) ? 2 : 3);
  const national = digits.slice(cc.length);
  const hidden = '•'.repeat(Math.max(0, national.length - 3)).replace(/(•{3})(?=•)/g, '$1 ');
  return `+${cc} ${hidden} ${national.slice(-3)}`;
}

/** `olga@example.com` → `o•••@example.com`: the first character and the domain stay visible. */
export function maskEmail(address: string): string {
  const [first] = address; // a whole character, also outside the BMP
  return `${first}•••${address.slice(address.lastIndexOf('@'))}`;
}

/** The address trimmed and in NFC, or `undefined` when it is certainly no address (as the reference backend). */
function normalizeEmail(input: string): string | undefined {
  const address = input.trim().normalize('NFC');
  return address.length <= 254 && EMAIL.test(address) ? address : undefined;
}

const freshCodes = (): CodeState => ({ verified: false, guard: { failures: 0, lockedUntil: 0 } });

function randomDigits(count: number): string {
  let out = '';
  while (out.length < count) {
    for (const byte of crypto.getRandomValues(new Uint8Array(count))) {
      if (byte < 250 && out.length < count) out += String(byte % 10); // 250 = 25 × 10: no bias
    }
  }
  return out;
}

function recoveryCode(): string {
  const chars = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => RECOVERY_ALPHABET[b & 31]);
  return [0, 4, 8].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const notReady = (why: string) => new TwofaError('server', { cause: new Error(`MemoryAdapter: ${why}`) });

export class MemoryAdapter implements EnrollmentAdapter {
  /** Every SMS and e-mail "sent", newest last: a demo shows them instead of a phone or a mailbox. */
  readonly outbox: OutboxMessage[] = [];
  /** Failure injection; may be changed at any time. */
  fail: FailureHook | undefined;

  private readonly _options: MemoryAdapterOptions;
  private readonly _clock: () => number;
  private _session: Session | undefined;
  private _reauthenticated = false;
  /** The reset token and codes used up as proof. */
  private readonly _usedProofs = new Set<string>();
  /** The account's passkeys, across enrollments (as a backend keeps them). */
  private readonly _passkeys = new Map<string, VerifiedPasskey & { name: string }>();
  /** The account's WebAuthn user handle: random, never the e-mail address. */
  private readonly _userHandle = toBase64url(crypto.getRandomValues(new Uint8Array(16)));

  constructor(options: MemoryAdapterOptions = {}) {
    this._options = options;
    this._clock = options.now ?? Date.now;
    this.fail = options.fail;
    if (options.secret !== undefined && !isBase32(normalizeSecret(options.secret))) {
      throw new Error('MemoryAdapter: secret is not Base32');
    }
    this._describe('A'.repeat(32), 0); // throws early on bad digits, period, algorithm or sms policy
  }

  async start(request: StartRequest = {}): Promise<Enrollment> {
    await this._enter('start', [request]);
    const { password, secret } = this._options;
    if (password !== undefined && request.password === undefined && !this._reauthenticated) throw new TwofaError('password_required');
    if (password !== undefined && request.password !== undefined) {
      if (request.password !== password) throw new TwofaError('invalid_password');
      this._reauthenticated = true;
    }
    const mode = request.mode ?? 'enroll';
    if (mode === 'reset' && this._options.resetProof) this._prove(request);
    const now = this._clock();
    // Going back in the wizard must not show a new secret: reuse the open enrollment.
    const open = this._session;
    if (open && open.mode === mode && now < open.enrollment.expiresAt!) return { ...open.enrollment };

    const key = secret !== undefined ? Secret.fromBase32(normalizeSecret(secret)) : new Secret({ buffer: crypto.getRandomValues(new Uint8Array(20)).buffer });
    const enrollment = this._describe(key.base32, now + (this._options.expiresIn ?? 600_000));
    this._session = {
      mode,
      enrollment,
      secret: key,
      lastCounter: -Infinity,
      totpVerified: false,
      totp: { failures: 0, lockedUntil: 0 },
      sms: freshCodes(),
      email: freshCodes(),
      challenges: new Map(),
      passkeyVerified: false,
    };
    return { ...enrollment };
  }

  /** A reset's proof: the reset token or one of the codes, each once. */
  private _prove({ resetToken, code }: StartRequest): void {
    const { token, codes = [] } = this._options.resetProof!;
    const given = resetToken ?? code?.trim();
    if (given === undefined) throw new TwofaError('proof_required');
    const valid = resetToken !== undefined ? resetToken === token : codes.includes(given);
    if (!valid || this._usedProofs.has(given)) throw new TwofaError('invalid_proof');
    this._usedProofs.add(given);
  }

  async verifyTotp(code: string): Promise<void> {
    await this._enter('verifyTotp', [code]);
    const s = this._open();
    const now = this._clock();
    this._checkLock(s.totp, now);
    const { digits, period, algorithm } = s.enrollment;
    const token = code.replace(/\s+/g, '');
    const delta =
      /^\d+$/.test(token) && token.length === digits
        ? TOTP.validate({ token, secret: s.secret, algorithm, digits, period, timestamp: now, window: this._options.window ?? 1 })
        : null;
    const counter = delta === null ? undefined : TOTP.counter({ period, timestamp: now }) + delta;
    if (counter === undefined || counter <= s.lastCounter) this._wrong(s.totp, now);
    s.lastCounter = counter;
    s.totp.failures = 0;
    s.totpVerified = true;
  }

  async sendSms(phone: string): Promise<SmsSent> {
    await this._enter('sendSms', [phone]);
    const s = this._open();
    if (s.enrollment.sms === 'off') throw notReady('SMS is off for this enrollment');
    const to = phone.replace(/[\s().-]/g, '');
    if (!E164.test(to)) throw new TwofaError('invalid_phone');
    return { maskedPhone: maskPhone(to), resendAfter: this._sendCode(s, 'sms', to) };
  }

  async verifySms(code: string): Promise<void> {
    await this._enter('verifySms', [code]);
    this._verifyCode(this._open().sms, code);
  }

  async sendEmail(email: string): Promise<EmailSent> {
    await this._enter('sendEmail', [email]);
    const s = this._open();
    const to = normalizeEmail(email);
    if (!to) throw new TwofaError('invalid_email');
    return { maskedEmail: maskEmail(to), resendAfter: this._sendCode(s, 'email', to) };
  }

  async verifyEmail(code: string): Promise<void> {
    await this._enter('verifyEmail', [code]);
    this._verifyCode(this._open().email, code);
  }

  /** Registration options with a fresh challenge (single-use, 5 minutes); the account's passkeys excluded. */
  async passkeyOptions(): Promise<PublicKeyCredentialCreationOptionsJSON> {
    await this._enter('passkeyOptions', []);
    const s = this._open();
    const challenge = toBase64url(crypto.getRandomValues(new Uint8Array(32)));
    s.challenges.set(challenge, this._clock() + CHALLENGE_LIFETIME);
    const { issuer, account } = s.enrollment;
    return {
      rp: { id: this._rpId, name: issuer || 'Example' },
      user: { id: this._userHandle, name: account, displayName: account },
      challenge,
      pubKeyCredParams: [-7, -8, -257].map((alg) => ({ type: 'public-key' as const, alg })),
      timeout: CHALLENGE_LIFETIME,
      excludeCredentials: [...this._passkeys.values()].map(({ id, transports }) => ({ id, type: 'public-key' as const, transports })),
      authenticatorSelection: { residentKey: 'preferred', userVerification: this._options.userVerification ?? 'preferred' },
      attestation: 'none',
    };
  }

  /** Verifies the browser's credential (challenge, origin, RP ID, flags, the public key) and keeps it under its name. */
  async registerPasskey({ credential, name }: PasskeyRegistration): Promise<RegisteredPasskey> {
    await this._enter('registerPasskey', [{ credential, name }]);
    const s = this._open();
    const trimmed = typeof name === 'string' ? name.trim() : '';
    if (!trimmed || trimmed.length > 64) throw notReady('the name is empty or longer than 64 characters');
    const now = this._clock();
    let verified: VerifiedPasskey;
    try {
      verified = await verifyRegistration(credential, {
        origin: this._options.origin ?? location.origin,
        rpId: this._rpId,
        takeChallenge: (challenge) => {
          const expires = s.challenges.get(challenge);
          s.challenges.delete(challenge);
          return expires !== undefined && now < expires;
        },
      });
    } catch (cause) {
      throw new TwofaError('invalid_passkey', { cause });
    }
    if (this._passkeys.has(verified.id)) throw new TwofaError('passkey_exists');
    this._passkeys.set(verified.id, { ...verified, name: trimmed });
    s.passkeyVerified = true;
    return { id: verified.id, name: trimmed };
  }

  /** The account's passkeys, by id and name (what a settings page would list). */
  get passkeys(): RegisteredPasskey[] {
    return [...this._passkeys.values()].map(({ id, name }) => ({ id, name }));
  }

  private get _rpId(): string {
    return this._options.rpId ?? location.hostname;
  }

  /** Asked again for as many codes, the same ones (a retried request); for another count, a new set. */
  async recoveryCodes(request: RecoveryCodesRequest = {}): Promise<RecoveryCodes> {
    await this._enter('recoveryCodes', [request]);
    const s = this._open();
    const { count = this._options.recoveryCodeCount ?? 1 } = request;
    if (request.count !== undefined && !(Number.isInteger(count) && count >= 1 && count <= 16)) throw notReady('count is not 1 to 16');
    if (s.recovery?.length !== count) s.recovery = Array.from({ length: count }, recoveryCode);
    return { codes: [...s.recovery] };
  }

  /**
   * The reference backend's rules: a primary method verified (the TOTP, or an SMS or e-mail code in
   * the method-choice flow), every code that was sent verified, and with TOTP a phone if SMS is `required`.
   */
  async complete(): Promise<Completion> {
    await this._enter('complete', []);
    const s = this._open();
    const { sms, phoneOnFile } = s.enrollment;
    const primary = s.totpVerified || s.sms.verified || s.email.verified || s.passkeyVerified;
    const unconfirmed = [s.sms, s.email].some((sent) => sent.code !== undefined && !sent.verified);
    const phoneMissing = s.totpVerified && sms === 'required' && !phoneOnFile && !s.sms.verified;
    if (!primary || unconfirmed || phoneMissing) throw notReady('complete() before the codes were verified');
    const on: Record<MethodId, boolean> = {
      totp: s.totpVerified,
      sms: s.sms.verified || (phoneOnFile === true && sms !== 'off'),
      email: s.email.verified,
      passkey: s.passkeyVerified,
    };
    if (this._options.emailOnly === false && !on.totp && !on.sms && !on.passkey) throw new TwofaError('email_only');
    this._session = undefined;
    return { methods: (['totp', 'sms', 'email', 'passkey'] as const).filter((method) => on[method]) };
  }

  async cancel(): Promise<void> {
    await this._enter('cancel', []);
    this._session = undefined;
  }

  /** The code an authenticator would show now (or at `at`, epoch ms): for demo visitors without an app. */
  currentCode(at: number = this._clock()): string {
    const s = this._session;
    if (!s) throw new Error('MemoryAdapter: no enrollment; call start() first');
    const { digits, period, algorithm } = s.enrollment;
    return TOTP.generate({ secret: s.secret, algorithm, digits, period, timestamp: at });
  }

  private _describe(secret: string, expiresAt: number): Enrollment {
    const o = this._options;
    return validateEnrollment({
      secret,
      issuer: o.issuer ?? 'Example',
      account: o.account ?? 'user@example.com',
      digits: o.digits,
      period: o.period,
      algorithm: o.algorithm,
      sms: o.sms,
      phoneOnFile: o.phoneOnFile ?? false,
      methods: o.emailOnly === false && !o.phoneOnFile ? ['totp', 'sms', 'passkey'] : undefined,
      expiresAt,
    });
  }

  /** Every call: the simulated latency, then any injected failure. */
  private async _enter(method: AdapterMethod, args: unknown[]): Promise<void> {
    if (this._options.latency) await sleep(this._options.latency);
    const hook = this.fail;
    const injected = typeof hook === 'function' ? hook(method, args) : hook?.[method];
    if (injected instanceof TwofaError) throw injected;
    if (injected) {
      const max = this._options.maxAttempts ?? 5;
      throw new TwofaError(injected, {
        retryAfter: injected === 'rate_limited' ? (this._options.lockout ?? 30) : undefined,
        attemptsLeft: injected === 'invalid_code' ? max - 1 : undefined,
        serverTime: injected === 'invalid_code' ? this._clock() : undefined,
      });
    }
  }

  /** The open enrollment; once it has expired every call says so until a new `start()`. */
  private _open(): Session {
    const s = this._session;
    if (!s) throw notReady('no enrollment; call start() first');
    if (this._clock() >= s.enrollment.expiresAt!) throw new TwofaError('expired');
    return s;
  }

  /** A new code to the outbox (the latest one counts); answers the seconds before the next may be sent. */
  private _sendCode(s: Session, channel: 'sms' | 'email', to: string): number {
    const state = s[channel];
    const now = this._clock();
    const resendAfter = this._options.resendAfter ?? 30;
    if (state.sentAt !== undefined) {
      this._checkLock(state.guard, now);
      const wait = state.sentAt + resendAfter * 1000 - now;
      if (wait > 0) throw new TwofaError('rate_limited', { retryAfter: Math.ceil(wait / 1000) });
    }
    const { smsCode, emailCode, onSms, onEmail } = this._options;
    const code = ((channel === 'sms' ? smsCode : emailCode) ?? (() => randomDigits(6)))();
    Object.assign(state, { code, sentAt: now, verified: false });
    const message: OutboxMessage = { channel, to, text: `${code} is your ${s.enrollment.issuer || 'verification'} code.`, at: now };
    this.outbox.push(message);
    (channel === 'sms' ? onSms : onEmail)?.({ ...message });
    return resendAfter;
  }

  /** Only the latest code counts, and only once. */
  private _verifyCode(state: CodeState, code: string): void {
    if (state.code === undefined) throw notReady('no code was sent');
    const now = this._clock();
    this._checkLock(state.guard, now);
    if (state.verified || code.replace(/\s+/g, '') !== state.code) this._wrong(state.guard, now);
    state.guard.failures = 0;
    state.verified = true;
  }

  private _checkLock(guard: Guard, now: number): void {
    if (now < guard.lockedUntil) throw new TwofaError('rate_limited', { retryAfter: Math.ceil((guard.lockedUntil - now) / 1000) });
  }

  /** A wrong code: `invalid_code` with what is left, or a lockout once attempts run out. */
  private _wrong(guard: Guard, now: number): never {
    const lockout = this._options.lockout ?? 30;
    const left = (this._options.maxAttempts ?? 5) - ++guard.failures;
    if (left > 0) throw new TwofaError('invalid_code', { attemptsLeft: left, serverTime: now });
    guard.failures = 0;
    guard.lockedUntil = now + lockout * 1000;
    throw new TwofaError('rate_limited', { retryAfter: lockout });
  }
}
