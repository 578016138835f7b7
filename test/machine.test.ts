/**
 * Unit tests of the pure step machine (src/twofa-enroll/machine.ts): every constructed state × every
 * event, and each event's rules. The named flows, the method choice and the validation of step
 * lists are in machine.flows.test.ts; the helpers both share are in machine-helpers.ts.
 *
 * Every state handed to `transition` is deep-frozen first, so any mutation of the
 * input throws (ES modules run in strict mode): the machine must stay pure.
 * A refused event must return the very same object (identity).
 */
import { expect } from '@open-wc/testing';
import type { MethodId } from '../src/adapter/types.js';
import {
  begin,
  DEFAULT_STEPS,
  FLOWS,
  STEP_IDS,
  canGoBack,
  canSkip,
  initialState,
  isComplete,
  plan,
  transition,
  validateSteps,
  type Facts,
  type FlowName,
  type MachineConfig,
  type MachineEvent,
  type MachineState,
  type RequestKind,
  type Status,
  type StepId,
} from '../src/twofa-enroll/machine.js';
import {
  EV,
  EVENT_TYPES,
  METHODS,
  METHOD_CHOICE,
  METHOD_STEPS,
  RESET,
  RESOLVE,
  at,
  brief,
  checkInvariants,
  choose,
  deepFreeze,
  enrolled,
  mc,
  pk,
  PASSKEY,
  prog,
  refuses,
  reject,
  run,
  send,
  sendWithEffects,
  start,
  walk,
  type EventType,
} from './machine-helpers.js';

// ---------------------------------------------------------------------------
// Table: every constructed (step, status) × every event type
// ---------------------------------------------------------------------------

/** Expected outcome of one event: refused, a fresh start, or the fields the new state must have. */
type Outcome = 'refused' | 'restart' | Partial<Pick<MachineState, 'step' | 'status' | 'pending' | 'advanceOnResolve' | 'error' | 'failures' | 'facts'>>;

type Row = {
  label: string;
  build: () => MachineState;
  /** The config the state was built with (what RESTART must rebuild). */
  config?: MachineConfig;
  /** DEVICE is checked for every row at once (it changes only what the device can do). */
  outcomes: Record<Exclude<EventType, 'DEVICE'>, Outcome>;
};

const R = 'refused' as const;
const cancelledAt = (step: StepId): Outcome => ({ step, status: 'cancelled', pending: null });
const expiredAt = (step: StepId): Outcome => ({ step, status: 'expired', pending: null, error: { code: 'expired' } });
const network = { code: 'network' as const };

