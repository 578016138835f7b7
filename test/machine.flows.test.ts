/**
 * Unit tests of the pure step machine (src/twofa-enroll/machine.ts), continued: each named flow of
 * FLOWS walked end to end, the method choice (CHOOSE), and the step lists it refuses.
 * Every state × event and each event's own rules are in machine.test.ts; the helpers both
 * share (deep-frozen inputs, identity checks for refusals, invariants) are in machine-helpers.ts.
 */
import { expect } from '@open-wc/testing';
import {
  DEFAULT_STEPS,
  FLOWS,
  FlowConfigError,
  canGoBack,
  canSkip,
  initialState,
  isComplete,
  plan,
  transition,
  validateSteps,
  type MachineEvent,
  type StepId,
} from '../src/twofa-enroll/machine.js';
import {
  EV,
  METHODS,
  METHOD_CHOICE,
  METHOD_STEPS,
  RESOLVE,
  at,
  choose,
  enrolled,
  mc,
  prog,
  refuses,
  reject,
  run,
  send,
  start,
  walk,
} from './machine-helpers.js';

// ---------------------------------------------------------------------------
// The named flows, end to end
// ---------------------------------------------------------------------------

describe('machine: flows', () => {
  it('the presets are the ones walked below', () => {
    // A new preset needs its walk here.
    expect(Object.keys(FLOWS)).to.deep.equal(['standard', 'authenticator', 'desktop', 'method-choice', 'reset', 'passkey']);
  });

  describe('standard', () => {
    const steps = FLOWS.standard.steps;

    it('without a password: info → qr (start) → confirm → sms-phone → sms-code → emergency (codes) → done', () => {
      const w = walk(start({ steps }), 'NEXT', enrolled(), 'NEXT', 'SUBMIT', RESOLVE, 'SUBMIT', RESOLVE, 'SUBMIT', RESOLVE, RESOLVE, 'NEXT', RESOLVE);
      expect(w.lines).to.deep.equal([
        'info/ready/- 1 of 7',
        'qr/busy/start 2 of 7',
        'qr/ready/- 2 of 7',
        'confirm/ready/- 3 of 7',
        'confirm/busy/verifyTotp 3 of 7',
        'sms-phone/ready/- 4 of 7',
        'sms-phone/busy/sendSms 4 of 7',
        'sms-code/ready/- 5 of 7',
        'sms-code/busy/verifySms 5 of 7',
        'emergency/busy/recoveryCodes 6 of 7',
        'emergency/ready/- 6 of 7',
        'done/busy/complete 7 of 7',
        'done/ready/- 7 of 7',
      ]);
      expect(w.steps).to.deep.equal(['info', 'qr', 'confirm', 'sms-phone', 'sms-code', 'emergency', 'done']);
      expect(w.requests).to.deep.equal(['start', 'verifyTotp', 'sendSms', 'verifySms', 'recoveryCodes', 'complete']);
      expect(isComplete(w.end)).to.equal(true);
      expect(w.end.facts.method).to.equal(null);
    });

    it('with a password: password (start) → info → qr (no second start) → … → done', () => {
      const w = walk(
        start({ steps, requirePassword: true }),
        'SUBMIT',
        enrolled(),
        'NEXT',
        'NEXT',
        'SUBMIT',
        RESOLVE,
        'SUBMIT',
        RESOLVE,
        'SUBMIT',
        RESOLVE,
        RESOLVE,
        'NEXT',
        RESOLVE,
      );
      expect(w.lines).to.deep.equal([
        'password/ready/- 1 of 8',
        'password/busy/start 1 of 8',
        'info/ready/- 2 of 8',
        'qr/ready/- 3 of 8',
        'confirm/ready/- 4 of 8',
        'confirm/busy/verifyTotp 4 of 8',
        'sms-phone/ready/- 5 of 8',
        'sms-phone/busy/sendSms 5 of 8',
        'sms-code/ready/- 6 of 8',
        'sms-code/busy/verifySms 6 of 8',
        'emergency/busy/recoveryCodes 7 of 8',
        'emergency/ready/- 7 of 8',
        'done/busy/complete 8 of 8',
        'done/ready/- 8 of 8',
      ]);
      expect(w.requests).to.deep.equal(['start', 'verifyTotp', 'sendSms', 'verifySms', 'recoveryCodes', 'complete']);
      expect(isComplete(w.end)).to.equal(true);
    });
  });

  // Three presets with the same steps: the component words or shows them differently, the machine does not.
  for (const name of ['authenticator', 'desktop', 'reset'] as const) {
    describe(name, () => {
      const steps = FLOWS[name].steps;

      it('without a password: info → qr (start) → confirm → done; back to info and forward loads nothing', () => {
        // An enrollment that requires SMS cannot add steps the list does not have.
        const w = walk(start({ steps }), 'NEXT', enrolled('required'), 'BACK', 'NEXT', 'NEXT', 'SUBMIT', reject('invalid_code'), 'SUBMIT', RESOLVE, RESOLVE);
        expect(w.lines).to.deep.equal([
          'info/ready/- 1 of 4',
          'qr/busy/start 2 of 4',
          'qr/ready/- 2 of 4',
          'info/ready/- 1 of 4',
          'qr/ready/- 2 of 4',
          'confirm/ready/- 3 of 4',
          'confirm/busy/verifyTotp 3 of 4',
          'confirm/ready/- 3 of 4',
          'confirm/busy/verifyTotp 3 of 4',
          'done/busy/complete 4 of 4',
          'done/ready/- 4 of 4',
        ]);
        expect(w.requests).to.deep.equal(['start', 'verifyTotp', 'verifyTotp', 'complete']);
        expect(isComplete(w.end)).to.equal(true);
      });

      it('with a password: password (start) → info → qr → confirm → done', () => {
        const w = walk(start({ steps, requirePassword: true }), 'SUBMIT', enrolled(), 'NEXT', 'NEXT', 'SUBMIT', RESOLVE, RESOLVE);
        expect(w.lines).to.deep.equal([
          'password/ready/- 1 of 5',
          'password/busy/start 1 of 5',
          'info/ready/- 2 of 5',
          'qr/ready/- 3 of 5',
          'confirm/ready/- 4 of 5',
          'confirm/busy/verifyTotp 4 of 5',
          'done/busy/complete 5 of 5',
          'done/ready/- 5 of 5',
        ]);
        expect(w.requests).to.deep.equal(['start', 'verifyTotp', 'complete']);
        expect(isComplete(w.end)).to.equal(true);
      });
    });
  }

  describe('method-choice', () => {
    it('the app: method → emergency (start, then recoveryCodes) → qr → confirm → done; never back into emergency', () => {
      const w = walk(mc.method(), choose('totp'), enrolled(), RESOLVE, 'NEXT', 'NEXT', 'BACK', 'NEXT', 'SUBMIT', RESOLVE, RESOLVE);
      expect(w.lines).to.deep.equal([
        'method/ready/- 1 of 5',
        'emergency/busy/start 2 of 5',
        'emergency/busy/recoveryCodes 2 of 5',
        'emergency/ready/- 2 of 5',
        'qr/ready/- 3 of 5',
        'confirm/ready/- 4 of 5',
        'qr/ready/- 3 of 5',
        'confirm/ready/- 4 of 5',
        'confirm/busy/verifyTotp 4 of 5',
        'done/busy/complete 5 of 5',
        'done/ready/- 5 of 5',
      ]);
      expect(w.requests).to.deep.equal(['start', 'recoveryCodes', 'verifyTotp', 'complete']);
      const qr = w.states[4];
      expect(canGoBack(qr)).to.equal(false);
      refuses(qr, 'BACK');
      refuses(w.states[3], 'BACK');
      expect(isComplete(w.end)).to.equal(true);
      expect(w.end.facts.method).to.equal('totp');
    });

    it('SMS: method → emergency → sms-phone (no SKIP with SMS optional, planned with a phone on file) → sms-code → done', () => {
      const w = walk(
        mc.method({ sms: 'optional' }),
        choose('sms'),
        enrolled('optional', true),
        RESOLVE,
        'NEXT',
        'SUBMIT',
        RESOLVE,
        'RESEND',
        RESOLVE,
        'SUBMIT',
        RESOLVE,
        RESOLVE,
      );
      expect(w.lines).to.deep.equal([
        'method/ready/- 1 of 5',
        'emergency/busy/start 2 of 5',
        'emergency/busy/recoveryCodes 2 of 5',
        'emergency/ready/- 2 of 5',
        'sms-phone/ready/- 3 of 5',
        'sms-phone/busy/sendSms 3 of 5',
        'sms-code/ready/- 4 of 5',
        'sms-code/busy/sendSms 4 of 5',
        'sms-code/ready/- 4 of 5',
        'sms-code/busy/verifySms 4 of 5',
        'done/busy/complete 5 of 5',
        'done/ready/- 5 of 5',
      ]);
      expect(w.requests).to.deep.equal(['start', 'recoveryCodes', 'sendSms', 'sendSms', 'verifySms', 'complete']);
      const phone = w.states[4];
      expect(phone.facts).to.deep.include({ sms: 'optional', phoneOnFile: true, method: 'sms' });
      expect(canSkip(phone)).to.equal(false);
      refuses(phone, 'SKIP');
      expect(canGoBack(phone)).to.equal(false);
      expect(isComplete(w.end)).to.equal(true);
    });

    it('SMS chosen stays planned and unskippable whatever the enrollment says', () => {
      for (const [sms, phone] of [
        ['off', false],
        ['off', true],
        ['optional', true],
        ['required', true],
      ] as const) {
        const s = mc.smsPhone(sms, phone);
        expect(plan(s), `${sms}, phone ${phone}`).to.deep.equal(['method', 'emergency', 'sms-phone', 'sms-code', 'done']);
        refuses(s, 'SKIP');
        expect(run(s, 'SUBMIT', RESOLVE).step).to.equal('sms-code');
      }
    });

    it('e-mail: method → emergency → email → email-code (RESEND → sendEmail, a rejected resend keeps it ready) → done', () => {
      const w = walk(
        mc.method(),
        choose('email'),
        enrolled(),
        RESOLVE,
        'NEXT',
        'SUBMIT',
        RESOLVE,
        'RESEND',
        reject('rate_limited', { retryAfter: 30 }),
        'RESEND',
        RESOLVE,
        'SUBMIT',
        reject('invalid_code'),
        'SUBMIT',
        RESOLVE,
        RESOLVE,
      );
      expect(w.lines).to.deep.equal([
        'method/ready/- 1 of 5',
        'emergency/busy/start 2 of 5',
        'emergency/busy/recoveryCodes 2 of 5',
        'emergency/ready/- 2 of 5',
        'email/ready/- 3 of 5',
        'email/busy/sendEmail 3 of 5',
        'email-code/ready/- 4 of 5',
        'email-code/busy/sendEmail 4 of 5',
        'email-code/ready/- 4 of 5',
        'email-code/busy/sendEmail 4 of 5',
        'email-code/ready/- 4 of 5',
        'email-code/busy/verifyEmail 4 of 5',
        'email-code/ready/- 4 of 5',
        'email-code/busy/verifyEmail 4 of 5',
        'done/busy/complete 5 of 5',
        'done/ready/- 5 of 5',
      ]);
      expect(w.steps).to.deep.equal(['method', 'emergency', 'email', 'email-code', 'done']);
      expect(w.requests).to.deep.equal(['start', 'recoveryCodes', 'sendEmail', 'sendEmail', 'sendEmail', 'verifyEmail', 'verifyEmail', 'complete']);
      const rateLimited = w.states[8];
      expect(rateLimited.error).to.deep.equal({ code: 'rate_limited', retryAfter: 30 });
      refuses(rateLimited, 'RETRY');
      expect(w.states[10].error).to.equal(null);
      expect(w.states[12].failures).to.equal(1);
      expect(w.states[14].failures).to.equal(0);
      refuses(w.states[4], 'BACK');
      expect(isComplete(w.end)).to.equal(true);
      expect(w.end.facts.method).to.equal('email');
    });

    it('with a password: password (start) → method → emergency (the codes at once) → sms-phone → sms-code → done', () => {
      const w = walk(
        start({ ...METHOD_CHOICE, requirePassword: true }),
        'SUBMIT',
        enrolled(),
        choose('sms'),
        RESOLVE,
        'NEXT',
        'SUBMIT',
        RESOLVE,
        'SUBMIT',
        RESOLVE,
        RESOLVE,
      );
      expect(w.lines).to.deep.equal([
        'password/ready/- 1 of 6',
        'password/busy/start 1 of 6',
        'method/ready/- 2 of 6',
        'emergency/busy/recoveryCodes 3 of 6',
        'emergency/ready/- 3 of 6',
        'sms-phone/ready/- 4 of 6',
        'sms-phone/busy/sendSms 4 of 6',
        'sms-code/ready/- 5 of 6',
        'sms-code/busy/verifySms 5 of 6',
        'done/busy/complete 6 of 6',
        'done/ready/- 6 of 6',
      ]);
      expect(w.requests).to.deep.equal(['start', 'recoveryCodes', 'sendSms', 'verifySms', 'complete']);
      expect(isComplete(w.end)).to.equal(true);
    });

    it('with a password, the app and e-mail too: one start, then the chosen method', () => {
      for (const method of ['totp', 'email'] as const) {
        const [first, second] = METHOD_STEPS[method];
        const w = walk(start({ ...METHOD_CHOICE, requirePassword: true }), 'SUBMIT', enrolled(), choose(method), RESOLVE, 'NEXT');
        expect(w.steps, method).to.deep.equal(['password', 'method', 'emergency', first]);
        expect(w.requests, method).to.deep.equal(['start', 'recoveryCodes']);
        expect(plan(w.end), method).to.deep.equal(['password', 'method', 'emergency', first, second, 'done']);
      }
    });

    it('Step x of y before and after the choice: the plan assumes the app until a method is chosen', () => {
      const method = mc.method();
      expect(prog(method)).to.equal('1 of 5');
      expect(plan(method)).to.deep.equal(['method', 'emergency', 'qr', 'confirm', 'done']);
      const password = start({ ...METHOD_CHOICE, requirePassword: true });
      expect(prog(password)).to.equal('1 of 6');
      expect(prog(mc.methodAfterPassword())).to.equal('2 of 6');
      for (const chosen of METHODS) {
        const s = send(method, choose(chosen));
        expect(s.facts.method).to.equal(chosen);
        const total = 3 + METHOD_STEPS[chosen].length;
        expect(prog(s), chosen).to.equal(`2 of ${total}`);
        expect(plan(s), chosen).to.deep.equal(['method', 'emergency', ...METHOD_STEPS[chosen], 'done']);
        const after = run(mc.methodAfterPassword(), choose(chosen));
        expect(prog(after), chosen).to.equal(`3 of ${total + 1}`);
      }
    });
  });
});

