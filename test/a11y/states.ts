/**
 * Every state the wizard can show, as data: each step ready and busy, with each error its request can
 * meet, the failed/expired/cancelled notices and the rate-limit countdowns. Each state names the
 * in-memory backend's options and how to get there from a fresh wizard; the a11y tests check them all.
 */
import { waitUntil } from '@open-wc/testing';
import type { TwofaErrorCode } from 'twofa-enroll';
import type { AdapterMethod, MemoryAdapter, MemoryAdapterOptions } from 'twofa-enroll/adapter/memory';
import type { TwofaEnroll } from 'twofa-enroll';
import { queryByRole, visibleText } from '../helpers/queries.js';
import { stubClipboard } from '../steps/helpers.js';
import { engineWebAuthn, stubCreate } from '../helpers/webauthn.js';
import {
  acknowledgeCodes,
  click,
  lastSmsCode,
  mountWizard,
  toConfirm,
  toEmergency,
  toSms,
  toSmsCode,
  typeInto,
  waitForHeading,
  type Wizard,
} from '../helpers/wizard.js';

export interface WizardState {
  name: string;
  options?: MemoryAdapterOptions;
  attributes?: Partial<TwofaEnroll>;
  /** From a fresh wizard (on its first step) to this state. */
  reach: (w: Wizard) => Promise<void>;
  /** The error text this state shows, which must reach screen readers through a live region. */
  announces?: string;
}

/** What each error says, in English (enough of it to find). */
export const ERROR_TEXT: Partial<Record<TwofaErrorCode, string>> = {
  invalid_password: 'The password is not correct. Try again.',
  invalid_proof: "That didn't work: the code is wrong or used, or the reset link has expired.",
  invalid_code: "That code didn't work.",
  invalid_phone: "That phone number doesn't look right.",
  invalid_email: "That e-mail address doesn't look right.",
  invalid_passkey: "The passkey couldn't be saved. Create it again.",
  rate_limited: 'Too many attempts.',
  already_enrolled: 'Two-factor authentication is already turned on for this account.',
  network: "We couldn't reach the server.",
  timeout: 'The server took too long to answer.',
  server: 'Something went wrong on our side.',
};

const PASSWORD = 'correct horse';
/** A lockout long enough to outlast the checks of a state. */
const LOCKOUT = 600;

/** Makes every call of `method` wait for ever: the wizard stays busy. */
function hold(memory: MemoryAdapter, method: AdapterMethod): void {
  Object.defineProperty(memory, method, { value: () => new Promise(() => undefined), configurable: true });
}

export async function waitForText(w: Wizard, text: string): Promise<void> {
  await waitUntil(() => visibleText(w.el).includes(text), `"${text}" never shown (shown: ${visibleText(w.el).slice(0, 300)})`, { timeout: 4000, interval: 10 });
}

/** Clicks the copy button named `name` with the clipboard refused, and waits for the manual fallback. */
async function copyBlocked(w: Wizard, name: string): Promise<void> {
  const clipboard = stubClipboard('reject');
  try {
    await click(w.el, 'button', new RegExp(`^${name}`));
    await waitUntil(() => queryByRole(w.el, 'textbox', 'Text to copy'), 'the manual copy field', { timeout: 4000, interval: 10 });
  } finally {
    clipboard.restore();
  }
}

async function toQr(w: Wizard): Promise<void> {
  await click(w.el, 'button', 'Start');
  await waitForHeading(w.el, 'Scan the QR code');
  await waitUntil(() => queryByRole(w.el, 'img', /^QR code for adding/), 'QR code drawn', { timeout: 5000, interval: 10 });
}

async function toManualKey(w: Wizard): Promise<void> {
  await toQr(w);
  await click(w.el, 'button', "Can't scan the image?");
  await waitForText(w, 'Secret key');
}

/** The recovery codes step of the method-choice flow, its codes loaded. */
async function recoveryCodes(w: Wizard): Promise<void> {
  await waitForHeading(w.el, 'Save your recovery codes');
  await waitUntil(() => w.el.shadowRoot!.querySelector('twofa-step-emergency')?.codes.length, 'the codes loaded', { timeout: 4000, interval: 10 });
}

/** The method-choice flow: `method` picked (by its radio's name), the recovery codes saved; `after` the heading the method's first step shows. */
async function chooseMethod(w: Wizard, method: string, after: string): Promise<void> {
  await waitForHeading(w.el, 'How do you want to get your codes?');
  await click(w.el, 'radio', new RegExp(`^${method}`));
  await click(w.el, 'button', 'Continue');
  await recoveryCodes(w);
  await acknowledgeCodes(w);
  await finish(w);
  await waitForHeading(w.el, after);
}

