/**
 * The pure step machine of the enrollment wizard: no DOM, no Lit, no adapter.
 * Every transition is `transition(state, event) -> { state, effects }`; an event that is not
 * allowed in a state returns that same state object and no effects, so callers can tell a
 * refused event by identity (`next.state === state`).
 *
 * The effects say what to do outside the machine, decided by the rule that causes them: run an
 * adapter request (with the value the user submitted), and the request's answer comes back as
 * RESOLVE or REJECT; forget the enrollment's secrets; announce the end. The element runs them
 * (with the session, which holds the adapter and the secrets); it never infers one from states.
 */
import type { EnrollmentMode, MethodId, SmsPolicy } from '../adapter/types.js';
import type { TwofaErrorCode } from '../adapter/errors.js';

export const STEP_IDS = [
  'password',
  'proof',
  'info',
  'method',
  'qr',
  'confirm',
  'sms-phone',
  'sms-code',
  'email',
  'email-code',
  'passkey',
  'emergency',
  'done',
] as const;
export type StepId = (typeof STEP_IDS)[number];

/** A named flow: its steps, and what it changes beyond them. */
export interface FlowPreset {
  readonly steps: readonly StepId[];
  /** What the QR step opens on: the image, or the key to type or paste. */
  readonly view?: 'qr' | 'key';
  /** `reset` words the steps for replacing a lost authenticator, and starts the enrollment as one. */
  readonly mode?: EnrollmentMode;
}

/**
 * The named flows of the `flow` attribute. Guards drop what does not apply to a user: the
 * password step without `requirePassword`, the proof step until the server asks for proof (any
 * flow may replace an authenticator with `mode="reset"`), the SMS steps when SMS is off or a phone is on file,
 * and, after a `method` step, the steps of the methods not chosen.
 */
export const FLOWS = {
  /**
   * Authenticator + backups: app, then "Add a passkey too" (optional, on a device with a built-in
   * authenticator), an optional SMS backup, then one emergency code.
   */
  standard: { steps: ['password', 'info', 'proof', 'qr', 'confirm', 'passkey', 'sms-phone', 'sms-code', 'emergency', 'done'] },
  /** Authenticator only, for organisations without SMS. */
  authenticator: { steps: ['password', 'info', 'proof', 'qr', 'confirm', 'done'] },
  /** The key typed or pasted into an app on this computer (a password manager): the QR step opens on the key. */
  desktop: { steps: ['password', 'info', 'proof', 'qr', 'confirm', 'done'], view: 'key' },
  /** The user picks a passkey, the app, SMS or e-mail; recovery codes are saved before the method is set up. */
  'method-choice': { steps: ['password', 'proof', 'method', 'emergency', 'qr', 'confirm', 'sms-phone', 'sms-code', 'email', 'email-code', 'passkey', 'done'] },
  /**
   * A lost authenticator replaced, reached from a reset link: the steps are worded for it. The server
   * wants proof first (the link's token, a current code or a recovery code): the proof step asks for a
   * code when the token is missing or refused.
   */
  reset: { steps: ['password', 'info', 'proof', 'qr', 'confirm', 'done'], mode: 'reset' },
  /** A passkey as the second factor, then ten recovery codes. */
  passkey: { steps: ['password', 'proof', 'passkey', 'emergency', 'done'] },
} as const satisfies Record<string, FlowPreset>;
export type FlowName = keyof typeof FLOWS;

/** The default flow (authenticator + backups). */
export const DEFAULT_STEPS: readonly StepId[] = FLOWS.standard.steps;

/** The adapter requests the machine can ask for. */
export type RequestKind =
  | 'start'
  | 'prove'
  | 'verifyTotp'
  | 'sendSms'
  | 'verifySms'
  | 'sendEmail'
  | 'verifyEmail'
  | 'passkeyOptions'
  | 'registerPasskey'
  | 'recoveryCodes'
  | 'complete';

export interface MachineConfig {
  /** Ordered step list; defaults to DEFAULT_STEPS. */
  steps?: readonly StepId[];
  /** Ask for the account password before anything else. */
  requirePassword?: boolean;
  /** Overrides the enrollment's SMS policy. */
  sms?: SmsPolicy;
  /** This device has a built-in passkey authenticator and the adapter registers passkeys: the optional passkey step is planned. */
  platformPasskey?: boolean;
}

