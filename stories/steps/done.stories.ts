import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../../src/twofa-step-done/twofa-step-done.js';
import { argTypesFor, NARROW, prose, renderElement } from '../support/elements.js';
import { MASKED_EMAIL, MASKED_PHONE } from '../support/samples.js';

const TAG = 'twofa-step-done';

const backLink = () => Object.assign(document.createElement('a'), { href: '#settings', textContent: 'Back to settings' });

const meta: Meta = {
  title: 'Steps/Done (twofa-step-done)',
  component: TAG,
  argTypes: argTypesFor(TAG),
  args: { methods: ['totp'] },
  render: (args) => renderElement(TAG, args, backLink()),
};
export default meta;
type Story = StoryObj;

export const AuthenticatorOnly: Story = {
  parameters: prose('The end, with the page\'s own action in the default slot (here a "Back to settings" link).'),
};

export const WithSmsBackup: Story = {
  args: { methods: ['totp', 'sms'], 'masked-phone': MASKED_PHONE },
  parameters: prose('Authenticator and SMS backup, with the partly hidden number.'),
};

export const EmailMain: Story = {
  args: { methods: ['email'], 'masked-email': MASKED_EMAIL },
  parameters: prose('E-mail as the main method (after `flow="method-choice"`): where the codes go, and that the next sign-in sends one there.'),
};

export const SmsMain: Story = {
  args: { methods: ['sms'], 'masked-phone': MASKED_PHONE },
  parameters: prose('Text messages as the main method: worded as the way to sign in, not as a backup.'),
};

export const Reset: Story = {
  args: { mode: 'reset' },
  parameters: prose('After replacing a lost authenticator (`mode="reset"`).'),
};

export const Narrow: Story = {
  ...NARROW,
  args: { methods: ['totp', 'sms'], 'masked-phone': MASKED_PHONE },
  parameters: { ...prose('At 320 CSS pixels.'), twofa: { width: 320 } },
};