// ---------------------------------------------------------------------------
// CHOOSE
// ---------------------------------------------------------------------------

describe('machine: CHOOSE', () => {
  it('is refused everywhere but on method, ready', () => {
    for (const s of [
      at.info(),
      at.password(),
      at.passwordBusy(),
      at.qrLoading(),
      at.qr(),
      at.confirm(),
      at.smsPhone(),
      at.smsCode(),
      at.emergency(),
      at.done(),
      mc.emergencyStarting(),
      mc.emergencyStartFailed(),
      mc.emergency(),
      mc.qr(),
      mc.smsPhone(),
      mc.email(),
      mc.emailCode(),
      mc.emailCodeResending(),
      run(mc.method(), 'CANCEL'),
      run(mc.methodAfterPassword(), 'EXPIRE'),
    ]) {
      for (const method of METHODS) refuses(s, choose(method));
    }
  });

  it('refuses an unknown method (plain JS callers) by identity', () => {
    for (const method of ['fax', undefined, 'TOTP', '']) {
      refuses(mc.method(), { type: 'CHOOSE', method } as unknown as MachineEvent);
    }
  });

  it('refuses a method the step list does not set up (it would finish with no method)', () => {
    const noEmail = start({ steps: ['info', 'method', 'qr', 'confirm', 'sms-phone', 'sms-code', 'emergency', 'done'] });
    const method = send(noEmail, 'NEXT');
    expect(method.step).to.equal('method');
    refuses(method, choose('email'));
    expect(send(method, choose('sms')).step).to.equal('sms-phone');
    const emailOnly = start({ steps: ['method', 'email', 'email-code', 'done'] });
    refuses(emailOnly, choose('totp'));
    refuses(emailOnly, choose('sms'));
    expect(send(emailOnly, choose('email')).step).to.equal('email');
  });

  it('keeps the other facts, and the config', () => {
    const before = mc.methodAfterPassword();
    const s = send(before, choose('email'));
    expect(s.facts).to.deep.equal({ ...before.facts, method: 'email' });
    expect(s.steps).to.equal(before.steps);
    expect(s.requirePassword).to.equal(true);
  });

  it('BACK returns to a method step right before the method, and another method can be chosen', () => {
    const steps: StepId[] = ['info', 'method', 'qr', 'confirm', 'sms-phone', 'sms-code', 'email', 'email-code', 'emergency', 'done'];
    const w = walk(start({ steps }), 'NEXT', choose('totp'), enrolled(), 'BACK', choose('email'), 'SUBMIT', RESOLVE, 'BACK', 'SUBMIT', RESOLVE);
    expect(w.lines).to.deep.equal([
      'info/ready/- 1 of 6',
      'method/ready/- 2 of 6',
      'qr/busy/start 3 of 6',
      'qr/ready/- 3 of 6',
      'method/ready/- 2 of 6',
      'email/ready/- 3 of 6',
      'email/busy/sendEmail 3 of 6',
      'email-code/ready/- 4 of 6',
      'email/ready/- 3 of 6',
      'email/busy/sendEmail 3 of 6',
      'email-code/ready/- 4 of 6',
    ]);
    // The enrollment exists already: no second start.
    expect(w.requests).to.deep.equal(['start', 'sendEmail', 'sendEmail']);
    expect(w.states[4].facts.method).to.equal('totp');
    expect(canGoBack(w.states[4])).to.equal(false);
    expect(plan(w.end)).to.deep.equal(['info', 'method', 'email', 'email-code', 'emergency', 'done']);
  });
});

