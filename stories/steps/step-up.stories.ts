import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../../src/twofa-step-up/twofa-step-up.js';
import { argTypesFor, NARROW, prose, renderElement } from '../support/elements.js';
import { ACCOUNT, ERRORS } from '../support/samples.js';

const TAG = 'twofa-step-up';

const meta: Meta = {
  title: 'Steps/Step-up (twofa-step-up)',
  component: TAG,
  argTypes: argTypesFor(TAG),
  args: { account: ACCOUNT },
  render: (args) => renderElement(TAG, args),
};
export default meta;
type Story = StoryObj;

export const Password: Story = {
  args: { need: 'password' },
  parameters: prose(
    'Shown by `<twofa-manage>` when the server wants the password before a change (`password_required`). `account` fills a hidden username field, so password managers offer the right password.',
  ),
};

export const Proof: Story = {
  args: { need: 'proof' },
  parameters: prose('`need="proof"`: the server wants a code the user holds (`proof_required`), one from the authenticator app or an unused recovery code.'),
};

export const Busy: Story = {
  args: { need: 'password', busy: true },
  parameters: prose('The password is being checked: the button says so and a second submit is ignored.'),
};

export const WrongPassword: Story = {
  args: { need: 'password', error: ERRORS.invalidPassword },
  parameters: prose('The server refused the password (`invalid_password`): the field is selected for another try.'),
};

export const WrongCode: Story = {
  args: { need: 'proof', error: ERRORS.invalidProof },
  parameters: prose('The server refused the code (`invalid_proof`, with `attemptsLeft`): wrong, or already used.'),
};

export const RateLimited: Story = {
  args: { need: 'proof', error: ERRORS.rateLimited },
  parameters: prose('Too many wrong codes (`rate_limited`): a countdown, and nothing is sent until it ends.'),
};

export const Narrow: Story = {
  ...NARROW,
  args: { need: 'proof' },
  parameters: { ...prose('Asking for a code at 320 CSS pixels.'), twofa: { width: 320 } },
};