const TABLE: Row[] = [
  {
    label: 'info / ready (not enrolled)',
    build: at.info,
    outcomes: {
      SUBMIT: R,
      NEXT: { step: 'qr', status: 'busy', pending: 'start', advanceOnResolve: false },
      CHOOSE: R,
      BACK: R,
      SKIP: R,
      RESEND: R,
      PREPARE: R,
      RESOLVE: R,
      REJECT: R,
      RETRY: R,
      CANCEL: cancelledAt('info'),
      EXPIRE: R,
      RESTART: R,
    },
  },
  {
    label: 'qr / busy loading start',
    build: at.qrLoading,
    outcomes: {
      SUBMIT: R,
      NEXT: R,
      CHOOSE: R,
      BACK: R,
      SKIP: R,
      RESEND: R,
      PREPARE: R,
      RESOLVE: { step: 'qr', status: 'ready', pending: null, error: null },
      REJECT: { step: 'qr', status: 'failed', pending: 'start', error: network },
      RETRY: R,
      CANCEL: cancelledAt('qr'),
      EXPIRE: R,
      RESTART: R,
    },
  },
  {
    label: 'qr / failed start',
    build: at.qrFailed,
    outcomes: {
      SUBMIT: R,
      NEXT: R,
      CHOOSE: R,
      BACK: R,
      SKIP: R,
      RESEND: R,
      PREPARE: R,
      RESOLVE: R,
      REJECT: R,
      RETRY: { step: 'qr', status: 'busy', pending: 'start', advanceOnResolve: false, error: null },
      CANCEL: cancelledAt('qr'),
      EXPIRE: R,
      RESTART: R,
    },
  },
  {
    label: 'qr / ready',
    build: () => at.qr(),
    outcomes: {
      SUBMIT: R,
      NEXT: { step: 'confirm', status: 'ready', pending: null },
      CHOOSE: R,
      BACK: { step: 'info', status: 'ready', pending: null },
      SKIP: R,
      RESEND: R,
      PREPARE: R,
      RESOLVE: R,
      REJECT: R,
      RETRY: R,
      CANCEL: cancelledAt('qr'),
      EXPIRE: expiredAt('qr'),
      RESTART: R,
    },
  },
  {
    label: 'confirm / ready',
    build: () => at.confirm(),
    outcomes: {
      SUBMIT: { step: 'confirm', status: 'busy', pending: 'verifyTotp', advanceOnResolve: true },
      NEXT: R,
      CHOOSE: R,
      BACK: { step: 'qr', status: 'ready', pending: null },
      SKIP: R,
      RESEND: R,
      PREPARE: R,
      RESOLVE: R,
      REJECT: R,
      RETRY: R,
      CANCEL: cancelledAt('confirm'),
      EXPIRE: expiredAt('confirm'),
      RESTART: R,
    },
  },
  {
    label: 'confirm / busy verifyTotp',
    build: () => at.confirmBusy(),
    outcomes: {
      SUBMIT: R,
      NEXT: R,
      CHOOSE: R,
      BACK: R,
      SKIP: R,
      RESEND: R,
      PREPARE: R,
      RESOLVE: { step: 'sms-phone', status: 'ready', pending: null, error: null },
      REJECT: { step: 'confirm', status: 'ready', pending: null, error: network },
      RETRY: R,
      CANCEL: cancelledAt('confirm'),
      EXPIRE: expiredAt('confirm'),
      RESTART: R,
    },
  },
  {
    label: 'sms-phone / ready (optional)',
    build: () => at.smsPhone(),
    outcomes: {
      SUBMIT: { step: 'sms-phone', status: 'busy', pending: 'sendSms', advanceOnResolve: true },
      NEXT: R,
      CHOOSE: R,
      BACK: R,
      SKIP: { step: 'emergency', status: 'busy', pending: 'recoveryCodes', advanceOnResolve: false },
      RESEND: R,
      PREPARE: R,
      RESOLVE: R,
      REJECT: R,
      RETRY: R,
      CANCEL: cancelledAt('sms-phone'),
      EXPIRE: expiredAt('sms-phone'),
      RESTART: R,
    },
  },
  {
    label: 'sms-phone / ready (required)',
    build: () => at.smsPhone({}, 'required'),
    outcomes: {
      SUBMIT: { step: 'sms-phone', status: 'busy', pending: 'sendSms', advanceOnResolve: true },
      NEXT: R,
      CHOOSE: R,
      BACK: R,
      SKIP: R,
      RESEND: R,
      PREPARE: R,
      RESOLVE: R,
      REJECT: R,
      RETRY: R,
      CANCEL: cancelledAt('sms-phone'),
      EXPIRE: expiredAt('sms-phone'),
      RESTART: R,
    },
  },
  {
    label: 'sms-phone / busy sendSms',
    build: () => at.smsPhoneBusy(),
    outcomes: {
      SUBMIT: R,
      NEXT: R,
      CHOOSE: R,
      BACK: R,
      SKIP: R,
      RESEND: R,
      PREPARE: R,
      RESOLVE: { step: 'sms-code', status: 'ready', pending: null },
      REJECT: { step: 'sms-phone', status: 'ready', pending: null, error: network },
      RETRY: R,
      CANCEL: cancelledAt('sms-phone'),
      EXPIRE: expiredAt('sms-phone'),
      RESTART: R,
    },
  },
  {
    label: 'sms-code / ready',
    build: () => at.smsCode(),
    outcomes: {
      SUBMIT: { step: 'sms-code', status: 'busy', pending: 'verifySms', advanceOnResolve: true },
      NEXT: R,
      CHOOSE: R,
      BACK: { step: 'sms-phone', status: 'ready', pending: null },
      SKIP: R,
      RESEND: { step: 'sms-code', status: 'busy', pending: 'sendSms', advanceOnResolve: false },
      PREPARE: R,
      RESOLVE: R,
      REJECT: R,
      RETRY: R,
      CANCEL: cancelledAt('sms-code'),
      EXPIRE: expiredAt('sms-code'),
      RESTART: R,
    },
  },
  {
    label: 'sms-code / busy verifySms',
    build: at.smsCodeBusy,
    outcomes: {
      SUBMIT: R,
      NEXT: R,
      CHOOSE: R,
      BACK: R,
      SKIP: R,
      RESEND: R,
      PREPARE: R,
      RESOLVE: { step: 'emergency', status: 'busy', pending: 'recoveryCodes', advanceOnResolve: false },
      REJECT: { step: 'sms-code', status: 'ready', pending: null, error: network },
      RETRY: R,
      CANCEL: cancelledAt('sms-code'),
      EXPIRE: expiredAt('sms-code'),
      RESTART: R,
    },
  },
  {
    label: 'sms-code / busy resending',
    build: at.smsCodeResending,
    outcomes: {
      SUBMIT: R,
      NEXT: R,
      CHOOSE: R,
      BACK: R,
      SKIP: R,
      RESEND: R,
      PREPARE: R,
      RESOLVE: { step: 'sms-code', status: 'ready', pending: null, error: null },
      // A failed resend keeps the step usable: ready with the error, not 'failed'.
      REJECT: { step: 'sms-code', status: 'ready', pending: null, error: network },
      RETRY: R,
      CANCEL: cancelledAt('sms-code'),
      EXPIRE: expiredAt('sms-code'),
      RESTART: R,
    },
  },
  {
    label: 'emergency / busy loading recoveryCodes',
    build: at.emergencyLoading,
    outcomes: {
      SUBMIT: R,
      NEXT: R,
      CHOOSE: R,
      BACK: R,
      SKIP: R,
      RESEND: R,
      PREPARE: R,
      RESOLVE: { step: 'emergency', status: 'ready', pending: null },
      REJECT: { step: 'emergency', status: 'failed', pending: 'recoveryCodes', error: network },
      RETRY: R,
      CANCEL: cancelledAt('emergency'),
      EXPIRE: expiredAt('emergency'),
      RESTART: R,
    },
  },
  {
    label: 'emergency / failed',
    build: at.emergencyFailed,
    outcomes: {
      SUBMIT: R,
      NEXT: R,
      CHOOSE: R,
      BACK: R,
      SKIP: R,
      RESEND: R,
      PREPARE: R,
      RESOLVE: R,
      REJECT: R,
      RETRY: { step: 'emergency', status: 'busy', pending: 'recoveryCodes', error: null },
      CANCEL: cancelledAt('emergency'),
      EXPIRE: expiredAt('emergency'),
      RESTART: R,
    },
  },
  {
    label: 'emergency / ready',
    build: at.emergency,
    outcomes: {
      SUBMIT: R,
      NEXT: { step: 'done', status: 'busy', pending: 'complete', advanceOnResolve: false },
      CHOOSE: R,
      BACK: R,
      SKIP: R,
      RESEND: R,
      PREPARE: R,
      RESOLVE: R,
      REJECT: R,
      RETRY: R,
      CANCEL: cancelledAt('emergency'),
      EXPIRE: expiredAt('emergency'),
      RESTART: R,
    },
  },
  {
    label: 'done / busy completing',
    build: at.doneLoading,
    outcomes: {
      SUBMIT: R,
      NEXT: R,
      CHOOSE: R,
      BACK: R,
      SKIP: R,
      RESEND: R,
      PREPARE: R,
      RESOLVE: { step: 'done', status: 'ready', pending: null },
      REJECT: { step: 'done', status: 'failed', pending: 'complete', error: network },
      RETRY: R,
      CANCEL: cancelledAt('done'),
      EXPIRE: expiredAt('done'),
      RESTART: R,
    },
  },
  {
    label: 'done / failed',
    build: at.doneFailed,
    outcomes: {
      SUBMIT: R,
      NEXT: R,
      CHOOSE: R,
      BACK: R,
      SKIP: R,
      RESEND: R,
      PREPARE: R,
      RESOLVE: R,
      REJECT: R,
      RETRY: { step: 'done', status: 'busy', pending: 'complete', error: null },
      CANCEL: cancelledAt('done'),
      EXPIRE: expiredAt('done'),
      RESTART: R,
    },
  },
  {
    label: 'done / ready (completed: terminal)',
    build: at.done,
    outcomes: {
      SUBMIT: R,
      NEXT: R,
      CHOOSE: R,
      BACK: R,
      SKIP: R,
      RESEND: R,
      PREPARE: R,
      RESOLVE: R,
      REJECT: R,
      RETRY: R,
      CANCEL: R,
      EXPIRE: R,
      RESTART: R,
    },
  },
  {
    label: 'password / ready',
    build: at.password,
    config: { requirePassword: true },
    outcomes: {
      SUBMIT: { step: 'password', status: 'busy', pending: 'start', advanceOnResolve: true },
      NEXT: R,
      CHOOSE: R,
      BACK: R,
      SKIP: R,
      RESEND: R,
      PREPARE: R,
      RESOLVE: R,
      REJECT: R,
      RETRY: R,
      CANCEL: cancelledAt('password'),
      EXPIRE: R,
      RESTART: R,
    },
  },
  {
    label: 'proof / ready (asked for by the server)',
    build: at.proof,
    config: RESET,
    outcomes: {
      SUBMIT: { step: 'proof', status: 'busy', pending: 'prove', advanceOnResolve: true },
      NEXT: R,
      CHOOSE: R,
      BACK: R,
      SKIP: R,
      RESEND: R,
      PREPARE: R,
      RESOLVE: R,
      REJECT: R,
      RETRY: R,
      CANCEL: cancelledAt('proof'),
      EXPIRE: R,
      RESTART: R,
    },
  },
  {
    label: 'proof / busy prove',
    build: at.proofBusy,
    config: RESET,
    outcomes: {
      SUBMIT: R,
      NEXT: R,
      CHOOSE: R,
      BACK: R,
      SKIP: R,
      RESEND: R,
      PREPARE: R,
      // Back to the QR code it interrupted, which now has its enrollment.
      RESOLVE: { step: 'qr', status: 'ready', pending: null },
      REJECT: { step: 'proof', status: 'ready', pending: null, error: network },
      RETRY: R,
      CANCEL: cancelledAt('proof'),
      EXPIRE: R,
      RESTART: R,
    },
  },
  {
    label: 'password / busy start',
    build: at.passwordBusy,
    config: { requirePassword: true },
    outcomes: {
      SUBMIT: R,
      NEXT: R,
      CHOOSE: R,
      BACK: R,
      SKIP: R,
      RESEND: R,
      PREPARE: R,
      RESOLVE: { step: 'info', status: 'ready', pending: null },
      // A failed submit keeps the step usable (not 'failed').
      REJECT: { step: 'password', status: 'ready', pending: null, error: network },
      RETRY: R,
      CANCEL: cancelledAt('password'),
      EXPIRE: R,
      RESTART: R,
    },
  },
  {
    label: 'info / ready (after password: enrolled)',
    build: at.infoAfterPassword,
    config: { requirePassword: true },
    outcomes: {
      SUBMIT: R,
      NEXT: { step: 'qr', status: 'ready', pending: null },
      CHOOSE: R,
      BACK: R,
      SKIP: R,
      RESEND: R,
      PREPARE: R,
      RESOLVE: R,
      REJECT: R,
      RETRY: R,
      CANCEL: cancelledAt('info'),
      EXPIRE: expiredAt('info'),
      RESTART: R,
    },
  },
  {
    label: 'qr / ready (after password: back to info, never further)',
    build: at.qrAfterPassword,
    config: { requirePassword: true },
    outcomes: {
      SUBMIT: R,
      NEXT: { step: 'confirm', status: 'ready' },
      CHOOSE: R,
      BACK: { step: 'info', status: 'ready' },
      SKIP: R,
      RESEND: R,
      PREPARE: R,
      RESOLVE: R,
      REJECT: R,
      RETRY: R,
      CANCEL: cancelledAt('qr'),
      EXPIRE: expiredAt('qr'),
      RESTART: R,
    },
  },
  {
    label: 'info / cancelled (before enrollment)',
    build: () => run(at.info(), 'CANCEL'),
    outcomes: {
      SUBMIT: R,
      NEXT: R,
      CHOOSE: R,
      BACK: R,
      SKIP: R,
      RESEND: R,
      PREPARE: R,
      RESOLVE: R,
      REJECT: R,
      RETRY: R,
      CANCEL: R,
      EXPIRE: R,
      RESTART: 'restart',
    },
  },
  {
    label: 'confirm / cancelled while busy',
    build: () => run(at.confirmBusy(), 'CANCEL'),
    outcomes: {
      SUBMIT: R,
      NEXT: R,
      CHOOSE: R,
      BACK: R,
      SKIP: R,
      RESEND: R,
      PREPARE: R,
      RESOLVE: R,
      REJECT: R,
      RETRY: R,
      CANCEL: R,
      EXPIRE: R,
      RESTART: 'restart',
    },
  },
  {
    label: 'qr / cancelled after a failed load',
    build: () => run(at.qrFailed(), 'CANCEL'),
    outcomes: {
      SUBMIT: R,
      NEXT: R,
      CHOOSE: R,
      BACK: R,
      SKIP: R,
      RESEND: R,
      PREPARE: R,
      RESOLVE: R,
      REJECT: R,
      RETRY: R,
      CANCEL: R,
      EXPIRE: R,
      RESTART: 'restart',
    },
  },
  {
    label: 'done / cancelled while completing',
    build: () => run(at.doneLoading(), 'CANCEL'),
    outcomes: {
      SUBMIT: R,
      NEXT: R,
      CHOOSE: R,
      BACK: R,
      SKIP: R,
      RESEND: R,
      PREPARE: R,
      RESOLVE: R,
      REJECT: R,
      RETRY: R,
      CANCEL: R,
      EXPIRE: R,
      RESTART: 'restart',
    },
  },
  {
    label: 'confirm / expired (EXPIRE)',
    build: () => run(at.confirm(), 'EXPIRE'),
    outcomes: {
      SUBMIT: R,
      NEXT: R,
      CHOOSE: R,
      BACK: R,
      SKIP: R,
      RESEND: R,
      PREPARE: R,
      RESOLVE: R,
      REJECT: R,
      RETRY: R,
      CANCEL: { step: 'confirm', status: 'cancelled', pending: null },
      EXPIRE: R,
      RESTART: 'restart',
    },
  },
  {
    label: 'sms-code / expired (REJECT expired)',
    build: () => run(at.smsCodeBusy(), reject('expired')),
    outcomes: {
      SUBMIT: R,
      NEXT: R,
      CHOOSE: R,
      BACK: R,
      SKIP: R,
      RESEND: R,
      PREPARE: R,
      RESOLVE: R,
      REJECT: R,
      RETRY: R,
      CANCEL: { step: 'sms-code', status: 'cancelled', pending: null },
      EXPIRE: R,
      RESTART: 'restart',
    },
  },
  {
    label: 'emergency / expired while loading',
    build: () => run(at.emergencyLoading(), 'EXPIRE'),
    outcomes: {
      SUBMIT: R,
      NEXT: R,
      CHOOSE: R,
      BACK: R,
      SKIP: R,
      RESEND: R,
      PREPARE: R,
      RESOLVE: R,
      REJECT: R,
      RETRY: R,
      CANCEL: { step: 'emergency', status: 'cancelled', pending: null },
      EXPIRE: R,
      RESTART: 'restart',
    },
  },
  // The method-choice preset: method, emergency, then the chosen method's steps, done.
  {
    label: 'method / ready (method-choice, not enrolled)',
    build: () => mc.method(),
    config: METHOD_CHOICE,
    outcomes: {
      SUBMIT: R,
      NEXT: R,
      CHOOSE: {
        step: 'emergency',
        status: 'busy',
        pending: 'start',
        advanceOnResolve: false,
        facts: { enrolled: false, sms: 'optional', phoneOnFile: false, smsSkipped: false, smsSent: false, method: 'sms', methods: null, codesSaved: false },
      },
      BACK: R,
      SKIP: R,
      RESEND: R,
      PREPARE: R,
      RESOLVE: R,
      REJECT: R,
      RETRY: R,
      CANCEL: cancelledAt('method'),
      EXPIRE: R,
      RESTART: R,
    },
  },
  {
    label: 'method / ready (after password: enrolled, the codes load at once)',
    build: mc.methodAfterPassword,
    config: { ...METHOD_CHOICE, requirePassword: true },
    outcomes: {
      SUBMIT: R,
      NEXT: R,
      CHOOSE: { step: 'emergency', status: 'busy', pending: 'recoveryCodes', advanceOnResolve: false },
      BACK: R,
      SKIP: R,
      RESEND: R,
      PREPARE: R,
      RESOLVE: R,
      REJECT: R,
      RETRY: R,
      CANCEL: cancelledAt('method'),
      EXPIRE: expiredAt('method'),
      RESTART: R,
    },
  },
  {
    label: 'method / cancelled',
    build: () => run(mc.method(), 'CANCEL'),
    config: METHOD_CHOICE,
    outcomes: {
      SUBMIT: R,
      NEXT: R,
      CHOOSE: R,
      BACK: R,
      SKIP: R,
      RESEND: R,
      PREPARE: R,
      RESOLVE: R,
      REJECT: R,
      RETRY: R,
      CANCEL: R,
      EXPIRE: R,
      RESTART: 'restart',
    },
  },
  {
    label: 'emergency / busy start (method-choice: the codes wait for the enrollment)',
    build: () => mc.emergencyStarting(),
    config: METHOD_CHOICE,
    outcomes: {
      SUBMIT: R,
      NEXT: R,
      CHOOSE: R,
      BACK: R,
      SKIP: R,
      RESEND: R,
      PREPARE: R,
      RESOLVE: { step: 'emergency', status: 'busy', pending: 'recoveryCodes', advanceOnResolve: false, error: null },
      REJECT: { step: 'emergency', status: 'failed', pending: 'start', error: network },
      RETRY: R,
      CANCEL: cancelledAt('emergency'),
      EXPIRE: R,
      RESTART: R,
    },
  },
  {
    label: 'emergency / failed start (method-choice)',
    build: mc.emergencyStartFailed,
    config: METHOD_CHOICE,
    outcomes: {
      SUBMIT: R,
      NEXT: R,
      CHOOSE: R,
      BACK: R,
      SKIP: R,
      RESEND: R,
      PREPARE: R,
      RESOLVE: R,
      REJECT: R,
      RETRY: { step: 'emergency', status: 'busy', pending: 'start', advanceOnResolve: false, error: null },
      CANCEL: cancelledAt('emergency'),
      EXPIRE: R,
      RESTART: R,
    },
  },
  {
    label: 'emergency / ready (method-choice, app chosen)',
    build: () => mc.emergency('totp'),
    config: METHOD_CHOICE,
    outcomes: {
      SUBMIT: R,
      NEXT: { step: 'qr', status: 'ready', pending: null },
      CHOOSE: R,
      BACK: R,
      SKIP: R,
      RESEND: R,
      PREPARE: R,
      RESOLVE: R,
      REJECT: R,
      RETRY: R,
      CANCEL: cancelledAt('emergency'),
      EXPIRE: expiredAt('emergency'),
      RESTART: R,
    },
  },
  {
    label: 'qr / ready (method-choice: never back into emergency)',
    build: mc.qr,
    config: METHOD_CHOICE,
    outcomes: {
      SUBMIT: R,
      NEXT: { step: 'confirm', status: 'ready', pending: null },
      CHOOSE: R,
      BACK: R,
      SKIP: R,
      RESEND: R,
      PREPARE: R,
      RESOLVE: R,
      REJECT: R,
      RETRY: R,
      CANCEL: cancelledAt('qr'),
      EXPIRE: expiredAt('qr'),
      RESTART: R,
    },
  },
  {
    label: 'sms-phone / ready (method-choice: SMS primary, optional policy, phone on file)',
    build: () => mc.smsPhone('optional', true),
    config: METHOD_CHOICE,
    outcomes: {
      SUBMIT: { step: 'sms-phone', status: 'busy', pending: 'sendSms', advanceOnResolve: true },
      NEXT: R,
      CHOOSE: R,
      BACK: R,
      SKIP: R,
      RESEND: R,
      PREPARE: R,
      RESOLVE: R,
      REJECT: R,
      RETRY: R,
      CANCEL: cancelledAt('sms-phone'),
      EXPIRE: expiredAt('sms-phone'),
      RESTART: R,
    },
  },
  {
    label: 'sms-code / busy verifySms (method-choice: straight to done)',
    build: mc.smsCodeBusy,
    config: METHOD_CHOICE,
    outcomes: {
      SUBMIT: R,
      NEXT: R,
      CHOOSE: R,
      BACK: R,
      SKIP: R,
      RESEND: R,
      PREPARE: R,
      RESOLVE: { step: 'done', status: 'busy', pending: 'complete', advanceOnResolve: false },
      REJECT: { step: 'sms-code', status: 'ready', pending: null, error: network },
      RETRY: R,
      CANCEL: cancelledAt('sms-code'),
      EXPIRE: expiredAt('sms-code'),
      RESTART: R,
    },
  },
  {
    label: 'email / ready',
    build: mc.email,
    config: METHOD_CHOICE,
    outcomes: {
      SUBMIT: { step: 'email', status: 'busy', pending: 'sendEmail', advanceOnResolve: true },
      NEXT: R,
      CHOOSE: R,
      BACK: R,
      SKIP: R,
      RESEND: R,
      PREPARE: R,
      RESOLVE: R,
      REJECT: R,
      RETRY: R,
      CANCEL: cancelledAt('email'),
      EXPIRE: expiredAt('email'),
      RESTART: R,
    },
  },
  {
    label: 'email / busy sendEmail',
    build: mc.emailBusy,
    config: METHOD_CHOICE,
    outcomes: {
      SUBMIT: R,
      NEXT: R,
      CHOOSE: R,
      BACK: R,
      SKIP: R,
      RESEND: R,
      PREPARE: R,
      RESOLVE: { step: 'email-code', status: 'ready', pending: null, error: null },
      REJECT: { step: 'email', status: 'ready', pending: null, error: network },
      RETRY: R,
      CANCEL: cancelledAt('email'),
      EXPIRE: expiredAt('email'),
      RESTART: R,
    },
  },
  {
    label: 'email-code / ready',
    build: mc.emailCode,
    config: METHOD_CHOICE,
    outcomes: {
      SUBMIT: { step: 'email-code', status: 'busy', pending: 'verifyEmail', advanceOnResolve: true },
      NEXT: R,
      CHOOSE: R,
      BACK: { step: 'email', status: 'ready', pending: null },
      SKIP: R,
      RESEND: { step: 'email-code', status: 'busy', pending: 'sendEmail', advanceOnResolve: false },
      PREPARE: R,
      RESOLVE: R,
      REJECT: R,
      RETRY: R,
      CANCEL: cancelledAt('email-code'),
      EXPIRE: expiredAt('email-code'),
      RESTART: R,
    },
  },
  {
    label: 'passkey / ready (passkey preset)',
    build: pk.passkey,
    config: PASSKEY,
    outcomes: {
      SUBMIT: { step: 'passkey', status: 'busy', pending: 'registerPasskey', advanceOnResolve: true },
      NEXT: R,
      CHOOSE: R,
      // The passkey is the method: nothing to go back to, nothing to skip.
      BACK: R,
      SKIP: R,
      RESEND: R,
      PREPARE: { step: 'passkey', status: 'busy', pending: 'passkeyOptions', advanceOnResolve: false, error: null },
      RESOLVE: R,
      REJECT: R,
      RETRY: R,
      CANCEL: cancelledAt('passkey'),
      EXPIRE: expiredAt('passkey'),
      RESTART: R,
    },
  },
  {
    label: 'passkey / busy passkeyOptions',
    build: pk.preparing,
    config: PASSKEY,
    outcomes: {
      SUBMIT: R,
      NEXT: R,
      CHOOSE: R,
      BACK: R,
      SKIP: R,
      RESEND: R,
      PREPARE: R,
      // The options are in: the step stays (it calls the browser).
      RESOLVE: { step: 'passkey', status: 'ready', pending: null, error: null },
      // A failed PREPARE keeps the step usable, with its error (no "Something went wrong" notice).
      REJECT: { step: 'passkey', status: 'ready', pending: null, error: network },
      RETRY: R,
      CANCEL: cancelledAt('passkey'),
      EXPIRE: expiredAt('passkey'),
      RESTART: R,
    },
  },
  {
    label: 'passkey / busy registerPasskey',
    build: pk.registering,
    config: PASSKEY,
    outcomes: {
      SUBMIT: R,
      NEXT: R,
      CHOOSE: R,
      BACK: R,
      SKIP: R,
      RESEND: R,
      PREPARE: R,
      RESOLVE: { step: 'emergency', status: 'busy', pending: 'recoveryCodes', advanceOnResolve: false, error: null },
      REJECT: { step: 'passkey', status: 'ready', pending: null, error: network },
      RETRY: R,
      CANCEL: cancelledAt('passkey'),
      EXPIRE: expiredAt('passkey'),
      RESTART: R,
    },
  },
  {
    label: 'passkey / ready (method-choice)',
    build: mc.passkey,
    config: METHOD_CHOICE,
    outcomes: {
      SUBMIT: { step: 'passkey', status: 'busy', pending: 'registerPasskey', advanceOnResolve: true },
      NEXT: R,
      CHOOSE: R,
      // "Choose another way": back to the method, past the saved recovery codes.
      BACK: { step: 'method', status: 'ready', pending: null },
      SKIP: R,
      RESEND: R,
      PREPARE: { step: 'passkey', status: 'busy', pending: 'passkeyOptions', advanceOnResolve: false },
      RESOLVE: R,
      REJECT: R,
      RETRY: R,
      CANCEL: cancelledAt('passkey'),
      EXPIRE: expiredAt('passkey'),
      RESTART: R,
    },
  },
  {
    label: 'email-code / busy verifyEmail',
    build: mc.emailCodeBusy,
    config: METHOD_CHOICE,
    outcomes: {
      SUBMIT: R,
      NEXT: R,
      CHOOSE: R,
      BACK: R,
      SKIP: R,
      RESEND: R,
      PREPARE: R,
      RESOLVE: { step: 'done', status: 'busy', pending: 'complete', advanceOnResolve: false, error: null },
      REJECT: { step: 'email-code', status: 'ready', pending: null, error: network },
      RETRY: R,
      CANCEL: cancelledAt('email-code'),
      EXPIRE: expiredAt('email-code'),
      RESTART: R,
    },
  },
  {
    label: 'email-code / busy resending',
    build: mc.emailCodeResending,
    config: METHOD_CHOICE,
    outcomes: {
      SUBMIT: R,
      NEXT: R,
      CHOOSE: R,
      BACK: R,
      SKIP: R,
      RESEND: R,
      PREPARE: R,
      RESOLVE: { step: 'email-code', status: 'ready', pending: null, error: null },
      // A failed resend keeps the step usable: ready with the error, not 'failed'.
      REJECT: { step: 'email-code', status: 'ready', pending: null, error: network },
      RETRY: R,
      CANCEL: cancelledAt('email-code'),
      EXPIRE: expiredAt('email-code'),
      RESTART: R,
    },
  },
  {
    label: 'email-code / expired (REJECT expired)',
    build: () => run(mc.emailCodeBusy(), reject('expired')),
    config: METHOD_CHOICE,
    outcomes: {
      SUBMIT: R,
      NEXT: R,
      CHOOSE: R,
      BACK: R,
      SKIP: R,
      RESEND: R,
      PREPARE: R,
      RESOLVE: R,
      REJECT: R,
      RETRY: R,
      CANCEL: { step: 'email-code', status: 'cancelled', pending: null },
      EXPIRE: R,
      RESTART: 'restart',
    },
  },
];

