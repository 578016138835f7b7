/**
 * The changes `<twofa-manage>` offers, as data: what each asks the adapter, and how the hosted wizard
 * is set up for those that enroll something. No DOM, no Lit: the element renders and runs them.
 */
import type { AccountAdapter, AccountPasskey, Enrollment, EnrollmentAdapter, EnrollmentMode, RemovableFactor } from '../adapter/types.js';
import type { StepId } from '../twofa-enroll/machine.js';

/** A change the user started, until it is done or cancelled. */
export type Task =
  /** Two-factor is off: the wizard, in the panel's `flow`. */
  | { kind: 'setup' }
  /** A new authenticator app in place of the one there (a lost or new phone); new recovery codes with it. */
  | { kind: 'replace' }
  /** An authenticator app added to an account that has none (a passkey or a phone only). */
  | { kind: 'app' }
  /** A backup phone added, or the one there changed. */
  | { kind: 'phone' }
  | { kind: 'passkey' }
  | { kind: 'rename'; passkey: AccountPasskey }
  | { kind: 'remove'; factor: RemovableFactor; name: string }
  | { kind: 'codes' }
  | { kind: 'off' };

export type PanelAdapter = EnrollmentAdapter & AccountAdapter;

/**
 * The tasks that enroll something in the hosted wizard: its mode and steps. A replacement is the
 * wizard's own reset (its steps ask for the password and proof, worded for it, or take a reset link's
 * token), with new recovery codes, since a reset revokes the old ones. The others add to what is
 * there: the panel starts them after its own step-up (`prestart`), so the wizard asks for nothing more.
 */
export const WIZARD_TASKS = {
  replace: { mode: 'reset', steps: ['password', 'info', 'proof', 'qr', 'confirm', 'emergency', 'done'], prestart: false },
  app: { mode: 'add', steps: ['qr', 'confirm', 'done'], prestart: true },
  phone: { mode: 'add', steps: ['sms-phone', 'sms-code', 'done'], prestart: true },
  passkey: { mode: 'add', steps: ['passkey', 'done'], prestart: true },
} as const satisfies Record<string, { mode: EnrollmentMode; steps: readonly StepId[]; prestart: boolean }>;
export type WizardTask = keyof typeof WIZARD_TASKS;

export const isWizardTask = (task: Task): task is { kind: WizardTask } => task.kind in WIZARD_TASKS;

/**
 * The tasks whose call carries a step-up (`StepUp`), so the server may answer that it wants the password
 * or a code. Set-up and the replacement ask for those in the wizard's own steps; renaming a passkey takes none.
 */
export const mayAskForStepUp = (task: Task): boolean =>
  task.kind === 'remove' || task.kind === 'off' || task.kind === 'codes' || (isWizardTask(task) && WIZARD_TASKS[task.kind].prestart);

/** Removes, turns off and new codes: the user confirms what they lose before anything is sent. */
export const needsConfirmation = (task: Task): boolean => task.kind === 'remove' || task.kind === 'off' || task.kind === 'codes';

const ENROLLMENT_METHODS = [
  'verifyTotp',
  'sendSms',
  'verifySms',
  'sendEmail',
  'verifyEmail',
  'passkeyOptions',
  'registerPasskey',
  'recoveryCodes',
  'complete',
  'cancel',
] as const satisfies readonly (keyof EnrollmentAdapter)[];

/**
 * The adapter the hosted wizard gets: the panel started the enrollment itself, after step-up, so the
 * wizard's first `start()` answers that enrollment (the wizard asks for no password or code of its own);
 * a later one (the enrollment expired) starts anew with `restart`.
 */
export function startedAdapter(adapter: EnrollmentAdapter, enrollment: Enrollment, restart: () => Promise<Enrollment>): EnrollmentAdapter {
  let first: Enrollment | undefined = enrollment;
  const wrapped: Partial<Record<keyof EnrollmentAdapter, unknown>> = {
    start: () => {
      const answer = first;
      first = undefined;
      return answer ? Promise.resolve(answer) : restart();
    },
  };
  for (const name of ENROLLMENT_METHODS) {
    const method = adapter[name] as ((...args: unknown[]) => unknown) | undefined;
    if (typeof method === 'function') wrapped[name] = method.bind(adapter);
  }
  return wrapped as unknown as EnrollmentAdapter;
}