const toEmail = (w: Wizard) => chooseMethod(w, 'E-mail', 'Where should we send your codes?');
const lastEmailCode = (w: Wizard) => /\d{6}/.exec([...w.memory.outbox].reverse().find((m) => m.channel === 'email')?.text ?? '')?.[0] ?? '';

/** The emergency step with its checkbox ticked. */
async function storedCode(w: Wizard): Promise<void> {
  await toEmergency(w);
  await acknowledgeCodes(w);
}

const nothing = async () => undefined;
const start = (w: Wizard) => click(w.el, 'button', 'Start');
const finish = (w: Wizard) => click(w.el, 'button', 'Continue');

/** A code that is not the one the app shows now. */
const wrongTotp = (w: Wizard) => (w.memory.currentCode() === '000000' ? '111111' : '000000');
const wrongSms = (w: Wizard) => (lastSmsCode(w) === '000000' ? '111111' : '000000');

type Steps = (w: Wizard) => Promise<unknown>;

/** The state after `method` failed with `code` at a submit, whose error stays on the step. */
function submitError(
  step: string,
  method: AdapterMethod,
  code: TwofaErrorCode,
  before: Steps,
  submit: Steps,
  options: MemoryAdapterOptions = {},
  attributes: Partial<TwofaEnroll> = {},
): WizardState {
  return {
    name: `${step}: ${code} error`,
    options: { lockout: LOCKOUT, ...options },
    attributes,
    announces: ERROR_TEXT[code],
    reach: async (w) => {
      await before(w);
      w.memory.fail = { [method]: code };
      await submit(w);
      await waitForText(w, ERROR_TEXT[code]!);
    },
  };
}

/** The state while `method` has not answered yet, `shows` on the page: held from the start, reached by `before` and `submit`. */
function busy(
  step: string,
  method: AdapterMethod,
  shows: string | RegExp,
  before: Steps,
  submit: Steps,
  options: MemoryAdapterOptions = {},
  attributes: Partial<TwofaEnroll> = {},
): WizardState {
  return {
    name: `${step}: busy`,
    options,
    attributes,
    reach: async (w) => {
      hold(w.memory, method);
      await before(w);
      await submit(w);
      await waitUntil(() => (typeof shows === 'string' ? visibleText(w.el).includes(shows) : shows.test(visibleText(w.el))), `${String(shows)} shown`, {
        timeout: 4000,
        interval: 10,
      });
    },
  };
}

/** `times` wrong codes in a row: the error with attempts left (from the second on, the hint about the phone's clock too). */
function wrongCode(step: string, before: Steps, wrong: (w: Wizard) => string, times = 1): WizardState {
  return {
    name: times === 1 ? `${step}: invalid_code error` : `${step}: invalid_code ${times} times, with the clock hint`,
    announces: ERROR_TEXT.invalid_code,
    reach: async (w) => {
      await before(w);
      for (let left = 4; left > 4 - times; left--) {
        await typeInto(w.el, '6-digit code', wrong(w));
        await waitForText(w, `${left} attempts left.`);
      }
      if (times > 1) await waitForText(w, 'Codes depend on the time on your phone');
    },
  };
}

/** The SMS step after Send code with `typed` in the number field, which the step refuses before sending. */
function phoneProblem(what: string, typed: string, message: string): WizardState {
  return {
    name: `sms-phone: ${what}`,
    announces: message,
    reach: async (w) => {
      await toSms(w);
      if (typed) await typeInto(w.el, 'Mobile number', typed);
      await click(w.el, 'button', 'Send code');
      await waitForText(w, message);
    },
  };
}

/** The "Something went wrong / Try again" notice after the entry load `method` failed with `code`. */
function loadError(where: string, method: AdapterMethod, code: TwofaErrorCode, trigger: Steps, options: MemoryAdapterOptions = {}): WizardState {
  return {
    name: `${where}: failed to load (${code}), Try again notice`,
    options,
    announces: ERROR_TEXT[code],
    reach: async (w) => {
      w.memory.fail = { [method]: code };
      await trigger(w);
      await waitForHeading(w.el, 'Something went wrong');
    },
  };
}