describe('machine: every constructed (step, status) × every event', () => {
  for (const row of TABLE) {
    describe(row.label, () => {
      it('has an outcome for every event type', () => {
        expect(Object.keys(row.outcomes).sort()).to.deep.equal(EVENT_TYPES.filter((type) => type !== 'DEVICE').sort());
      });
      it('DEVICE → only platformPasskey changes, and no effects (refused once finished)', () => {
        const state = row.build();
        if (isComplete(state)) return refuses(state, 'DEVICE');
        const { state: next, effects } = transition(deepFreeze(state), EV.DEVICE);
        expect(next).to.deep.equal({ ...state, platformPasskey: true });
        expect(effects).to.deep.equal([]);
        expect(transition(deepFreeze(next), EV.DEVICE).state).to.equal(next);
      });
      for (const type of EVENT_TYPES.filter((type) => type !== 'DEVICE') as Exclude<EventType, 'DEVICE'>[]) {
        const outcome = row.outcomes[type];
        const name = outcome === 'refused' ? 'refused' : outcome === 'restart' ? 'fresh start' : JSON.stringify(outcome);
        it(`${type} → ${name}`, () => {
          const state = row.build();
          const { state: next, effects } = transition(deepFreeze(state), EV[type]);
          if (outcome === 'refused') {
            expect(next).to.equal(state);
            expect(effects).to.deep.equal([]);
            return;
          }
          expect(next).to.not.equal(state);
          checkInvariants(next);
          if (outcome === 'restart') {
            expect(next).to.deep.equal(initialState(row.config ?? {}));
            return;
          }
          expect(next).to.deep.include(outcome);
          // The config never changes along the way.
          expect(next.steps).to.equal(state.steps);
          expect(next.requirePassword).to.equal(state.requirePassword);
          expect(next.smsOverride).to.equal(state.smsOverride);
        });
      }
    });
  }

  it('covers every step and every status', () => {
    const states = TABLE.map((row) => row.build());
    expect(new Set(states.map((s) => s.step))).to.deep.equal(new Set<StepId>(STEP_IDS));
    expect(new Set(states.map((s) => s.status))).to.deep.equal(new Set<Status>(['ready', 'busy', 'failed', 'expired', 'cancelled']));
    const pendings = new Set(states.map((s) => s.pending).filter(Boolean));
    expect(pendings).to.deep.equal(
      new Set<RequestKind>([
        'start',
        'prove',
        'verifyTotp',
        'sendSms',
        'verifySms',
        'sendEmail',
        'verifyEmail',
        'passkeyOptions',
        'registerPasskey',
        'recoveryCodes',
        'complete',
      ]),
    );
  });
});

