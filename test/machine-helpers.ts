/**
 * Helpers of the unit tests of the pure step machine (machine.test.ts, machine.flows.test.ts).
 *
 * Every state handed to `transition` is deep-frozen first, so any mutation of the
 * input throws (ES modules run in strict mode): the machine must stay pure.
 * A refused event must return the very same object (identity).
 */
import { expect } from '@open-wc/testing';
import {
  FLOWS,
  STEP_IDS,
  initialState,
  plan,
  progress,
  transition,
  type MachineConfig,
  type MachineError,
  type MachineEvent,
  type Effect,
  type MachineState,
  type RequestKind,
  type StepId,
  type Transition,
} from '../src/twofa-enroll/machine.js';
import type { MethodId, SmsPolicy } from 'twofa-enroll';

export type EventType = MachineEvent['type'];

export const EVENT_TYPES: readonly EventType[] = [
  'SUBMIT',
  'NEXT',
  'CHOOSE',
  'BACK',
  'SKIP',
  'RESEND',
  'PREPARE',
  'DEVICE',
  'RESOLVE',
  'REJECT',
  'RETRY',
  'CANCEL',
  'EXPIRE',
  'RESTART',
];

/** One representative event of each type (SUBMIT a code, CHOOSE picks SMS, RESOLVE says "enrolled", REJECT is a network failure). */
export const EV: Record<EventType, MachineEvent> = {
  SUBMIT: { type: 'SUBMIT', value: '123456' },
  NEXT: { type: 'NEXT' },
  CHOOSE: { type: 'CHOOSE', method: 'sms' },
  BACK: { type: 'BACK' },
  SKIP: { type: 'SKIP' },
  RESEND: { type: 'RESEND' },
  PREPARE: { type: 'PREPARE' },
  DEVICE: { type: 'DEVICE', platformPasskey: true },
  RESOLVE: { type: 'RESOLVE', facts: { enrolled: true } },
  REJECT: { type: 'REJECT', error: { code: 'network' } },
  RETRY: { type: 'RETRY' },
  CANCEL: { type: 'CANCEL' },
  EXPIRE: { type: 'EXPIRE' },
  RESTART: { type: 'RESTART' },
};

export const METHODS: readonly MethodId[] = ['totp', 'sms', 'email', 'passkey'];

/** The steps that set up each method (test knowledge, not read from the machine). */
export const METHOD_STEPS: Record<MethodId, readonly StepId[]> = {
  totp: ['qr', 'confirm'],
  sms: ['sms-phone', 'sms-code'],
  email: ['email', 'email-code'],
  passkey: ['passkey'],
};

/** Steps shown before the enrollment exists; every other step loads `start` first. */
export const BEFORE_ENROLLMENT: readonly StepId[] = ['password', 'proof', 'info', 'method'];

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

function toEvent(event: MachineEvent | EventType): MachineEvent {
  return typeof event === 'string' ? EV[event] : event;
}

const methodOf = (step: StepId) => METHODS.find((method) => METHOD_STEPS[method].includes(step));

/** Structural invariants every state the machine produces must satisfy. */
export function checkInvariants(state: MachineState): void {
  const where = `${state.step}/${state.status}`;
  expect(STEP_IDS as readonly string[], `${where}: known step`).to.include(state.step);
  expect(plan(state), `${where}: the current step is planned`).to.include(state.step);
  const hasPending = state.status === 'busy' || state.status === 'failed';
  if (hasPending) expect(state.pending, `${where}: pending request`).to.be.a('string');
  else expect(state.pending, `${where}: no pending request`).to.equal(null);
  if (state.status === 'failed') expect(state.error, `${where}: a failed load has an error`).to.not.equal(null);
  if (state.status === 'expired') expect(state.error, `${where}: expired error`).to.deep.include({ code: 'expired' });
  expect(state.failures, `${where}: failures`).to.be.a('number').and.to.be.at.least(0);
  if (state.status === 'busy' && state.advanceOnResolve) {
    expect(['password', 'proof', 'confirm', 'sms-phone', 'sms-code', 'email', 'email-code', 'passkey'], `${where}: only submit steps advance`).to.include(
      state.step,
    );
  }
  // Past password, info and method, nothing is shown or loaded before the enrollment: only `start` runs.
  if (!state.facts.enrolled && !BEFORE_ENROLLMENT.includes(state.step) && ['ready', 'busy', 'failed'].includes(state.status)) {
    expect(state.pending, `${where}: only start before the enrollment`).to.equal('start');
  }
  // With a method step, the steps after it are only reached through a choice, and only the chosen method's.
  if (state.steps.includes('method')) {
    if (state.steps.indexOf(state.step) > state.steps.indexOf('method')) expect(state.facts.method, `${where}: a method was chosen`).to.not.equal(null);
    const method = methodOf(state.step);
    if (method) expect(state.facts.method, `${where}: the chosen method's step`).to.equal(method);
  } else {
    expect(state.facts.method, `${where}: no method without a method step`).to.equal(null);
  }
}