export const withPassword = { options: { password: PASSWORD }, attributes: { requirePassword: true } };
export const submitPassword = async (w: Wizard, password = PASSWORD) => {
  await typeInto(w.el, 'Password', password);
  await click(w.el, 'button', 'Continue');
};
const withProof = { options: { resetProof: { codes: ['K7QP-M2XW-9RTD'] } }, attributes: { flow: 'reset' as const } };
const toProof = async (w: Wizard) => {
  await click(w.el, 'button', 'Start');
  await waitForHeading(w.el, 'Confirm with a code you have');
};
export const submitTotp = (w: Wizard) => typeInto(w.el, '6-digit code', w.memory.currentCode()).then(() => undefined);
export const submitPhone = async (w: Wizard) => {
  await typeInto(w.el, 'Mobile number', '+47 912 34 567');
  await click(w.el, 'button', 'Send code');
};
export const submitEmail = async (w: Wizard) => {
  await typeInto(w.el, 'E-mail address', 'ola@example.no');
  await click(w.el, 'button', 'Send code');
};
const toEmailCode = async (w: Wizard) => {
  await toEmail(w);
  await submitEmail(w);
  await waitForHeading(w.el, 'Enter the code from the e-mail');
};
const submitEmailCode = (w: Wizard) => typeInto(w.el, '6-digit code', lastEmailCode(w)).then(() => undefined);
export const submitSms = (w: Wizard) => typeInto(w.el, '6-digit code', lastSmsCode(w)).then(() => undefined);

/** The passkey flow's first step, its view loaded. */
const toPasskey = async (w: Wizard) => {
  await waitForHeading(w.el, 'Create a passkey');
  await waitUntil(() => queryByRole(w.el, 'button', engineWebAuthn ? 'Create a passkey' : 'Cancel'), 'the passkey step loaded', {
    timeout: 4000,
    interval: 10,
  });
};
const createPasskey = (w: Wizard) => click(w.el, 'button', 'Create a passkey');

const SUBMIT_FAILURES = ['rate_limited', 'network', 'timeout', 'server'] as const;
const LOAD_FAILURES = ['network', 'timeout', 'server'] as const;

/** The passkey step's states after Create (where the engine has WebAuthn). */
function passkeyCreateStates(): WizardState[] {
  return [
    busy('passkey', 'passkeyOptions', 'Creating…', toPasskey, createPasskey, {}, { flow: 'passkey' }),
    {
      name: 'passkey: cancelled (NotAllowedError)',
      attributes: { flow: 'passkey' },
      announces: "The passkey wasn't created",
      reach: async (w) => {
        await toPasskey(w);
        const stub = stubCreate('NotAllowedError');
        try {
          await createPasskey(w);
          await waitForText(w, "The passkey wasn't created");
        } finally {
          stub.restore();
        }
      },
    },
    ...(['rate_limited', 'network'] as const).map((code) => submitError('passkey', 'passkeyOptions', code, toPasskey, createPasskey, {}, { flow: 'passkey' })),
  ];
}