// ---------------------------------------------------------------------------
// Step lists the machine refuses
// ---------------------------------------------------------------------------

describe('machine: invalid configurations', () => {
  const KNOWN = 'password, proof, info, method, qr, confirm, sms-phone, sms-code, email, email-code, passkey, emergency, done';
  const METHOD_ORDER = '"method" must come after "password", "proof" and "info"';
  const AFTER_METHOD = 'the steps of a method must come after "method"';
  const NO_METHOD = 'the flow sets up no method: add "qr" and "confirm", "sms-phone" and "sms-code", "email" and "email-code", or "passkey"';
  const cases: Array<[string, string[], string[]]> = [
    ['an unknown step', ['info', 'bogus', 'qr', 'confirm', 'done'], [`unknown step "bogus" (known: ${KNOWN})`]],
    ['a duplicate', ['info', 'info', 'qr', 'confirm', 'done'], ['step "info" appears twice']],
    ['confirm without qr', ['info', 'confirm', 'done'], ['"confirm" needs "qr" before it']],
    ['confirm before qr', ['info', 'confirm', 'qr', 'done'], ['"confirm" needs "qr" before it']],
    ['qr without confirm (nothing set up then)', ['info', 'qr', 'done'], ['"qr" needs "confirm" after it', NO_METHOD]],
    ['sms-code without sms-phone', ['info', 'qr', 'confirm', 'sms-code', 'done'], ['"sms-code" needs "sms-phone" before it']],
    ['sms-code before sms-phone', ['qr', 'confirm', 'sms-code', 'sms-phone', 'done'], ['"sms-code" needs "sms-phone" before it']],
    ['sms-phone without sms-code', ['info', 'qr', 'confirm', 'sms-phone', 'done'], ['"sms-phone" needs "sms-code" after it']],
    ['email-code without email', ['info', 'qr', 'confirm', 'email-code', 'done'], ['"email-code" needs "email" before it']],
    ['email-code before email', ['info', 'email-code', 'email', 'done'], ['"email-code" needs "email" before it']],
    ['email without email-code', ['info', 'qr', 'confirm', 'email', 'done'], ['"email" needs "email-code" after it']],
    ['last step not done', ['info', 'qr', 'confirm', 'done', 'emergency'], ['the last step must be "done"']],
    ['no done at all', ['info', 'qr', 'confirm'], ['the last step must be "done"']],
    ['an empty list', [], ['the last step must be "done"', NO_METHOD]],
    ['method before password', ['method', 'password', 'qr', 'confirm', 'done'], [METHOD_ORDER]],
    ['method before info', ['password', 'method', 'info', 'email', 'email-code', 'done'], [METHOD_ORDER]],
    ["the app's steps before method", ['info', 'qr', 'confirm', 'method', 'sms-phone', 'sms-code', 'done'], [AFTER_METHOD]],
    ['an SMS step before method', ['info', 'sms-phone', 'method', 'sms-code', 'done'], [AFTER_METHOD]],
    ['the e-mail steps before method', ['password', 'email', 'email-code', 'method', 'qr', 'confirm', 'done'], [AFTER_METHOD]],
    ['no method at all', ['info', 'emergency', 'done'], [NO_METHOD]],
    ['only done', ['done'], [NO_METHOD]],
    ['a method step with no method after it', ['password', 'method', 'emergency', 'done'], [NO_METHOD]],
    [
      'several problems at once',
      ['qr', 'qr', 'sms-code', 'nope'],
      [
        'step "qr" appears twice',
        `unknown step "nope" (known: ${KNOWN})`,
        '"qr" needs "confirm" after it',
        '"sms-code" needs "sms-phone" before it',
        'the last step must be "done"',
      ],
    ],
    [
      'several method problems at once',
      ['email', 'method', 'password', 'done'],
      ['"email" needs "email-code" after it', METHOD_ORDER, AFTER_METHOD, NO_METHOD],
    ],
  ];

  for (const [label, steps, problems] of cases) {
    it(`reports ${label}`, () => {
      expect(validateSteps(steps)).to.deep.equal(problems);
    });

    it(`initialState throws FlowConfigError for ${label}`, () => {
      let thrown: unknown;
      try {
        initialState({ steps: steps as StepId[] });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).to.be.instanceOf(FlowConfigError);
      expect(thrown).to.be.instanceOf(Error);
      const error = thrown as FlowConfigError;
      expect(error.name).to.equal('FlowConfigError');
      expect(error.problems).to.deep.equal(problems);
      expect(error.message).to.equal(`Invalid twofa-enroll flow: ${problems.join('; ')}`);
    });
  }

  for (const [name, { steps }] of Object.entries(FLOWS)) {
    it(`the ${name} preset is valid, with and without a password and each SMS override`, () => {
      expect(validateSteps(steps)).to.deep.equal([]);
      for (const requirePassword of [false, true]) {
        for (const sms of [undefined, 'off', 'optional', 'required'] as const) {
          expect(() => start({ steps, requirePassword, sms }), `password ${requirePassword}, sms ${sms}`).to.not.throw();
        }
      }
    });
  }

  it('accepts valid custom lists', () => {
    for (const steps of [
      [...DEFAULT_STEPS],
      ['qr', 'confirm', 'done'],
      ['info', 'qr', 'confirm', 'done'],
      ['emergency', 'qr', 'confirm', 'done'],
      ['password', 'qr', 'confirm', 'sms-phone', 'sms-code', 'done'],
      ['sms-phone', 'sms-code', 'done'],
      ['email', 'email-code', 'done'],
      ['info', 'qr', 'confirm', 'email', 'email-code', 'done'],
      ['method', 'email', 'email-code', 'done'],
      ['password', 'info', 'method', 'emergency', 'sms-phone', 'sms-code', 'done'],
    ]) {
      expect(validateSteps(steps), steps.join(',')).to.deep.equal([]);
      expect(() => initialState({ steps: steps as StepId[] })).to.not.throw();
    }
  });

  it('RESTART of a state with a valid custom list does not throw', () => {
    for (const steps of [['info', 'qr', 'confirm', 'done'], FLOWS['method-choice'].steps] as StepId[][]) {
      const s = run(start({ steps }), 'CANCEL');
      expect(() => transition(s, EV.RESTART)).to.not.throw();
    }
  });
});

