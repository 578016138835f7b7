import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../../src/twofa-step-email/twofa-step-email.js';
import { argTypesFor, NARROW, prose, renderElement } from '../support/elements.js';
import { inShadow, typeInto } from '../support/play.js';
import { ERRORS } from '../support/samples.js';

const TAG = 'twofa-step-email';

const meta: Meta = {
  title: 'Steps/E-mail address (twofa-step-email)',
  component: TAG,
  argTypes: argTypesFor(TAG),
  render: (args) => renderElement(TAG, args),
};
export default meta;
type Story = StoryObj;

/** Types `text` (if any) and presses Send code: the step's own check of the address. */
const submitTyped =
  (text: string) =>
  async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const input = await inShadow<HTMLInputElement>(canvasElement, TAG, 'input');
    if (text) typeInto(input, text);
    (await inShadow(canvasElement, TAG, 'button[type="submit"]')).click();
  };

export const Default: Story = {
  parameters: prose(
    'E-mail as the chosen method: the address codes go to. Send code checks its shape first, then fires `twofa-submit` with the trimmed address.',
  ),
};

export const Busy: Story = {
  args: { busy: true, email: 'jane@example.com' },
  parameters: prose('The code is being sent: "Sending…", and nothing is sent twice.'),
};

export const Missing: Story = {
  parameters: prose('Send code with an empty field: the step asks for an address before anything is sent.'),
  play: submitTyped(''),
};

export const WrongShape: Story = {
  parameters: prose('An address without a domain ending ("jane@example"): the step asks for the form name@example.com.'),
  play: submitTyped('jane@example'),
};

export const InvalidEmail: Story = {
  args: { error: ERRORS.invalidEmail, email: 'jane@exmaple.con' },
  parameters: prose('The server refused the address (`invalid_email`): the field keeps it for correcting.'),
};

export const RateLimited: Story = {
  args: { error: ERRORS.rateLimited, email: 'jane@example.com' },
  parameters: prose('Too many e-mails for now (`rate_limited`, `retryAfter: 42`).'),
};

export const NetworkError: Story = {
  args: { error: ERRORS.network, email: 'jane@example.com' },
  parameters: prose('The server could not be reached (`network`): Send code tries again.'),
};

export const ChangingAddress: Story = {
  args: { email: 'jane@example.com' },
  parameters: prose('Back from the code step ("Change address"): the field is filled from `email`.'),
};

export const Narrow: Story = {
  ...NARROW,
  args: { error: ERRORS.invalidEmail, email: 'kari.nordmann-hansen@helse-og-omsorgsetaten.nordre-follo.kommune.no' },
  parameters: { ...prose('At 320 CSS pixels, with a long address and an error.'), twofa: { width: 320 } },
};
