import { faultSuite } from './fault-suite.js';
import { REQUEST_STEPS } from './request-steps.js';

describe('faults on loads: QR code, recovery codes first, emergency code, completion', () => {
  faultSuite(REQUEST_STEPS.filter((step) => step.kind === 'load'));
});