describe('machine: passkeys', () => {
  const PASSKEY = { steps: FLOWS.passkey.steps };

  it('the passkey preset: start on entry, PREPARE fetches options and stays, SUBMIT registers, codes, done', () => {
    const w = walk(start(PASSKEY), enrolled(), { type: 'PREPARE' }, RESOLVE, { type: 'SUBMIT', value: '{}' }, RESOLVE, RESOLVE, 'NEXT', RESOLVE);
    expect(w.steps).to.deep.equal(['passkey', 'emergency', 'done']);
    expect(w.requests).to.deep.equal(['start', 'passkeyOptions', 'registerPasskey', 'recoveryCodes', 'complete']);
    expect(w.end.status).to.equal('ready');
  });

  it('a failed PREPARE or registration keeps the step usable (no failed notice), with its error', () => {
    const ready = run(start(PASSKEY), enrolled());
    expect(run(ready, { type: 'PREPARE' }, reject('network'))).to.deep.include({ step: 'passkey', status: 'ready', pending: null, error: { code: 'network' } });
    expect(run(ready, { type: 'SUBMIT', value: '{}' }, reject('invalid_passkey'))).to.deep.include({
      step: 'passkey',
      status: 'ready',
      error: { code: 'invalid_passkey' },
    });
    refuses(run(ready, { type: 'PREPARE' }), { type: 'PREPARE' });
    refuses(ready, 'SKIP');
  });

  it('standard: "Add a passkey too" only with a platform authenticator; skippable', () => {
    expect(plan(start())).to.not.include('passkey');
    const withDevice = start({ platformPasskey: true });
    expect(plan(withDevice)).to.include('passkey');
    const atPasskey = run(withDevice, 'NEXT', enrolled('off'), 'NEXT', 'SUBMIT', RESOLVE);
    expect(atPasskey.step).to.equal('passkey');
    expect(canSkip(atPasskey)).to.be.true;
    expect(send(atPasskey, 'SKIP').step).to.equal('emergency');
    // Learnt after the start: DEVICE adds it to the plan.
    expect(plan(send(start(), { type: 'DEVICE', platformPasskey: true }))).to.include('passkey');
  });

  it('method choice: the passkey is a method; "Choose another way" returns to the method, and the saved codes are not shown again', () => {
    const atPasskey = run(mc.method(), choose('passkey'), enrolled(), RESOLVE, 'NEXT');
    expect(atPasskey.step).to.equal('passkey');
    const back = send(atPasskey, 'BACK');
    expect(back.step).to.equal('method');
    const w = walk(back, choose('totp'));
    expect(w.end.step).to.equal('qr');
    expect(w.requests).to.deep.equal([]);
  });

  it('validateSteps knows the passkey: alone it sets up a method; after "method" only', () => {
    expect(validateSteps(['passkey', 'done'])).to.deep.equal([]);
    expect(validateSteps(['passkey', 'method', 'qr', 'confirm', 'done'])).to.include('the steps of a method must come after "method"');
  });
});
