/**
 * One enrollment's conversation with the backend, without a DOM: it runs the requests the step
 * machine asks for, checks every answer before the steps show it, keeps what the steps need
 * (the secret, the codes, where a code was sent) in memory only, and tells when the enrollment
 * expires. The element renders what it holds and feeds the answers back to the machine; to forget
 * an enrollment it ends its session and starts a new one, so answers to the old one are ignored.
 */
// Imported, not loaded on demand: what a request needs must not depend on the network being up when it runs.
import { checkEnrollment } from '../adapter/check-enrollment.js';
import { toTwofaError } from '../adapter/errors.js';
import { HttpAdapter } from '../adapter/http-adapter.js';
import type { EmailSent, Enrollment, EnrollmentAdapter, EnrollmentMode, MethodId, PublicKeyCredentialCreationOptionsJSON, SmsSent } from '../adapter/types.js';
import type { Facts, MachineEvent, RequestKind } from './machine.js';

export const ALL_METHODS: readonly MethodId[] = ['totp', 'sms', 'email', 'passkey'];

/** What the session reads from its host at each request (the element's properties). */
export interface SessionSettings {
  /** The backend; when absent, an HTTP adapter for `endpoint`. */
  adapter?: EnrollmentAdapter;
  endpoint: string;
  mode: EnrollmentMode;
  /** A reset's proof from the host (the reset link's token), sent with a start until one succeeds. */
  resetToken?: string;
  recoveryCodeCount: number;
}

/** A request's answer, as the event the machine takes it in. */
export type Answer = Extract<MachineEvent, { type: 'RESOLVE' | 'REJECT' }>;

export class EnrollmentSession {
  enrollment: Enrollment | null = null;
  emergencyCodes: string[] = [];
  smsSent: SmsSent | null = null;
  emailSent: EmailSent | null = null;
  /** The latest passkey registration options (a new object per request), for the passkey step. */
  passkeyOptions: PublicKeyCredentialCreationOptionsJSON | null = null;
  enabledMethods: string[] = [];

  private _expiryTimer?: ReturnType<typeof setTimeout>;
  /** A reset token works once: after a start that used it, it is not sent again. */
  private _spentToken?: string;
  /**
   * The password the user gave, until a start succeeds: a backend that wants the password with every start
   * (and proof on top, for a reset) gets it again with the proof, instead of asking once more.
   */
  private _password?: string;
  private _httpAdapter?: { endpoint: string; adapter: HttpAdapter };

  constructor(
    private readonly _settings: () => SessionSettings,
    /** Called when the enrollment's time is up. */
    private readonly _onExpire: () => void,
  ) {}

  /** Whether the backend can send e-mail codes (an adapter may leave them out). */
  get canSendEmail(): boolean {
    const { adapter } = this._settings();
    return !adapter || !!adapter.sendEmail;
  }

  /** Whether the backend registers passkeys (an adapter may leave them out). */
  get canRegisterPasskey(): boolean {
    const { adapter } = this._settings();
    return !adapter || (!!adapter.passkeyOptions && !!adapter.registerPasskey);
  }

  /** Runs one request, keeps what it returns, and resolves to its answer (RESOLVE or REJECT). */
  async run(request: RequestKind, value = ''): Promise<Answer> {
    try {
      return { type: 'RESOLVE', facts: await this._perform(request, value) };
    } catch (thrown) {
      const { code, retryAfter, attemptsLeft, serverTime } = toTwofaError(thrown);
      return { type: 'REJECT', error: { code, retryAfter, attemptsLeft, serverTime } };
    }
  }

  /** Completed or forgotten: the secret, the URI and the codes are not needed any more. */
  end(): void {
    clearTimeout(this._expiryTimer);
    this.enrollment = null;
    this.emergencyCodes = [];
    this.passkeyOptions = null;
    this._password = undefined;
  }

  /** Asks the server to drop the unfinished enrollment. */
  discard(): void {
    // Best effort: the server expires abandoned enrollments anyway.
    Promise.resolve()
      .then(() => this._adapter().cancel())
      .catch(() => undefined);
  }