/** Applies an event the machine must accept. */
export function send(state: MachineState, event: MachineEvent | EventType): MachineState {
  const e = toEvent(event);
  return sendWithEffects(state, e).state;
}

/** Applies an event the machine must accept, and returns the effects it asks for too. */
export function sendWithEffects(state: MachineState, event: MachineEvent | EventType): Transition {
  const e = toEvent(event);
  const next = transition(deepFreeze(state), e);
  expect(next.state, `${e.type} at ${state.step}/${state.status} should be accepted`).to.not.equal(state);
  checkInvariants(next.state);
  return next;
}

/** Applies a sequence of events the machine must all accept. */
export function run(state: MachineState, ...events: Array<MachineEvent | EventType>): MachineState {
  return events.reduce(send, state);
}

/** Asserts the machine refuses the event: the very same object comes back. */
export function refuses(state: MachineState, event: MachineEvent | EventType): void {
  const e = toEvent(event);
  const next = transition(deepFreeze(state), e);
  expect(next.state, `${e.type} at ${state.step}/${state.status} should be refused`).to.equal(state);
  expect(next.effects, `${e.type} at ${state.step}/${state.status}: a refused event has no effects`).to.deep.equal([]);
}

export function start(config: MachineConfig = {}): MachineState {
  const state = initialState(config);
  checkInvariants(state);
  return state;
}

/** What an orchestrator reports when `start` resolves. */
export function enrolled(sms: SmsPolicy = 'optional', phoneOnFile = false): MachineEvent {
  return { type: 'RESOLVE', facts: { enrolled: true, sms, phoneOnFile } };
}

export const RESOLVE: MachineEvent = { type: 'RESOLVE' };

export function reject(code: MachineError['code'], extra: Omit<MachineError, 'code'> = {}): MachineEvent {
  return { type: 'REJECT', error: { code, ...extra } };
}

export function choose(method: MethodId): MachineEvent {
  return { type: 'CHOOSE', method };
}

export function prog(state: MachineState): string {
  const { index, total } = progress(state);
  return `${index} of ${total}`;
}

export function brief(state: MachineState) {
  return { step: state.step, status: state.status, pending: state.pending, advanceOnResolve: state.advanceOnResolve };
}

/** A state as one line: `step/status/pending x of y`. */
export function line(state: MachineState): string {
  return `${state.step}/${state.status}/${state.pending ?? '-'} ${prog(state)}`;
}

export interface Walk {
  /** The first state and the state after each event. */
  states: MachineState[];
  end: MachineState;
  lines: string[];
  /** The steps in the order shown (a step once while it stays). */
  steps: StepId[];
  /** The requests the effects start, in order. */
  requests: RequestKind[];
  /** Every effect, in order. */
  effects: Effect[];
}

/** Runs events the machine must all accept, and records what the wizard would show and request. */
export function walk(state: MachineState, ...events: Array<MachineEvent | EventType>): Walk {
  const states = [state];
  // A walk from a busy state counts the request in flight as its first (a fresh flow's first step may load one).
  const effects: Effect[] = state.status === 'busy' && state.pending ? [{ type: 'request', request: state.pending }] : [];
  for (const event of events) {
    const next = sendWithEffects(states[states.length - 1], event);
    states.push(next.state);
    effects.push(...next.effects);
  }
  const requests = effects.flatMap((effect) => (effect.type === 'request' ? [effect.request] : []));
  return {
    effects,
    states,
    end: states[states.length - 1],
    lines: states.map(line),
    steps: states.map((s) => s.step).filter((step, i, all) => step !== all[i - 1]),
    requests,
  };
}