/** What the machine knows about the enrollment, used by the guards. */
export interface Facts {
  /** An enrollment has been started (the secret exists). */
  enrolled: boolean;
  /** The enrollment's SMS policy; assumed `optional` until the enrollment says. */
  sms: SmsPolicy;
  phoneOnFile: boolean;
  /** The user skipped the optional SMS backup. */
  smsSkipped: boolean;
  /** An SMS code went out: from then on the backup is being set up, no longer skippable. */
  smsSent: boolean;
  /** The method picked on the `method` step (until then the plan assumes the app). */
  method: MethodId | null;
  /** What the backend accepts as the only method (the enrollment says; all until then). */
  methods: readonly MethodId[] | null;
  /** The user went on from the recovery codes: choosing another method later does not show (or renew) them again. */
  codesSaved: boolean;
}

export type Status =
  /** The step waits for the user. */
  | 'ready'
  /** A request is in flight (`pending` says which). */
  | 'busy'
  /** Loading what the step needs failed; RETRY runs it again. */
  | 'failed'
  /** The enrollment expired; RESTART begins anew. */
  | 'expired'
  | 'cancelled';

export interface MachineError {
  code: TwofaErrorCode;
  retryAfter?: number;
  attemptsLeft?: number;
  serverTime?: number;
}

export interface MachineState {
  readonly steps: readonly StepId[];
  /** The password step is in the plan: configured, or asked for by the server (`password_required`). */
  readonly requirePassword: boolean;
  /** The proof step is in the plan: the server asked for proof of the second factor being replaced (`proof_required`). */
  readonly requireProof: boolean;
  /** Set when the server asked for the password or a proof on the way to this step: where its answer resumes. */
  readonly resume: StepId | null;
  readonly smsOverride?: SmsPolicy;
  /** See `MachineConfig.platformPasskey`; the element learns it shortly after it starts (DEVICE). */
  readonly platformPasskey: boolean;
  readonly step: StepId;
  readonly status: Status;
  /** The request in flight while busy, else null. */
  readonly pending: RequestKind | null;
  /** Whether a successful `pending` request moves to the next step (a submit) or stays (a load, a resend). */
  readonly advanceOnResolve: boolean;
  readonly facts: Facts;
  readonly error: MachineError | null;
  /** Consecutive wrong codes on the current step (drives the clock hint). */
  readonly failures: number;
  /**
   * The phone number and e-mail address last submitted: shown again after going back, and sent
   * again by a resend. (Passwords and codes are never kept: they travel only in their request.)
   */
  readonly entered: { readonly phone: string; readonly email: string };
}

/** What the element does outside the machine, in order. */
export type Effect =
  /** Run an adapter request and report its answer with RESOLVE or REJECT. */
  | { readonly type: 'request'; readonly request: RequestKind; readonly value?: string }
  /** Forget the enrollment's secrets and ignore answers still on their way. */
  | { readonly type: 'forget' }
  /** The user cancelled on `step`; `discard` when the server has (or is making) an enrollment to drop. */
  | { readonly type: 'cancelled'; readonly step: StepId; readonly discard: boolean }
  /** The enrollment is finished. */
  | { readonly type: 'completed' };

/** A transition's outcome. */
export interface Transition {
  readonly state: MachineState;
  readonly effects: readonly Effect[];
}

export type MachineEvent =
  /** The user submits the step's value (on the `method` step: the method, as CHOOSE). */
  | { type: 'SUBMIT'; value: string }
  /** The user moves on from a step that needs no request. */
  | { type: 'NEXT' }
  /** The user picks a method on the `method` step. */
  | { type: 'CHOOSE'; method: MethodId }
  | { type: 'BACK' }
  | { type: 'SKIP' }
  /** Send the SMS or e-mail code again. */
  | { type: 'RESEND' }
  /** The user asks to create a passkey: fetch the registration options (the step then calls the browser). */
  | { type: 'PREPARE' }
  /** What the device can do, learnt after the start: whether it has a built-in passkey authenticator. */
  | { type: 'DEVICE'; platformPasskey: boolean }
  | { type: 'RESOLVE'; facts?: Partial<Omit<Facts, 'smsSkipped' | 'smsSent' | 'method' | 'codesSaved'>> }
  | { type: 'REJECT'; error: MachineError }
  | { type: 'RETRY' }
  | { type: 'CANCEL' }
  | { type: 'EXPIRE' }
  | { type: 'RESTART' };

