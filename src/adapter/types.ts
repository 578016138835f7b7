/**
 * The adapter contract: everything `<twofa-enroll>` needs from a backend.
 * Implement it to talk to any server; `HttpAdapter` speaks the JSON contract
 * in the README, `MemoryAdapter` keeps everything in the browser (demo, Storybook, tests).
 */

/** How the enrollment treats an SMS backup phone. */
export type SmsPolicy = 'off' | 'optional' | 'required';

/**
 * What the enrollment does: set up two-factor authentication (`enroll`), replace a lost authenticator
 * (`reset`), or add or change one factor of an account that has two-factor on, keeping the rest and the
 * recovery codes (`add`: a backup phone, an address, a passkey). `reset` and `add` need step-up.
 */
export type EnrollmentMode = 'enroll' | 'reset' | 'add';

/** A second factor: codes from an authenticator app, by text message or by e-mail, or a passkey. */
export type MethodId = 'totp' | 'sms' | 'email' | 'passkey';

export type TotpAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

/** An enrollment in progress, as the wizard needs it. Holds the secret: keep it in memory only. */
export interface Enrollment {
  /** The shared secret, Base32 without padding. */
  secret: string;
  /** The `otpauth://totp/...` URI the QR code encodes. */
  uri: string;
  issuer: string;
  account: string;
  /** Digits of a code: 6 or 8. */
  digits: number;
  /** Seconds a code lasts. */
  period: number;
  algorithm: TotpAlgorithm;
  /** Whether the SMS backup step is shown, and whether it can be skipped. */
  sms: SmsPolicy;
  /** The account already has a phone on file: the SMS steps are skipped. */
  phoneOnFile?: boolean;
  /**
   * The methods the backend accepts as the user's only second factor (a backend may refuse e-mail
   * alone); the method step offers only these. All, when absent.
   */
  methods?: MethodId[];
  /** When the enrollment expires (epoch milliseconds), if the backend says. */
  expiresAt?: number;
}

export interface StartRequest {
  password?: string;
  mode?: EnrollmentMode;
  /** A reset's proof from the host: the token of the reset link the user opened. */
  resetToken?: string;
  /** A reset's proof typed by the user: a current code of the authenticator being replaced, or a recovery code. */
  code?: string;
}

export interface SmsSent {
  /** The number for display, e.g. `+47 ••• •• 567`. */
  maskedPhone: string;
  /** Seconds before another code may be sent. */
  resendAfter: number;
}

export interface EmailSent {
  /** The address for display, e.g. `o•••@example.com`. */
  maskedEmail: string;
  /** Seconds before another code may be sent. */
  resendAfter: number;
}

export interface RecoveryCodesRequest {
  /** How many codes the wizard asks for: 1 (an "emergency code") or a set, 10 by default in the method-choice flow. The backend may decide otherwise. */
  count?: number;
}

export interface RecoveryCodes {
  codes: string[];
}

/** The browser's new credential as JSON (`PublicKeyCredential.toJSON()`), and its name. */
export interface PasskeyRegistration {
  credential: RegistrationResponseJSON;
  /** Trimmed, 1 to 64 characters. */
  name: string;
}

export interface RegisteredPasskey {
  /** The credential id, base64url. */
  id: string;
  name: string;
}

/**
 * WebAuthn's JSON forms (WebAuthn Level 3, §5.1.8 and §5.1.4.1), declared here since TypeScript's DOM
 * library has them only in part. Binary fields are base64url strings.
 */
export interface PublicKeyCredentialCreationOptionsJSON {
  rp: { id?: string; name: string };
  user: { id: string; name: string; displayName: string };
  challenge: string;
  pubKeyCredParams: { type: 'public-key'; alg: number }[];
  timeout?: number;
  excludeCredentials?: { id: string; type: 'public-key'; transports?: string[] }[];
  authenticatorSelection?: { authenticatorAttachment?: string; residentKey?: string; requireResidentKey?: boolean; userVerification?: string };
  hints?: string[];
  attestation?: string;
  extensions?: Record<string, unknown>;
}