  private async _perform(request: RequestKind, value: string): Promise<Partial<Facts> | undefined> {
    const adapter = this._adapter();
    switch (request) {
      case 'start':
      case 'prove': {
        // `start` carries the password, if any; `prove` the code the user gave as a reset's proof, and the password again.
        const { mode, resetToken } = this._settings();
        const token = request === 'start' && resetToken !== this._spentToken ? resetToken : undefined;
        if (request === 'start') this._password = value || undefined;
        const proof = request === 'prove' ? { code: value, password: this._password } : { password: this._password, resetToken: token };
        // Any adapter's answer is checked before it is drawn. A malformed one throws an Error,
        // which fails the request as 'server' (see `toTwofaError`).
        const enrollment = checkEnrollment(await adapter.start({ mode, ...proof }));
        if (token) this._spentToken = token;
        this._password = undefined;
        this.enrollment = enrollment;
        this._scheduleExpiry(enrollment.expiresAt);
        return { enrolled: true, sms: enrollment.sms, phoneOnFile: Boolean(enrollment.phoneOnFile), methods: enrollment.methods };
      }
      case 'verifyTotp':
        await adapter.verifyTotp(value);
        return undefined;
      case 'sendSms':
        this.smsSent = sentCode(await adapter.sendSms(value), 'maskedPhone');
        return undefined;
      case 'verifySms':
        await adapter.verifySms(value);
        return undefined;
      case 'sendEmail':
        this.emailSent = sentCode(await emailOf(adapter).sendEmail(value), 'maskedEmail');
        return undefined;
      case 'verifyEmail':
        await emailOf(adapter).verifyEmail(value);
        return undefined;
      case 'passkeyOptions': {
        const options = await passkeyOf(adapter).passkeyOptions();
        // What the step hands to the browser: a challenge and a user id at least (the browser checks the rest).
        if (typeof field(options, 'challenge') !== 'string' || typeof field(field(options, 'user'), 'id') !== 'string') throw new Error('bad passkey options');
        this.passkeyOptions = { ...options };
        return undefined;
      }
      case 'registerPasskey': {
        // The step's value: `{ credential, name }` as JSON, made by the step itself.
        const { credential, name } = JSON.parse(value) as Parameters<Required<EnrollmentAdapter>['registerPasskey']>[0];
        await passkeyOf(adapter).registerPasskey({ credential, name });
        return undefined;
      }
      case 'recoveryCodes': {
        const codes = field(await adapter.recoveryCodes({ count: this._settings().recoveryCodeCount }), 'codes');
        // Reported as a server error, like anything else an adapter gets wrong (never as a TypeError, which would say "network").
        if (!isStringList(codes) || codes.some((code) => !code.trim())) throw new Error('bad codes');
        this.emergencyCodes = codes;
        return undefined;
      }
      case 'complete': {
        const methods = field(await adapter.complete(), 'methods');
        if (!isStringList(methods)) throw new Error('bad methods');
        // Raw server text is never shown: only the methods the wizard can name.
        this.enabledMethods = methods.filter((method) => (ALL_METHODS as readonly string[]).includes(method));
        return undefined;
      }
    }
  }

  /** The `adapter` setting, else the HTTP adapter for `endpoint` (made again when `endpoint` changes). */
  private _adapter(): EnrollmentAdapter {
    const { adapter, endpoint } = this._settings();
    if (adapter) return adapter;
    if (this._httpAdapter?.endpoint !== endpoint) this._httpAdapter = { endpoint, adapter: new HttpAdapter({ endpoint }) };
    return this._httpAdapter.adapter;
  }

  private _scheduleExpiry(expiresAt: number | undefined): void {
    clearTimeout(this._expiryTimer);
    if (!expiresAt) return;
    // setTimeout overflows past ~24.8 days (an enrollment never lives that long); a past time fires at once.
    this._expiryTimer = setTimeout(this._onExpire, Math.min(expiresAt - Date.now(), 2 ** 31 - 1));
  }
}

/** An adapter's e-mail methods; one without them (a custom `steps` list with e-mail) fails as 'server', not as 'network'. */
function emailOf(adapter: EnrollmentAdapter): Required<Pick<EnrollmentAdapter, 'sendEmail' | 'verifyEmail'>> {
  if (!adapter.sendEmail || !adapter.verifyEmail) throw new Error('the adapter has no sendEmail/verifyEmail');
  return adapter as Required<EnrollmentAdapter>;
}

/** An adapter's passkey methods; without them (a `steps` list with a passkey) the request fails as 'server'. */
function passkeyOf(adapter: EnrollmentAdapter): Required<Pick<EnrollmentAdapter, 'passkeyOptions' | 'registerPasskey'>> {
  if (!adapter.passkeyOptions || !adapter.registerPasskey) throw new Error('the adapter has no passkeyOptions/registerPasskey');
  return adapter as Required<EnrollmentAdapter>;
}

/** A field of an adapter's answer, whatever the answer is (`null`, a string…). */
function field(answer: unknown, key: string): unknown {
  return typeof answer === 'object' && answer !== null ? (answer as Record<string, unknown>)[key] : undefined;
}

const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string');

/** A "code sent" answer made safe to show: the masked address a string, the resend wait a finite number of seconds ≥ 0. */
function sentCode<T extends { resendAfter: number }>(answer: T, masked: keyof T & string): T {
  const resendAfter = field(answer, 'resendAfter');
  if (typeof field(answer, masked) !== 'string') throw new Error(`bad ${masked}`);
  return { ...answer, resendAfter: typeof resendAfter === 'number' && resendAfter >= 0 && resendAfter < Infinity ? resendAfter : 0 };
}
