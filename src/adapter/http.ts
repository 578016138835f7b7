/**
 * Entry point `twofa-enroll/adapter/http`: `HttpAdapter` (what `<twofa-enroll>` needs) and
 * `HttpAccountAdapter` (that and the account routes `<twofa-manage>` needs), for the JSON contract in
 * the README. Two modules, so the wizard's first load (which imports `http-adapter.ts` itself) never
 * carries the account routes.
 */
export * from './http-adapter.js';
export { HttpAccountAdapter } from './http-account-adapter.js';
export type { HttpAccountAdapterOptions } from './http-account-adapter.js';
