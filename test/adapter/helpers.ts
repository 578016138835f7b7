import { expect } from '@open-wc/testing';
import { TwofaError } from 'twofa-enroll';
import type { TwofaErrorCode } from 'twofa-enroll';

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