// ---------------------------------------------------------------------------
// Initial state
// ---------------------------------------------------------------------------

describe('machine: initialState', () => {
  it('starts on info, ready, with nothing known', () => {
    expect(start()).to.deep.equal({
      steps: DEFAULT_STEPS,
      requirePassword: false,
      smsOverride: undefined,
      platformPasskey: false,
      step: 'info',
      status: 'ready',
      pending: null,
      advanceOnResolve: false,
      facts: { enrolled: false, sms: 'optional', phoneOnFile: false, smsSkipped: false, smsSent: false, method: null, methods: null, codesSaved: false },
      error: null,
      failures: 0,
      entered: { phone: '', email: '' },
      requireProof: false,
      resume: null,
    });
  });

  it('begin: a first step that shows the enrollment asks for it, and only then', () => {
    expect(begin().effects).to.deep.equal([]);
    const qrFirst = begin({ steps: ['qr', 'confirm', 'done'] });
    expect(brief(qrFirst.state)).to.deep.equal({ step: 'qr', status: 'busy', pending: 'start', advanceOnResolve: false });
    expect(qrFirst.effects).to.deep.equal([{ type: 'request', request: 'start' }]);
  });

  it('starts on password when requirePassword', () => {
    const state = start({ requirePassword: true });
    expect(brief(state)).to.deep.equal({ step: 'password', status: 'ready', pending: null, advanceOnResolve: false });
    expect(state.requirePassword).to.equal(true);
  });

  it('the default step list is the standard preset', () => {
    expect(DEFAULT_STEPS).to.equal(FLOWS.standard.steps);
    expect([...DEFAULT_STEPS]).to.deep.equal(['password', 'info', 'proof', 'qr', 'confirm', 'passkey', 'sms-phone', 'sms-code', 'emergency', 'done']);
  });

  it('takes the sms override as the initial policy and remembers it', () => {
    for (const sms of ['off', 'optional', 'required'] as const) {
      const state = start({ sms });
      expect(state.facts.sms).to.equal(sms);
      expect(state.smsOverride).to.equal(sms);
    }
  });

  it('a flow starting past password, info and method loads start at once', () => {
    const lists: StepId[][] = [
      ['qr', 'confirm', 'done'],
      ['sms-phone', 'sms-code', 'done'],
      ['email', 'email-code', 'done'],
      ['emergency', 'qr', 'confirm', 'done'],
    ];
    for (const steps of lists) {
      const state = start({ steps });
      expect(brief(state), steps[0]).to.deep.equal({ step: steps[0], status: 'busy', pending: 'start', advanceOnResolve: false });
    }
  });

  it('a flow starting on method waits for the choice', () => {
    const state = start(METHOD_CHOICE);
    expect(brief(state)).to.deep.equal({ step: 'method', status: 'ready', pending: null, advanceOnResolve: false });
    expect(state.facts.method).to.equal(null);
  });

  it('skips a password step in the list when requirePassword is off', () => {
    const state = start({ steps: ['password', 'info', 'qr', 'confirm', 'done'] });
    expect(state.step).to.equal('info');
    expect(plan(state)).to.deep.equal(['info', 'qr', 'confirm', 'done']);
  });

  it('requirePassword without a password step in the list starts on the first step', () => {
    const state = start({ steps: ['info', 'qr', 'confirm', 'done'], requirePassword: true });
    expect(state.step).to.equal('info');
    expect(plan(state)).to.not.include('password');
  });

  it('returns a fresh object each time', () => {
    expect(start()).to.not.equal(start());
  });
});

// ---------------------------------------------------------------------------
// Entering a step (the walks through the named flows are in machine.flows.test.ts)
// ---------------------------------------------------------------------------

describe('machine: entering a step', () => {
  it('NEXT from info does not load start again once enrolled (back to info and forward)', () => {
    const s = run(at.qr(), 'BACK', 'NEXT');
    expect(brief(s)).to.deep.equal({ step: 'qr', status: 'ready', pending: null, advanceOnResolve: false });
  });

  // Each list's first step past info needs the enrollment; a step that loads something itself loads it after `start`.
  const entries: Array<[StepId, StepId[], RequestKind[]]> = [
    ['qr', ['info', 'qr', 'confirm', 'done'], ['start']],
    ['sms-phone', ['info', 'sms-phone', 'sms-code', 'done'], ['start']],
    ['email', ['info', 'email', 'email-code', 'done'], ['start']],
    ['emergency', ['info', 'emergency', 'qr', 'confirm', 'done'], ['start', 'recoveryCodes']],
  ];
  for (const [step, steps, requests] of entries) {
    it(`entering ${step} without an enrollment runs ${requests.join(', then ')}`, () => {
      const w = walk(start({ steps }), 'NEXT', ...requests.map((request) => (request === 'start' ? enrolled() : RESOLVE)));
      expect(w.steps).to.deep.equal(['info', step]);
      expect(w.requests).to.deep.equal(requests);
      expect(brief(w.end)).to.deep.equal({ step, status: 'ready', pending: null, advanceOnResolve: false });
    });
  }

  it('entering done without an enrollment runs start, then complete (a RESOLVE said the enrollment is gone)', () => {
    const gone: MachineEvent = { type: 'RESOLVE', facts: { enrolled: false } };
    const w = walk(start({ steps: ['info', 'qr', 'confirm', 'done'] }), 'NEXT', enrolled(), 'NEXT', 'SUBMIT', gone, enrolled(), RESOLVE);
    expect(w.lines.slice(-3)).to.deep.equal(['done/busy/start 4 of 4', 'done/busy/complete 4 of 4', 'done/ready/- 4 of 4']);
    expect(isComplete(w.end)).to.equal(true);
  });

  it('a start RESOLVE that does not say enrolled keeps the step on start (the orchestrator must report the enrollment)', () => {
    const loading = at.qrLoading();
    const again = send(loading, RESOLVE);
    expect(again.facts.enrolled).to.equal(false);
    expect(brief(again)).to.deep.equal(brief(loading));
    refuses(again, 'NEXT');
    expect(brief(send(again, enrolled()))).to.deep.equal({ step: 'qr', status: 'ready', pending: null, advanceOnResolve: false });
  });

  // Known bug in transition(RESOLVE) of an entry `start`: the step is entered again even when the enrollment's
  // answer drops it from the plan (SMS off, a phone on file), so an SMS step the user should not see is shown.
  // Reachable with custom lists only: in every preset, `start` loads on qr or emergency, which no fact drops.
  it('an SMS step the enrollment drops is passed over once its start resolves', () => {
    for (const facts of [enrolled('off'), enrolled('optional', true)]) {
      const s = run(start({ steps: ['info', 'sms-phone', 'sms-code', 'qr', 'confirm', 'done'] }), 'NEXT', facts);
      expect(brief(s)).to.deep.equal({ step: 'qr', status: 'ready', pending: null, advanceOnResolve: false });
    }
  });

  it('a failed start on entry is retried, then the step loads its own request', () => {
    const w = walk(mc.emergencyStartFailed(), 'RETRY', enrolled(), RESOLVE);
    expect(w.lines).to.deep.equal([
      'emergency/failed/start 2 of 5',
      'emergency/busy/start 2 of 5',
      'emergency/busy/recoveryCodes 2 of 5',
      'emergency/ready/- 2 of 5',
    ]);
    expect(w.requests).to.deep.equal(['start', 'recoveryCodes']);
  });

  it('isComplete only on done and ready', () => {
    expect(isComplete(at.doneLoading())).to.equal(false);
    expect(isComplete(at.doneFailed())).to.equal(false);
    expect(isComplete(run(at.doneLoading(), 'CANCEL'))).to.equal(false);
    expect(isComplete(run(at.doneLoading(), 'EXPIRE'))).to.equal(false);
    expect(isComplete(at.emergency())).to.equal(false);
    expect(isComplete(at.done())).to.equal(true);
  });
});

// ---------------------------------------------------------------------------
// SMS policy, phone on file, skip
// ---------------------------------------------------------------------------

describe('machine: SMS policy from the enrollment', () => {
  it('off: confirm goes straight to emergency; the plan shrinks to 5 once known', () => {
    const loading = at.qrLoading();
    expect(prog(loading)).to.equal('2 of 7');
    const qr = send(loading, enrolled('off'));
    expect(qr.facts.sms).to.equal('off');
    expect(plan(qr)).to.deep.equal(['info', 'qr', 'confirm', 'emergency', 'done']);
    expect(prog(qr)).to.equal('2 of 5');
    const emergency = run(qr, 'NEXT', 'SUBMIT', RESOLVE);
    expect(brief(emergency)).to.deep.equal({ step: 'emergency', status: 'busy', pending: 'recoveryCodes', advanceOnResolve: false });
    expect(prog(emergency)).to.equal('4 of 5');
    const done = run(emergency, RESOLVE, 'NEXT', RESOLVE);
    expect(isComplete(done)).to.equal(true);
    expect(prog(done)).to.equal('5 of 5');
  });

  it('optional: sms-phone can be skipped', () => {
    const s = at.smsPhone({}, 'optional');
    expect(canSkip(s)).to.equal(true);
    expect(plan(s)).to.include.members(['sms-phone', 'sms-code']);
  });

  it('required: sms-phone cannot be skipped, then sms-code follows', () => {
    const s = at.smsPhone({}, 'required');
    expect(s.facts.sms).to.equal('required');
    expect(canSkip(s)).to.equal(false);
    refuses(s, 'SKIP');
    expect(run(s, 'SUBMIT', RESOLVE).step).to.equal('sms-code');
  });

  it('a RESOLVE without facts keeps what is known (a sent SMS is the one thing it adds)', () => {
    const s = at.smsPhone({}, 'required');
    const next = run(s, 'SUBMIT', RESOLVE);
    expect(next.facts).to.deep.equal({ ...s.facts, smsSent: true });
    const codes = at.emergencyLoading();
    expect(run(codes, RESOLVE).facts).to.deep.equal(codes.facts);
  });

  it('a RESOLVE with undefined fact values keeps what is known (Partial allows them)', () => {
    const s = run(at.qrLoading(), { type: 'RESOLVE', facts: { enrolled: true, sms: undefined, phoneOnFile: undefined } });
    expect(s.facts).to.deep.equal({
      enrolled: true,
      sms: 'optional',
      phoneOnFile: false,
      smsSkipped: false,
      smsSent: false,
      method: null,
      methods: null,
      codesSaved: false,
    });
    const off = run(at.qrLoading({ sms: 'off' }), { type: 'RESOLVE', facts: { enrolled: true, sms: undefined } });
    expect(off.facts.sms).to.equal('off');
    expect(plan(off)).to.not.include('sms-phone');
  });
});

describe('machine: sms config override wins over the enrollment', () => {
  it('override off + enrollment required: no SMS steps at all, from the start', () => {
    const s0 = start({ sms: 'off' });
    expect(plan(s0)).to.deep.equal(['info', 'qr', 'confirm', 'emergency', 'done']);
    expect(prog(s0)).to.equal('1 of 5');
    const qr = run(s0, 'NEXT', enrolled('required'));
    expect(qr.facts.sms).to.equal('off');
    expect(plan(qr)).to.not.include('sms-phone');
    expect(run(qr, 'NEXT', 'SUBMIT', RESOLVE).step).to.equal('emergency');
  });

  it('override required + enrollment optional: SKIP refused', () => {
    const s = at.smsPhone({ sms: 'required' }, 'optional');
    expect(s.facts.sms).to.equal('required');
    expect(canSkip(s)).to.equal(false);
    refuses(s, 'SKIP');
  });

  it('override optional + enrollment required: SKIP allowed', () => {
    const s = at.smsPhone({ sms: 'optional' }, 'required');
    expect(s.facts.sms).to.equal('optional');
    expect(canSkip(s)).to.equal(true);
    expect(send(s, 'SKIP').step).to.equal('emergency');
  });

  it('override optional + enrollment off: the SMS steps stay', () => {
    const s = at.qr({ sms: 'optional' }, 'off');
    expect(s.facts.sms).to.equal('optional');
    expect(plan(s)).to.include.members(['sms-phone', 'sms-code']);
  });

  it('override survives every later RESOLVE with other facts', () => {
    let s = at.smsPhone({ sms: 'required' }, 'off');
    s = run(s, 'SUBMIT', { type: 'RESOLVE', facts: { sms: 'off' } });
    expect(s.step).to.equal('sms-code');
    expect(s.facts.sms).to.equal('required');
  });
});

