import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { MemoryAccountSeed, MemoryAdapter } from '../../src/adapter/memory-adapter.js';
import type { TwofaManage } from '../../src/twofa-manage/twofa-manage.component.js';
import { argTypesFor, NARROW, prose } from '../support/elements.js';
import { renderManage, type FlowParameters } from '../support/flows.js';
import { inShadow, typeInto } from '../support/play.js';
import { ACCOUNT, SECRET } from '../support/samples.js';

const TAG = 'twofa-manage';

/**
 * The account settings panel on a fresh in-memory backend (`MemoryAdapter`) whose account starts with
 * the story's factors (`memory.factors`), with the demo helper under it: every button works, and
 * step-up asks for what the backend asks for. Dates are fixed, so the rows read the same in every run.
 */
const meta: Meta = {
  title: 'Manage/Account settings panel (twofa-manage)',
  component: TAG,
  argTypes: argTypesFor(TAG),
  render: (args, { parameters }) => renderManage(args, parameters as FlowParameters),
};
export default meta;
type Story = StoryObj;

/** When each factor was added, and when a passkey was last used: fixed, so the stories are stable. */
const ADDED = { totp: Date.UTC(2025, 2, 14), sms: Date.UTC(2025, 8, 2), email: Date.UTC(2026, 0, 9) };
const LAPTOP = { id: 'passkey-laptop', name: 'MacBook Touch ID', createdAt: Date.UTC(2025, 5, 1), lastUsedAt: Date.UTC(2026, 10, 20) };
const KEY = { id: 'passkey-key', name: 'YubiKey 5C', createdAt: Date.UTC(2025, 10, 3), lastUsedAt: null };

/** Recovery codes the account starts with: a step-up may use one of them as proof. */
const RECOVERY = ['K7QP-M2XW-9RTD', 'W3HC-8NFA-T5LE', 'P9DZ-4KRB-6MXU', 'F2YG-7VJC-3QNH', 'T6LS-9BWE-2DKA', 'C4MR-5XHP-8GZV'];

const PHONE = '+4791234567';
const EMAIL = ACCOUNT;
const PASSWORD = 'demo';

const APP: MemoryAccountSeed = { totp: SECRET, recoveryCodes: RECOVERY, addedAt: ADDED };
const APP_SMS_PASSKEYS: MemoryAccountSeed = { ...APP, phone: PHONE, passkeys: [LAPTOP, KEY] };

/** The story's backend: its account's factors and any other `MemoryAdapter` options. */
const memory = (factors: MemoryAccountSeed | undefined, options: FlowParameters['memory'] = {}) => ({
  memory: { factors, ...options },
});

// Play helpers. Selectors name structure and parts, never text: the stories also play in nb and sv.

/** The panel's list, loaded. */
const list = (canvas: HTMLElement) => inShadow(canvas, TAG, 'ul.factors');
/** The last row (recovery codes) → "Create new recovery codes". */
const newCodesButton = (canvas: HTMLElement) => inShadow(canvas, TAG, 'li.factor:last-of-type button[part="action"]');
/** The main button of the task shown (Create new codes, Remove, Turn off, Save). */
const taskPrimary = (canvas: HTMLElement) => inShadow(canvas, TAG, '.task button[part="primary"]');
/** A text in the panel's task error line (`role="alert"`), once there. */
const taskError = (canvas: HTMLElement) => inShadow(canvas, TAG, '.task #task-error:not(:empty)');

/** Creates new recovery codes up to the step-up form (the password, or the code). */
async function openStepUp(canvas: HTMLElement, need: 'password' | 'proof'): Promise<HTMLInputElement> {
  (await newCodesButton(canvas)).click();
  (await taskPrimary(canvas)).click();
  return inShadow<HTMLInputElement>(canvas, TAG, `twofa-step-up[need="${need}"]`, 'input#step-up');
}

/** Types into the step-up form and sends it. */
async function stepUp(canvas: HTMLElement, need: 'password' | 'proof', value: string): Promise<void> {
  typeInto(await inShadow<HTMLInputElement>(canvas, TAG, `twofa-step-up[need="${need}"]`, 'input#step-up'), value);
  (await inShadow(canvas, TAG, `twofa-step-up[need="${need}"]`, 'button[type="submit"]')).click();
}