/** Requests that a step's submit runs. */
const SUBMIT_REQUEST: Partial<Record<StepId, RequestKind>> = {
  password: 'start',
  proof: 'prove',
  confirm: 'verifyTotp',
  'sms-phone': 'sendSms',
  'sms-code': 'verifySms',
  email: 'sendEmail',
  'email-code': 'verifyEmail',
  passkey: 'registerPasskey',
};

/** Code steps with a resend, and the request it runs. */
const RESEND_REQUEST: Partial<Record<StepId, RequestKind>> = { 'sms-code': 'sendSms', 'email-code': 'sendEmail' };
/** Steps that fetch something on the user's demand and stay (the passkey's options): a failure keeps the step usable. */
const PREPARE_REQUEST: Partial<Record<StepId, RequestKind>> = { passkey: 'passkeyOptions' };

/** Steps from which BACK returns to the previous planned step. */
const BACKABLE: ReadonlySet<StepId> = new Set<StepId>(['qr', 'confirm', 'sms-code', 'email-code', 'passkey']);
/** Steps BACK may return to: none whose entry runs a request again (the password, new recovery codes). */
const BACK_TARGETS: ReadonlySet<StepId> = new Set<StepId>(['info', 'method', 'qr', 'sms-phone', 'email']);

/** The method each method-specific step belongs to. */
const METHOD_OF: Partial<Record<StepId, MethodId>> = {
  qr: 'totp',
  confirm: 'totp',
  'sms-phone': 'sms',
  'sms-code': 'sms',
  email: 'email',
  'email-code': 'email',
  passkey: 'passkey',
};

/** Steps that run before the enrollment exists; every other step needs it first. */
const BEFORE_ENROLLMENT: ReadonlySet<StepId> = new Set<StepId>(['password', 'proof', 'info', 'method']);
/** Requests that start the enrollment: the plain one, and one with the user's proof for a reset. */
const STARTS: ReadonlySet<RequestKind | null> = new Set<RequestKind | null>(['start', 'prove']);