describe('machine: phone on file', () => {
  for (const sms of ['optional', 'required'] as const) {
    it(`skips both SMS steps (enrollment ${sms})`, () => {
      const qr = at.qr({}, sms, true);
      expect(qr.facts.phoneOnFile).to.equal(true);
      expect(plan(qr)).to.deep.equal(['info', 'qr', 'confirm', 'emergency', 'done']);
      expect(prog(qr)).to.equal('2 of 5');
      expect(run(qr, 'NEXT', 'SUBMIT', RESOLVE).step).to.equal('emergency');
    });
  }

  it('skips them even with a required override', () => {
    const qr = at.qr({ sms: 'required' }, 'required', true);
    expect(plan(qr)).to.not.include.members(['sms-phone']);
    expect(plan(qr)).to.not.include('sms-code');
  });
});

describe('machine: SKIP', () => {
  it('marks smsSkipped, drops sms-code from the plan and loads the recovery codes', () => {
    const phone = at.smsPhone();
    expect(prog(phone)).to.equal('4 of 7');
    const s = send(phone, 'SKIP');
    expect(s.facts.smsSkipped).to.equal(true);
    expect(plan(s)).to.deep.equal(['info', 'qr', 'confirm', 'sms-phone', 'emergency', 'done']);
    expect(brief(s)).to.deep.equal({ step: 'emergency', status: 'busy', pending: 'recoveryCodes', advanceOnResolve: false });
    expect(prog(s)).to.equal('5 of 6');
    const done = run(s, RESOLVE, 'NEXT', RESOLVE);
    expect(prog(done)).to.equal('6 of 6');
    expect(isComplete(done)).to.equal(true);
  });

  it('clears the error and the failures left by failed phone submits', () => {
    const failed = run(at.smsPhoneBusy(), reject('invalid_code'), 'SUBMIT', reject('invalid_phone'));
    expect(failed.error).to.deep.equal({ code: 'invalid_phone' });
    expect(failed.failures).to.equal(1);
    const s = send(failed, 'SKIP');
    expect(s.error).to.equal(null);
    expect(s.failures).to.equal(0);
  });

  it('is refused on every step but sms-phone, even with an optional policy', () => {
    for (const s of [at.info(), at.qr(), at.confirm(), at.smsCode(), at.emergency(), at.done(), at.password()]) {
      expect(s.facts.sms).to.equal('optional');
      refuses(s, 'SKIP');
      expect(canSkip(s)).to.equal(false);
    }
  });

  it('is refused on sms-phone while busy', () => {
    refuses(at.smsPhoneBusy(), 'SKIP');
  });
});

// ---------------------------------------------------------------------------
// Progress
// ---------------------------------------------------------------------------

describe('machine: progress', () => {
  it('counts the password step when required', () => {
    expect(prog(start({ requirePassword: true }))).to.equal('1 of 8');
    expect(prog(at.infoAfterPassword())).to.equal('2 of 8');
  });

  it('changes its total when the enrollment turns SMS off, or a phone is on file', () => {
    expect(prog(at.qr({}, 'off'))).to.equal('2 of 5');
    expect(prog(at.qr({}, 'required', true))).to.equal('2 of 5');
    expect(prog(at.qr({}, 'required'))).to.equal('2 of 7');
  });

  it('with a custom list', () => {
    const steps: StepId[] = ['info', 'qr', 'confirm', 'done'];
    expect(prog(start({ steps }))).to.equal('1 of 4');
  });

  it('keeps the position while busy or failed', () => {
    expect(prog(at.confirmBusy())).to.equal('3 of 7');
    expect(prog(at.emergencyFailed())).to.equal('6 of 7');
    expect(prog(run(at.confirmBusy(), 'CANCEL'))).to.equal('3 of 7');
  });
});

// ---------------------------------------------------------------------------
// BACK
// ---------------------------------------------------------------------------

describe('machine: BACK', () => {
  it('confirm → qr, qr → info, sms-code → sms-phone, email-code → email', () => {
    expect(send(at.confirm(), 'BACK').step).to.equal('qr');
    expect(send(at.qr(), 'BACK').step).to.equal('info');
    expect(send(at.smsCode(), 'BACK').step).to.equal('sms-phone');
    expect(send(mc.emailCode(), 'BACK').step).to.equal('email');
  });

  it('goes back twice: confirm → qr → info, with no request', () => {
    const s = run(at.confirm(), 'BACK', 'BACK');
    expect(brief(s)).to.deep.equal({ step: 'info', status: 'ready', pending: null, advanceOnResolve: false });
  });

  it('is refused from info, password, method, sms-phone, email, emergency and done', () => {
    for (const s of [
      at.info(),
      at.infoAfterPassword(),
      at.password(),
      at.smsPhone(),
      at.emergency(),
      at.done(),
      mc.method(),
      mc.methodAfterPassword(),
      mc.emergency(),
      mc.smsPhone(),
      mc.email(),
    ]) {
      refuses(s, 'BACK');
      expect(canGoBack(s), `${s.step}`).to.equal(false);
    }
  });

  it('is allowed where expected (canGoBack)', () => {
    for (const s of [at.qr(), at.confirm(), at.smsCode(), at.qrAfterPassword(), run(mc.qr(), 'NEXT'), mc.smsCode(), mc.emailCode()]) {
      expect(canGoBack(s), `${s.step}`).to.equal(true);
    }
  });

  it('never goes into password', () => {
    const steps: StepId[] = ['password', 'qr', 'confirm', 'done'];
    const qr = run(start({ steps, requirePassword: true }), 'SUBMIT', enrolled());
    expect(brief(qr)).to.deep.equal({ step: 'qr', status: 'ready', pending: null, advanceOnResolve: false });
    refuses(qr, 'BACK');
    expect(canGoBack(qr)).to.equal(false);
    // From confirm, one step back is fine (into qr).
    expect(run(qr, 'NEXT', 'BACK').step).to.equal('qr');
  });

  it('is refused from the first planned step (a flow starting on qr)', () => {
    const qr = run(start({ steps: ['qr', 'confirm', 'done'] }), enrolled());
    expect(qr.step).to.equal('qr');
    refuses(qr, 'BACK');
  });

  it('is refused while busy, failed, cancelled or expired', () => {
    for (const s of [
      at.qrLoading(),
      at.qrFailed(),
      at.confirmBusy(),
      at.smsCodeBusy(),
      at.smsCodeResending(),
      run(at.confirm(), 'CANCEL'),
      run(at.confirm(), 'EXPIRE'),
    ]) {
      refuses(s, 'BACK');
    }
  });

  it('clears the error and the failures', () => {
    const wrong = run(at.confirmBusy(), reject('invalid_code', { attemptsLeft: 2 }));
    expect(wrong.failures).to.equal(1);
    expect(wrong.error).to.deep.equal({ code: 'invalid_code', attemptsLeft: 2 });
    const back = send(wrong, 'BACK');
    expect(back.error).to.equal(null);
    expect(back.failures).to.equal(0);
    const again = send(back, 'NEXT');
    expect(again.step).to.equal('confirm');
    expect(again.failures).to.equal(0);
    expect(again.error).to.equal(null);
  });

  it('from sms-code after a skip is impossible (sms-code is not planned) — the plan is consistent', () => {
    const s = send(at.smsPhone(), 'SKIP');
    expect(plan(s)).to.not.include('sms-code');
    refuses(s, 'BACK');
  });

  it('keeps the facts', () => {
    const s = at.confirm({}, 'required');
    expect(send(s, 'BACK').facts).to.equal(s.facts);
  });
});

// ---------------------------------------------------------------------------
// SUBMIT / NEXT
// ---------------------------------------------------------------------------

describe('machine: SUBMIT and NEXT', () => {
  it('maps each submit step to its request', () => {
    const cases: Array<[MachineState, RequestKind]> = [
      [at.password(), 'start'],
      [at.confirm(), 'verifyTotp'],
      [at.smsPhone(), 'sendSms'],
      [at.smsCode(), 'verifySms'],
      [mc.email(), 'sendEmail'],
      [mc.emailCode(), 'verifyEmail'],
    ];
    for (const [s, request] of cases) {
      const busy = send(s, 'SUBMIT');
      expect(brief(busy)).to.deep.equal({ step: s.step, status: 'busy', pending: request, advanceOnResolve: true });
    }
  });

  it('refuses a double submit while busy', () => {
    for (const busy of [
      at.passwordBusy(),
      at.confirmBusy(),
      at.smsPhoneBusy(),
      at.smsCodeBusy(),
      at.smsCodeResending(),
      mc.emailBusy(),
      mc.emailCodeBusy(),
      mc.emailCodeResending(),
    ]) {
      refuses(busy, 'SUBMIT');
    }
  });

  it('refuses SUBMIT on steps without a request', () => {
    for (const s of [at.info(), at.qr(), at.emergency(), at.done(), mc.method()]) refuses(s, 'SUBMIT');
  });

  it('refuses NEXT on submit steps and on method (the value must be sent, the method chosen)', () => {
    for (const s of [at.password(), at.confirm(), at.smsPhone(), at.smsCode(), mc.email(), mc.emailCode(), mc.method(), mc.methodAfterPassword()]) {
      refuses(s, 'NEXT');
    }
  });

  it('allows SUBMIT again after a failed submit', () => {
    const failed = run(at.confirmBusy(), reject('invalid_code'));
    expect(send(failed, 'SUBMIT').pending).to.equal('verifyTotp');
  });

  it('a successful submit clears the error of a previous failure', () => {
    const s = run(at.confirmBusy(), reject('server'), 'SUBMIT', RESOLVE);
    expect(s.step).to.equal('sms-phone');
    expect(s.error).to.equal(null);
  });
});

// ---------------------------------------------------------------------------
// RESOLVE / REJECT outside a request
// ---------------------------------------------------------------------------

describe('machine: RESOLVE and REJECT', () => {
  it('are ignored when nothing is in flight', () => {
    for (const s of [
      at.info(),
      at.qr(),
      at.confirm(),
      at.smsPhone(),
      at.smsCode(),
      at.emergency(),
      at.done(),
      at.qrFailed(),
      mc.method(),
      mc.emergencyStartFailed(),
      mc.email(),
      mc.emailCode(),
    ]) {
      refuses(s, RESOLVE);
      refuses(s, enrolled());
      refuses(s, reject('network'));
      refuses(s, reject('expired'));
      refuses(s, reject('invalid_code'));
    }
  });

  it('are ignored after CANCEL (a late answer of the aborted request)', () => {
    for (const busy of [
      at.qrLoading(),
      at.passwordBusy(),
      at.confirmBusy(),
      at.smsCodeResending(),
      at.emergencyLoading(),
      at.doneLoading(),
      mc.emergencyStarting(),
      mc.emailBusy(),
      mc.emailCodeResending(),
    ]) {
      const cancelled = send(busy, 'CANCEL');
      expect(cancelled.pending).to.equal(null);
      refuses(cancelled, RESOLVE);
      refuses(cancelled, enrolled());
      refuses(cancelled, reject('expired'));
      refuses(cancelled, reject('server'));
    }
  });

  it('are ignored after EXPIRE', () => {
    const expired = send(at.confirmBusy(), 'EXPIRE');
    refuses(expired, RESOLVE);
    refuses(expired, reject('invalid_code'));
  });

  it('a second RESOLVE for the same request is ignored once settled', () => {
    const s = send(at.emergencyLoading(), RESOLVE);
    refuses(s, RESOLVE);
  });
});

