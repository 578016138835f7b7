import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { TwofaEnroll } from '../../src/enroll/twofa-enroll.component.js';
import type { TwofaStepQr } from '../../src/steps/twofa-step-qr.component.js';
import { argTypesFor, NARROW, prose } from '../support/elements.js';
import { renderFlow, waitFor, type FlowParameters } from '../support/flows.js';

const TAG = 'twofa-enroll';

/**
 * One story per flow the kit supports, each on a fresh in-memory backend so it can be clicked through:
 * the demo helper under the wizard shows the code the authenticator app would show and the last text
 * message. (A "choose a method" flow does not exist yet, so it has no story.)
 */
const meta: Meta = {
  title: 'Wizard/Flows (twofa-enroll)',
  component: TAG,
  argTypes: argTypesFor(TAG),
  render: (args, { parameters }) => renderFlow(args, parameters as FlowParameters),
};
export default meta;
type Story = StoryObj;

export const AuthenticatorSmsEmergency: Story = {
  name: 'Authenticator + SMS + emergency code',
  parameters: prose(
    'The default flow: info → QR code → code from the app → optional SMS backup (phone, then the code from the text message) → one emergency code → done.',
    { memory: { sms: 'optional' } },
  ),
};

export const AuthenticatorOnly: Story = {
  name: 'Authenticator only (sms="off")',
  args: { sms: 'off' },
  parameters: prose('No SMS backup: `sms="off"` overrides the backend\'s policy. Info → QR → code → emergency code → done.'),
};

export const AuthenticatorOnlySteps: Story = {
  name: 'Authenticator only (custom steps)',
  args: { steps: ['info', 'qr', 'confirm', 'done'] },
  parameters: prose('A custom step list (`steps` property): info → QR → code → done, without backups.'),
};

export const DesktopPasswordManager: Story = {
  name: 'Desktop password manager (manual key)',
  args: { steps: ['qr', 'confirm', 'emergency', 'done'], sms: 'off' },
  parameters: prose(
    'For someone adding the key to an app on this computer (a password manager such as Enpass): the QR step with "Can\'t scan the image?" open — key in groups of four, copy button, the details the app asks for — then the code.',
  ),
  play: async ({ canvasElement }) => {
    const wizard = await waitFor(() => canvasElement.querySelector<TwofaEnroll>('twofa-enroll'));
    const step = await waitFor(() => wizard.shadowRoot?.querySelector<TwofaStepQr>('twofa-step-qr'));
    const summary = await waitFor(() => step.shadowRoot?.querySelector<HTMLElement>('details[part~="manual"] > summary'));
    summary.click();
  },
};

export const SmsRequired: Story = {
  name: 'SMS backup required',
  args: { sms: 'required' },
  parameters: prose('A required SMS backup: the phone step has no Skip.'),
};

export const PhoneOnFile: Story = {
  name: 'Phone already on file',
  parameters: prose('The account already has a phone number: the SMS steps are left out.', { memory: { phoneOnFile: true } }),
};

export const TenRecoveryCodes: Story = {
  name: 'Ten recovery codes',
  args: { sms: 'off' },
  parameters: prose('A backend that hands out ten recovery codes instead of one emergency code.', { memory: { recoveryCodeCount: 10 } }),
};

export const PasswordFirst: Story = {
  name: 'Password first (require-password)',
  args: { 'require-password': true },
  parameters: prose('`require-password`: the account password is asked for before anything is shown. The demo password is "demo".', {
    memory: { password: 'demo' },
  }),
};

export const Reset: Story = {
  name: 'Reset (new authenticator)',
  args: { mode: 'reset' },
  parameters: prose('`mode="reset"`: replacing a lost authenticator; the wording changes from the first step to the last.', { memory: { phoneOnFile: true } }),
};

export const Expired: Story = {
  name: 'Expired enrollment',
  args: { steps: ['qr', 'confirm', 'done'] },
  parameters: prose('An enrollment that expires at once: the "This setup has expired" notice, with Start again.', { memory: { expiresIn: 1, latency: 0 } }),
};

let unreachable = 0;
export const ServerUnreachable: Story = {
  name: 'Server unreachable, then back',
  args: { steps: ['qr', 'confirm', 'done'] },
  parameters: prose('The first request fails (`network`): the "Something went wrong" notice. "Try again" works.', {
    memory: { fail: (method: string) => (method === 'start' && unreachable++ % 2 === 0 ? 'network' : undefined) },
  }),
};

export const SlowNetwork: Story = {
  name: 'Slow network',
  parameters: prose('Every request takes 2.5 s: the busy states ("Checking…", "Sending…") stay on screen.', { memory: { latency: 2500 } }),
};

export const Narrow: Story = {
  name: 'At 320 px',
  ...NARROW,
  parameters: { ...prose('The default flow at 320 CSS pixels.'), twofa: { width: 320 } },
};