export class FlowConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid twofa-enroll flow: ${problems.join('; ')}`);
    this.name = 'FlowConfigError';
  }
}

const PAIRS = [
  ['qr', 'confirm'],
  ['sms-phone', 'sms-code'],
  ['email', 'email-code'],
] as const;

/** Problems with a custom step list, as plain sentences for developers (empty when valid). */
export function validateSteps(steps: readonly string[]): string[] {
  const problems: string[] = [];
  const known = new Set<string>(STEP_IDS);
  const seen = new Set<string>();
  for (const step of steps) {
    if (!known.has(step)) problems.push(`unknown step "${step}" (known: ${STEP_IDS.join(', ')})`);
    else if (seen.has(step)) problems.push(`step "${step}" appears twice`);
    seen.add(step);
  }
  // Steps that only make sense together, the first before the second.
  for (const [first, second] of PAIRS) {
    const at = steps.indexOf(first);
    if (seen.has(second) && (at === -1 || at > steps.indexOf(second))) problems.push(`"${second}" needs "${first}" before it`);
    if (seen.has(first) && !seen.has(second)) problems.push(`"${first}" needs "${second}" after it`);
  }
  if (steps[steps.length - 1] !== 'done') problems.push('the last step must be "done"');
  const at = (step: string) => steps.indexOf(step);
  if (seen.has('method') && [...seen].some((step) => BEFORE_ENROLLMENT.has(step as StepId) && at(step) > at('method')))
    problems.push('"method" must come after "password", "proof" and "info"');
  if (seen.has('method') && [...seen].some((step) => METHOD_OF[step as StepId] && at(step) < at('method')))
    problems.push('the steps of a method must come after "method"');
  if (!['confirm', 'sms-code', 'email-code', 'passkey'].some((step) => seen.has(step)))
    problems.push('the flow sets up no method: add "qr" and "confirm", "sms-phone" and "sms-code", "email" and "email-code", or "passkey"');
  return problems;
}

/**
 * Whether the passkey step is an extra the user may skip: a flow without a method step that sets up the
 * app or e-mail codes anyway ("Add a passkey too"). Otherwise the passkey is the method.
 */
export function passkeyOptional(steps: readonly StepId[]): boolean {
  return !steps.includes('method') && steps.some((step) => step === 'confirm' || step === 'email-code');
}

export function initialState(config: MachineConfig = {}): MachineState {
  return begin(config).state;
}

/** The first state of a flow, and the request its first step needs (an enrollment, when that step shows one). */
export function begin(config: MachineConfig = {}): Transition {
  const steps = config.steps ?? DEFAULT_STEPS;
  const problems = validateSteps(steps);
  if (problems.length) throw new FlowConfigError(problems);
  const base: MachineState = {
    steps,
    requirePassword: config.requirePassword ?? false,
    smsOverride: config.sms,
    platformPasskey: config.platformPasskey ?? false,
    step: steps[0],
    status: 'ready',
    pending: null,
    advanceOnResolve: false,
    facts: {
      enrolled: false,
      sms: config.sms ?? 'optional',
      phoneOnFile: false,
      smsSkipped: false,
      smsSent: false,
      method: null,
      methods: null,
      codesSaved: false,
    },
    error: null,
    failures: 0,
    entered: { phone: '', email: '' },
    requireProof: false,
    resume: null,
  };
  return enter(base, plan(base)[0]);
}

/** The steps this user will go through, given the guards and what is known so far. */
export function plan(state: Pick<MachineState, 'steps' | 'requirePassword' | 'requireProof' | 'facts' | 'platformPasskey'>): StepId[] {
  const { facts } = state;
  // With a method step, only the chosen method's steps apply (SMS as the primary method is never skipped).
  // Until the choice, the plan assumes the first method the list sets up.
  const chosen = state.steps.includes('method') ? (facts.method ?? METHOD_OF[state.steps.find((id) => METHOD_OF[id])!]!) : null;
  const smsOffered = facts.sms !== 'off' && !facts.phoneOnFile;
  return state.steps.filter((step) => {
    const method = METHOD_OF[step];
    if (chosen && method) return method === chosen;
    switch (step) {
      case 'password':
        return state.requirePassword;
      case 'proof':
        return state.requireProof;
      case 'sms-phone':
        return smsOffered;
      case 'sms-code':
        return smsOffered && !facts.smsSkipped;
      case 'passkey':
        // "Add a passkey too" only where the device keeps one itself; as the method, always (the step says when it cannot).
        return state.platformPasskey || !passkeyOptional(state.steps);
      default:
        return true;
    }
  });
}

/** 1-based position and count for "Step x of y". */
export function progress(state: MachineState): { index: number; total: number } {
  const steps = plan(state);
  return { index: steps.indexOf(state.step) + 1, total: steps.length };
}

export function isComplete(state: MachineState): boolean {
  return state.step === 'done' && state.status === 'ready';
}

/** Whether the user can go back from the current step. */
export function canGoBack(state: MachineState): boolean {
  return transition(state, { type: 'BACK' }).state !== state;
}

/** Whether the current step may be skipped (an optional SMS backup, an optional passkey). */
export function canSkip(state: MachineState): boolean {
  return transition(state, { type: 'SKIP' }).state !== state;
}

const refused = (state: MachineState): Transition => ({ state, effects: [] });
const settle = (state: MachineState, ...effects: Effect[]): Transition => ({ state, effects });

export function transition(state: MachineState, event: MachineEvent): Transition {
  const { status, step } = state;
  const finished = isComplete(state);
  switch (event.type) {
    case 'SUBMIT': {
      if (step === 'method') return transition(state, { type: 'CHOOSE', method: event.value as MethodId });
      const request = SUBMIT_REQUEST[step];
      if (status !== 'ready' || !request) return refused(state);
      const value = String(event.value ?? '');
      // What was typed into the phone and e-mail fields is kept for going back and for a resend.
      const entered = step === 'sms-phone' ? { ...state.entered, phone: value } : step === 'email' ? { ...state.entered, email: value } : state.entered;
      return settle({ ...state, entered, status: 'busy', pending: request, advanceOnResolve: true }, { type: 'request', request, value });
    }
    case 'NEXT':
      if (status !== 'ready' || SUBMIT_REQUEST[step] || step === 'method' || finished) return refused(state);
      return advance(step === 'emergency' ? { ...state, facts: { ...state.facts, codesSaved: true } } : state);
    case 'CHOOSE': {
      // Only a method the list has steps for: any other would go straight to "done" with nothing set up.
      if (status !== 'ready' || step !== 'method' || !state.steps.some((id) => METHOD_OF[id] && METHOD_OF[id] === event.method)) return refused(state);
      const chosen = { ...state, error: null, facts: { ...state.facts, method: event.method } };
      // Back from a method to choose another: the codes are saved, straight to the new method's first step.
      if (state.facts.codesSaved)
        return enter(
          chosen,
          plan(chosen).find((id) => METHOD_OF[id] === event.method)!,
        );
      return advance(chosen);
    }
    case 'PREPARE': {
      const request = PREPARE_REQUEST[step];
      if (status !== 'ready' || !request) return refused(state);
      return settle({ ...state, status: 'busy', pending: request, advanceOnResolve: false, error: null }, { type: 'request', request });
    }
    case 'DEVICE':
      // (A finished enrollment stays as it ended.)
      if (finished || event.platformPasskey === state.platformPasskey) return refused(state);
      return settle({ ...state, platformPasskey: event.platformPasskey });
    case 'BACK': {
      if (status !== 'ready' || !BACKABLE.has(step)) return refused(state);
      // From a passkey the browser cannot make, back to the method choice (past the saved recovery codes).
      if (step === 'passkey' && state.steps.includes('method')) return settle({ ...state, step: 'method', error: null, failures: 0 });
      const steps = plan(state);
      const previous = steps[steps.indexOf(step) - 1];
      if (!previous || !BACK_TARGETS.has(previous)) return refused(state);
      return settle({ ...state, step: previous, error: null, failures: 0 });
    }
    case 'SKIP':
      if (status === 'ready' && step === 'passkey' && passkeyOptional(state.steps)) return advance(state);
      if (status !== 'ready' || !canSkipSms(state)) return refused(state);
      return advance({ ...state, facts: { ...state.facts, smsSkipped: true } });
    case 'RESEND': {
      const request = RESEND_REQUEST[step];
      if (status !== 'ready' || !request) return refused(state);
      const value = request === 'sendSms' ? state.entered.phone : state.entered.email;
      return settle({ ...state, status: 'busy', pending: request, advanceOnResolve: false }, { type: 'request', request, value });
    }
    case 'RESOLVE': {
      if (status !== 'busy') return refused(state);
      const facts = resolveFacts(state, event.facts);
      const settled = { ...state, facts, status: 'ready' as const, pending: null, error: null };
      // The password the server asked for is in: back to the step that needed it, which now loads.
      if (state.advanceOnResolve && state.resume) return enter({ ...settled, failures: 0, resume: null }, state.resume);
      if (state.advanceOnResolve) return advance({ ...settled, failures: 0 });
      // The enrollment a step needed now exists: run what the step itself loads (codes, completion).
      if (!STARTS.has(state.pending)) return ended(state, settled);
      // The method picked is one the backend does not accept alone (e-mail, on most): choose again.
      if (facts.method && facts.methods && !facts.methods.includes(facts.method)) {
        const error = { code: facts.method === 'email' ? ('email_only' as const) : ('server' as const) };
        return settle({ ...settled, step: 'method', advanceOnResolve: false, resume: null, facts: { ...facts, method: null }, error });
      }
      // What the enrollment says (SMS off, a phone on file) may drop the step waited on: go to the next one left.
      const steps = plan(settled);
      if (steps.includes(step)) return enter(settled, step);
      const next = steps.find((id) => state.steps.indexOf(id) > state.steps.indexOf(step));
      return next ? enter(settled, next) : settle(settled);
    }
    case 'REJECT': {
      if (status !== 'busy') return refused(state);
      const error = event.error;
      if (error.code === 'expired') return settle({ ...state, status: 'expired', pending: null, error }, { type: 'forget' });
      // The server wants the password first (the sign-in is not recent): show the password step, then come back.
      if (error.code === 'password_required' && STARTS.has(state.pending) && step !== 'password' && state.steps.includes('password')) {
        const resume = step === 'proof' ? state.resume : step;
        return settle({ ...state, requirePassword: true, resume, step: 'password', status: 'ready', pending: null, advanceOnResolve: false, error });
      }
      // A reset wants proof (no reset token, or one refused): ask for a code, then come back. A refused
      // token says so on the step; a plain request for proof is what the step's text explains.
      const proof = error.code === 'proof_required' || error.code === 'invalid_proof';
      if (proof && state.pending === 'start' && state.steps.includes('proof')) {
        const resume = step === 'password' ? state.resume : step;
        const shown = error.code === 'invalid_proof' ? error : null;
        return settle({ ...state, requireProof: true, resume, step: 'proof', status: 'ready', pending: null, advanceOnResolve: false, error: shown });
      }
      const failures = error.code === 'invalid_code' ? state.failures + 1 : state.failures;
      // A load the step cannot show without fails the step; a submit or resend keeps it usable.
      const loadFailed = !state.advanceOnResolve && state.pending !== RESEND_REQUEST[step] && state.pending !== PREPARE_REQUEST[step];
      return settle({ ...state, status: loadFailed ? 'failed' : 'ready', pending: loadFailed ? state.pending : null, error, failures });
    }
    case 'RETRY':
      // Only loads fail a step, and a load sends no value: it runs again as it was.
      if (status !== 'failed' || !state.pending) return refused(state);
      return settle({ ...state, status: 'busy', error: null }, { type: 'request', request: state.pending });
    case 'CANCEL': {
      if (status === 'cancelled' || finished) return refused(state);
      const discard = state.facts.enrolled || state.pending === 'start';
      return settle({ ...state, status: 'cancelled', pending: null }, { type: 'forget' }, { type: 'cancelled', step, discard });
    }
    case 'EXPIRE':
      if (status === 'cancelled' || status === 'expired' || finished || !state.facts.enrolled) return refused(state);
      return settle({ ...state, status: 'expired', pending: null, error: { code: 'expired' } }, { type: 'forget' });
    case 'RESTART': {
      if (status !== 'cancelled' && status !== 'expired') return refused(state);
      const fresh = begin({ steps: state.steps, requirePassword: state.requirePassword, sms: state.smsOverride, platformPasskey: state.platformPasskey });
      return settle(fresh.state, { type: 'forget' }, ...fresh.effects);
    }
    default:
      // An unknown event (e.g. from plain JavaScript) is refused like any other: same object back.
      return refused(state);
  }
}

/** SMS as an optional backup may be skipped until a code went out; SMS picked as the primary method may not. */
function canSkipSms(state: MachineState): boolean {
  const primary = state.steps.includes('method');
  return state.step === 'sms-phone' && !primary && !state.facts.smsSent && (state.smsOverride ?? state.facts.sms) === 'optional';
}

function resolveFacts(state: MachineState, update: Partial<Facts> | undefined): Facts {
  // `Partial` allows `{ sms: undefined }` (e.g. an optional enrollment field passed through): keep what is known.
  const defined = Object.fromEntries(Object.entries(update ?? {}).filter(([, value]) => value !== undefined));
  const facts: Facts = { ...state.facts, ...defined };
  if (state.smsOverride) facts.sms = state.smsOverride;
  if (state.pending === 'sendSms') facts.smsSent = true;
  return facts;
}

/** A settled load: on the last step it is the completion, which ends the enrollment. */
function ended(before: MachineState, after: MachineState): Transition {
  return isComplete(after) && !isComplete(before) ? settle(after, { type: 'completed' }) : settle(after);
}

/** Move to the step after the current one in the plan, and start what it needs on entry. */
function advance(state: MachineState): Transition {
  const steps = plan(state);
  const next = steps[steps.indexOf(state.step) + 1];
  if (!next) return settle(state);
  return enter({ ...state, error: null, failures: 0 }, next);
}

/** Steps that cannot be shown before a request: the QR needs an enrollment, the codes and "done" need the server. */
function enter(state: MachineState, step: StepId): Transition {
  const load = entryLoad(step, state.facts);
  const entered = { ...state, step, status: load ? ('busy' as const) : ('ready' as const), pending: load, advanceOnResolve: false };
  return load ? settle(entered, { type: 'request', request: load }) : ended(state, entered);
}

function entryLoad(step: StepId, facts: Facts): RequestKind | null {
  if (!facts.enrolled && !BEFORE_ENROLLMENT.has(step)) return 'start';
  if (step === 'emergency') return 'recoveryCodes';
  if (step === 'done') return 'complete';
  return null;
}
