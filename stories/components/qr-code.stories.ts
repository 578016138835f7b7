import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../../src/twofa-qr-code/twofa-qr-code.js';
import { argTypesFor, prose, renderElement } from '../support/elements.js';
import { LONG_URI, URI } from '../support/samples.js';

const TAG = 'twofa-qr-code';

const meta: Meta = {
  title: 'Components/QR code (twofa-qr-code)',
  component: TAG,
  argTypes: argTypesFor(TAG),
  args: { value: URI, label: 'QR code for adding jane@example.com to your authenticator app.' },
  render: (args) => renderElement(TAG, args),
};
export default meta;
type Story = StoryObj;

export const Default: Story = {
  parameters: prose('An `otpauth://` URI as a QR code: one SVG path, dark on white in every colour scheme, with its quiet zone.'),
};

export const LongUri: Story = {
  args: { value: LONG_URI },
  parameters: prose('A long issuer and account: a denser code at the same size.'),
};

export const Small: Story = {
  args: { '--twofa-qr-size': '8rem' },
  parameters: prose('`--twofa-qr-size: 8rem`.'),
};

export const TooLong: Story = {
  args: { value: `otpauth://totp/Example:${'x'.repeat(3000)}?secret=JBSWY3DPEHPK3PXP` },
  parameters: prose('A value too long for a QR code: a message in its place.'),
};
