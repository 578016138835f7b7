/**
 * `HttpAdapter`: the enrollment adapter for the JSON contract in the README.
 * Exported by the entry point `twofa-enroll/adapter/http` (`http.ts`). It never logs: requests and responses carry secrets.
 */
import { TwofaError, isErrorCode, toTwofaError } from './errors.js';
import { isObject, isStringArray, number, type Json } from './json.js';
import { validateEnrollment } from './validate-enrollment.js';
import type {
  Completion,
  EmailSent,
  Enrollment,
  EnrollmentAdapter,
  PasskeyRegistration,
  PublicKeyCredentialCreationOptionsJSON,
  RecoveryCodes,
  RecoveryCodesRequest,
  RegisteredPasskey,
  SmsSent,
  StartRequest,
} from './types.js';

export type HeadersOption = Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>);

export interface HttpAdapterOptions {
  /** Base URL, e.g. `/api/2fa`; a trailing slash is fine. */
  endpoint: string;
  /** Extra headers, e.g. a CSRF token. A function is called before every request, so rotating tokens work. */
  headers?: HeadersOption;
  /** Default `'same-origin'`. */
  credentials?: RequestCredentials;
  /** A `fetch` to use instead of the global one (tests, instrumentation). */
  fetch?: typeof fetch;
  /** Milliseconds before a request fails with `timeout` (default 15000; 0 disables). */
  timeout?: number;
}

/**
 * Calls that need an enrollment (all but `start` and `cancel`) reject with `TwofaError('server')`
 * (its `cause` says why) until `start()` has resolved: the wizard shows its generic error
 * rather than crashing. After `complete()` or `cancel()` the enrollment is forgotten.
 * Every failure is a `TwofaError`; a malformed enrollment is `TwofaError('server')`.
 */
export class HttpAdapter implements EnrollmentAdapter {
  private readonly _baseUrl: string;
  private readonly _options: HttpAdapterOptions;
  /** The server's enrollment id: kept here, never handed to the UI. */
  private _id: string | undefined;

  constructor(options: HttpAdapterOptions) {
    this._options = options;
    this._baseUrl = options.endpoint.replace(/\/+$/, '');
  }

  async start(request: StartRequest = {}): Promise<Enrollment> {
    const body: Json = {};
    if (request.password !== undefined) body.password = request.password;
    if (request.mode !== undefined) body.mode = request.mode;
    if (request.resetToken !== undefined) body.resetToken = request.resetToken;
    if (request.code !== undefined) body.code = request.code;
    const data = await this.request('POST', '/enrollment', body);
    const id = isObject(data) ? data.id : undefined;
    if ((typeof id !== 'string' || !id) && typeof id !== 'number') throw this.malformed('enrollment id');
    const enrollment = validateEnrollment(data);
    this._id = String(id);
    return enrollment;
  }

  async verifyTotp(code: string): Promise<void> {
    await this.request('POST', this._path('/totp'), { code });
  }

  async sendSms(phone: string): Promise<SmsSent> {
    const { masked, resendAfter } = await this._sendCode('/sms', { phone }, 'maskedPhone');
    return { maskedPhone: masked, resendAfter };
  }

  async verifySms(code: string): Promise<void> {
    await this.request('POST', this._path('/sms/verify'), { code });
  }

  async sendEmail(email: string): Promise<EmailSent> {
    const { masked, resendAfter } = await this._sendCode('/email', { email }, 'maskedEmail');
    return { maskedEmail: masked, resendAfter };
  }

  async verifyEmail(code: string): Promise<void> {
    await this.request('POST', this._path('/email/verify'), { code });
  }

  /** `POST …/passkey/options` → `{ publicKey }`: the WebAuthn registration options as JSON. */
  async passkeyOptions(): Promise<PublicKeyCredentialCreationOptionsJSON> {
    const data = await this.request('POST', this._path('/passkey/options'), {});
    const publicKey = isObject(data) ? data.publicKey : undefined;
    if (!isObject(publicKey) || typeof publicKey.challenge !== 'string') throw this.malformed('publicKey');
    return publicKey as unknown as PublicKeyCredentialCreationOptionsJSON;
  }

  /** `POST …/passkey` with `{ credential, name }` → `{ id, name }`. */
  async registerPasskey(request: PasskeyRegistration): Promise<RegisteredPasskey> {
    const data = await this.request('POST', this._path('/passkey'), { credential: request.credential, name: request.name });
    if (!isObject(data) || typeof data.id !== 'string' || typeof data.name !== 'string') throw this.malformed('passkey');
    return { id: data.id, name: data.name };
  }

  async recoveryCodes(request: RecoveryCodesRequest = {}): Promise<RecoveryCodes> {
    const data = await this.request('POST', this._path('/recovery-codes'), request.count === undefined ? {} : { count: request.count });
    if (!isObject(data) || !isStringArray(data.codes) || data.codes.length === 0) throw this.malformed('codes');
    return { codes: [...data.codes] };
  }