export interface RegistrationResponseJSON {
  id: string;
  rawId: string;
  type: 'public-key';
  response: {
    clientDataJSON: string;
    attestationObject: string;
    authenticatorData?: string;
    transports?: string[];
    publicKeyAlgorithm?: number;
    publicKey?: string;
  };
  authenticatorAttachment?: string | null;
  clientExtensionResults: Record<string, unknown>;
}

export interface Completion {
  /** What is now enabled, e.g. `['totp', 'sms']`, `['email']` or `['passkey']`. */
  methods: string[];
}

/** A passkey of the account, as `<twofa-manage>` lists it. */
export interface AccountPasskey {
  /** The credential id, base64url. */
  id: string;
  name: string;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Epoch milliseconds; `null` when never used to sign in. */
  lastUsedAt: number | null;
}

/** The account's second factors (`GET /status`): what `<twofa-manage>` lists. Masked: no secret, no whole number or address. */
export interface AccountStatus {
  /** The signed-in account's name (its e-mail address, say), when the backend says: the username a password manager fills step-up with. */
  account?: string;
  /** Two-factor authentication is on: at least one method. */
  enabled: boolean;
  methods: MethodId[];
  /** The backup phone for display, e.g. `+47 ••• •• 567`; `null` when there is none. */
  maskedPhone: string | null;
  maskedEmail: string | null;
  passkeys: AccountPasskey[];
  /** Recovery codes not used yet. */
  recoveryCodes: number;
  /** When each method was turned on (epoch milliseconds), `null` when it is not. */
  addedAt: { totp: number | null; sms: number | null; email: number | null };
}

/**
 * Proof for a sensitive change, given when the server asks (`password_required`, then `proof_required`):
 * the account password, and a current code of the authenticator or a recovery code.
 */
export interface StepUp {
  password?: string;
  code?: string;
}

/** A factor that can be removed on its own; a passkey by its id. */
export type RemovableFactor = { method: 'sms' } | { method: 'email' } | { method: 'passkey'; id: string };

/**
 * What `<twofa-manage>` needs beyond enrolling: the account's factors, and each change to them. Every
 * change may reject with `password_required` or `proof_required` (the server decides); the panel then
 * asks for it and calls again with the `StepUp`. `HttpAccountAdapter` and `MemoryAdapter` implement it.
 */
export interface AccountAdapter {
  status(): Promise<AccountStatus>;
  /** A new set of recovery codes, shown once; the old set stops working. */
  regenerateRecoveryCodes(stepUp: StepUp): Promise<RecoveryCodes>;
  /** Removing the last factor turns two-factor authentication off. */
  removeFactor(factor: RemovableFactor, stepUp: StepUp): Promise<void>;
  renamePasskey(id: string, name: string): Promise<RegisteredPasskey>;
  /** Every factor and the recovery codes removed. */
  turnOff(stepUp: StepUp): Promise<void>;
}

export interface EnrollmentAdapter {
  start(request: StartRequest): Promise<Enrollment>;
  verifyTotp(code: string): Promise<void>;
  sendSms(phone: string): Promise<SmsSent>;
  verifySms(code: string): Promise<void>;
  /**
   * Sends a 6-digit code to an e-mail address, for e-mail as the primary method. Optional: without it
   * the method-choice flow does not offer e-mail.
   */
  sendEmail?(email: string): Promise<EmailSent>;
  verifyEmail?(code: string): Promise<void>;
  /**
   * WebAuthn registration options for a new passkey (challenge single-use, expiring; the user's keys in
   * `excludeCredentials`). Optional, with `registerPasskey`: without them the wizard offers no passkeys.
   */
  passkeyOptions?(): Promise<PublicKeyCredentialCreationOptionsJSON>;
  /** Verifies and saves the passkey the browser created, under the name the user gave it. */
  registerPasskey?(request: PasskeyRegistration): Promise<RegisteredPasskey>;
  recoveryCodes(request?: RecoveryCodesRequest): Promise<RecoveryCodes>;
  complete(): Promise<Completion>;
  cancel(): Promise<void>;
}
