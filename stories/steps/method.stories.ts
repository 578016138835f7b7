import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../../src/twofa-step-method/twofa-step-method.js';
import { argTypesFor, NARROW, prose, renderElement } from '../support/elements.js';
import { inShadow } from '../support/play.js';
import { ERRORS } from '../support/samples.js';

const TAG = 'twofa-step-method';

const meta: Meta = {
  title: 'Steps/Method choice (twofa-step-method)',
  component: TAG,
  argTypes: argTypesFor(TAG),
  args: { methods: ['totp', 'sms', 'email'] },
  render: (args) => renderElement(TAG, args),
};
export default meta;
type Story = StoryObj;

export const Default: Story = {
  parameters: prose(
    'The first step of `flow="method-choice"`: authenticator app, text message or e-mail, as radio buttons (arrow keys move between them). The first offered method is preselected; Continue fires `twofa-submit` with `totp`, `sms` or `email`.',
  ),
};

export const EmailChosen: Story = {
  parameters: prose('E-mail picked: the chosen row is outlined in the accent colour.'),
  play: async ({ canvasElement }) => {
    const radio = await inShadow<HTMLInputElement>(canvasElement, TAG, 'input[value="email"]');
    radio.click();
  },
};

export const WithoutSms: Story = {
  args: { methods: ['totp', 'email'] },
  parameters: prose(
    'Two methods (`methods`): what the wizard offers with `methods="totp email"`, or with `sms="off"`. An adapter without `sendEmail` drops e-mail the same way.',
  ),
};

export const EmailRefusedAlone: Story = {
  args: { methods: ['totp', 'sms'], error: ERRORS.emailOnly },
  parameters: prose(
    "E-mail was picked, and the backend does not accept it as the only second factor (`email_only`; the enrollment's `methods` leaves it out): the wizard comes back here, says why and offers only what the backend accepts.",
  ),
};

export const PasskeyRecommended: Story = {
  args: { methods: ['passkey', 'totp', 'sms', 'email'], recommended: 'passkey' },
  parameters: prose(
    'On a device with a built-in authenticator (Touch ID, Windows Hello, a screen lock), where the adapter registers passkeys: the passkey first, recommended and preselected. Elsewhere it comes last and the app is recommended.',
  ),
};

export const Busy: Story = {
  args: { busy: true },
  parameters: prose('While the wizard works on the step: Continue is disabled (it stays focusable) and a second submit is ignored.'),
};

export const Narrow: Story = {
  ...NARROW,
  parameters: { ...prose('At 320 CSS pixels: the descriptions wrap under the names.'), twofa: { width: 320 } },
};
