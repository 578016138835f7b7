/**
 * `MemoryAdapter`: a complete enrollment backend inside the browser, for the demo, Storybook and
 * tests. Real TOTP (via `otpauth`), replay protection, lockouts, expiry, an outbox for the codes
 * sent by SMS and e-mail, and an account whose factors `<twofa-manage>` lists and changes
 * (`AccountAdapter`), with the reference backend's rules for step-up.
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
  AccountAdapter,
  AccountStatus,
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
  RemovableFactor,
  SmsPolicy,
  SmsSent,
  StartRequest,
  StepUp,
  TotpAlgorithm,
} from './types.js';
import { validateEnrollment } from './validate-enrollment.js';

export { TwofaError, isErrorCode } from './errors.js';
export type { TwofaErrorCode } from './errors.js';
export type * from './types.js';

/** Every call that goes through latency and failure injection: the enrollment's and the account's. */
export type AdapterMethod = keyof EnrollmentAdapter | keyof AccountAdapter;

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

/**
 * The second factors an existing account has, to start from (stories and tests of `<twofa-manage>`).
 * Without it the account has none: two-factor authentication is off.
 */
export interface MemoryAccountSeed {
  /**
   * An authenticator app: `true` for one with a random secret, or its Base32 secret (a test can then
   * compute its codes). `currentCode()` gives its code while no enrollment is open.
   */
  totp?: boolean | string;
  /** A backup phone, E.164 (`+4791234567`). */
  phone?: string;
  email?: string;
  /** Passkeys (no key material: they can be listed, renamed and removed). `id` is random by default, `createdAt` the adapter's clock, `lastUsedAt` `null`. */
  passkeys?: readonly { id?: string; name: string; createdAt?: number; lastUsedAt?: number | null }[];
  /** The recovery codes not used yet, or how many (made at random). None by default. */
  recoveryCodes?: readonly string[] | number;
  /** When each method was turned on (epoch ms); by default the adapter's clock when it was made. */
  addedAt?: { totp?: number; sms?: number; email?: number };
}

export interface MemoryAdapterOptions {
  issuer?: string;
  /** The account's name (the authenticator's label), default `user@example.com`. */
  account?: string;
  /** The account's second factors to start from; none by default (two-factor off). */
  factors?: MemoryAccountSeed;
  /** Base32 secret for every enrollment; default: 160 random bits per enrollment. */
  secret?: string;
  digits?: 6 | 8;
  period?: number;
  algorithm?: TotpAlgorithm;
  sms?: SmsPolicy;
  /**
   * The enrollment says a phone is on file (the wizard skips the SMS steps), and `complete()` counts
   * it; by default, whether the account has a phone. Never in an `add` enrollment (it may change the phone).
   */
  phoneOnFile?: boolean;
  /**
   * When set, `start()` and every change of the account's factors require this password until it was
   * given right once (the sign-in is then recent, as on the reference backend): without it
   * `password_required`, when wrong `invalid_password`.
   */
  password?: string;
  /**
   * A reset (`mode: 'reset'`) of an account with a second factor, an `add` enrollment and every change
   * of the factors need proof, as on the reference backend: a current code of the account's
   * authenticator (each once), one of its recovery codes (used up), or, when set, this reset token
   * or one of these codes (each once). With `resetProof` set a reset needs proof also when the account
   * has no factor. Without proof `proof_required`, with a wrong one `invalid_proof` (with
   * `attemptsLeft`; `maxAttempts` wrong ones lock for `lockout` seconds).
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
  /** Recovery codes when `recoveryCodes()` is not asked for a count, and in a set from `regenerateRecoveryCodes()` (default 1). */
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
  /** Where it went: the account's phone or address once verified and completed. */
  to?: string;
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
  /** Passkeys registered in this enrollment: they join the account on `complete()`. */
  passkeys: Map<string, AccountKey>;
  recovery?: string[];
}

/** A passkey of the account (or of an enrollment, until it completes). */
interface AccountKey {
  id: string;
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
  transports?: string[];
}

/** What the account has, as the reference backend's user record. */
interface Account {
  totp: { secret: Secret; digits: number; period: number; algorithm: TotpAlgorithm; lastCounter: number; addedAt: number } | null;
  phone: { number: string; addedAt: number } | null;
  email: { address: string; addedAt: number } | null;
  passkeys: Map<string, AccountKey>;
  /** Not used yet. */
  recoveryCodes: string[];
}

