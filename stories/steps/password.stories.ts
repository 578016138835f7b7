import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../../src/twofa-step-password/twofa-step-password.js';
import { argTypesFor, NARROW, prose, renderElement } from '../support/elements.js';
import { ACCOUNT, ERRORS } from '../support/samples.js';

const TAG = 'twofa-step-password';

const meta: Meta = {
  title: 'Steps/Password (twofa-step-password)',
  component: TAG,
  argTypes: argTypesFor(TAG),
  args: { account: ACCOUNT },
  render: (args) => renderElement(TAG, args),
};
export default meta;
type Story = StoryObj;

export const Default: Story = {
  parameters: prose('Shown first with `require-password`. `account` fills a hidden username field, so password managers offer the right password.'),
};

export const Busy: Story = {
  args: { busy: true },
  parameters: prose('The password is being checked: the button says so and a second submit is ignored.'),
};

export const WrongPassword: Story = {
  args: { error: ERRORS.invalidPassword },
  parameters: prose('The server refused the password (`invalid_password`).'),
};

export const RateLimited: Story = {
  args: { error: ERRORS.rateLimited },
  parameters: prose('Too many wrong passwords (`rate_limited`).'),
};

export const NetworkError: Story = {
  args: { error: ERRORS.network },
  parameters: prose('The server could not be reached (`network`).'),
};

export const Narrow: Story = {
  ...NARROW,
  parameters: { ...prose('At 320 CSS pixels.'), twofa: { width: 320 } },
};
