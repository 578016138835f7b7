/**
 * `HttpAdapter`: the enrollment adapter for the JSON contract in the README.
 * Entry point `twofa-enroll/adapter/http`. It never logs: requests and responses carry secrets.
 */
import { TwofaError, isErrorCode, toTwofaError } from './errors.js';
import { HttpAdapterCore, type HttpAdapterOptions } from './http-adapter-core.js';
import { validateEnrollment } from './validate-enrollment.js';

export { TwofaError, isErrorCode } from './errors.js';
export type { TwofaErrorCode } from './errors.js';
export type * from './types.js';
export type { HeadersOption, HttpAdapterOptions } from './http-adapter-core.js';

/**
 * Calls that need an enrollment (all but `start` and `cancel`) reject with `TwofaError('server')`
 * (its `cause` says why) until `start()` has resolved: the wizard shows its generic error
 * rather than crashing. After `complete()` or `cancel()` the enrollment is forgotten.
 * Every failure is a `TwofaError`; a malformed enrollment is `TwofaError('server')`.
 */
export class HttpAdapter extends HttpAdapterCore {
  constructor(options: HttpAdapterOptions) {
    super(options, { TwofaError, isErrorCode, toTwofaError, validate: validateEnrollment });
  }
}