export const Off: Story = {
  name: 'Two-factor off',
  parameters: prose(
    'An account without a second factor: the panel says two-factor is off and offers "Set up two-factor authentication", which opens the wizard in place.',
    memory(undefined),
  ),
};

export const AppOnly: Story = {
  name: 'On: authenticator app only',
  parameters: prose('The authenticator app alone: Replace on its row, Add for text messages and passkeys, six recovery codes left.', memory(APP)),
};

export const AppAndSms: Story = {
  name: 'On: app + SMS',
  parameters: prose('The app with a backup phone, shown partly hidden, with Change and Remove.', memory({ ...APP, phone: PHONE })),
};

export const AppSmsEmail: Story = {
  name: 'On: app + SMS + e-mail',
  parameters: prose(
    'The app, a backup phone and codes by e-mail: the e-mail row appears only when e-mail codes are on, with Remove.',
    memory({ ...APP, phone: PHONE, email: EMAIL }),
  ),
};

export const AppAndPasskeys: Story = {
  name: 'On: app + two passkeys',
  parameters: prose(
    'The app and two passkeys, each with when it was added and last used (one on 20 Nov 2026, one never), Rename and Remove.',
    memory({ ...APP, passkeys: [LAPTOP, KEY] }),
  ),
};

export const PasskeysOnly: Story = {
  name: 'On: passkeys only',
  parameters: prose(
    'Passkeys as the only second factor: the app and text-message rows offer Add.',
    memory({ passkeys: [LAPTOP, KEY], recoveryCodes: RECOVERY }),
  ),
};

export const FewCodesLeft: Story = {
  name: 'Few recovery codes left',
  parameters: prose(
    'Two recovery codes left (3 or fewer): the row warns, so the user creates new ones before running out.',
    memory({ ...APP, recoveryCodes: RECOVERY.slice(0, 2) }),
  ),
};

export const NoCodesLeft: Story = {
  name: 'No recovery codes left',
  parameters: prose('Every recovery code used: the row warns that signing in without the phone is no longer possible.', memory({ ...APP, recoveryCodes: [] })),
};

export const StepUpPassword: Story = {
  name: 'Step-up: password',
  parameters: prose(
    'The backend wants the password before a change (`password` set, here "demo"): Create new → Create new codes shows `<twofa-step-up>` asking for it, and the change is sent again with it.',
    memory(APP, { password: PASSWORD }),
  ),
  play: async ({ canvasElement }) => {
    await openStepUp(canvasElement, 'password');
  },
};

export const StepUpCode: Story = {
  name: 'Step-up: code',
  parameters: prose(
    'After the password the backend wants proof as well: the step asks for a code from the app or one of the recovery codes (the demo helper lists them).',
    memory(APP, { password: PASSWORD }),
  ),
  play: async ({ canvasElement }) => {
    await openStepUp(canvasElement, 'password');
    await stepUp(canvasElement, 'password', PASSWORD);
    await inShadow(canvasElement, TAG, 'twofa-step-up[need="proof"]', 'input#step-up');
  },
};

export const ConfirmTurnOff: Story = {
  name: 'Confirm turning off',
  parameters: prose('"Turn off two-factor authentication" first says what the user loses; nothing is sent until "Turn off".', memory(APP_SMS_PASSKEYS)),
  play: async ({ canvasElement }) => {
    (await inShadow(canvasElement, TAG, 'button[part="turn-off"]')).click();
    await taskPrimary(canvasElement);
  },
};

export const LastFactorWarning: Story = {
  name: 'Removing the last factor',
  parameters: prose(
    'Removing the only second factor (here the phone): the confirmation adds that two-factor goes off and the recovery codes stop working.',
    memory({ phone: PHONE, recoveryCodes: RECOVERY, addedAt: ADDED }),
  ),
  play: async ({ canvasElement }) => {
    await list(canvasElement);
    // The phone row (second), its last button: Remove.
    (await inShadow(canvasElement, TAG, 'li.factor:nth-of-type(2) button[part="action"]:last-of-type')).click();
    await inShadow(canvasElement, TAG, '.task .warning');
  },
};

export const RenamePasskey: Story = {
  name: 'Renaming a passkey',
  parameters: prose(
    'Rename on a passkey row: a field with the current name (no step-up; the backend takes 1 to 64 characters).',
    memory({ ...APP, passkeys: [LAPTOP, KEY] }),
  ),
  play: async ({ canvasElement }) => {
    // The first passkey, its first button: Rename.
    (await inShadow(canvasElement, TAG, 'li.passkey button[part="action"]')).click();
    await inShadow(canvasElement, TAG, '.task input#name');
  },
};