// Builders of reachable states in the default flow (no password, SMS optional, no phone on file).
export const at = {
  info: (config: MachineConfig = {}) => start(config),
  qrLoading: (config: MachineConfig = {}) => run(start(config), 'NEXT'),
  qrFailed: (config: MachineConfig = {}) => run(at.qrLoading(config), reject('network')),
  qr: (config: MachineConfig = {}, sms: SmsPolicy = 'optional', phone = false) => run(at.qrLoading(config), enrolled(sms, phone)),
  confirm: (config: MachineConfig = {}, sms: SmsPolicy = 'optional', phone = false) => run(at.qr(config, sms, phone), 'NEXT'),
  confirmBusy: (config: MachineConfig = {}, sms: SmsPolicy = 'optional', phone = false) => run(at.confirm(config, sms, phone), 'SUBMIT'),
  smsPhone: (config: MachineConfig = {}, sms: SmsPolicy = 'optional') => run(at.confirmBusy(config, sms), RESOLVE),
  smsPhoneBusy: (config: MachineConfig = {}, sms: SmsPolicy = 'optional') => run(at.smsPhone(config, sms), 'SUBMIT'),
  smsCode: (config: MachineConfig = {}, sms: SmsPolicy = 'optional') => run(at.smsPhoneBusy(config, sms), RESOLVE),
  smsCodeBusy: () => run(at.smsCode(), 'SUBMIT'),
  smsCodeResending: () => run(at.smsCode(), 'RESEND'),
  emergencyLoading: () => run(at.smsCodeBusy(), RESOLVE),
  emergencyFailed: () => run(at.emergencyLoading(), reject('server')),
  emergency: () => run(at.emergencyLoading(), RESOLVE),
  doneLoading: () => run(at.emergency(), 'NEXT'),
  doneFailed: () => run(at.doneLoading(), reject('timeout')),
  done: () => run(at.doneLoading(), RESOLVE),
  password: () => start({ requirePassword: true }),
  passwordBusy: () => run(start({ requirePassword: true }), 'SUBMIT'),
  infoAfterPassword: () => run(at.passwordBusy(), enrolled()),
  qrAfterPassword: () => run(at.infoAfterPassword(), 'NEXT'),
  /** The reset preset: the server asked for proof on the way to the QR code. */
  proof: () => run(start(RESET), 'NEXT', reject('proof_required')),
  proofBusy: () => run(at.proof(), { type: 'SUBMIT', value: 'ABCD-EFGH-JKLM' }),
};

/** The reset preset: password and proof steps only when asked for. */
export const RESET: MachineConfig = { steps: FLOWS.reset.steps };

/** The method-choice preset (no password): method, emergency, then the chosen method's steps, done. */
export const METHOD_CHOICE: MachineConfig = { steps: FLOWS['method-choice'].steps };

// Builders of reachable states in the method-choice preset (SMS optional, no phone on file unless said).
export const mc = {
  method: (config: MachineConfig = {}) => start({ ...METHOD_CHOICE, ...config }),
  methodAfterPassword: () => run(start({ ...METHOD_CHOICE, requirePassword: true }), 'SUBMIT', enrolled()),
  /** Chosen: the recovery codes wait for the enrollment, so `start` runs first. */
  emergencyStarting: (method: MethodId = 'totp') => run(mc.method(), choose(method)),
  emergencyStartFailed: () => run(mc.emergencyStarting(), reject('network')),
  emergencyLoading: (method: MethodId = 'totp', sms: SmsPolicy = 'optional', phone = false) => run(mc.emergencyStarting(method), enrolled(sms, phone)),
  emergency: (method: MethodId = 'totp', sms: SmsPolicy = 'optional', phone = false) => run(mc.emergencyLoading(method, sms, phone), RESOLVE),
  qr: () => run(mc.emergency('totp'), 'NEXT'),
  smsPhone: (sms: SmsPolicy = 'optional', phone = false) => run(mc.emergency('sms', sms, phone), 'NEXT'),
  smsCode: () => run(mc.smsPhone(), 'SUBMIT', RESOLVE),
  smsCodeBusy: () => run(mc.smsCode(), 'SUBMIT'),
  email: () => run(mc.emergency('email'), 'NEXT'),
  emailBusy: () => run(mc.email(), 'SUBMIT'),
  emailCode: () => run(mc.emailBusy(), RESOLVE),
  emailCodeBusy: () => run(mc.emailCode(), 'SUBMIT'),
  emailCodeResending: () => run(mc.emailCode(), 'RESEND'),
  passkey: () => run(mc.emergency('passkey'), 'NEXT'),
};

/** The passkey preset: the passkey, recovery codes, done. */
export const PASSKEY: MachineConfig = { steps: FLOWS.passkey.steps };

// Builders of reachable states in the passkey preset.
export const pk = {
  passkey: () => run(start(PASSKEY), enrolled()),
  preparing: () => run(pk.passkey(), 'PREPARE'),
  registering: () => run(pk.passkey(), 'SUBMIT'),
};
