import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { argTypesFor, NARROW, prose } from '../support/elements.js';
import { renderFlow, type FlowParameters } from '../support/flows.js';

const TAG = 'twofa-enroll';

/**
 * The flows under the conditions a real backend and network bring: policies, a phone on file,
 * custom step lists, expiry, failures, slowness, a narrow screen. Each runs on a fresh in-memory
 * backend with the demo helper under it, like "Wizard/Flows".
 */
const meta: Meta = {
  title: 'Wizard/Situations (twofa-enroll)',
  component: TAG,
  argTypes: argTypesFor(TAG),
  render: (args, { parameters }) => renderFlow(args, parameters as FlowParameters),
};
export default meta;
type Story = StoryObj;

export const SmsRequired: Story = {
  name: 'SMS backup required',
  args: { sms: 'required' },
  parameters: prose('The standard flow with a required SMS backup (`sms="required"`): the phone step has no Skip.'),
};

export const PhoneOnFile: Story = {
  name: 'Phone already on file',
  parameters: prose('The account already has a phone number: the SMS steps are left out.', { memory: { phoneOnFile: true } }),
};

export const CodeFieldInThePage: Story = {
  name: 'Code field in the page (autofill)',
  args: { 'code-field': 'light' },
  parameters: prose(
    '`code-field="light"`: on each code step the field is an `<input>` in the page\'s own DOM, with a form it belongs to, where Safari\'s code autofill and password managers look for it. It looks and works as the field inside the wizard.',
  ),
};

export const TenRecoveryCodes: Story = {
  name: 'Ten recovery codes',
  args: { sms: 'off', 'recovery-codes': 10 },
  parameters: prose('`recovery-codes="10"`: ten recovery codes instead of one emergency code, stored with the checkbox.'),
};

export const MethodChoiceWithoutSms: Story = {
  name: 'Method choice without SMS',
  args: { flow: 'method-choice', methods: 'totp email' },
  parameters: prose('`methods="totp email"`: the method step offers the app and e-mail only.', { outbox: ['email'] }),
};

export const CustomSteps: Story = {
  name: 'Custom step list',
  args: { steps: ['info', 'qr', 'confirm', 'done'] },
  parameters: prose('A custom step list (`steps` property, which overrides `flow`): info → QR → code → done.'),
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
  parameters: { ...prose('The standard flow at 320 CSS pixels.'), twofa: { width: 320 } },
};

export const NarrowMethodChoice: Story = {
  name: 'Method choice at 320 px',
  ...NARROW,
  args: { flow: 'method-choice' },
  parameters: { ...prose('The method-choice flow at 320 CSS pixels.', { outbox: ['sms', 'email'] }), twofa: { width: 320 } },
};
