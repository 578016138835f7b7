/**
 * Every place where the wizard makes a request, as data for the fault suite: how a user gets there,
 * what they typed, how they send the request (click or Enter), what "busy" looks like while it is in
 * flight, and what "done" looks like once it succeeded.
 */
import { waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { AdapterMethod, MemoryAdapterOptions } from 'twofa-enroll/adapter/memory';
import type { StepId } from '../../src/twofa-enroll/machine.js';
import type { TwofaEnroll } from 'twofa-enroll';
import type { FaultyWizard } from '../helpers/fault-adapter.js';
import { getByRole, queryByRole, visibleText } from '../helpers/queries.js';
import { acknowledgeCodes, click, toConfirm, toEmail, toEmergency, toSms, toSmsCode, typeInto, waitForHeading } from '../helpers/wizard.js';

const PASSWORD = 'correct horse battery';
const SMS_CODE = '424242';
const PHONE = '+47 912 34 567';
const EMAIL = 'ola@example.no';
const EMAIL_CODE = '515151';
const METHOD_CHOICE: Partial<TwofaEnroll> = { flow: 'method-choice' };
const RECOVERY_CODE = /[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}/;

export interface RequestStep {
  /** Test title: where the user is and which request runs. */
  name: string;
  /** The adapter request. */
  method: AdapterMethod;
  /** The step the wizard reports in `twofa-error`. */
  step: StepId;
  /** A submit keeps the step and what was typed; a load shows the "Something went wrong" notice. */
  kind: 'submit' | 'load';
  options?: MemoryAdapterOptions;
  attributes?: Partial<TwofaEnroll>;
  /** From a fresh wizard to the moment before the request, with the user's input typed. */
  reach(w: FaultyWizard): Promise<void>;
  /** The field the user typed into, and what it must still hold after a failure. */
  kept?(w: FaultyWizard): { field: string; value: string };
  /** Code steps send themselves when the last digit is typed. */
  complete?(w: FaultyWizard): Promise<void>;
  /** The control that sends the request: clicked, or focused and Enter pressed. */
  control: { role: string; name: RegExp; enterIn?: string };
  /** What the user sees while the request is in flight. */
  busy(w: FaultyWizard): boolean;
  /** Waits until the request has succeeded and the user can go on. */
  finished(w: FaultyWizard): Promise<void>;
  /** Cancel is offered while the request is in flight. */
  cancelWhileBusy: boolean;
  /** The step's field is a code input, which a rate limit disables until the wait is over. */
  codeEntry?: boolean;
}

const text = (w: FaultyWizard) => visibleText(w.el);
const field = (w: FaultyWizard, name: string) => getByRole(w.el, 'textbox', name) as HTMLInputElement;
const ariaDisabled = (w: FaultyWizard, name: RegExp) => queryByRole(w.el, 'button', name)?.getAttribute('aria-disabled') === 'true';

/** The app's code the user read once and typed: asked again later, it may be the next 30 s window's. */
const appCode = new WeakMap<FaultyWizard, string>();

/** Text messages sent before the resend. */
const sentBefore = new WeakMap<FaultyWizard, number>();

export const REQUEST_STEPS: RequestStep[] = [
  {
    name: 'password (start)',
    method: 'start',
    step: 'password',
    kind: 'submit',
    options: { password: PASSWORD },
    attributes: { requirePassword: true },
    async reach(w) {
      await waitForHeading(w.el, 'Confirm it is you');
      await typeInto(w.el, 'Password', PASSWORD);
    },
    kept: () => ({ field: 'Password', value: PASSWORD }),
    control: { role: 'button', name: /^(Continue|Checking…)$/, enterIn: 'Password' },
    busy: (w) => ariaDisabled(w, /^Checking…$/),
    finished: (w) => waitForHeading(w.el, 'Set up two-factor authentication'),
    cancelWhileBusy: true,
  },
  {
    name: 'QR code (start)',
    method: 'start',
    step: 'qr',
    kind: 'load',
    reach: (w) => waitForHeading(w.el, 'Set up two-factor authentication'),
    control: { role: 'button', name: /^Start$/ },
    busy: (w) => text(w).includes('Preparing your QR code…') && (getByRole(w.el, 'button', 'Next: enter the code') as HTMLButtonElement).disabled,
    finished: (w) =>
      waitUntil(() => queryByRole(w.el, 'button', 'Next: enter the code')?.hasAttribute('disabled') === false, 'QR step ready', { timeout: 4000 }),
    cancelWhileBusy: true,
  },
  {
    name: 'confirm (verifyTotp)',
    codeEntry: true,
    method: 'verifyTotp',
    step: 'confirm',
    kind: 'submit',
    async reach(w) {
      await toConfirm(w);
      appCode.set(w, w.memory.currentCode());
      await typeInto(w.el, '6-digit code', appCode.get(w)!.slice(0, 5));
    },
    complete: (w) => sendKeys({ type: appCode.get(w)!.slice(5) }),
    kept: (w) => ({ field: '6-digit code', value: appCode.get(w)! }),
    control: { role: 'button', name: /^(Verify|Checking…)$/, enterIn: '6-digit code' },
    busy: (w) => ariaDisabled(w, /^Checking…$/),
    finished: (w) => waitForHeading(w.el, 'Add a phone number for backup'),
    cancelWhileBusy: true,
  },
  {
    name: 'SMS phone (sendSms)',
    method: 'sendSms',
    step: 'sms-phone',
    kind: 'submit',
    async reach(w) {
      await toSms(w);
      await typeInto(w.el, 'Mobile number', PHONE);
    },
    // The number comes back in the national form for the picked country: the same number.
    kept: () => ({ field: 'Mobile number', value: '91234567' }),
    control: { role: 'button', name: /^(Send code|Sending…)$/, enterIn: 'Mobile number' },
    busy: (w) => ariaDisabled(w, /^Sending…$/),
    finished: (w) => waitForHeading(w.el, 'Enter the code from the text message'),
    cancelWhileBusy: true,
  },
  {
    name: 'SMS code (verifySms)',
    codeEntry: true,
    method: 'verifySms',
    step: 'sms-code',
    kind: 'submit',
    options: { smsCode: () => SMS_CODE },
    async reach(w) {
      await toSmsCode(w);
      await typeInto(w.el, '6-digit code', SMS_CODE.slice(0, 5));
    },
    complete: () => sendKeys({ type: SMS_CODE.slice(5) }),
    kept: () => ({ field: '6-digit code', value: SMS_CODE }),
    control: { role: 'button', name: /^(Verify|Checking…)$/, enterIn: '6-digit code' },
    busy: (w) => ariaDisabled(w, /^Checking…$/),
    finished: (w) => waitForHeading(w.el, 'Save your emergency code'),
    cancelWhileBusy: true,
  },
  {
    name: 'SMS resend (sendSms)',
    codeEntry: true,
    method: 'sendSms',
    step: 'sms-code',
    kind: 'submit',
    options: { smsCode: () => SMS_CODE, resendAfter: 0 },
    async reach(w) {
      await toSmsCode(w);
      await typeInto(w.el, '6-digit code', SMS_CODE.slice(0, 2));
      sentBefore.set(w, w.memory.outbox.length);
    },
    kept: () => ({ field: '6-digit code', value: SMS_CODE.slice(0, 2) }),
    control: { role: 'button', name: /^Send a new code/ },
    busy: (w) => ariaDisabled(w, /^Send a new code/),
    async finished(w) {
      await waitUntil(() => w.memory.outbox.length === sentBefore.get(w)! + 1, 'a new text message was sent');
      const code = field(w, '6-digit code');
      await waitUntil(() => !code.disabled, 'code field enabled');
      code.focus();
      code.select();
      await sendKeys({ type: SMS_CODE });
      await waitForHeading(w.el, 'Save your emergency code');
    },
    cancelWhileBusy: true,
  },
  {
    name: 'recovery codes first (start, then recoveryCodes)',
    method: 'start',
    step: 'emergency',
    kind: 'load',
    attributes: METHOD_CHOICE,
    reach: (w) => waitForHeading(w.el, 'How do you want to get your codes?'),
    control: { role: 'button', name: /^Continue$/ },
    busy: (w) => queryByRole(w.el, 'heading')?.textContent?.trim() === 'Save your recovery codes' && !RECOVERY_CODE.test(text(w)),
    finished: (w) => waitUntil(() => RECOVERY_CODE.test(text(w)), 'the recovery codes are shown'),
    cancelWhileBusy: true,
  },
  {
    name: 'e-mail address (sendEmail)',
    method: 'sendEmail',
    step: 'email',
    kind: 'submit',
    attributes: METHOD_CHOICE,
    async reach(w) {
      await toEmail(w);
      await typeInto(w.el, 'E-mail address', EMAIL);
    },
    kept: () => ({ field: 'E-mail address', value: EMAIL }),
    control: { role: 'button', name: /^(Send code|Sending…)$/, enterIn: 'E-mail address' },
    busy: (w) => ariaDisabled(w, /^Sending…$/),
    finished: (w) => waitForHeading(w.el, 'Enter the code from the e-mail'),
    cancelWhileBusy: true,
  },
  {
    name: 'e-mail code (verifyEmail)',
    codeEntry: true,
    method: 'verifyEmail',
    step: 'email-code',
    kind: 'submit',
    options: { emailCode: () => EMAIL_CODE },
    attributes: METHOD_CHOICE,
    async reach(w) {
      await toEmail(w);
      await typeInto(w.el, 'E-mail address', EMAIL);
      await click(w.el, 'button', 'Send code');
      await waitForHeading(w.el, 'Enter the code from the e-mail');
      await typeInto(w.el, '6-digit code', EMAIL_CODE.slice(0, 5));
    },
    complete: () => sendKeys({ type: EMAIL_CODE.slice(5) }),
    kept: () => ({ field: '6-digit code', value: EMAIL_CODE }),
    control: { role: 'button', name: /^(Verify|Checking…)$/, enterIn: '6-digit code' },
    busy: (w) => ariaDisabled(w, /^Checking…$/),
    finished: (w) => waitForHeading(w.el, 'Two-factor authentication is on'),
    cancelWhileBusy: true,
  },
  {
    name: 'emergency code (recoveryCodes)',
    method: 'recoveryCodes',
    step: 'emergency',
    kind: 'load',
    reach: toSms,
    control: { role: 'button', name: /^Skip for now$/ },
    busy: (w) => /^Save your (emergency code|recovery codes)$/.test(queryByRole(w.el, 'heading')?.textContent?.trim() ?? '') && !RECOVERY_CODE.test(text(w)),
    finished: (w) => waitUntil(() => RECOVERY_CODE.test(text(w)), 'the emergency code is shown'),
    cancelWhileBusy: true,
  },
  {
    name: 'done (complete)',
    method: 'complete',
    step: 'done',
    kind: 'load',
    options: { sms: 'off' },
    async reach(w) {
      await toEmergency(w);
      await acknowledgeCodes(w);
    },
    control: { role: 'button', name: /^Continue$/ },
    busy: (w) => text(w).includes('Finishing setup…'),
    async finished(w) {
      await waitForHeading(w.el, 'Two-factor authentication is on');
      await waitUntil(() => w.events.some((e) => e.type === 'twofa-complete'), 'twofa-complete');
    },
    // "Finishing setup…" offers no Cancel: the server may already have turned 2FA on.
    cancelWhileBusy: false,
  },
];

export type Action = 'click' | 'Enter';

/** One user action on the step's control; once the control is gone (the view moved on), Enter goes wherever focus is. */
export async function act(w: FaultyWizard, control: RequestStep['control'], action: Action): Promise<void> {
  const target = queryByRole(w.el, control.role, control.name);
  // A mouse click focuses the button it presses.
  if (action === 'click') return void (target?.focus(), target?.click());
  const into = control.enterIn ? queryByRole(w.el, 'textbox', control.enterIn) : target;
  into?.focus();
  await sendKeys({ press: 'Enter' });
}
