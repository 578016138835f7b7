import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../../src/twofa-step-sms-code/twofa-step-sms-code.js';
import { argTypesFor, NARROW, prose, renderElement } from '../support/elements.js';
import { ERRORS } from '../support/samples.js';

const TAG = 'twofa-step-sms-code';

const meta: Meta = {
  title: 'Steps/SMS code (twofa-step-sms-code)',
  component: TAG,
  argTypes: argTypesFor(TAG),
  args: { sent: { maskedPhone: '+47 ••• •• 567', resendAfter: 30 } },
  render: (args) => renderElement(TAG, args),
};
export default meta;
type Story = StoryObj;

export const Default: Story = {
  parameters: prose('The code sent by text message. "Send a new code" counts down from `sent.resendAfter`.'),
};

export const ResendAvailable: Story = {
  args: { sent: { maskedPhone: '+47 ••• •• 567', resendAfter: 0 } },
  parameters: prose('The resend wait is over: "Send a new code" fires `twofa-resend`.'),
};

export const Busy: Story = {
  args: { busy: true },
  parameters: prose('The code is being checked.'),
};

export const InvalidCode: Story = {
  args: { error: ERRORS.invalidCode },
  parameters: prose('A wrong code (`invalid_code`) with attempts left.'),
};

export const RateLimited: Story = {
  args: { error: ERRORS.rateLimited },
  parameters: prose('Too many wrong codes (`rate_limited`): a countdown, the field disabled until it ends.'),
};

export const Expired: Story = {
  args: { error: ERRORS.expired },
  parameters: prose('The enrollment expired (`expired`).'),
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