// ---------------------------------------------------------------------------
// RESEND
// ---------------------------------------------------------------------------

describe('machine: RESEND', () => {
  it('keeps the step on success and clears the error', () => {
    const wrong = run(at.smsCodeBusy(), reject('invalid_code'));
    const resending = send(wrong, 'RESEND');
    expect(brief(resending)).to.deep.equal({ step: 'sms-code', status: 'busy', pending: 'sendSms', advanceOnResolve: false });
    const s = send(resending, RESOLVE);
    expect(brief(s)).to.deep.equal({ step: 'sms-code', status: 'ready', pending: null, advanceOnResolve: false });
    expect(s.error).to.equal(null);
    // Only a verified code resets the wrong-code counter.
    expect(s.failures).to.equal(1);
  });

  for (const [resending, request] of [
    [at.smsCodeResending, 'sendSms'],
    [mc.emailCodeResending, 'sendEmail'],
  ] as const) {
    it(`keeps the step usable on failure (ready with the error): ${request}`, () => {
      const s = run(resending(), reject('rate_limited', { retryAfter: 42 }));
      expect(brief(s)).to.deep.include({ status: 'ready', pending: null, advanceOnResolve: false });
      expect(s.step).to.equal(resending().step);
      expect(s.error).to.deep.equal({ code: 'rate_limited', retryAfter: 42 });
      refuses(s, 'RETRY');
      expect(send(s, 'RESEND').pending).to.equal(request);
    });
  }

  it('is refused everywhere but sms-code and email-code ready', () => {
    for (const s of [
      at.info(),
      at.qr(),
      at.confirm(),
      at.smsPhone(),
      at.smsCodeBusy(),
      at.smsCodeResending(),
      at.emergency(),
      mc.method(),
      mc.email(),
      mc.emailBusy(),
      mc.emailCodeBusy(),
      mc.emailCodeResending(),
    ]) {
      refuses(s, 'RESEND');
    }
  });

  it('a submit after a resend still advances', () => {
    expect(run(at.smsCodeResending(), RESOLVE, 'SUBMIT', RESOLVE).step).to.equal('emergency');
    expect(run(mc.emailCodeResending(), RESOLVE, 'SUBMIT', RESOLVE).step).to.equal('done');
  });
});

// ---------------------------------------------------------------------------
// Failures counter, rate limits
// ---------------------------------------------------------------------------

describe('machine: failures', () => {
  it('counts invalid_code only, and resets on success', () => {
    let s = at.confirm();
    const counts: number[] = [];
    for (const code of ['invalid_code', 'invalid_code', 'network', 'rate_limited', 'timeout', 'server', 'invalid_code'] as const) {
      s = run(s, 'SUBMIT', reject(code));
      expect(brief(s)).to.deep.equal({ step: 'confirm', status: 'ready', pending: null, advanceOnResolve: true });
      expect(s.error?.code).to.equal(code);
      counts.push(s.failures);
    }
    expect(counts).to.deep.equal([1, 2, 2, 2, 2, 2, 3]);
    s = run(s, 'SUBMIT', RESOLVE);
    expect(s.step).to.equal('sms-phone');
    expect(s.failures).to.equal(0);
  });

  it('counts on sms-code too, and resets on BACK', () => {
    const s = run(at.smsCode(), 'SUBMIT', reject('invalid_code'), 'SUBMIT', reject('invalid_code'));
    expect(s.failures).to.equal(2);
    expect(send(s, 'BACK').failures).to.equal(0);
  });

  it('a successful sms-code verify resets the counter', () => {
    const s = run(at.smsCode(), 'SUBMIT', reject('invalid_code'), 'SUBMIT', RESOLVE);
    expect(s.step).to.equal('emergency');
    expect(s.failures).to.equal(0);
  });

  it('keeps the counter while a resubmit is in flight', () => {
    const s = run(at.confirm(), 'SUBMIT', reject('invalid_code'), 'SUBMIT');
    expect(s.failures).to.equal(1);
  });

  it('does not count an expired code as a wrong one', () => {
    const s = run(at.confirm(), 'SUBMIT', reject('invalid_code'), 'SUBMIT', reject('expired'));
    expect(s.failures).to.equal(1);
  });

  it('rate_limited keeps the error with retryAfter and the step usable', () => {
    const s = run(at.confirmBusy(), reject('rate_limited', { retryAfter: 30 }));
    expect(s.status).to.equal('ready');
    expect(s.error).to.deep.equal({ code: 'rate_limited', retryAfter: 30 });
    expect(s.failures).to.equal(0);
  });

  it('keeps the details of an invalid code (attemptsLeft, serverTime)', () => {
    const s = run(at.confirmBusy(), reject('invalid_code', { attemptsLeft: 1, serverTime: 1_700_000_000_000 }));
    expect(s.error).to.deep.equal({ code: 'invalid_code', attemptsLeft: 1, serverTime: 1_700_000_000_000 });
  });

  it('a failed password submit keeps the password step with the error', () => {
    const s = run(at.passwordBusy(), reject('invalid_password'));
    expect(brief(s)).to.deep.equal({ step: 'password', status: 'ready', pending: null, advanceOnResolve: true });
    expect(s.error).to.deep.equal({ code: 'invalid_password' });
    expect(s.facts.enrolled).to.equal(false);
  });
});

// ---------------------------------------------------------------------------
// Expiry
// ---------------------------------------------------------------------------

describe('machine: expiry', () => {
  const busyStates: Array<[string, () => MachineState]> = [
    ['start (load on qr)', at.qrLoading],
    ['start (retry on qr)', () => run(at.qrFailed(), 'RETRY')],
    ['start (password submit)', at.passwordBusy],
    ['verifyTotp', at.confirmBusy],
    ['sendSms (submit)', at.smsPhoneBusy],
    ['sendSms (resend)', at.smsCodeResending],
    ['verifySms', at.smsCodeBusy],
    ['recoveryCodes', at.emergencyLoading],
    ['complete', at.doneLoading],
    ['start (load on emergency, method-choice)', () => mc.emergencyStarting()],
    ['sendEmail (submit)', mc.emailBusy],
    ['sendEmail (resend)', mc.emailCodeResending],
    ['verifyEmail', mc.emailCodeBusy],
  ];
  for (const [label, build] of busyStates) {
    it(`REJECT expired from ${label} → expired, then RESTART`, () => {
      const busy = build();
      const s = send(busy, reject('expired'));
      expect(s.status).to.equal('expired');
      expect(s.step).to.equal(busy.step);
      expect(s.pending).to.equal(null);
      expect(s.error).to.deep.equal({ code: 'expired' });
      refuses(s, 'RETRY');
      refuses(s, 'EXPIRE');
      expect(send(s, 'RESTART')).to.deep.equal(initialState({ steps: busy.steps, requirePassword: busy.requirePassword }));
    });
  }

  it('EXPIRE is refused before the enrollment exists', () => {
    for (const s of [
      at.info(),
      at.qrLoading(),
      at.qrFailed(),
      at.password(),
      at.passwordBusy(),
      run(at.password(), 'SUBMIT', reject('invalid_password')),
      mc.method(),
      mc.emergencyStarting(),
      mc.emergencyStartFailed(),
    ]) {
      expect(s.facts.enrolled).to.equal(false);
      refuses(s, 'EXPIRE');
    }
  });

  it('EXPIRE is accepted once enrolled, from every non-final state', () => {
    for (const s of [
      at.infoAfterPassword(),
      at.qr(),
      at.confirm(),
      at.confirmBusy(),
      at.smsPhone(),
      at.smsPhoneBusy(),
      at.smsCode(),
      at.smsCodeBusy(),
      at.smsCodeResending(),
      at.emergencyLoading(),
      at.emergencyFailed(),
      at.emergency(),
      at.doneLoading(),
      at.doneFailed(),
      mc.methodAfterPassword(),
      mc.emergency(),
      mc.email(),
      mc.emailBusy(),
      mc.emailCode(),
      mc.emailCodeBusy(),
      mc.emailCodeResending(),
    ]) {
      const expired = send(s, 'EXPIRE');
      expect(brief(expired)).to.include({ step: s.step, status: 'expired', pending: null });
      expect(expired.error).to.deep.equal({ code: 'expired' });
    }
  });

  it('EXPIRE is refused once final (completed, cancelled, expired)', () => {
    refuses(at.done(), 'EXPIRE');
    refuses(run(at.confirm(), 'CANCEL'), 'EXPIRE');
    refuses(run(at.confirm(), 'EXPIRE'), 'EXPIRE');
  });
});

// ---------------------------------------------------------------------------
// RETRY, CANCEL, RESTART
// ---------------------------------------------------------------------------

describe('machine: RETRY', () => {
  it('reruns the failed load and can then succeed', () => {
    const failed = at.qrFailed();
    expect(failed.error).to.deep.equal({ code: 'network' });
    const retried = send(failed, 'RETRY');
    expect(brief(retried)).to.deep.equal({ step: 'qr', status: 'busy', pending: 'start', advanceOnResolve: false });
    expect(retried.error).to.equal(null);
    const ok = send(retried, enrolled());
    expect(brief(ok)).to.deep.equal({ step: 'qr', status: 'ready', pending: null, advanceOnResolve: false });
  });

  it('can fail again and be retried again', () => {
    const s = run(at.emergencyFailed(), 'RETRY', reject('server'), 'RETRY', RESOLVE);
    expect(brief(s)).to.deep.equal({ step: 'emergency', status: 'ready', pending: null, advanceOnResolve: false });
  });

  it('is refused from every status but failed', () => {
    for (const s of [
      at.info(),
      at.qrLoading(),
      at.confirm(),
      at.confirmBusy(),
      run(at.confirmBusy(), reject('server')),
      run(at.smsCodeResending(), reject('server')),
      run(at.confirm(), 'CANCEL'),
      run(at.confirm(), 'EXPIRE'),
      run(at.qrFailed(), 'CANCEL'),
      at.done(),
      mc.method(),
      run(mc.emailCodeResending(), reject('server')),
      run(mc.emailBusy(), reject('server')),
    ]) {
      refuses(s, 'RETRY');
    }
  });
});

describe('machine: CANCEL', () => {
  it('is accepted from every status but cancelled and completed', () => {
    const froms = [
      at.info(),
      at.password(),
      at.passwordBusy(),
      at.qrLoading(),
      at.qrFailed(),
      at.qr(),
      at.confirm(),
      at.confirmBusy(),
      at.smsPhone(),
      at.smsPhoneBusy(),
      at.smsCode(),
      at.smsCodeBusy(),
      at.smsCodeResending(),
      at.emergencyLoading(),
      at.emergencyFailed(),
      at.emergency(),
      at.doneLoading(),
      at.doneFailed(),
      run(at.confirm(), 'EXPIRE'),
      mc.method(),
      mc.methodAfterPassword(),
      mc.emergencyStarting(),
      mc.emergencyStartFailed(),
      mc.email(),
      mc.emailBusy(),
      mc.emailCode(),
      mc.emailCodeBusy(),
      mc.emailCodeResending(),
    ];
    for (const s of froms) {
      const c = send(s, 'CANCEL');
      expect(c.status).to.equal('cancelled');
      expect(c.step).to.equal(s.step);
      expect(c.pending).to.equal(null);
      expect(c.facts).to.equal(s.facts);
    }
  });

  it('is refused once cancelled or completed', () => {
    refuses(run(at.info(), 'CANCEL'), 'CANCEL');
    refuses(at.done(), 'CANCEL');
  });

  it('leaves nothing but RESTART', () => {
    const c = run(at.smsCodeBusy(), 'CANCEL');
    for (const type of EVENT_TYPES) if (type !== 'RESTART' && type !== 'DEVICE') refuses(c, type);
    expect(send(c, 'RESTART')).to.deep.equal(initialState());
  });
});

