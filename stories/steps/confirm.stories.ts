import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../../src/twofa-step-confirm/twofa-step-confirm.js';
import { argTypesFor, NARROW, prose, renderElement } from '../support/elements.js';
import { ERRORS } from '../support/samples.js';

const TAG = 'twofa-step-confirm';

const meta: Meta = {
  title: 'Steps/Confirm code (twofa-step-confirm)',
  component: TAG,
  argTypes: argTypesFor(TAG),
  args: { 'can-go-back': true },
  render: (args) => renderElement(TAG, args),
};
export default meta;
type Story = StoryObj;

export const Default: Story = {
  parameters: prose('The code from the app: one field that takes typing, pasting and autofill, and submits itself (`twofa-submit`) once complete.'),
};

export const Busy: Story = {
  args: { busy: true },
  parameters: prose('The code is being checked: "Checking…", and nothing is sent twice.'),
};

export const InvalidCode: Story = {
  args: { error: ERRORS.invalidCode, failures: 1 },
  parameters: prose('A wrong code (`invalid_code`) with attempts left: the field empties for the next code.'),
};

export const InvalidCodeLastAttempt: Story = {
  args: { error: ERRORS.invalidCodeLast, failures: 1 },
  parameters: prose('One attempt left: the singular form of the message.'),
};

export const ClockHint: Story = {
  args: { error: { ...ERRORS.invalidCode, serverTime: Date.UTC(2026, 10, 23, 13, 5, 0) }, failures: 2 },
  parameters: prose("From the second wrong code in a row: a hint that the phone's clock may be off, with the server's time."),
};

export const RateLimited: Story = {
  args: { error: ERRORS.rateLimited, failures: 5 },
  parameters: prose(
    'Too many wrong codes (`rate_limited`, `retryAfter: 42`): a countdown, the field disabled until it ends. Screen readers hear it at most every 15 s.',
  ),
};

export const Expired: Story = {
  args: { error: ERRORS.expired },
  parameters: prose('The enrollment expired (`expired`). In the wizard, the "This setup has expired" notice takes over.'),
};

export const NetworkError: Story = {
  args: { error: ERRORS.network },
  parameters: prose('The code could not be sent (`network`): the user can try again.'),
};

export const EightDigits: Story = {
  args: { digits: 8, period: 60 },
  parameters: prose('A backend with 8-digit codes every 60 seconds.'),
};

export const Narrow: Story = {
  ...NARROW,
  args: { error: ERRORS.invalidCode, failures: 2 },
  parameters: { ...prose('At 320 CSS pixels, with an error and the clock hint.'), twofa: { width: 320 } },
};
