import { faultSuite } from './fault-suite.js';
import { REQUEST_STEPS } from './request-steps.js';

describe('faults on submits: password, authenticator code, SMS phone, SMS code, resend, e-mail address, e-mail code', () => {
  faultSuite(REQUEST_STEPS.filter((step) => step.kind === 'submit'));
});