describe('machine: RESTART', () => {
  it('resets facts, error, failures and step, keeping the config', () => {
    const config: MachineConfig = { requirePassword: true, sms: 'optional' };
    let s = run(start(config), 'SUBMIT', enrolled('required', false), 'NEXT', 'NEXT', 'SUBMIT', reject('invalid_code'));
    expect(s.failures).to.equal(1);
    s = run(s, 'SUBMIT', RESOLVE, 'SKIP');
    expect(s.facts).to.deep.equal({
      enrolled: true,
      sms: 'optional',
      phoneOnFile: false,
      smsSkipped: true,
      smsSent: false,
      method: null,
      methods: null,
      codesSaved: false,
    });
    s = run(s, 'CANCEL');
    const fresh = send(s, 'RESTART');
    expect(fresh).to.deep.equal(initialState(config));
    expect(fresh.facts).to.deep.equal({
      enrolled: false,
      sms: 'optional',
      phoneOnFile: false,
      smsSkipped: false,
      smsSent: false,
      method: null,
      methods: null,
      codesSaved: false,
    });
    expect(fresh.step).to.equal('password');
    expect(fresh.smsOverride).to.equal('optional');
  });

  it('forgets what the enrollment said (no override)', () => {
    const qr = at.qr({}, 'off', true);
    const fresh = run(qr, 'EXPIRE', 'RESTART');
    expect(fresh.facts).to.deep.equal({
      enrolled: false,
      sms: 'optional',
      phoneOnFile: false,
      smsSkipped: false,
      smsSent: false,
      method: null,
      methods: null,
      codesSaved: false,
    });
    expect(plan(fresh)).to.deep.equal(['info', 'qr', 'confirm', 'sms-phone', 'sms-code', 'emergency', 'done']);
    expect(fresh.error).to.equal(null);
  });

  it('keeps a custom step list and the override', () => {
    const config: MachineConfig = { steps: ['qr', 'confirm', 'done'], sms: 'off' };
    const fresh = run(start(config), 'CANCEL', 'RESTART');
    expect(fresh).to.deep.equal(initialState(config));
    expect(brief(fresh)).to.deep.equal({ step: 'qr', status: 'busy', pending: 'start', advanceOnResolve: false });
    expect(fresh.steps).to.deep.equal(['qr', 'confirm', 'done']);
    expect(fresh.facts.sms).to.equal('off');
  });

  it('forgets the chosen method, keeping the preset and the password', () => {
    const config: MachineConfig = { ...METHOD_CHOICE, requirePassword: true };
    const s = run(start(config), 'SUBMIT', enrolled(), choose('email'), RESOLVE, 'NEXT', 'SUBMIT', RESOLVE);
    expect(s.step).to.equal('email-code');
    expect(s.facts.method).to.equal('email');
    const fresh = run(s, 'EXPIRE', 'RESTART');
    expect(fresh).to.deep.equal(initialState(config));
    expect(fresh.facts.method).to.equal(null);
    expect(plan(fresh)).to.deep.equal(['password', 'method', 'emergency', 'qr', 'confirm', 'done']);
  });

  it('is refused unless cancelled or expired', () => {
    for (const s of [at.info(), at.qrFailed(), at.confirmBusy(), at.emergency(), at.done(), mc.method(), mc.emailCode()]) refuses(s, 'RESTART');
  });
});

// ---------------------------------------------------------------------------
// Custom step lists (their validation is in machine.flows.test.ts)
// ---------------------------------------------------------------------------

describe('machine: custom step lists', () => {
  it('SMS only after the authenticator, without emergency', () => {
    const steps: StepId[] = ['info', 'qr', 'confirm', 'sms-phone', 'sms-code', 'done'];
    const s = run(start({ steps }), 'NEXT', enrolled(), 'NEXT', 'SUBMIT', RESOLVE, 'SKIP');
    expect(brief(s)).to.deep.equal({ step: 'done', status: 'busy', pending: 'complete', advanceOnResolve: false });
  });

  it('e-mail as a backup after the authenticator, without a method step: both are set up', () => {
    const steps: StepId[] = ['info', 'qr', 'confirm', 'email', 'email-code', 'done'];
    const w = walk(start({ steps }), 'NEXT', enrolled(), 'NEXT', 'SUBMIT', RESOLVE, 'SUBMIT', RESOLVE, 'SUBMIT', RESOLVE, RESOLVE);
    expect(w.steps).to.deep.equal(steps);
    expect(w.requests).to.deep.equal(['start', 'verifyTotp', 'sendEmail', 'verifyEmail', 'complete']);
    expect(isComplete(w.end)).to.equal(true);
    expect(w.end.facts.method).to.equal(null);
  });
});

// ---------------------------------------------------------------------------
// Robustness
// ---------------------------------------------------------------------------

describe('machine: robustness', () => {
  it('refuses an unknown event type (plain JS callers) by identity', () => {
    for (const s of [at.info(), at.confirmBusy(), at.done()]) {
      refuses(s, { type: 'JUMP' } as unknown as MachineEvent);
    }
  });

  it('canGoBack and canSkip do not change the state', () => {
    const s = deepFreeze(at.smsCode());
    const copy = JSON.parse(JSON.stringify(s));
    canGoBack(s);
    canSkip(s);
    expect(JSON.parse(JSON.stringify(s))).to.deep.equal(copy);
  });

  it('random walks over every preset and custom lists keep every invariant and refuse by identity', () => {
    // Deterministic PRNG (mulberry32) so a failure reproduces.
    let seed = 0x2fa;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const presets = Object.keys(FLOWS) as FlowName[];
    // Every preset, bare, with a password and with each SMS override; then a few custom lists.
    const configs: Array<[string, MachineConfig]> = [
      ...presets.flatMap((name): Array<[string, MachineConfig]> => [
        [name, { steps: FLOWS[name].steps }],
        [`${name} + password`, { steps: FLOWS[name].steps, requirePassword: true }],
        ...(['off', 'optional', 'required'] as const).map((sms): [string, MachineConfig] => [`${name}, sms ${sms}`, { steps: FLOWS[name].steps, sms }]),
      ]),
      ['default', {}],
      ['qr first', { steps: ['qr', 'confirm', 'sms-phone', 'sms-code', 'emergency', 'done'] }],
      ['method without SMS', { steps: ['info', 'method', 'qr', 'confirm', 'email', 'email-code', 'emergency', 'done'] }],
      ['e-mail backup', { steps: ['info', 'qr', 'confirm', 'email', 'email-code', 'done'] }],
      ['standard, platform passkey', { steps: FLOWS.standard.steps, platformPasskey: true }],
      ['method choice, platform passkey', { steps: FLOWS['method-choice'].steps, platformPasskey: true }],
    ];
    const errorCodes = ['invalid_code', 'network', 'rate_limited', 'expired', 'server', 'timeout'] as const;
    let accepted = 0;
    const completed = new Map<string, number>();
    for (let walk = 0; walk < 800; walk++) {
      const [label, config] = pick(configs);
      let s = start(config);
      const enrollmentFacts: Partial<Omit<Facts, 'smsSkipped' | 'smsSent' | 'method'>> = {
        enrolled: true,
        sms: pick(['off', 'optional', 'required'] as const),
        phoneOnFile: random() < 0.25,
      };
      for (let i = 0; i < 60; i++) {
        // Mostly forward-moving events, so that some walks reach "done"; the rest stay possible.
        const type =
          random() < 0.1 ? pick(EVENT_TYPES) : pick(['SUBMIT', 'NEXT', 'CHOOSE', 'RESOLVE', 'RESOLVE', 'SKIP', 'RETRY', 'RESTART', 'PREPARE'] as const);
        const event: MachineEvent =
          type === 'RESOLVE'
            ? { type, facts: s.pending === 'start' ? enrollmentFacts : undefined }
            : type === 'REJECT'
              ? { type, error: { code: pick(errorCodes) } }
              : type === 'CHOOSE'
                ? choose(pick(METHODS))
                : type === 'SUBMIT'
                  ? { type, value: '123456' }
                  : type === 'DEVICE'
                    ? { type, platformPasskey: random() < 0.5 }
                    : ({ type } as MachineEvent);
        const before = JSON.stringify(s);
        const { state: next, effects } = transition(deepFreeze(s), event);
        expect(JSON.stringify(s)).to.equal(before);
        if (next === s) expect(effects, `refused ${type}: no effects`).to.deep.equal([]);
        else {
          accepted++;
          checkInvariants(next);
          expect(next.steps).to.equal(s.steps);
          // A request is in flight only after an event that asked for one, and exactly then an effect starts it.
          const requests = effects.flatMap((effect) => (effect.type === 'request' ? [effect.request] : []));
          const startsRequest = next.status === 'busy' && (s.status !== 'busy' || next.pending !== s.pending || next.step !== s.step);
          expect(requests, `${type} at ${s.step}/${s.status}: requests`).to.deep.equal(startsRequest ? [next.pending] : []);
          if (next.status === 'busy' && s.status !== 'busy') {
            expect(['SUBMIT', 'NEXT', 'CHOOSE', 'SKIP', 'RESEND', 'PREPARE', 'RESOLVE', 'RETRY', 'RESTART']).to.include(type);
          }
          // The end is announced exactly once, when it is reached.
          expect(
            effects.some((effect) => effect.type === 'completed'),
            `${type}: completed`,
          ).to.equal(isComplete(next) && !isComplete(s));
          if (isComplete(s)) expect.fail(`${type} changed a completed state`);
          // Only a method the list sets up can be chosen.
          if (next.facts.method && next.facts.method !== s.facts.method) {
            expect(next.steps.filter((step) => METHOD_STEPS[next.facts.method!].includes(step))).to.have.length(METHOD_STEPS[next.facts.method].length);
          }
        }
        if (isComplete(next) && !isComplete(s)) {
          for (const key of [label, next.facts.method ?? '']) completed.set(key, (completed.get(key) ?? 0) + 1);
        }
        s = next;
      }
    }
    expect(accepted).to.be.greaterThan(5000);
    // Every preset is walked to the end at least once, and so is each method after a choice.
    for (const name of presets) expect(completed.get(name) ?? 0, `${name} completed`).to.be.greaterThan(0);
    for (const method of METHODS) expect(completed.get(method) ?? 0, `${method} chosen and completed`).to.be.greaterThan(0);
  });
});

// ---------------------------------------------------------------------------
// Effects: what the element runs, decided by the rule that causes it
// ---------------------------------------------------------------------------

