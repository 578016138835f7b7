import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../../src/twofa-step-qr/twofa-step-qr.js';
import { argTypesFor, NARROW, prose, renderElement } from '../support/elements.js';
import { ACCOUNT, ERRORS, ISSUER, LONG_ACCOUNT, LONG_ISSUER, LONG_URI, SECRET, URI } from '../support/samples.js';

const TAG = 'twofa-step-qr';

const meta: Meta = {
  title: 'Steps/QR code (twofa-step-qr)',
  component: TAG,
  argTypes: argTypesFor(TAG),
  args: { uri: URI, secret: SECRET, issuer: ISSUER, account: ACCOUNT, 'can-go-back': true },
  render: (args) => renderElement(TAG, args),
};
export default meta;
type Story = StoryObj;

export const Default: Story = {
  parameters: prose(
    'The QR code for the authenticator app, an "Open in authenticator app" link for people on the phone, and the key behind "Can\'t scan the image?". `uri` and `secret` are properties only, never attributes.',
  ),
};

export const ManualKeyOpen: Story = {
  args: { 'manual-open': true },
  parameters: prose(
    '"Can\'t scan the image?" open (`manual-open`): the key in groups of four with a copy button, and the details a desktop app such as a password manager asks for.',
  ),
};

export const KeyView: Story = {
  args: { view: 'key' },
  parameters: prose(
    'The key view (`view="key"`, what `flow="desktop"` opens on): no QR code, the key in groups of four with Copy key and the details an app on this computer asks for — a password manager such as Enpass. "Scan a QR code instead" switches back; "Using an app on this computer?" in the QR view switches here.',
  ),
};

export const KeyViewEightDigitsSha256: Story = {
  args: { view: 'key', digits: 8, period: 60, algorithm: 'SHA256' },
  parameters: prose('The key view for a backend with 8-digit codes every 60 seconds on SHA-256.'),
};

export const Reset: Story = {
  args: { mode: 'reset' },
  parameters: prose('Replacing a lost authenticator (`mode="reset"`, as in `flow="reset"`): the heading asks for the new authenticator.'),
};

export const Preparing: Story = {
  args: { uri: '', secret: '', busy: true },
  parameters: prose('Before the enrollment exists: a status message in place of the code; Next is disabled.'),
};

export const NetworkError: Story = {
  args: { uri: '', secret: '', error: ERRORS.network },
  parameters: prose('Creating the enrollment failed (`network`). In the wizard, a "Try again" notice takes over.'),
};

export const LongNames: Story = {
  args: { uri: LONG_URI, issuer: LONG_ISSUER, account: LONG_ACCOUNT, 'manual-open': true },
  parameters: prose('A long issuer and a long account name: they wrap, never overflow.'),
};

export const EightDigitsSha256: Story = {
  args: { digits: 8, period: 60, algorithm: 'SHA256', 'manual-open': true },
  parameters: prose('A backend with 8-digit codes every 60 seconds on SHA-256: the manual details say so.'),
};

export const WithoutBack: Story = {
  args: { 'can-go-back': false },
  parameters: prose('When the QR step is the first step of the flow there is nothing to go back to.'),
};

export const Narrow: Story = {
  ...NARROW,
  args: { 'manual-open': true },
  parameters: { ...prose('At 320 CSS pixels, with the manual key open: the details stack.'), twofa: { width: 320 } },
};

export const NarrowLongNames: Story = {
  ...NARROW,
  args: { uri: LONG_URI, issuer: LONG_ISSUER, account: LONG_ACCOUNT, 'manual-open': true },
  parameters: { ...prose('Long names at 320 CSS pixels.'), twofa: { width: 320 } },
};

export const NarrowKeyView: Story = {
  ...NARROW,
  args: { view: 'key', uri: LONG_URI, issuer: LONG_ISSUER, account: LONG_ACCOUNT },
  parameters: { ...prose('The key view with long names at 320 CSS pixels: the details stack.'), twofa: { width: 320 } },
};