  async complete(): Promise<Completion> {
    const data = await this.request('POST', this._path('/complete'), {});
    if (!isObject(data) || !isStringArray(data.methods)) throw this.malformed('methods');
    this._id = undefined;
    return { methods: [...data.methods] };
  }

  /** Resolves at once when nothing was started. Forgets the enrollment even if the request fails. */
  async cancel(): Promise<void> {
    if (this._id === undefined) return;
    const path = this._path('');
    this._id = undefined;
    await this.request('DELETE', path);
  }

  /** A 2xx answer that lacks what the call returns: `TwofaError('server')`, the body never quoted. For subclasses (`HttpAccountAdapter`). */
  protected malformed(what: string): TwofaError {
    return new TwofaError('server', { cause: new Error(`Malformed response: ${what}`) });
  }

  /** Sends a code by SMS or e-mail: the answer's masked recipient (`field`) and the resend delay. */
  private async _sendCode(suffix: string, body: Json, field: string): Promise<{ masked: string; resendAfter: number }> {
    const data = await this.request('POST', this._path(suffix), body);
    const answer: Json = isObject(data) ? data : {};
    const masked = answer[field];
    if (typeof masked !== 'string') throw this.malformed(field);
    const resendAfter = number(answer.resendAfter) ?? 0;
    // A missing or nonsensical delay means "no countdown", not a failed send.
    return { masked, resendAfter: resendAfter >= 0 && resendAfter < Infinity ? resendAfter : 0 };
  }

  private _path(suffix: string): string {
    if (this._id === undefined) {
      throw new TwofaError('server', { cause: new Error('HttpAdapter: call start() first') });
    }
    return `/enrollment/${encodeURIComponent(this._id)}${suffix}`;
  }

  /**
   * One request to `endpoint` + `path`: the parsed JSON of a 2xx (or `undefined` when empty), else a
   * TwofaError (the body's error code, `retryAfter`, `attemptsLeft`, `serverTime`; `timeout`, `network`).
   * For subclasses (`HttpAccountAdapter`); never logs.
   */
  protected async request(method: string, path: string, body?: object): Promise<unknown> {
    const { fetch: fetchOption, credentials = 'same-origin', timeout = 15000 } = this._options;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const extra = typeof this._options.headers === 'function' ? await this._options.headers() : this._options.headers;
      const headers: Record<string, string> = { Accept: 'application/json' };
      if (body) headers['Content-Type'] = 'application/json';
      if (timeout > 0) timer = setTimeout(() => controller.abort(), timeout);
      // Called as a plain function: `options.fetch(...)` would bind `this` to the options object,
      // which makes a passed-in `window.fetch` throw "Illegal invocation".
      const response = await (fetchOption ?? fetch)(this._baseUrl + path, {
        method,
        headers: { ...headers, ...extra },
        body: body && JSON.stringify(body),
        credentials,
        signal: controller.signal,
      });
      // Reading the body is covered by the same timeout (the signal aborts it too).
      const text = await response.text();
      if (!response.ok) throw this._errorFrom(response, text);
      if (!text.trim()) return undefined;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        // Not the SyntaxError as cause: its message quotes the body, which may hold the secret.
        throw this.malformed('not JSON');
      }
    } catch (error) {
      if (controller.signal.aborted && !(error instanceof TwofaError)) throw new TwofaError('timeout', { cause: error });
      throw toTwofaError(error); // fetch rejects with a TypeError when the network fails
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * The error of a non-2xx response: the body's `error` code when it is one we know, else by status.
   * The body's text is never passed on (it may be an HTML error page). `Retry-After` and `Date`
   * need `Access-Control-Expose-Headers` when the API is on another origin.
   */
  private _errorFrom(response: Response, text: string): TwofaError {
    let body: Json = {};
    try {
      const parsed: unknown = JSON.parse(text);
      if (isObject(parsed)) body = parsed;
    } catch {
      // Not JSON: the status decides.
    }
    const status = response.status;
    const code = isErrorCode(body.error) ? body.error : status === 410 ? 'expired' : status === 429 ? 'rate_limited' : 'server';

    let retryAfter = number(body.retryAfter);
    if (retryAfter === undefined || !(retryAfter >= 0)) retryAfter = retryAfterHeader(response.headers.get('Retry-After'));

    let serverTime = number(body.serverTime);
    if (serverTime === undefined && code === 'invalid_code') {
      const date = Date.parse(response.headers.get('Date') ?? '');
      if (Number.isFinite(date)) serverTime = date;
    }
    return new TwofaError(code, { retryAfter, attemptsLeft: number(body.attemptsLeft), serverTime, cause: new Error(`HTTP ${status}`) });
  }
}

/** `Retry-After` is either delay-seconds or an HTTP date. */
function retryAfterHeader(value: string | null): number | undefined {
  if (!value) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, Math.ceil((date - Date.now()) / 1000)) : undefined;
}

export { TwofaError, isErrorCode } from './errors.js';
export type { TwofaErrorCode } from './errors.js';
export type * from './types.js';