export const NewCodesShown: Story = {
  name: 'New recovery codes, shown once',
  parameters: prose(
    'Create new → Create new codes → step-up with a recovery code the account had (K7QP-M2XW-9RTD): ten new codes, shown once in `<twofa-step-emergency>`; the old ones no longer work.',
    memory(APP),
  ),
  play: async ({ canvasElement }) => {
    await openStepUp(canvasElement, 'proof');
    await stepUp(canvasElement, 'proof', RECOVERY[0]);
    await inShadow(canvasElement, TAG, 'twofa-step-emergency', 'ul.codes li');
  },
};

export const LoadFailed: Story = {
  name: 'Error: status fails to load',
  // Reading the account fails until the user presses a button in the panel ("Try again"), so the error
  // shows however often the panel reads the status on its own.
  render: (args, { parameters }) => {
    const root = renderManage(args, parameters as FlowParameters);
    const panel = root.querySelector<TwofaManage>(TAG)!;
    const backend = panel.adapter as MemoryAdapter;
    backend.fail = { status: 'network' };
    panel.addEventListener('click', () => (backend.fail = undefined), { capture: true, once: true });
    return root;
  },
  parameters: prose('Reading the account fails (`network`): the panel says so with "Try again", which works.', memory(APP)),
  play: async ({ canvasElement }) => {
    await inShadow(canvasElement, TAG, '.error[role="alert"]');
  },
};

export const ChangeFailsNetwork: Story = {
  name: 'Error: a change fails (network)',
  parameters: prose(
    'Removing the phone fails (`network`): the confirmation stays, with the error under it, and "Remove" can be pressed again.',
    memory({ ...APP, phone: PHONE }, { fail: { removeFactor: 'network' } }),
  ),
  play: async ({ canvasElement }) => {
    (await inShadow(canvasElement, TAG, 'li.factor:nth-of-type(2) button[part="action"]:last-of-type')).click();
    (await taskPrimary(canvasElement)).click();
    await taskError(canvasElement);
  },
};

export const ChangeRateLimited: Story = {
  name: 'Error: rate limited',
  parameters: prose(
    'The backend refuses more attempts for a while (`rate_limited`, 30 s) when new recovery codes are asked for: a countdown, and the button held back until it ends.',
    memory(APP, { fail: { regenerateRecoveryCodes: 'rate_limited' } }),
  ),
  play: async ({ canvasElement }) => {
    (await newCodesButton(canvasElement)).click();
    (await taskPrimary(canvasElement)).click();
    await inShadow(canvasElement, TAG, '.task .countdown');
  },
};

export const SlowBackend: Story = {
  name: 'Slow backend',
  parameters: prose(
    'Every request takes 3 s: "Loading…" until the factors are in, and each change waits as long.',
    memory(APP_SMS_PASSKEYS, { latency: 3000 }),
  ),
  play: async ({ canvasElement }) => {
    await inShadow(canvasElement, TAG, 'p.status');
  },
};

/** The panel in a language of its own: `lang` on the element, which the toolbar's language does not change. */
const inLanguage =
  (lang: string): Story['render'] =>
  (args, { parameters }) => {
    const root = renderManage(args, parameters as FlowParameters);
    root.querySelector(TAG)!.setAttribute('lang', lang);
    return root;
  };

export const Norwegian: Story = {
  name: 'Norsk bokmål',
  render: inLanguage('nb'),
  parameters: prose(
    'The app, a phone and two passkeys with `lang="nb"` on the element: text, dates and plurals in Norwegian Bokmål.',
    memory(APP_SMS_PASSKEYS),
  ),
};

export const Swedish: Story = {
  name: 'Svenska',
  render: inLanguage('sv'),
  parameters: prose('The same account with `lang="sv"` on the element: text, dates and plurals in Swedish.', memory(APP_SMS_PASSKEYS)),
};

export const Narrow: Story = {
  name: 'At 320 px',
  ...NARROW,
  parameters: {
    ...prose('The app, a phone and two passkeys at 320 CSS pixels: each row’s buttons wrap under its text.', memory(APP_SMS_PASSKEYS)),
    twofa: { width: 320 },
  },
};
