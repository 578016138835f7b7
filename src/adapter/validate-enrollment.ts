/**
 * Turns an untrusted enrollment (a server's JSON, another team's adapter) into a valid `Enrollment`,
 * or throws `TwofaError('server')`, whose `cause` says what is wrong (see `checkEnrollment`).
 */
import { checkEnrollment } from './check-enrollment.js';
import { TwofaError } from './errors.js';
import type { Enrollment } from './types.js';

export function validateEnrollment(input: unknown): Enrollment {
  try {
    return checkEnrollment(input);
  } catch (cause) {
    throw new TwofaError('server', { cause });
  }
}
