import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../../src/twofa-step-email-code/twofa-step-email-code.js';
import { argTypesFor, NARROW, prose, renderElement } from '../support/elements.js';
import { ERRORS, MASKED_EMAIL } from '../support/samples.js';

const TAG = 'twofa-step-email-code';

const meta: Meta = {
  title: 'Steps/E-mail code (twofa-step-email-code)',
  component: TAG,
  argTypes: argTypesFor(TAG),
  args: { sent: { maskedEmail: MASKED_EMAIL, resendAfter: 30 } },
  render: (args) => renderElement(TAG, args),
};
export default meta;
type Story = StoryObj;

export const Default: Story = {
  parameters: prose(
    'The code sent by e-mail, to the partly hidden address. "Send a new code" counts down from `sent.resendAfter`; "Change address" fires `twofa-back`.',
  ),
};

export const ResendAvailable: Story = {
  args: { sent: { maskedEmail: MASKED_EMAIL, resendAfter: 0 } },
  parameters: prose('The resend wait is over: "Send a new code" fires `twofa-resend`.'),
};

export const Busy: Story = {
  args: { busy: true },
  parameters: prose('The code is being checked: "Checking…".'),
};

export const InvalidCode: Story = {
  args: { error: ERRORS.invalidCode },
  parameters: prose('A wrong code (`invalid_code`) with attempts left: the field empties for the next code.'),
};

export const InvalidCodeLastAttempt: Story = {
  args: { error: ERRORS.invalidCodeLast },
  parameters: prose('One attempt left: the singular form of the message.'),
};

export const RateLimited: Story = {
  args: { error: ERRORS.rateLimited },
  parameters: prose('Too many wrong codes (`rate_limited`): a countdown, the field disabled until it ends.'),
};

export const Expired: Story = {
  args: { error: ERRORS.expired },
  parameters: prose('The enrollment expired (`expired`). In the wizard, the "This setup has expired" notice takes over.'),
};

export const NetworkError: Story = {
  args: { error: ERRORS.network },
  parameters: prose('The server could not be reached (`network`).'),
};

export const Narrow: Story = {
  ...NARROW,
  args: { error: ERRORS.invalidCode },
  parameters: { ...prose('At 320 CSS pixels, with an error.'), twofa: { width: 320 } },
};