export const STATES: WizardState[] = [
  // Password
  { name: 'password: ready', ...withPassword, reach: (w) => waitForHeading(w.el, 'Confirm it is you') },
  busy('password', 'start', 'Checking…', nothing, submitPassword, withPassword.options, withPassword.attributes),
  {
    name: 'password: empty field',
    ...withPassword,
    announces: 'Enter your password.',
    reach: async (w) => {
      await click(w.el, 'button', 'Continue');
      await waitForText(w, 'Enter your password.');
    },
  },
  {
    name: 'password: invalid_password error',
    ...withPassword,
    announces: ERROR_TEXT.invalid_password,
    reach: async (w) => {
      await submitPassword(w, 'wrong');
      await waitForText(w, ERROR_TEXT.invalid_password!);
    },
  },
  ...[...SUBMIT_FAILURES, 'already_enrolled' as const].map((code) =>
    submitError('password', 'start', code, nothing, submitPassword, withPassword.options, withPassword.attributes),
  ),

  // Proof (a reset the server wants proof for)
  { name: 'proof: ready', ...withProof, reach: toProof },
  {
    name: 'proof: invalid_proof error',
    ...withProof,
    announces: ERROR_TEXT.invalid_proof,
    reach: async (w) => {
      await toProof(w);
      await typeInto(w.el, 'Recovery code or code from the app', 'WRONG-CODE');
      await click(w.el, 'button', 'Continue');
      await waitForText(w, ERROR_TEXT.invalid_proof!);
    },
  },

  // Information
  { name: 'info: ready', reach: (w) => waitForHeading(w.el, 'Set up two-factor authentication') },

  // QR code
  busy('qr', 'start', 'Preparing your QR code…', nothing, start),
  { name: 'qr: ready', reach: toQr },
  { name: 'qr: manual key shown', reach: toManualKey },
  { name: 'qr: copying the key blocked', reach: (w) => toManualKey(w).then(() => copyBlocked(w, 'Copy key')) },
  ...[...LOAD_FAILURES, 'already_enrolled' as const].map((code) => loadError('qr', 'start', code, start)),

  // Authenticator code
  { name: 'confirm: ready', reach: toConfirm },
  busy('confirm', 'verifyTotp', 'Checking…', toConfirm, submitTotp),
  wrongCode('confirm', toConfirm, wrongTotp),
  wrongCode('confirm', toConfirm, wrongTotp, 2),
  ...SUBMIT_FAILURES.map((code) => submitError('confirm', 'verifyTotp', code, toConfirm, submitTotp)),

  // SMS backup: the phone number
  { name: 'sms-phone: ready', reach: toSms },
  { name: 'sms-phone: required, no Skip', options: { sms: 'required' }, reach: toSms },
  busy('sms-phone', 'sendSms', 'Sending…', toSms, submitPhone),
  phoneProblem('empty field', '', 'Enter a phone number, or skip this step.'),
  phoneProblem('not a phone number', 'abc', 'Enter a valid mobile number: digits only, with the right country code.'),
  ...(['invalid_phone', ...SUBMIT_FAILURES] as const).map((code) => submitError('sms-phone', 'sendSms', code, toSms, submitPhone)),

  // SMS backup: the code
  { name: 'sms-code: ready, resend counting down', reach: toSmsCode },
  { name: 'sms-code: ready, a new code can be sent', options: { resendAfter: 0 }, reach: toSmsCode },
  busy('sms-code', 'verifySms', 'Checking…', toSmsCode, submitSms),
  wrongCode('sms-code', toSmsCode, wrongSms),
  ...SUBMIT_FAILURES.map((code) => submitError('sms-code', 'verifySms', code, toSmsCode, submitSms)),

  // Emergency code
  // (While the codes load, the step cannot know how many come: it speaks of several.)
  busy('emergency', 'recoveryCodes', /Save your (emergency code|recovery codes)/, toConfirm, submitTotp, { sms: 'off' }),
  { name: 'emergency: one code', options: { sms: 'off' }, reach: toEmergency },
  {
    name: 'emergency: ten recovery codes',
    options: { sms: 'off' },
    attributes: { recoveryCodeCount: 10 },
    reach: async (w) => {
      await toConfirm(w);
      await submitTotp(w);
      await waitForHeading(w.el, 'Save your recovery codes');
    },
  },
  { name: 'emergency: stored, Continue enabled', options: { sms: 'off' }, reach: storedCode },
  {
    name: 'emergency: copying the code blocked',
    options: { sms: 'off' },
    reach: async (w) => {
      await toEmergency(w);
      await copyBlocked(w, 'Copy code');
    },
  },
  ...LOAD_FAILURES.map((code) => loadError('emergency', 'recoveryCodes', code, (w) => toConfirm(w).then(() => submitTotp(w)), { sms: 'off' })),

  // Done
  busy('done', 'complete', 'Finishing setup…', storedCode, finish, { sms: 'off' }),
  {
    name: 'done: authenticator and SMS on',
    reach: async (w) => {
      await toSmsCode(w);
      await submitSms(w);
      await waitForHeading(w.el, 'Save your emergency code');
      await acknowledgeCodes(w);
      await finish(w);
      await waitForHeading(w.el, 'Two-factor authentication is on');
    },
  },
  loadError('done', 'complete', 'network', (w) => storedCode(w).then(() => finish(w)), { sms: 'off' }),

  // The method-choice flow: the method, ten recovery codes first (or typed back), e-mail as the method.
  { name: 'method: ready', attributes: { flow: 'method-choice' }, reach: (w) => waitForHeading(w.el, 'How do you want to get your codes?') },
  {
    name: 'method-choice: ten recovery codes before the method',
    attributes: { flow: 'method-choice' },
    reach: async (w) => {
      await finish(w);
      await recoveryCodes(w);
    },
  },
  ...[null, 'WRONG-CODE'].map((typed): WizardState => ({
    name: typed ? 'type-back: a wrong code typed back' : 'type-back: one code asked back',
    attributes: { flow: 'method-choice', recoveryProof: 'type-back' },
    announces: typed ? 'That is not the code.' : undefined,
    reach: async (w) => {
      await finish(w);
      await recoveryCodes(w);
      await finish(w);
      await waitForHeading(w.el, 'Check that you saved the codes');
      if (!typed) return;
      await typeInto(w.el, /^Enter recovery code number/, typed);
      await finish(w);
      await waitForText(w, 'That is not the code.');
    },
  })),
  { name: 'email: ready', attributes: { flow: 'method-choice' }, reach: toEmail },
  {
    name: 'email: not an address',
    attributes: { flow: 'method-choice' },
    announces: 'Enter an e-mail address in the form name@example.com.',
    reach: async (w) => {
      await toEmail(w);
      await typeInto(w.el, 'E-mail address', 'not-an-address');
      await click(w.el, 'button', 'Send code');
      await waitForText(w, 'Enter an e-mail address in the form name@example.com.');
    },
  },
  busy('email', 'sendEmail', 'Sending…', toEmail, submitEmail, {}, { flow: 'method-choice' }),
  ...(['invalid_email', 'rate_limited', 'network'] as const).map((code) =>
    submitError('email', 'sendEmail', code, toEmail, submitEmail, {}, { flow: 'method-choice' }),
  ),
  { name: 'email-code: ready, resend counting down', attributes: { flow: 'method-choice' }, reach: toEmailCode },
  { ...wrongCode('email-code', toEmailCode, (w) => (lastEmailCode(w) === '000000' ? '111111' : '000000')), attributes: { flow: 'method-choice' } },
  ...(['rate_limited', 'network'] as const).map((code) =>
    submitError('email-code', 'verifyEmail', code, toEmailCode, submitEmailCode, {}, { flow: 'method-choice' }),
  ),
  {
    name: 'done: e-mail as the method',
    attributes: { flow: 'method-choice' },
    reach: async (w) => {
      await toEmailCode(w);
      await submitEmailCode(w);
      await waitForHeading(w.el, 'Two-factor authentication is on');
    },
  },

  // The passkey flow (its creation needs an authenticator: the named passkey is checked in test/steps/twofa-step-passkey.test.ts).
  // Where the engine has no WebAuthn (WebKitGTK), "ready" is the step saying so, and the states after Create are left out.
  { name: 'passkey: ready', attributes: { flow: 'passkey' }, reach: toPasskey },
  ...(engineWebAuthn ? passkeyCreateStates() : []),

  // The desktop flow (the key first) and the reset flow (worded for a replaced authenticator)
  {
    name: 'desktop: the key view',
    attributes: { flow: 'desktop' },
    reach: async (w) => {
      await start(w);
      await waitForHeading(w.el, 'Add the key to your app');
      await waitForText(w, 'Secret key');
    },
  },
  { name: 'reset: info', attributes: { flow: 'reset' }, reach: (w) => waitForHeading(w.el, 'Set up a new authenticator') },
  {
    name: 'reset: QR code',
    attributes: { flow: 'reset' },
    reach: async (w) => {
      await start(w);
      await waitForHeading(w.el, 'Scan the QR code with your new authenticator');
      await waitUntil(() => queryByRole(w.el, 'img', /^QR code for adding/), 'QR code drawn', { timeout: 5000, interval: 10 });
    },
  },

  // Notices
  {
    name: 'expired notice',
    announces: 'setup must be finished within a few minutes',
    reach: async (w) => {
      await toConfirm(w);
      w.memory.fail = { verifyTotp: 'expired' };
      await submitTotp(w);
      await waitForHeading(w.el, 'This setup has expired');
    },
  },
  {
    name: 'cancelled notice',
    reach: async (w) => {
      await click(w.el, 'button', 'Cancel');
      await waitForHeading(w.el, 'Setup cancelled');
    },
  },
  {
    name: 'misconfigured notice',
    attributes: { steps: ['info', 'confirm', 'done'] as never },
    announces: 'set up incorrectly on this page',
    reach: () => Promise.resolve(),
  },
];

/**
 * For a `describe`: a fresh wizard brought to `state` before its tests, removed after them. The
 * returned object's `w` is set once the `before` hook has run.
 */
export function inState(state: WizardState): { w: Wizard } {
  const current = {} as { w: Wizard & { remove: () => void } };
  before(async () => {
    current.w = await reach(state);
  });
  after(() => current.w?.remove());
  return current;
}

/** A fresh wizard brought to `state`; it stays on the page until `remove()`. */
export async function reach(state: WizardState): Promise<Wizard & { remove: () => void }> {
  const w = await mountWizard(state.options, state.attributes);
  try {
    await state.reach(w);
  } catch (error) {
    w.remove();
    throw error;
  }
  return w;
}
