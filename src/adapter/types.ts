/**
 * The adapter contract: everything `<twofa-enroll>` needs from a backend.
 * Implement it to talk to any server; `HttpAdapter` speaks the JSON contract
 * in the README, `MemoryAdapter` keeps everything in the browser (demo, Storybook, tests).
 */

/** How the enrollment treats an SMS backup phone. */
export type SmsPolicy = 'off' | 'optional' | 'required';

/** Whether the wizard sets up a first authenticator or replaces a lost one. */
export type EnrollmentMode = 'enroll' | 'reset';

/** A way to receive sign-in codes: an authenticator app, text messages or e-mail. */
export type MethodId = 'totp' | 'sms' | 'email';

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

export interface Completion {
  /** What is now enabled, e.g. `['totp', 'sms']` or `['email']`. */
  methods: string[];
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
  recoveryCodes(request?: RecoveryCodesRequest): Promise<RecoveryCodes>;
  complete(): Promise<Completion>;
  cancel(): Promise<void>;
}
