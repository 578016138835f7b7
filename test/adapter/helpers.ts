import { expect } from '@open-wc/testing';
import { TwofaError } from '../../src/adapter/errors.js';
import type { TwofaErrorCode } from '../../src/adapter/errors.js';

/** Awaits a promise that must reject with a TwofaError of `code`; returns the error for more checks. */
export async function rejectsWith(promise: Promise<unknown>, code: TwofaErrorCode): Promise<TwofaError> {
  let error: unknown;
  try {
    await promise;
  } catch (e) {
    error = e;
  }
  expect(error, `expected a rejection with ${code}`).to.be.instanceOf(TwofaError);
  expect((error as TwofaError).code).to.equal(code);
  return error as TwofaError;
}

/** Synchronous twin of rejectsWith. */
export function throwsWith(fn: () => unknown, code: TwofaErrorCode): TwofaError {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error, `expected a throw with ${code}`).to.be.instanceOf(TwofaError);
  expect((error as TwofaError).code).to.equal(code);
  return error as TwofaError;
}
