/**
 * `HttpAccountAdapter`: `HttpAdapter` plus the account routes `<twofa-manage>` needs (`GET /status`,
 * `POST /recovery-codes`, `DELETE /sms`, `/email`, `/passkeys/{id}`, `/two-factor`, `PATCH /passkeys/{id}`),
 * so one object serves both elements. Entry point `twofa-enroll/adapter/http`; a page with only
 * `<twofa-enroll>` never loads this module. It never logs: requests and answers carry proofs.
 */
import { HttpAdapter, type HttpAdapterOptions } from './http-adapter.js';
import { TwofaError } from './errors.js';
import { isObject, isStringArray, type Json } from './json.js';
import type { AccountAdapter, AccountPasskey, AccountStatus, MethodId, RecoveryCodes, RegisteredPasskey, RemovableFactor, StepUp } from './types.js';

export interface HttpAccountAdapterOptions extends HttpAdapterOptions {
  /**
   * How many recovery codes `regenerateRecoveryCodes()` asks for (`count`, 1 to 16 on the reference
   * backend). Not sent by default: the backend decides.
   */
  recoveryCodeCount?: number;
}

const METHODS: readonly string[] = ['totp', 'sms', 'email', 'passkey'] satisfies MethodId[];

const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;
const isTimeOrNull = (value: unknown): value is number | null => value === null || isTime(value);
const isStringOrNull = (value: unknown): value is string | null => value === null || typeof value === 'string';

/**
 * Every change (`regenerateRecoveryCodes`, `removeFactor`, `turnOff`) may reject with
 * `password_required` or `proof_required` (then `invalid_password`, `invalid_proof` with
 * `attemptsLeft`, `rate_limited`): call again with the `StepUp` the user gave. A backend's
 * `not_enabled` (two-factor is off) and `not_found` (no such factor) are `TwofaError('server')`,
 * as is an answer that lacks what the call returns.
 */
export class HttpAccountAdapter extends HttpAdapter implements AccountAdapter {
  private readonly _recoveryCodeCount: number | undefined;

  constructor(options: HttpAccountAdapterOptions) {
    super(options);
    this._recoveryCodeCount = options.recoveryCodeCount;
  }

  /** `GET /status`: the account's factors, masked. */
  async status(): Promise<AccountStatus> {
    const data = await this.request('GET', '/status');
    if (!isObject(data)) throw this.malformed('status');
    const { account, enabled, methods, maskedPhone, maskedEmail, passkeys, recoveryCodes, addedAt } = data;
    if (account !== undefined && typeof account !== 'string') throw this.malformed('account');
    if (typeof enabled !== 'boolean') throw this.malformed('enabled');
    if (!isStringArray(methods) || !methods.every((method) => METHODS.includes(method))) throw this.malformed('methods');
    if (!isStringOrNull(maskedPhone) || !isStringOrNull(maskedEmail)) throw this.malformed('masked phone or address');
    if (!Array.isArray(passkeys)) throw this.malformed('passkeys');
    if (typeof recoveryCodes !== 'number' || !Number.isInteger(recoveryCodes) || recoveryCodes < 0) throw this.malformed('recoveryCodes');
    if (!isObject(addedAt) || !isTimeOrNull(addedAt.totp) || !isTimeOrNull(addedAt.sms) || !isTimeOrNull(addedAt.email)) throw this.malformed('addedAt');
    return {
      ...(account ? { account } : {}),
      enabled,
      methods: [...methods] as MethodId[],
      maskedPhone,
      maskedEmail,
      passkeys: passkeys.map((key: unknown) => this._passkey(key)),
      recoveryCodes,
      addedAt: { totp: addedAt.totp, sms: addedAt.sms, email: addedAt.email },
    };
  }

  /** `POST /recovery-codes` with the step-up (and `count` when the option says): a new set, the old one stops working. */
  async regenerateRecoveryCodes(stepUp: StepUp): Promise<RecoveryCodes> {
    const body = this._stepUp(stepUp);
    if (this._recoveryCodeCount !== undefined) body.count = this._recoveryCodeCount;
    const data = await this.request('POST', '/recovery-codes', body);
    if (!isObject(data) || !isStringArray(data.codes) || data.codes.length === 0) throw this.malformed('codes');
    return { codes: [...data.codes] };
  }

  /** `DELETE /sms`, `DELETE /email` or `DELETE /passkeys/{id}` with the step-up. */
  async removeFactor(factor: RemovableFactor, stepUp: StepUp): Promise<void> {
    const path =
      factor.method === 'passkey' && typeof factor.id === 'string' && factor.id
        ? `/passkeys/${encodeURIComponent(factor.id)}`
        : factor.method === 'sms' || factor.method === 'email'
          ? `/${factor.method}`
          : undefined;
    if (!path) throw new TwofaError('server', { cause: new Error('HttpAccountAdapter: not a removable factor') });
    await this.request('DELETE', path, this._stepUp(stepUp));
  }

  /** `PATCH /passkeys/{id}` with `{ name }` → `{ id, name }` (the backend trims and checks it). */
  async renamePasskey(id: string, name: string): Promise<RegisteredPasskey> {
    const data = await this.request('PATCH', `/passkeys/${encodeURIComponent(id)}`, { name });
    if (!isObject(data) || typeof data.id !== 'string' || typeof data.name !== 'string') throw this.malformed('passkey');
    return { id: data.id, name: data.name };
  }

  /** `DELETE /two-factor` with the step-up: every factor and the recovery codes removed. */
  async turnOff(stepUp: StepUp): Promise<void> {
    await this.request('DELETE', '/two-factor', this._stepUp(stepUp));
  }

  /** The step-up's fields (JSON leaves out those that are `undefined`); nothing else, whatever the caller's object holds. */
  private _stepUp({ password, code }: StepUp = {}): Json {
    return { password, code };
  }

  private _passkey(key: unknown): AccountPasskey {
    if (!isObject(key) || typeof key.id !== 'string' || !key.id || typeof key.name !== 'string' || !isTime(key.createdAt) || !isTimeOrNull(key.lastUsedAt)) {
      throw this.malformed('passkey');
    }
    return { id: key.id, name: key.name, createdAt: key.createdAt, lastUsedAt: key.lastUsedAt };
  }
}