describe('machine: effects', () => {
  it('a submit carries the value into its request, and keeps only the phone number and e-mail address', () => {
    const confirm = sendWithEffects(at.confirm(), { type: 'SUBMIT', value: '246810' });
    expect(confirm.effects).to.deep.equal([{ type: 'request', request: 'verifyTotp', value: '246810' }]);
    expect(JSON.stringify(confirm.state), 'the code is not kept').to.not.contain('246810');
    const password = sendWithEffects(at.password(), { type: 'SUBMIT', value: 'hunter2' });
    expect(password.effects).to.deep.equal([{ type: 'request', request: 'start', value: 'hunter2' }]);
    expect(JSON.stringify(password.state), 'the password is not kept').to.not.contain('hunter2');
    const phone = sendWithEffects(at.smsPhone(), { type: 'SUBMIT', value: '+4791234567' });
    expect(phone.effects).to.deep.equal([{ type: 'request', request: 'sendSms', value: '+4791234567' }]);
    expect(phone.state.entered).to.deep.equal({ phone: '+4791234567', email: '' });
    const email = sendWithEffects(mc.email(), { type: 'SUBMIT', value: 'kari@example.no' });
    expect(email.state.entered).to.deep.equal({ phone: '', email: 'kari@example.no' });
  });

  it('a resend sends to the number or address submitted last', () => {
    const code = run(at.smsPhone(), { type: 'SUBMIT', value: '+4790000000' }, RESOLVE, 'BACK', { type: 'SUBMIT', value: '+4791234567' }, RESOLVE);
    expect(sendWithEffects(code, 'RESEND').effects).to.deep.equal([{ type: 'request', request: 'sendSms', value: '+4791234567' }]);
    const mail = run(mc.email(), { type: 'SUBMIT', value: 'kari@example.no' }, RESOLVE);
    expect(sendWithEffects(mail, 'RESEND').effects).to.deep.equal([{ type: 'request', request: 'sendEmail', value: 'kari@example.no' }]);
  });

  it('the optional SMS backup can be skipped until a code went out', () => {
    const phone = at.smsPhone();
    expect(canSkip(phone)).to.equal(true);
    const back = run(phone, 'SUBMIT', RESOLVE, 'BACK');
    expect(back.step).to.equal('sms-phone');
    expect(canSkip(back)).to.equal(false);
    refuses(back, 'SKIP');
    // A failed send leaves it skippable.
    expect(canSkip(run(phone, 'SUBMIT', reject('server')))).to.equal(true);
  });

  it('a retry runs the failed load again, without a value', () => {
    expect(sendWithEffects(at.emergencyFailed(), 'RETRY').effects).to.deep.equal([{ type: 'request', request: 'recoveryCodes' }]);
  });

  it('cancel forgets the secrets and says whether the server has an enrollment to drop', () => {
    expect(sendWithEffects(at.info(), 'CANCEL').effects).to.deep.equal([{ type: 'forget' }, { type: 'cancelled', step: 'info', discard: false }]);
    expect(sendWithEffects(at.qrLoading(), 'CANCEL').effects, 'start in flight').to.deep.equal([
      { type: 'forget' },
      { type: 'cancelled', step: 'qr', discard: true },
    ]);
    expect(sendWithEffects(at.confirm(), 'CANCEL').effects).to.deep.equal([{ type: 'forget' }, { type: 'cancelled', step: 'confirm', discard: true }]);
  });

  it('expiry forgets the secrets; a restart forgets and starts over', () => {
    expect(sendWithEffects(at.qr(), 'EXPIRE').effects).to.deep.equal([{ type: 'forget' }]);
    expect(sendWithEffects(at.confirmBusy(), reject('expired')).effects).to.deep.equal([{ type: 'forget' }]);
    const restart = sendWithEffects(run(at.qr(), 'EXPIRE'), 'RESTART');
    expect(restart.effects).to.deep.equal([{ type: 'forget' }]);
    expect(restart.state).to.deep.equal(initialState());
  });

  it('the completion is announced once, when "done" has loaded', () => {
    const loading = at.doneLoading();
    expect(sendWithEffects(at.emergency(), 'NEXT').effects).to.deep.equal([{ type: 'request', request: 'complete' }]);
    expect(sendWithEffects(loading, RESOLVE).effects).to.deep.equal([{ type: 'completed' }]);
    expect(sendWithEffects(loading, reject('server')).effects).to.deep.equal([]);
  });
});

// ---------------------------------------------------------------------------
// The backend refuses the method picked as the only one (e-mail alone)
// ---------------------------------------------------------------------------

describe('machine: a method the backend does not accept alone', () => {
  const startedWith = (methods: MethodId[]): MachineEvent => ({ type: 'RESOLVE', facts: { enrolled: true, sms: 'optional', phoneOnFile: false, methods } });

  it('e-mail picked, the enrollment accepts app and SMS only: back to the choice with email_only, nothing picked', () => {
    const back = run(mc.emergencyStarting('email'), startedWith(['totp', 'sms']));
    expect(brief(back)).to.deep.equal({ step: 'method', status: 'ready', pending: null, advanceOnResolve: false });
    expect([back.error, back.facts.method, back.facts.methods]).to.deep.equal([{ code: 'email_only' }, null, ['totp', 'sms']]);
    const w = walk(back, choose('totp'), RESOLVE);
    expect(w.steps).to.deep.equal(['method', 'emergency']);
    expect(w.requests).to.deep.equal(['recoveryCodes']);
  });

  it('a method it accepts goes on as before', () => {
    const on = run(mc.emergencyStarting('email'), startedWith(['totp', 'sms', 'email']));
    expect(brief(on)).to.deep.equal({ step: 'emergency', status: 'busy', pending: 'recoveryCodes', advanceOnResolve: false });
  });
});

// ---------------------------------------------------------------------------
// A reset needs proof (proof_required, invalid_proof)
// ---------------------------------------------------------------------------

describe('machine: a reset asks for proof when the server does', () => {
  it('every preset has the proof step (any flow may replace an authenticator), planned only when asked', () => {
    for (const [name, { steps }] of Object.entries(FLOWS)) {
      expect(steps, name).to.include('proof');
      expect(plan(start({ steps })), name).not.to.include('proof');
    }
  });

  it('the standard flow in reset mode asks too, and comes back to the QR code', () => {
    const w = walk(start(), 'NEXT', reject('proof_required'), { type: 'SUBMIT', value: 'ABCD-EFGH-JKLM' }, enrolled());
    expect(w.steps).to.deep.equal(['info', 'qr', 'proof', 'qr']);
    expect(prog(w.states[2])).to.equal('2 of 8');
  });

  it('proof_required on the way to the QR code: the proof step without an error, then the QR code with its enrollment', () => {
    const asked = at.proof();
    expect(brief(asked)).to.deep.equal({ step: 'proof', status: 'ready', pending: null, advanceOnResolve: false });
    expect([asked.error, asked.resume, prog(asked)]).to.deep.equal([null, 'qr', '2 of 5']);
    const submitted = sendWithEffects(asked, { type: 'SUBMIT', value: 'ABCD-EFGH-JKLM' });
    expect(submitted.effects).to.deep.equal([{ type: 'request', request: 'prove', value: 'ABCD-EFGH-JKLM' }]);
    const wrong = run(submitted.state, reject('invalid_proof'));
    expect([wrong.step, wrong.status, wrong.error?.code, wrong.resume]).to.deep.equal(['proof', 'ready', 'invalid_proof', 'qr']);
    const resumed = run(wrong, { type: 'SUBMIT', value: '123456' }, enrolled());
    expect(brief(resumed)).to.deep.equal({ step: 'qr', status: 'ready', pending: null, advanceOnResolve: false });
    expect([resumed.resume, prog(resumed)]).to.deep.equal([null, '3 of 5']);
  });

  it('a refused reset link (invalid_proof on a start) shows the proof step with the reason', () => {
    const refusedLink = run(start(RESET), 'NEXT', reject('invalid_proof'));
    expect([refusedLink.step, refusedLink.error?.code]).to.deep.equal(['proof', 'invalid_proof']);
  });

  it('password first, then proof: each comes back to the QR code', () => {
    const w = walk(
      start(RESET),
      'NEXT',
      reject('password_required'),
      { type: 'SUBMIT', value: 'demo' },
      reject('proof_required'),
      { type: 'SUBMIT', value: '123456' },
      enrolled(),
    );
    expect(w.steps).to.deep.equal(['info', 'qr', 'password', 'proof', 'qr']);
    expect(w.requests).to.deep.equal(['start', 'start', 'prove']);
    expect(w.end.resume).to.equal(null);
  });

  it('the password asked for on the proof step resumes where the proof would have', () => {
    const w = walk(at.proofBusy(), reject('password_required'), { type: 'SUBMIT', value: 'demo' });
    expect([w.end.step, w.end.resume]).to.deep.equal(['password', 'qr']);
  });

  it('a flow without a proof step cannot ask: the load fails with the reason', () => {
    const failed = run(start({ steps: ['info', 'qr', 'confirm', 'done'] }), 'NEXT', reject('proof_required'));
    expect(brief(failed)).to.deep.equal({ step: 'qr', status: 'failed', pending: 'start', advanceOnResolve: false });
    expect(failed.error).to.deep.equal({ code: 'proof_required' });
  });

  it('validateSteps knows the proof step and keeps it before the method choice', () => {
    expect(validateSteps(['proof', 'method', 'qr', 'confirm', 'done'])).to.deep.equal([]);
    expect(validateSteps(['method', 'proof', 'qr', 'confirm', 'done'])).to.deep.equal(['"method" must come after "password", "proof" and "info"']);
  });
});

// ---------------------------------------------------------------------------
// The server asks for the password (a sign-in that is not recent)
// ---------------------------------------------------------------------------

describe('machine: password_required', () => {
  it('on the way to the QR code: the password step, then back to the QR code, which now has its enrollment', () => {
    const asked = run(at.qrLoading(), reject('password_required'));
    expect(brief(asked)).to.deep.equal({ step: 'password', status: 'ready', pending: null, advanceOnResolve: false });
    expect(asked.error).to.deep.equal({ code: 'password_required' });
    expect(prog(asked)).to.equal('1 of 8');
    const submitted = sendWithEffects(asked, { type: 'SUBMIT', value: 'demo' });
    expect(submitted.effects).to.deep.equal([{ type: 'request', request: 'start', value: 'demo' }]);
    const wrong = run(submitted.state, reject('invalid_password'));
    expect([wrong.step, wrong.status, wrong.resume]).to.deep.equal(['password', 'ready', 'qr']);
    const resumed = run(wrong, { type: 'SUBMIT', value: 'demo' }, enrolled());
    expect(brief(resumed)).to.deep.equal({ step: 'qr', status: 'ready', pending: null, advanceOnResolve: false });
    expect(resumed.resume).to.equal(null);
    expect(prog(resumed)).to.equal('3 of 8');
  });

  it('after the method choice: back to the recovery codes, which then load', () => {
    const asked = run(mc.emergencyStarting('sms'), reject('password_required'));
    expect(asked.step).to.equal('password');
    const w = walk(asked, { type: 'SUBMIT', value: 'demo' }, enrolled());
    expect(brief(w.end)).to.deep.equal({ step: 'emergency', status: 'busy', pending: 'recoveryCodes', advanceOnResolve: false });
    expect(w.requests).to.deep.equal(['start', 'recoveryCodes']);
    expect(w.end.facts.method).to.equal('sms');
  });

  it('a flow without a password step cannot ask: the load fails with the reason', () => {
    const failed = run(start({ steps: ['info', 'qr', 'confirm', 'done'] }), 'NEXT', reject('password_required'));
    expect(brief(failed)).to.deep.equal({ step: 'qr', status: 'failed', pending: 'start', advanceOnResolve: false });
    expect(failed.error).to.deep.equal({ code: 'password_required' });
  });

  it('only a start is answered this way; other requests keep their own rules', () => {
    const confirm = run(at.confirmBusy(), reject('password_required'));
    expect(brief(confirm)).to.deep.equal({ step: 'confirm', status: 'ready', pending: null, advanceOnResolve: true });
  });
});
