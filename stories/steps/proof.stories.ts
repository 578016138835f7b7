import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../../src/twofa-step-proof/twofa-step-proof.js';
import { argTypesFor, NARROW, prose, renderElement } from '../support/elements.js';
import { ERRORS } from '../support/samples.js';

const TAG = 'twofa-step-proof';

const meta: Meta = {
  title: 'Steps/Proof (twofa-step-proof)',
  component: TAG,
  argTypes: argTypesFor(TAG),
  render: (args) => renderElement(TAG, args),
};
export default meta;
type Story = StoryObj;

export const Default: Story = {
  parameters: prose(
    'Shown when the server wants proof before an authenticator is replaced (`proof_required`): no reset link was opened, or its token was used. One field takes a recovery code or a current code from the app.',
  ),
};

export const Busy: Story = {
  args: { busy: true },
  parameters: prose('The code is being checked: the button says so and a second submit is ignored.'),
};

export const Refused: Story = {
  args: { error: ERRORS.invalidProof },
  parameters: prose('The server refused the code, or the reset link the page was opened with (`invalid_proof`).'),
};

export const RateLimited: Story = {
  args: { error: ERRORS.rateLimited },
  parameters: prose('Too many wrong codes (`rate_limited`): a countdown, and nothing is sent until it ends.'),
};

export const Narrow: Story = {
  ...NARROW,
  parameters: { ...prose('At 320 CSS pixels.'), twofa: { width: 320 } },
};