const METHOD_ORDER = ['totp', 'sms', 'email', 'passkey'] as const;

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

/** As the reference backend: spaces and hyphens do not count, nor does case. */
const normalizeRecoveryCode = (code: string) => code.replace(/[\s-]+/g, '').toUpperCase();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const notReady = (why: string) => new TwofaError('server', { cause: new Error(`MemoryAdapter: ${why}`) });
/** The reference backend's 409 `not_enabled` and 404 `not_found`, which the client has no code for. */
const notEnabled = () => notReady('not_enabled: two-factor authentication is off');
const notFound = (what: string) => notReady(`not_found: ${what}`);

export class MemoryAdapter implements EnrollmentAdapter, AccountAdapter {
  /** Every SMS and e-mail "sent", newest last: a demo shows them instead of a phone or a mailbox. */
  readonly outbox: OutboxMessage[] = [];
  /** Failure injection; may be changed at any time. */
  fail: FailureHook | undefined;

  private readonly _options: MemoryAdapterOptions;
  private readonly _clock: () => number;
  private _session: Session | undefined;
  private _reauthenticated = false;
  /** The reset token and `resetProof` codes used up as proof. */
  private readonly _usedProofs = new Set<string>();
  /** Wrong proofs in a row (`invalid_proof`), then a lockout. */
  private readonly _proofGuard: Guard = { failures: 0, lockedUntil: 0 };
  /** The account's factors, across enrollments (as a backend keeps them). */
  private readonly _account: Account = { totp: null, phone: null, email: null, passkeys: new Map(), recoveryCodes: [] };
  /** The account's WebAuthn user handle: random, never the e-mail address. */
  private readonly _userHandle = toBase64url(crypto.getRandomValues(new Uint8Array(16)));

  constructor(options: MemoryAdapterOptions = {}) {
    this._options = options;
    this._clock = options.now ?? Date.now;
    this.fail = options.fail;
    if (options.secret !== undefined && !isBase32(normalizeSecret(options.secret))) {
      throw new Error('MemoryAdapter: secret is not Base32');
    }
    // Throws early on bad digits, period, algorithm or sms policy.
    const { digits, period, algorithm } = this._describe('A'.repeat(32), 0, 'enroll');
    if (options.factors) this._seed(options.factors, { digits, period, algorithm });
  }

  private _seed(seed: MemoryAccountSeed, params: { digits: number; period: number; algorithm: TotpAlgorithm }): void {
    const a = this._account;
    const now = this._clock();
    const added = seed.addedAt ?? {};
    if (seed.totp) {
      const secret = typeof seed.totp === 'string' ? normalizeSecret(seed.totp) : undefined;
      if (secret !== undefined && !isBase32(secret)) throw new Error('MemoryAdapter: factors.totp is not Base32');
      const key = secret !== undefined ? Secret.fromBase32(secret) : new Secret({ buffer: crypto.getRandomValues(new Uint8Array(20)).buffer });
      a.totp = { secret: key, ...params, lastCounter: -Infinity, addedAt: added.totp ?? now };
    }
    if (seed.phone !== undefined) {
      if (!E164.test(seed.phone)) throw new Error('MemoryAdapter: factors.phone is not E.164');
      a.phone = { number: seed.phone, addedAt: added.sms ?? now };
    }
    if (seed.email !== undefined) {
      const address = normalizeEmail(seed.email);
      if (!address) throw new Error('MemoryAdapter: factors.email is not an address');
      a.email = { address, addedAt: added.email ?? now };
    }
    for (const { id = toBase64url(crypto.getRandomValues(new Uint8Array(16))), name, createdAt = now, lastUsedAt = null } of seed.passkeys ?? []) {
      a.passkeys.set(id, { id, name, createdAt, lastUsedAt });
    }
    const codes = seed.recoveryCodes ?? [];
    a.recoveryCodes = typeof codes === 'number' ? Array.from({ length: codes }, recoveryCode) : [...codes];
  }

