import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../../src/steps/twofa-step-done.js';
import { argTypesFor, NARROW, prose, renderElement } from '../support/elements.js';

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
  args: { methods: ['totp', 'sms'], 'masked-phone': '+47 ••• •• 567' },
  parameters: prose('Authenticator and SMS backup, with the partly hidden number.'),
};

export const Reset: Story = {
  args: { mode: 'reset' },
  parameters: prose('After replacing a lost authenticator (`mode="reset"`).'),
};

export const Narrow: Story = {
  ...NARROW,
  args: { methods: ['totp', 'sms'], 'masked-phone': '+47 ••• •• 567' },
  parameters: { ...prose('At 320 CSS pixels.'), twofa: { width: 320 } },
};