  /**
   * As the reference backend: the password (when the `password` option is set), then for `add` an
   * account with two-factor on (else `TwofaError('server')`, the backend's `not_enabled`), then for
   * `add`, and for `reset` of an account with a factor (or with `resetProof` set), the proof.
   */
  async start(request: StartRequest = {}): Promise<Enrollment> {
    await this._enter('start', [request]);
    const { secret } = this._options;
    this._reauthenticate(request.password);
    const mode = request.mode ?? 'enroll';
    const enabled = this._methods().length > 0;
    if (mode === 'add' && !enabled) throw notEnabled();
    if (mode === 'add' || (mode === 'reset' && (enabled || this._options.resetProof))) this._prove(request);
    const now = this._clock();
    // Going back in the wizard must not show a new secret: reuse the open enrollment.
    const open = this._session;
    if (open && open.mode === mode && now < open.enrollment.expiresAt!) return { ...open.enrollment };

    const key = secret !== undefined ? Secret.fromBase32(normalizeSecret(secret)) : new Secret({ buffer: crypto.getRandomValues(new Uint8Array(20)).buffer });
    const enrollment = this._describe(key.base32, now + (this._options.expiresIn ?? 600_000), mode);
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
      passkeys: new Map(),
    };
    return { ...enrollment };
  }

  /** The password, when the option is set: once given right, the memory session counts as recently signed in. */
  private _reauthenticate(given: string | undefined): void {
    const { password } = this._options;
    if (password === undefined) return;
    if (given === undefined) {
      if (!this._reauthenticated) throw new TwofaError('password_required');
      return;
    }
    if (given !== password) throw new TwofaError('invalid_password');
    this._reauthenticated = true;
  }

  /**
   * Proof that the user holds a factor now: the `resetProof` token or codes (each once), a current code
   * of the account's authenticator (not one used before) or a recovery code (used up). Wrong ones count
   * towards a lockout, as wrong codes do.
   */
  private _prove({ resetToken, code }: { resetToken?: string; code?: string }): void {
    if (resetToken === undefined && code === undefined) throw new TwofaError('proof_required');
    const now = this._clock();
    this._checkLock(this._proofGuard, now);
    const { token, codes = [] } = this._options.resetProof ?? {};
    const given = resetToken ?? code!.trim();
    const once = (proof: string) => !this._usedProofs.has(proof) && Boolean(this._usedProofs.add(proof));
    const proven =
      resetToken !== undefined
        ? token !== undefined && resetToken === token && once(resetToken)
        : (codes.includes(given) && once(given)) || this._useAccountCode(given, now) || this._useRecoveryCode(given);
    if (!proven) this._wrong(this._proofGuard, now, 'invalid_proof');
    this._proofGuard.failures = 0;
  }

  /** True when `code` is the account authenticator's current code (± `window`), not used before; it is used up. */
  private _useAccountCode(code: string, now: number): boolean {
    const totp = this._account.totp;
    const token = code.replace(/\s+/g, '');
    if (!totp || !/^\d+$/.test(token) || token.length !== totp.digits) return false;
    const { secret, digits, period, algorithm } = totp;
    const delta = TOTP.validate({ token, secret, algorithm, digits, period, timestamp: now, window: this._options.window ?? 1 });
    if (delta === null) return false;
    const counter = TOTP.counter({ period, timestamp: now }) + delta;
    if (counter <= totp.lastCounter) return false;
    totp.lastCounter = counter;
    return true;
  }

  /** True when `code` is one of the account's recovery codes; it is used up. */
  private _useRecoveryCode(code: string): boolean {
    const typed = normalizeRecoveryCode(code);
    const index = this._account.recoveryCodes.findIndex((known) => normalizeRecoveryCode(known) === typed);
    if (!typed || index < 0) return false;
    this._account.recoveryCodes.splice(index, 1);
    return true;
  }

  /** A change of the account's factors, as the reference backend's `change`: two-factor on, the password, the proof. */
  private _stepUp({ password, code }: StepUp = {}): void {
    if (!this._methods().length) throw notEnabled();
    this._reauthenticate(password);
    this._prove({ code });
  }

  /** What the account has turned on, always in this order. */
  private _methods(): MethodId[] {
    const a = this._account;
    const on: Record<MethodId, boolean> = { totp: !!a.totp, sms: !!a.phone, email: !!a.email, passkey: a.passkeys.size > 0 };
    return METHOD_ORDER.filter((method) => on[method]);
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
      excludeCredentials: [...this._account.passkeys.values(), ...s.passkeys.values()].map(({ id, transports }) => ({
        id,
        type: 'public-key' as const,
        ...(transports ? { transports } : {}),
      })),
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
    if (this._account.passkeys.has(verified.id) || s.passkeys.has(verified.id)) throw new TwofaError('passkey_exists');
    s.passkeys.set(verified.id, { id: verified.id, name: trimmed, createdAt: now, lastUsedAt: null, transports: verified.transports });
    return { id: verified.id, name: trimmed };
  }

  /** The account's passkeys, by id and name; one registered in an enrollment joins them on `complete()`. */
  get passkeys(): RegisteredPasskey[] {
    return [...this._account.passkeys.values()].map(({ id, name }) => ({ id, name }));
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
   * It turns on what was verified: a new authenticator replaces the account's, a phone or an address
   * the one on file, a passkey joins the others. A reset revokes the old recovery codes (the reset's
   * new set, or none); otherwise a new set replaces them, and without one they stay. Answers what the
   * account now has.
   */
  async complete(): Promise<Completion> {
    await this._enter('complete', []);
    const s = this._open();
    const a = this._account;
    const { sms, phoneOnFile } = s.enrollment;
    const passkey = s.passkeys.size > 0;
    const primary = s.totpVerified || s.sms.verified || s.email.verified || passkey;
    const unconfirmed = [s.sms, s.email].some((sent) => sent.code !== undefined && !sent.verified);
    const phoneMissing = s.totpVerified && sms === 'required' && !phoneOnFile && !a.phone && !s.sms.verified;
    if (!primary || unconfirmed || phoneMissing) throw notReady('complete() before the codes were verified');
    // A phone on file (the option, for stories without an account phone) counts as the SMS method.
    const phoneKept = phoneOnFile === true && sms !== 'off';
    const onlyEmail = !s.totpVerified && !s.sms.verified && !passkey && !phoneKept && !a.totp && !a.phone && !a.passkeys.size;
    if (this._options.emailOnly === false && onlyEmail) throw new TwofaError('email_only');
    const now = this._clock();
    const { digits, period, algorithm } = s.enrollment;
    if (s.totpVerified) a.totp = { secret: s.secret, digits, period, algorithm, lastCounter: s.lastCounter, addedAt: now };
    if (s.sms.verified) a.phone = { number: s.sms.to!, addedAt: now };
    if (s.email.verified) a.email = { address: s.email.to!, addedAt: now };
    for (const key of s.passkeys.values()) a.passkeys.set(key.id, { ...key });
    if (s.recovery || s.mode === 'reset') a.recoveryCodes = [...(s.recovery ?? [])];
    this._session = undefined;
    const methods = this._methods();
    return { methods: METHOD_ORDER.filter((method) => methods.includes(method) || (method === 'sms' && phoneKept)) };
  }

  async cancel(): Promise<void> {
    await this._enter('cancel', []);
    this._session = undefined;
  }

  /**
   * The code an authenticator would show now (or at `at`, epoch ms), for demo visitors without an app:
   * the open enrollment's, or while none is open the account's authenticator (the proof a step-up or a
   * reset asks for). Throws when there is neither. Each code is accepted once: after a step-up used
   * it, the next one is `currentCode(now + period)` (accepted within the drift `window`).
   */
  currentCode(at: number = this._clock()): string {
    const s = this._session;
    const source = s ? { ...s.enrollment, secret: s.secret } : this._account.totp;
    if (!source) throw new Error('MemoryAdapter: no enrollment and no authenticator on the account; call start() first');
    const { secret, digits, period, algorithm } = source;
    return TOTP.generate({ secret, algorithm, digits, period, timestamp: at });
  }

  /** `GET /status`: the account's factors, masked as the reference backend masks them. */
  async status(): Promise<AccountStatus> {
    await this._enter('status', []);
    const a = this._account;
    const methods = this._methods();
    return {
      account: this._options.account ?? 'user@example.com',
      enabled: methods.length > 0,
      methods,
      maskedPhone: a.phone ? maskPhone(a.phone.number) : null,
      maskedEmail: a.email ? maskEmail(a.email.address) : null,
      passkeys: [...a.passkeys.values()].map(({ id, name, createdAt, lastUsedAt }) => ({ id, name, createdAt, lastUsedAt })),
      recoveryCodes: a.recoveryCodes.length,
      addedAt: { totp: a.totp?.addedAt ?? null, sms: a.phone?.addedAt ?? null, email: a.email?.addedAt ?? null },
    };
  }

  /** A new set (`recoveryCodeCount`, default 1) after step-up; the old set stops working, also as proof. */
  async regenerateRecoveryCodes(stepUp: StepUp): Promise<RecoveryCodes> {
    await this._enter('regenerateRecoveryCodes', [stepUp]);
    this._stepUp(stepUp);
    const codes = Array.from({ length: this._options.recoveryCodeCount ?? 1 }, recoveryCode);
    this._account.recoveryCodes = codes;
    return { codes: [...codes] };
  }

  /**
   * Removes the phone, the address or a passkey after step-up (`TwofaError('server')`, the backend's
   * `not_found`, when there is none: the proof is used up all the same, as there). The last factor
   * takes two-factor off, and the recovery codes with it.
   */
  async removeFactor(factor: RemovableFactor, stepUp: StepUp): Promise<void> {
    await this._enter('removeFactor', [factor, stepUp]);
    const method = factor?.method;
    if (method !== 'sms' && method !== 'email' && !(method === 'passkey' && typeof factor.id === 'string')) throw notReady('not a removable factor');
    this._stepUp(stepUp);
    const a = this._account;
    if (method === 'passkey') {
      if (!a.passkeys.delete(factor.id)) throw notFound('no such passkey');
    } else {
      const field = method === 'sms' ? 'phone' : 'email';
      if (!a[field]) throw notFound(`no ${method}`);
      a[field] = null;
    }
    if (!this._methods().length) a.recoveryCodes = [];
  }

  /** Renames a passkey (no step-up, as on the reference backend): trimmed, 1 to 64 characters. */
  async renamePasskey(id: string, name: string): Promise<RegisteredPasskey> {
    await this._enter('renamePasskey', [id, name]);
    const trimmed = typeof name === 'string' ? name.trim() : '';
    if (!trimmed || trimmed.length > 64) throw notReady('the name is empty or longer than 64 characters');
    const key = this._account.passkeys.get(id);
    if (!key) throw notFound('no such passkey');
    key.name = trimmed;
    return { id, name: trimmed };
  }

  /** Turns two-factor off after step-up: every factor and the recovery codes. */
  async turnOff(stepUp: StepUp): Promise<void> {
    await this._enter('turnOff', [stepUp]);
    this._stepUp(stepUp);
    Object.assign(this._account, { totp: null, phone: null, email: null, recoveryCodes: [] });
    this._account.passkeys.clear();
  }

  private _describe(secret: string, expiresAt: number, mode: EnrollmentMode): Enrollment {
    const o = this._options;
    const a = this._account;
    // As the reference backend: in an `add` enrollment the phone on file does not skip the SMS steps (it may change it).
    const phoneOnFile = mode !== 'add' && (o.phoneOnFile ?? a.phone !== null);
    const keepsAnother = phoneOnFile || a.totp !== null || a.phone !== null || a.passkeys.size > 0;
    return validateEnrollment({
      secret,
      issuer: o.issuer ?? 'Example',
      account: o.account ?? 'user@example.com',
      digits: o.digits,
      period: o.period,
      algorithm: o.algorithm,
      sms: o.sms,
      phoneOnFile,
      methods: o.emailOnly === false && !keepsAnother ? ['totp', 'sms', 'passkey'] : undefined,
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
    Object.assign(state, { code, to, sentAt: now, verified: false });
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

  /** A wrong code (or proof): `invalid_code` (`invalid_proof`) with what is left, or a lockout once attempts run out. */
  private _wrong(guard: Guard, now: number, code: 'invalid_code' | 'invalid_proof' = 'invalid_code'): never {
    const lockout = this._options.lockout ?? 30;
    const left = (this._options.maxAttempts ?? 5) - ++guard.failures;
    if (left > 0) throw new TwofaError(code, { attemptsLeft: left, serverTime: code === 'invalid_code' ? now : undefined });
    guard.failures = 0;
    guard.lockedUntil = now + lockout * 1000;
    throw new TwofaError('rate_limited', { retryAfter: lockout });
  }
}
